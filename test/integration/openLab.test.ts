// The extension inside a real VS Code: it activates, its command opens the lab, the lab draws.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ProtocolLabApi } from '../../src/extension';
import type { RenderReport } from '../../src/panel/labPanel';

const EXTENSION_ID = 'protocol-lab.protocol-lab';

async function activeApi(): Promise<ProtocolLabApi> {
  const extension = vscode.extensions.getExtension<ProtocolLabApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed`);
  return extension.activate();
}

function nextRender(api: ProtocolLabApi, timeoutMs: number): Promise<RenderReport> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`no render report within ${timeoutMs} ms`));
    }, timeoutMs);
    const subscription = api.onDidRender((report) => {
      clearTimeout(timer);
      subscription.dispose();
      resolve(report);
    });
  });
}

describe('Protocol Lab inside VS Code', () => {
  it('runs in VS Code 1.100', () => {
    console.log(`VS Code version: ${vscode.version}`);
    assert.match(vscode.version, /^1\.100\./);
  });

  it('activates quickly and logs how long activation took', async () => {
    const api = await activeApi();
    console.log(`activate() took ${api.activationMs.toFixed(1)} ms`);
    assert.ok(api.activationMs >= 0);
  });

  it('contributes the Open Lab command', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('protocolLab.openLab'));
  });

  it('opens the lab panel, which renders the diagram and reports back', async () => {
    const api = await activeApi();
    const rendered = nextRender(api, 25_000);
    await vscode.commands.executeCommand('protocolLab.openLab');
    const report = await rendered;
    assert.ok(report.ok, report.ok ? '' : report.error);
    assert.ok(report.svgLength > 1000, `an SVG of ${report.svgLength} characters is too small to be the diagram`);
    const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs);
    assert.ok(tabs.some((tab) => tab.input instanceof vscode.TabInputWebview && tab.label === 'Protocol Lab'), 'no Protocol Lab tab is open');
  });

  it('keeps the run going while the panel is hidden and draws it again when shown', async () => {
    const api = await activeApi();
    const first = nextRender(api, 25_000);
    await vscode.commands.executeCommand('protocolLab.runScenario', 'clerk-changes-stateful');
    assert.ok((await first).ok);
    // Another editor on top hides the panel; the host buffers meanwhile.
    const other = await vscode.workspace.openTextDocument({ content: 'covering the lab', language: 'plaintext' });
    await vscode.window.showTextDocument(other, { viewColumn: vscode.ViewColumn.Active, preview: false });
    const labTab = (): vscode.Tab | undefined => vscode.window.tabGroups.all.flatMap((group) => group.tabs).find((tab) => tab.input instanceof vscode.TabInputWebview && tab.label === 'Protocol Lab');
    assert.equal(labTab()?.isActive, false);
    await new Promise((resolveWait) => setTimeout(resolveWait, 1500));
    const again = nextRender(api, 25_000);
    await vscode.commands.executeCommand('protocolLab.openLab');
    const report = await again;
    assert.ok(report.ok, report.ok ? '' : report.error);
    assert.equal(labTab()?.isActive, true);
  });
});
