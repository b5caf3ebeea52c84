// How deep YAML text nests, read in one pass without recursion, before the yaml library (whose
// composer recurses: 2 MB of "[" exhausts the stack after 28 s) is given it. An estimate: it counts
// flow brackets outside quotes and comments, block indentation steps and compact "- " entries,
// skips block scalars; the exact depth is checked on the parsed document afterwards.

const SPACE = /[ \t]/;

function isBreakOrSpace(char: string | undefined): boolean {
  return char === undefined || char === ' ' || char === '\t' || char === '\r' || char === '\n';
}

/** Returns as soon as the estimate passes `limit` (the caller only needs to know that). */
export function yamlNesting(text: string, limit: number): number {
  let deepest = 0;
  let flow = 0;
  let quote: '"' | "'" | undefined;
  /** While inside a block scalar: the column its content must be indented past. */
  let blockOwner: number | undefined;
  /** The previous line ended inside a plain scalar of block context: a more indented line continues it. */
  let continuing = false;
  const indents: number[] = [];
  let start = 0;
  while (start <= text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    let at = start;
    while (at < end && text[at] === ' ') at++;
    const indent = at - start;
    const blank = at >= end || text[at] === '\r' || (text[at] === '#' && quote === undefined);
    if (blockOwner !== undefined && (blank || indent > blockOwner)) { start = end + 1; continue; }
    blockOwner = undefined;
    if (blank && quote === undefined) { start = end + 1; continue; }
    let atStart = true;
    let compact = 0;
    if (quote === undefined && flow === 0) {
      if (continuing && indents.length > 0 && indent > (indents[indents.length - 1] ?? 0)) atStart = false;
      else {
        while (indents.length > 0 && (indents[indents.length - 1] ?? 0) >= indent) indents.pop();
        indents.push(indent);
      }
    }
    let owner = indent;
    let tokenColumn = indent;
    let afterQuote = false;
    for (let index = at; index < end; index++) {
      const char = text[index];
      if (quote === '"') {
        if (char === '\\') index++;
        else if (char === '"') { quote = undefined; afterQuote = true; }
        continue;
      }
      if (quote === "'") {
        if (char === "'" && text[index + 1] === "'") index++;
        else if (char === "'") { quote = undefined; afterQuote = true; }
        continue;
      }
      if (char === undefined || SPACE.test(char) || char === '\r') continue;
      const previous = text[index - 1];
      if (char === '#' && (index === start || isBreakOrSpace(previous))) break;
      const column = index - start;
      if ((char === '[' || char === '{') && (atStart || flow > 0)) { flow++; atStart = true; afterQuote = false; }
      else if ((char === ']' || char === '}') && flow > 0) { flow--; atStart = false; afterQuote = false; }
      else if (char === ',' && flow > 0) { atStart = true; afterQuote = false; }
      else if (char === ':' && (isBreakOrSpace(text[index + 1]) || (flow > 0 && (afterQuote || '[]{},'.includes(text[index + 1] ?? ''))))) { atStart = true; afterQuote = false; owner = tokenColumn; }
      else if (atStart && (char === '"' || char === "'")) { quote = char; tokenColumn = column; atStart = false; }
      else if (atStart && (char === '&' || char === '!')) { while (index + 1 < end && !isBreakOrSpace(text[index + 1]) && !'[]{},'.includes(text[index + 1] ?? '')) index++; }
      else if (atStart && flow === 0 && (char === '-' || char === '?') && isBreakOrSpace(text[index + 1])) { compact++; owner = column; }
      else if (atStart && flow === 0 && (char === '|' || char === '>')) { blockOwner = owner; break; }
      else if (atStart) { atStart = false; tokenColumn = column; afterQuote = false; }
      deepest = Math.max(deepest, indents.length + compact + flow);
      if (deepest > limit) return deepest;
    }
    deepest = Math.max(deepest, indents.length + compact + flow);
    if (deepest > limit) return deepest;
    continuing = quote === undefined && flow === 0 && !atStart && !afterQuote && blockOwner === undefined;
    start = end + 1;
  }
  return deepest;
}
