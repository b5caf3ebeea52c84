// Real sockets inside a real VS Code: the story in the lab run again over real loopback sockets
// (real HTTP servers, the real proxy, a real redis-server for the shared store) from the extension
// host, shown in the panel with the simulation's outcomes, written into a note, and Reset goes back
// to the simulation. The TCP story runs on real net sockets: the crash's RST is the kernel's.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ProtocolLabApi } from '../../src/extension';
import { builtinScenario } from '../../src/scenario/builtins';
import { runScenario } from '../../src/scenario/run';

const EXTENSION_ID = 'protocol-lab.protocol-lab';

describe('Real sockets inside VS Code', () => {
  let api: ProtocolLabApi;

  before(async () => {
    const extension = vscode.extensions.getExtension<ProtocolLabApi>(EXTENSION_ID);
    assert.ok(extension);
    api = await extension.activate();
  });

  after(async () => { await vscode.commands.executeCommand('workbench.action.closeAllEditors'); });

  it('runs the story in the lab over real sockets with the simulation\'s outcomes, and Reset plays it simulated again', async function () {
    this.timeout(90_000);
    await vscode.commands.executeCommand('protocolLab.runScenario', 'relay-stateful-server-dies');
    const said = await vscode.commands.executeCommand<string | undefined>('protocolLab.runOverRealSockets');
    assert.match(said ?? '', /ran over real sockets: \d+ requests, \d+ failed/);
    const real = api.lab.shownRealRun;
    assert.ok(real !== undefined, 'the panel shows the real run');
    assert.equal(api.lab.live, undefined);
    const simulated = runScenario(builtinScenario('relay-stateful-server-dies')?.scenario ?? assert.fail('no such story'));
    assert.equal(real.metrics.failed, simulated.metrics.failed);
    assert.equal(real.metrics.requests, simulated.metrics.requests);
    // Acting on a finished real run is refused with what to do; the lab's state does not change.
    assert.equal(await vscode.commands.executeCommand('protocolLab.crashServer', { server: 'Server2' }), undefined);
    assert.equal(api.lab.shownRealRun, real);
    api.lab.control('reset');
    assert.notEqual(api.lab.live, undefined, 'Reset plays the story in the simulation again');
    assert.equal(api.lab.shownRealRun, undefined);
  });

  it('keeps sessions in a real redis-server for the shared-store story', async function () {
    this.timeout(90_000);
    const said = await vscode.commands.executeCommand<string | undefined>('protocolLab.runOverRealSockets', { scenario: 'scaling-shared-store' });
    assert.match(said ?? '', /ran over real sockets/);
    const real = api.lab.shownRealRun;
    assert.ok(real !== undefined);
    const simulated = runScenario(builtinScenario('scaling-shared-store')?.scenario ?? assert.fail('no such story'));
    assert.deepEqual(real.metrics.failedByReason, simulated.metrics.failedByReason);
    assert.ok(real.final.store !== undefined);
  });

  it('plays the TCP story on real sockets with the simulation\'s outcomes (the RST after the restart)', async function () {
    this.timeout(90_000);
    const said = await vscode.commands.executeCommand<string | undefined>('protocolLab.runOverRealSockets', { scenario: 'tcp-connection' });
    assert.match(said ?? '', /ran over real sockets/);
    const real = api.lab.shownRealRun;
    assert.equal(real?.scenario.protocol, 'tcp');
    const simulated = runScenario(builtinScenario('tcp-connection')?.scenario ?? assert.fail('no such story'));
    assert.deepEqual(real.metrics.failedByReason, simulated.metrics.failedByReason);
    assert.equal(real.metrics.requests, simulated.metrics.requests);
  });
});
