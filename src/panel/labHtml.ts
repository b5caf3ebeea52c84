// The lab page's HTML. Pure so that its CSP can be unit-tested without VS Code; its words come
// from @vscode/l10n, which the extension configures with VS Code's bundle when it activates.
import { randomBytes } from 'node:crypto';
import * as l10n from '@vscode/l10n';

export interface LabHtmlInput {
  /** The webview's `cspSource` (origin allowed for our own files). */
  readonly cspSource: string;
  readonly scriptUri: string;
  readonly styleUri: string;
  /** VS Code's icon font's stylesheet (@vscode/codicons), beside the page's own. */
  readonly codiconUri?: string;
  readonly title: string;
  readonly nonce?: string;
  /** VS Code's l10n bundle for the display language (undefined in English): the page reads it. */
  readonly bundle?: Readonly<Record<string, string>>;
  /** The page's language, for screen readers and fonts. */
  readonly lang?: string;
}

/** JSON that can sit inside a <script> element: no "</script>" or "<!--" can appear in it. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value ?? null).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export function createNonce(): string {
  return randomBytes(18).toString('base64url');
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    // Mermaid injects <style> into each SVG, so inline styles are needed; scripts stay nonce-only.
    `style-src ${cspSource} 'unsafe-inline'`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join('; ');
}

export function labHtml(input: LabHtmlInput): string {
  const nonce = input.nonce ?? createNonce();
  return `<!DOCTYPE html>
<html lang="${escapeAttribute(input.lang ?? 'en')}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(contentSecurityPolicy(input.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${input.codiconUri === undefined ? '' : `<link rel="stylesheet" href="${escapeAttribute(input.codiconUri)}">\n`}<link rel="stylesheet" href="${escapeAttribute(input.styleUri)}">
<title>${escapeAttribute(input.title)}</title>
</head>
<body>
<header class="toolbar">
  <h1 id="diagram-title" class="diagram-title"></h1>
  <div id="controls" class="controls" role="toolbar" aria-label="${escapeAttribute(l10n.t('Run controls'))}"></div>
  <div id="actions" class="actions" role="toolbar" aria-label="${escapeAttribute(l10n.t('Diagram actions'))}"></div>
</header>
<div id="lab-actions" class="lab-actions" role="toolbar" aria-label="${escapeAttribute(l10n.t('Act on the lab'))}"></div>
<div class="layout">
  <main id="diagram-scroller" class="diagram-scroller" tabindex="0" aria-label="${escapeAttribute(l10n.t('Sequence diagram of the run'))}">
    <div id="status" class="status" role="status">${escapeAttribute(l10n.t('Loading…'))}</div>
    <div id="diagram" class="diagram"></div>
    <details class="message-text"><summary>${escapeAttribute(l10n.t('Messages as text'))}</summary><ol id="message-list"></ol></details>
  </main>
  <aside id="inspector" class="inspector" aria-label="${escapeAttribute(l10n.t('State inspector and metrics'))}"></aside>
</div>
<script type="application/json" id="l10n-bundle">${scriptSafeJson(input.bundle)}</script>
<script nonce="${nonce}" src="${escapeAttribute(input.scriptUri)}"></script>
</body>
</html>`;
}
