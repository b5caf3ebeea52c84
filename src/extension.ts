// Entry point: wires commands to the lab. Kept thin on purpose.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { DiagramCommands } from './commands/diagramCommands';
import { guardedCommand } from './commands/guardedCommand';
import { LabCommands } from './commands/labCommands';
import { runOverRealSocketsCommand } from './commands/realSocketsCommand';
import { runScenarioCommand } from './commands/scenarioCommands';
import { ComparePanel } from './panel/comparePanel';
import { LAB_VIEW_TYPE, LabPanel, type RenderReport } from './panel/labPanel';
import { restoredScenarioFile, restoredScenarioId } from './panel/panelState';
import { ProxyCommands } from './proxy/proxyCommands';
import { RememberedProxy } from './proxy/rememberedProxy';
import { ScenarioFiles } from './scenarioFiles/scenarioFiles';
import { ScenarioTree } from './views/scenarioTree';
import { TopologyTree } from './views/topologyTree';

/** What the extension exports, used by the integration tests. */
export interface ProtocolLabApi {
  readonly onDidRender: vscode.Event<RenderReport>;
  readonly activationMs: number;
  /** The sidebar's trees and the lab, for tests that check what they show. */
  readonly views: { readonly scenarios: ScenarioTree; readonly topology: TopologyTree };
  readonly lab: LabPanel;
  /** Compare Architectures' panel. */
  readonly compare: ComparePanel;
  readonly scenarioFiles: ScenarioFiles;
  /** Proxy My App: where the proxy listens and what the status bar says. */
  readonly proxy: ProxyCommands;
}

export function activate(context: vscode.ExtensionContext): ProtocolLabApi {
  const started = performance.now();
  // Code shared with the webview and the CLI translates through @vscode/l10n: give it VS Code's bundle.
  if (vscode.l10n.bundle !== undefined) l10n.config({ contents: vscode.l10n.bundle });
  const log = vscode.window.createOutputChannel('Protocol Lab', { log: true });
  const lab = new LabPanel(context.extensionUri, log);
  const run = guardedCommand(log);
  const files = new ScenarioFiles(log, __dirname);
  const topology = new TopologyTree(lab);
  const scenarios = new ScenarioTree(files);
  const diagramCommands = new DiagramCommands(lab);
  const compare = new ComparePanel(context.extensionUri, log, (markdown, target) => diagramCommands.insertMarkdown(markdown, target));
  const labCommands = new LabCommands(lab, files, compare);
  const proxy = new ProxyCommands(lab, new RememberedProxy(context.workspaceState), log);
  // The panel's action bar does what the palette does, through the same code.
  lab.performActionsWith((action, args) => labCommands.perform(action, args));
  let labOpen = false;
  context.subscriptions.push(
    log,
    lab,
    run('protocolLab.openLab', () => {
      lab.open();
      return Promise.resolve(undefined);
    }),
    files,
    run('protocolLab.runScenario', runScenarioCommand(lab, files)),
    run('protocolLab.runOverRealSockets', runOverRealSocketsCommand(lab)),
    vscode.window.registerTreeDataProvider('protocolLab.scenarios', scenarios),
    topology,
    vscode.window.registerTreeDataProvider('protocolLab.topology', topology),
    lab.onDidChange(() => {
      const open = lab.live !== undefined || lab.shownTraffic !== undefined || lab.shownRealRun !== undefined;
      if (open === labOpen) return;
      labOpen = open;
      // Drives the `when` clauses of the lab's commands and the Topology view's welcome text (shown while it is closed).
      void vscode.commands.executeCommand('setContext', 'protocolLab.labOpen', open);
    }),
    compare,
    ...diagramCommands.register(run),
    ...labCommands.register(run),
    // Disposed with the extension: a running proxy stops.
    proxy,
    ...proxy.register(run),
    // After a window reload VS Code hands the panel back with the state the webview kept: the lab
    // replays the scenario that was playing.
    vscode.window.registerWebviewPanelSerializer(LAB_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel: vscode.WebviewPanel, state: unknown) => {
        const file = restoredScenarioFile(state);
        const parsed = file === undefined ? undefined : await files.load(vscode.Uri.parse(file, true)).catch(() => undefined);
        // A file that is gone or no longer valid: the panel still comes back, with the first story.
        lab.attach(panel, file !== undefined && parsed?.parsed.ok === true ? { scenario: parsed.parsed.scenario, id: file } : restoredScenarioId(state));
      },
    }),
  );
  // Finding the workspace's scenario files is I/O: after activation, not during it.
  void files.scan();
  const activationMs = performance.now() - started;
  log.info(`Activated in ${activationMs.toFixed(1)} ms`);
  return { onDidRender: lab.onDidRender, activationMs, views: { scenarios, topology }, lab, compare, scenarioFiles: files, proxy };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
