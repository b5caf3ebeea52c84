// Entry point: wires commands to the lab. Kept thin on purpose.
import * as vscode from 'vscode';
import { DiagramCommands } from './commands/diagramCommands';
import { pickScenario } from './commands/scenarioCommands';
import { LAB_VIEW_TYPE, LabPanel, type RenderReport } from './panel/labPanel';
import { restoredScenarioId } from './panel/panelState';

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
    vscode.commands.registerCommand('protocolLab.runScenario', async (id: unknown) => {
      const chosen = typeof id === 'string' ? id : await pickScenario();
      if (chosen !== undefined) lab.open(chosen);
    }),
    ...new DiagramCommands(lab).register(),
    // After a window reload VS Code hands the panel back with the state the webview kept: the lab
    // replays the scenario that was playing.
    vscode.window.registerWebviewPanelSerializer(LAB_VIEW_TYPE, {
      deserializeWebviewPanel: (panel: vscode.WebviewPanel, state: unknown) => {
        lab.attach(panel, restoredScenarioId(state));
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
