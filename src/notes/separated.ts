// Where a note's block meets the text around it (no vscode here: unit tests read it).

/** The block with blank lines around it, so it never runs into the text next to it. */
export function separated(block: string, before: string, after: string): string {
  const body = block.replace(/\s+$/, '');
  const lead = before === '' || before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
  const trail = after === '' ? '\n' : after.startsWith('\n\n') ? '' : after.startsWith('\n') ? '\n' : '\n\n';
  return `${lead}${body}${trail}`;
}
