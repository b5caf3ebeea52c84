// A webview page's frame, shared by the lab and the comparison: the CSP (nonce-only scripts), the
// stylesheets, the l10n bundle the page reads and its one script. Pure, so the CSP is unit-tested.
import { randomBytes } from 'node:crypto';

export interface WebviewPageInput {
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

export function escapeAttribute(text: string): string {
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

/** The whole page around `body` (the page's own elements); `firstScript` runs inline before the bundle. */
export function webviewPage(input: WebviewPageInput, body: string, firstScript?: string): string {
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
${body}
<script type="application/json" id="l10n-bundle">${scriptSafeJson(input.bundle)}</script>
${firstScript === undefined ? '' : `<script nonce="${nonce}">${firstScript}</script>\n`}<script nonce="${nonce}" src="${escapeAttribute(input.scriptUri)}"></script>
</body>
</html>`;
}
