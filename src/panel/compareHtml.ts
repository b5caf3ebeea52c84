// The Compare Architectures page's HTML: the lab page's CSP (nonce-only scripts) and its l10n bundle.
import * as l10n from '@vscode/l10n';
import { contentSecurityPolicy, createNonce, scriptSafeJson, type LabHtmlInput } from './labHtml';

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function compareHtml(input: LabHtmlInput): string {
  const nonce = input.nonce ?? createNonce();
  const codicons = input.codiconUri === undefined ? '' : `<link rel="stylesheet" href="${escapeAttribute(input.codiconUri)}">\n`;
  return `<!DOCTYPE html>
<html lang="${escapeAttribute(input.lang ?? 'en')}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(contentSecurityPolicy(input.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${codicons}<link rel="stylesheet" href="${escapeAttribute(input.styleUri)}">
<title>${escapeAttribute(input.title)}</title>
</head>
<body>
<header class="toolbar">
  <h1 id="compare-title" class="diagram-title"></h1>
  <div id="compare-actions" class="compare-actions" role="toolbar" aria-label="${escapeAttribute(l10n.t('Comparison actions'))}"></div>
</header>
<main id="compare" class="compare" aria-label="${escapeAttribute(l10n.t('The architectures side by side'))}">
  <div id="compare-status" class="status" role="status">${escapeAttribute(l10n.t('Loading…'))}</div>
</main>
<script type="application/json" id="l10n-bundle">${scriptSafeJson(input.bundle)}</script>
<script nonce="${nonce}" src="${escapeAttribute(input.scriptUri)}"></script>
</body>
</html>`;
}
