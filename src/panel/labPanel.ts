// Owns the lab's webview panel: creates it, streams the live session to it, reports renders.
// The host is the only source of truth; the webview asks for a snapshot whenever it is unsure.
import * as vscode from 'vscode';
import { LiveSession } from '../live/liveSession';
import { parseWebviewToHost, toWire, type ControlAction, type HostToWebviewMessage, type WebviewToHostMessage } from '../protocol/messages';
import { builtinScenario } from '../scenario/builtins';
import { topologyOf } from '../scenario/run';
import type { Scenario } from '../scenario/scenario';
import { labHtml } from './labHtml';

export const LAB_VIEW_TYPE = 'protocolLab.lab';
const FIRST_STORY = 'login-stateful';

export type RenderReport =
  | { readonly ok: true; readonly svgLength: number; readonly elapsedMs: number }
  | { readonly ok: false; readonly error: string };

export class LabPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private session: LiveSession | undefined;
  private scenario: Scenario | undefined;
  /** Events happened while the panel was hidden: VS Code drops messages then, so send a snapshot on show. */
  private stale = false;
  private readonly renderEmitter = new vscode.EventEmitter<RenderReport>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Fires each time the webview reports a diagram drawn (or refused). */
  readonly onDidRender = this.renderEmitter.event;

  constructor(private readonly extensionUri: vscode.Uri, private readonly log: vscode.LogOutputChannel) {}

  open(): void {
    if (this.panel) {
      this.panel.reveal();
      return;
    }
    const webviewRoot = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    this.attach(vscode.window.createWebviewPanel(LAB_VIEW_TYPE, 'Protocol Lab', vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [webviewRoot],
    }));
  }

  /** Takes over a panel: a new one, or one VS Code restores after a reload. */
  attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    const webviewRoot = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    panel.webview.options = { enableScripts: true, localResourceRoots: [webviewRoot] };
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icon.svg');
    panel.webview.html = labHtml({
      cspSource: panel.webview.cspSource,
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot, 'lab.js')).toString(),
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot, 'lab.css')).toString(),
      title: 'Protocol Lab',
    });
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => { this.receive(raw); }),
      panel.onDidChangeViewState(() => {
        if (panel.visible && this.stale) this.sendSnapshot();
      }),
      panel.onDidDispose(() => { this.detach(); }),
    );
    if (this.session === undefined) this.play(FIRST_STORY);
  }

  /** Plays a built-in scenario live in the panel. */
  play(builtinId: string): void {
    const builtin = builtinScenario(builtinId);
    if (builtin === undefined) throw new Error(`No built-in scenario "${builtinId}"`);
    this.scenario = builtin.scenario;
    const topology = topologyOf(builtin.scenario);
    this.session?.dispose();
    const session = new LiveSession(topology);
    this.session = session;
    session.onBatch((batch) => {
      if (this.panel?.visible !== true) {
        this.stale = true;
        return;
      }
      const state = session.state();
      this.post({ type: 'events', fromSeq: batch.fromSeq, events: batch.events, inspector: state.lab, metrics: state.metrics });
    });
    session.onReset(() => { this.sendSnapshot(); });
    session.load(topology, builtin.scenario.steps);
  }

  private detach(): void {
    this.panel = undefined;
    this.session?.dispose();
    this.session = undefined;
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }

  private sendSnapshot(): void {
    const session = this.session;
    if (session === undefined || this.panel === undefined) return;
    if (!this.panel.visible) {
      this.stale = true;
      return;
    }
    this.stale = false;
    const state = session.state();
    const language = vscode.env.language.startsWith('ko') ? 'ko' : 'en';
    this.post({
      type: 'snapshot', title: this.scenario?.title[language] ?? 'Protocol Lab', language,
      participants: state.participants, events: state.events, inspector: state.lab, metrics: state.metrics, pacing: state.pacing,
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
        this.sendSnapshot();
        return;
      case 'needSnapshot':
        this.log.info(`The lab webview asked for a snapshot: ${message.reason}`);
        this.sendSnapshot();
        return;
      case 'control':
        this.control(message.action);
        return;
      case 'rendered':
        this.log.debug(`Diagram rendered: ${message.svgLength} characters of SVG in ${Math.round(message.elapsedMs)} ms`);
        this.renderEmitter.fire({ ok: true, svgLength: message.svgLength, elapsedMs: message.elapsedMs });
        return;
      case 'renderFailed':
        this.log.error(`Diagram failed to render: ${message.error}`);
        this.renderEmitter.fire({ ok: false, error: message.error });
        return;
    }
  }

  private control(action: ControlAction): void {
    const session = this.session;
    if (session === undefined) return;
    switch (action) {
      case 'play': session.play(); break;
      case 'pause': session.pause(); break;
      case 'step': session.step(); break;
      case 'reset': session.reset(); break;
      case 'faster': session.changeSpeed(1); break;
      case 'slower': session.changeSpeed(-1); break;
    }
    this.post({ type: 'pacing', ...session.pacingState });
  }

  private post(message: HostToWebviewMessage): void {
    void this.panel?.webview.postMessage(toWire(message));
  }

  dispose(): void {
    this.panel?.dispose();
    this.detach();
    this.renderEmitter.dispose();
  }
}
