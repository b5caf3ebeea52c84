// The lab page's first script, inline and tiny, so it runs as soon as the page's elements are parsed:
// it shows the drawing the page kept in VS Code's webview state (src/protocol/pageState.ts) while the
// bundle, Mermaid in it, still loads. It takes the VS Code handle (a page may acquire it only once)
// and leaves it for the bundle. The state is the page's own, but it is checked like any input.
// data-painted stays on the element after the page has drawn for itself: tests see it happened.
export const FIRST_PAINT_SCRIPT = `(() => {
  const host = acquireVsCodeApi();
  window.protocolLabHost = host;
  let paint;
  try { paint = host.getState()?.firstPaint; } catch { return; }
  if (typeof paint !== 'object' || paint === null || typeof paint.svg !== 'string' || !paint.svg.startsWith('<svg')) return;
  // Drawn in the theme VS Code has now (read as webview/diagramRenderer.ts reads it), or not at all.
  const classes = document.body.classList;
  const theme = !classes.contains('vscode-high-contrast-light') && (classes.contains('vscode-dark') || classes.contains('vscode-high-contrast')) ? 'dark' : 'default';
  if (paint.theme !== theme) return;
  const holder = document.getElementById('first-paint');
  if (holder === null) return;
  holder.innerHTML = paint.svg;
  holder.hidden = false;
  holder.dataset.painted = 'true';
  const title = document.getElementById('diagram-title');
  if (title !== null && typeof paint.title === 'string') title.textContent = paint.title;
})();`;
