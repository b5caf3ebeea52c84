// Entry point: wires commands to the lab. Kept thin on purpose.
import * as vscode from 'vscode';
import { LAB_VIEW_TYPE, LabPanel, type RenderReport } from './panel/labPanel';

/** What the extension exports, used by the integration tests. */
export interface ProtocolLabApi {
  readonly onDidRender: vscode.Event<RenderReport>;
  readonly activationMs: number;
}

export function activate(context: vscode.ExtensionContext): ProtocolLabApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Protocol Lab', { log: true });
  const lab = new LabPanel(context.extensionUri, log);
  context.subscriptions.push(
    log,
    lab,
    vscode.commands.registerCommand('protocolLab.openLab', () => { lab.open(); }),
    // After a window reload VS Code hands the panel back; the lab replays its story into it.
    vscode.window.registerWebviewPanelSerializer(LAB_VIEW_TYPE, {
      deserializeWebviewPanel: (panel: vscode.WebviewPanel) => {
        lab.attach(panel);
        return Promise.resolve();
      },
    }),
  );
  const activationMs = performance.now() - started;
  log.info(`Activated in ${activationMs.toFixed(1)} ms`);
  return { onDidRender: lab.onDidRender, activationMs };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
