// The Compare Architectures page's HTML, in the same frame as the lab page (CSP, l10n bundle).
import * as l10n from '@vscode/l10n';
import { escapeAttribute, webviewPage, type WebviewPageInput } from './webviewPage';

export function compareHtml(input: WebviewPageInput): string {
  return webviewPage(input, `<header class="toolbar">
  <h1 id="compare-title" class="diagram-title"></h1>
  <div id="compare-actions" class="compare-actions" role="toolbar" aria-label="${escapeAttribute(l10n.t('Comparison actions'))}"></div>
</header>
<main id="compare" class="compare" aria-label="${escapeAttribute(l10n.t('The architectures side by side'))}">
  <div id="compare-status" class="status" role="status">${escapeAttribute(l10n.t('Loading…'))}</div>
</main>`);
}
