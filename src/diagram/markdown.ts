// Text that goes into a note's Markdown: table cells and headings that cannot break it, fenced blocks.

/**
 * Text for a Markdown heading, paragraph or table cell that stays text: one line, no HTML, and every
 * character that could start code, a fence, a link, an image or emphasis escaped (a title such as
 * "~~~ js", "````", "$$", "%%" or "![t](https://…)" can neither swallow the note nor fetch anything).
 */
export function markdownText(text: string): string {
  return text
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    // `$` is escaped too: `$$` opens a math block in VS Code's preview (markdown-it-katex) and in Obsidian.
    .replace(/[\\`*_[\]~|!$]/g, '\\$&')
    // Obsidian's comment marker `%%` hides everything up to the next one: written as an entity, it is no marker.
    .replace(/%(?=%)/g, '&#37;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    // What starts a block when it starts a line: indentation (code), a heading, a quote, a list,
    // a rule, a setext underline, a numbered list.
    .replace(/^\s+/, '')
    .replace(/^([#>+=-])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/** A fenced block that cannot be closed early by its content. */
export function mermaidFence(mermaid: string): string {
  return ['```mermaid', mermaid, '```'].join('\n');
}
