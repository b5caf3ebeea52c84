// What a webview page of ours needs from VS Code: the files it may load (dist/webview only), the
// origin its CSP allows, and the display language's l10n bundle.
import * as vscode from 'vscode';
import type { WebviewPageInput } from './webviewPage';

/** The folder our pages may read from, the only local resource root they get. */
export function webviewRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
}

export function webviewPageInput(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): WebviewPageInput {
  const root = webviewRoot(extensionUri);
  const file = (name: string): string => webview.asWebviewUri(vscode.Uri.joinPath(root, name)).toString();
  return { cspSource: webview.cspSource, scriptUri: file('lab.js'), styleUri: file('lab.css'), codiconUri: file('codicon.css'), title, bundle: vscode.l10n.bundle, lang: vscode.env.language };
}
