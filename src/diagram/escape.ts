// Text in a Mermaid sequence diagram is shown, never interpreted. Mermaid decodes `#<code>;`
// entities in labels, so every character that could mean something to its lexer, to its
// HTML sanitiser, or to a Markdown fence is written that way. `$` too: Mermaid (10, 11, 12) reads
// `$$…$$` as KaTeX math before it decodes entities, so `#36;` is drawn as a dollar sign.

/** Characters that are safe as they are: letters and digits of any script, emoji, spaces, plain punctuation. */
const SAFE = /[\p{L}\p{M}\p{N}\p{Extended_Pictographic} .,:!?()'_/=+*@^~|[\]’‘“”…·•✗-]/u;

// A no-break space stays itself: Mermaid sizes a note by its text before it decodes `#160;`, so the
// entity would draw boxes far wider than their words.
const NO_BREAK_SPACE = '\u00a0';

// Joiners inside emoji sequences (👨‍👩‍👧, ❤️) stay as they are.
const ZERO_WIDTH_JOINER = '\u200d';
const EMOJI_STYLE = '\ufe0f';

export function escapeLabel(text: string): string {
  let out = '';
  for (const char of text.replace(/\r\n?/g, '\n')) {
    if (char === '\n') out += '<br/>';
    else if (SAFE.test(char) || char === ZERO_WIDTH_JOINER || char === EMOJI_STYLE || char === NO_BREAK_SPACE) out += char;
    else out += `#${char.codePointAt(0) ?? 32};`;
  }
  // Mermaid trims labels and would drop an empty one: keep something visible.
  return out.trim() === '' ? '#160;' : out;
}

/** Several lines in one label (notes): each escaped, joined by Mermaid's line break. */
export function escapeLines(lines: readonly string[]): string {
  return lines.map(escapeLabel).join('<br>');
}
