// Compare Architectures in a panel of its own: the same steps under each architecture, drawn side
// by side (one scroller, so they scroll together), the first request where they part marked, and
// Insert into note for the Markdown (the table and every diagram).
import * as vscode from 'vscode';
import type { StatePlacement } from '../engine/model';
import type { Language } from '../engine/text';
import { parseCompareToHost, type HostToCompareMessage, type ShowComparisonMessage } from '../protocol/compareMessages';
import { comparisonMessage } from './comparisonMessage';
import type { Scenario } from '../scenario/scenario';
import { compareHtml } from './compareHtml';
import { webviewPageInput, webviewRoot } from './webviewFiles';

export const COMPARE_VIEW_TYPE = 'protocolLab.compare';

/** Where a note goes, as Insert into note's `target` argument names it; undefined: ask. */
export type NoteTargetKind = 'cursor' | 'untitled' | 'file' | 'clipboard';

/** Puts Markdown into a note the way Insert into note does (it asks where); says what it did. */
export type NoteInserter = (markdown: string, target?: NoteTargetKind) => Promise<string | undefined>;

export class ComparePanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private shown: { readonly message: ShowComparisonMessage; readonly markdown: string } | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly drawEmitter = new vscode.EventEmitter<string>();
  /** Fires when the view has drawn a comparison: '' when every diagram was drawn, else Mermaid's error. */
  readonly onDidDraw = this.drawEmitter.event;

  constructor(private readonly extensionUri: vscode.Uri, private readonly log: vscode.LogOutputChannel, private readonly insert: NoteInserter) {}

  /** What the view shows now (for tests and the sidebar); undefined when it is closed. */
  get current(): ShowComparisonMessage | undefined {
    return this.panel === undefined ? undefined : this.shown?.message;
  }

  show(scenario: Scenario, states: readonly StatePlacement[], language: Language): void {
    this.shown = comparisonMessage(scenario, states, language);
    const title = vscode.l10n.t('Compare: {0}', this.shown.message.title);
    if (this.panel !== undefined) {
      this.panel.title = title;
      this.post(this.shown.message);
      this.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(COMPARE_VIEW_TYPE, title, vscode.ViewColumn.Active, { enableScripts: true, localResourceRoots: [webviewRoot(this.extensionUri)], retainContextWhenHidden: true });
    this.panel = panel;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icon.svg');
    panel.webview.html = compareHtml(webviewPageInput(panel.webview, this.extensionUri, title));
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => { this.receive(raw); }),
      panel.onDidDispose(() => { this.detach(); }),
    );
  }

  /** The comparison's Markdown into a note; `target` as Insert into note takes it (the tests name one). */
  async insertIntoNote(target?: NoteTargetKind): Promise<string | undefined> {
    if (this.shown === undefined) throw new Error(vscode.l10n.t('Nothing is compared yet.'));
    return this.insert(this.shown.markdown, target);
  }

  private receive(raw: unknown): void {
    const parsed = parseCompareToHost(raw);
    if (!parsed.ok) {
      this.log.warn(`Ignored a malformed message from the comparison view: ${parsed.error}`);
      return;
    }
    switch (parsed.message.type) {
      case 'ready':
        if (this.shown !== undefined) this.post(this.shown.message);
        return;
      case 'rendered':
        if (parsed.message.error !== '') this.log.error(`A comparison diagram failed to render: ${parsed.message.error}`);
        this.drawEmitter.fire(parsed.message.error);
        return;
      case 'insertIntoNote':
        this.insertIntoNote().then(
          (done) => { this.post({ type: 'inserted', ok: true, text: done ?? '' }); },
          (error: unknown) => { this.post({ type: 'inserted', ok: false, text: (error instanceof Error ? error.message : String(error)).slice(0, 4000) }); },
        );
        return;
    }
  }

  private post(message: HostToCompareMessage): void {
    void this.panel?.webview.postMessage(message);
  }

  private detach(): void {
    this.panel = undefined;
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }

  dispose(): void {
    this.panel?.dispose();
    this.detach();
    this.drawEmitter.dispose();
  }
}
