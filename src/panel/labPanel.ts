// Owns the lab's webview panel: creates it, speaks the message protocol, reports renders.
import * as vscode from 'vscode';
import { parseWebviewToHost, type HostToWebviewMessage, type WebviewToHostMessage } from '../protocol/messages';
import { sequenceDiagram } from '../diagram/sequenceDiagram';
import { builtinScenario } from '../scenario/builtins';
import { runScenario } from '../scenario/run';
import { labHtml } from './labHtml';

export const LAB_VIEW_TYPE = 'protocolLab.lab';

export type RenderReport =
  | { readonly ok: true; readonly svgLength: number; readonly elapsedMs: number }
  | { readonly ok: false; readonly error: string };

export class LabPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private readonly renderEmitter = new vscode.EventEmitter<RenderReport>();
  private readonly log: vscode.LogOutputChannel;
  /** Fires each time the webview reports a diagram drawn (or refused). */
  readonly onDidRender = this.renderEmitter.event;

  constructor(private readonly extensionUri: vscode.Uri, log: vscode.LogOutputChannel) {
    this.log = log;
  }

  open(): void {
    if (this.panel) {
      this.panel.reveal();
      return;
    }
    const webviewRoot = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    const panel = vscode.window.createWebviewPanel(LAB_VIEW_TYPE, 'Protocol Lab', vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [webviewRoot],
    });
    this.panel = panel;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icon.svg');
    panel.webview.html = labHtml({
      cspSource: panel.webview.cspSource,
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot, 'lab.js')).toString(),
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot, 'lab.css')).toString(),
      title: 'Protocol Lab',
    });
    panel.webview.onDidReceiveMessage((raw: unknown) => { this.receive(raw); });
    panel.onDidDispose(() => {
      this.panel = undefined;
    });
  }

  private receive(raw: unknown): void {
    const parsed = parseWebviewToHost(raw);
    if (!parsed.ok) {
      this.log.warn(`Ignored a malformed message from the lab webview: ${parsed.error}`);
      return;
    }
    this.handle(parsed.message);
  }

  private handle(message: WebviewToHostMessage): void {
    switch (message.type) {
      case 'ready':
        this.showFirstStory();
        return;
      case 'rendered':
        this.log.info(`Diagram rendered: ${message.svgLength} characters of SVG in ${Math.round(message.elapsedMs)} ms`);
        this.renderEmitter.fire({ ok: true, svgLength: message.svgLength, elapsedMs: message.elapsedMs });
        return;
      case 'renderFailed':
        this.log.error(`Diagram failed to render: ${message.error}`);
        this.renderEmitter.fire({ ok: false, error: message.error });
        return;
    }
  }

  /** Until the live lab arrives: the stateful note's login, run by the engine. */
  private showFirstStory(): void {
    const builtin = builtinScenario('login-stateful');
    if (builtin === undefined) return;
    const run = runScenario(builtin.scenario);
    const [part] = sequenceDiagram(run.participants, run.trace, { language: vscode.env.language.startsWith('ko') ? 'ko' : 'en' });
    if (part !== undefined) this.post({ type: 'showDiagram', title: builtin.scenario.title.en, mermaid: part.mermaid });
  }

  private post(message: HostToWebviewMessage): void {
    void this.panel?.webview.postMessage(message);
  }

  dispose(): void {
    this.panel?.dispose();
    this.renderEmitter.dispose();
  }
}
