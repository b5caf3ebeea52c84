// Text that goes into a note's Markdown: table cells and headings that cannot break it, fenced blocks.

/** Escapes text for a Markdown table cell or heading: no pipes, no line breaks, no HTML. */
export function markdownText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r?\n/g, ' ').replace(/^([#>*+-])/, '\\$1');
}

/** A fenced block that cannot be closed early by its content. */
export function mermaidFence(mermaid: string): string {
  return ['```mermaid', mermaid, '```'].join('\n');
}
