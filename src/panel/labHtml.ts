// The lab page's HTML. Its words come from @vscode/l10n, which the extension configures with
// VS Code's bundle when it activates.
import * as l10n from '@vscode/l10n';
import { FIRST_PAINT_SCRIPT } from './firstPaintScript';
import { escapeAttribute, webviewPage, type WebviewPageInput } from './webviewPage';

export function labHtml(input: WebviewPageInput): string {
  return webviewPage(input, `<header class="toolbar">
  <h1 id="diagram-title" class="diagram-title"></h1>
  <div id="controls" class="controls" role="toolbar" aria-label="${escapeAttribute(l10n.t('Run controls'))}"></div>
  <div id="actions" class="actions" role="toolbar" aria-label="${escapeAttribute(l10n.t('Diagram actions'))}"></div>
</header>
<div id="lab-actions" class="lab-actions" role="toolbar" aria-label="${escapeAttribute(l10n.t('Act on the lab'))}"></div>
<div class="layout">
  <main id="diagram-scroller" class="diagram-scroller" tabindex="0" aria-label="${escapeAttribute(l10n.t('Sequence diagram of the run'))}">
    <div id="status" class="status" role="status">${escapeAttribute(l10n.t('Loading…'))}</div>
    <div id="first-paint" class="first-paint segment-svg" hidden></div>
    <div id="diagram" class="diagram"></div>
    <details class="message-text"><summary>${escapeAttribute(l10n.t('Messages as text'))}</summary><ol id="message-list"></ol></details>
  </main>
  <aside id="inspector" class="inspector" aria-label="${escapeAttribute(l10n.t('State inspector and metrics'))}"></aside>
</div>`, FIRST_PAINT_SCRIPT);
}
