// What files, palette entries and command arguments may not do inside a real VS Code: make the
// host read without bound, run text that is not UTF-8, ask the lab for what a file may not, or
// write outside the workspace and under another kind of name.
import * as assert from 'node:assert/strict';
import { closeSync, existsSync, ftruncateSync, openSync, symlinkSync } from 'node:fs';
import * as vscode from 'vscode';
import type { ProtocolLabApi } from '../../src/extension';
import { until } from '../support/until';

const EXTENSION_ID = 'protocol-lab.protocol-lab';

let api: ProtocolLabApi;

function folder(): vscode.Uri {
  const found = vscode.workspace.workspaceFolders?.[0];
  assert.ok(found, 'the tests run with a workspace folder open');
  return found.uri;
}

function problems(uri: vscode.Uri): string[] | undefined {
  const found = vscode.languages.getDiagnostics(uri);
  return found.length > 0 ? found.map((diagnostic) => diagnostic.message) : undefined;
}

describe('hostile input inside VS Code', () => {
  before(async () => {
    const extension = vscode.extensions.getExtension<ProtocolLabApi>(EXTENSION_ID);
    assert.ok(extension);
    api = await extension.activate();
  });
  afterEach(async () => { await vscode.commands.executeCommand('workbench.action.closeAllEditors'); });

  it('measures a scenario file before reading it: a 700 MB file and a link to /dev/zero get one problem each', async function () {
    this.timeout(60_000);
    const huge = vscode.Uri.joinPath(folder(), 'sparse.protocol-lab.yaml');
    const fd = openSync(huge.fsPath, 'w');
    ftruncateSync(fd, 700 * 1024 * 1024);
    closeSync(fd);
    const zero = vscode.Uri.joinPath(folder(), 'zero.protocol-lab.json');
    symlinkSync('/dev/zero', zero.fsPath);
    assert.deepEqual(await until('the 700 MB file\'s problem', () => problems(huge)), ['the file is 700.0 MB; a scenario file may be at most 2 MB']);
    assert.deepEqual(await until('the /dev/zero link\'s problem', () => problems(zero)), ['not a regular file']);
    // Running it from a command is refused the same way, and the lab is left as it was.
    const before = api.lab.current?.id;
    assert.equal(await vscode.commands.executeCommand('protocolLab.runScenario', huge), undefined);
    assert.equal(api.lab.current?.id, before);
    await vscode.workspace.fs.delete(huge);
    await vscode.workspace.fs.delete(zero);
  });

  it('says "not UTF-8 text" for a CP949 file, on disk and open in the editor, and does not run it', async function () {
    this.timeout(30_000);
    const uri = vscode.Uri.joinPath(folder(), 'cp949.protocol-lab.yaml');
    // "한글" in CP949.
    await vscode.workspace.fs.writeFile(uri, Uint8Array.from([...new TextEncoder().encode('version: 1\ntitle: '), 0xc7, 0xd1, 0xb1, 0xdb, ...new TextEncoder().encode('\nprotocol: shop\nsteps:\n  - { from: Client, send: price, item: laptop }\n')]));
    assert.deepEqual(await until('the problem', () => problems(uri)), ['not UTF-8 text (save the file as UTF-8)']);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await new Promise((resolveWait) => setTimeout(resolveWait, 1000));
    assert.deepEqual(problems(uri), ['not UTF-8 text (save the file as UTF-8)']);
    await vscode.commands.executeCommand('protocolLab.runScenario', uri);
    assert.ok(!(api.lab.current?.scenario.title.en ?? '').includes('\uFFFD'), 'the garbled file did not run');
    await vscode.workspace.fs.delete(uri);
  });

  it('refuses in commands what a scenario file refuses: quantities out of range, a blank or taken server name', async function () {
    this.timeout(30_000);
    await vscode.commands.executeCommand('protocolLab.runScenario', 'clerk-changes-stateful');
    await until('the lab', () => api.lab.live);
    await vscode.commands.executeCommand('protocolLab.pause');
    const session = api.lab.live;
    assert.ok(session);
    const client = session.labForCommands.topology.clients[0] ?? '';
    // Every request the commands let through reaches the session's send: count them there.
    const sent: unknown[] = [];
    const send = session.send.bind(session);
    session.send = (...args) => { sent.push(args); return send(...args); };
    try {
      for (const quantity of [0, -3, 1001, 1e20, '1e20', ' ', 2.5]) {
        assert.equal(await vscode.commands.executeCommand('protocolLab.sendRequest', { client, request: 'order', params: { quantity } }), undefined);
      }
      assert.equal(await vscode.commands.executeCommand('protocolLab.sendRequest', { client, request: 'price', params: { item: 'x'.repeat(81) } }), undefined);
      assert.deepEqual(sent, [], 'no request went out');
      await vscode.commands.executeCommand('protocolLab.sendRequest', { client, request: 'order', params: { quantity: 1000 } });
      assert.equal(sent.length, 1, 'what a file accepts still goes out');
    } finally {
      session.send = send;
    }
    const servers = session.state().lab.servers.length;
    for (const name of ['', '   ', session.state().lab.servers[0]?.name ?? '', 'n'.repeat(81)]) {
      assert.equal(await vscode.commands.executeCommand('protocolLab.addServer', { server: name }), undefined);
    }
    assert.equal(session.state().lab.servers.length, servers, 'no server was added');
    // What a file accepts still works.
    await vscode.commands.executeCommand('protocolLab.addServer', { server: 'Spare' });
    assert.equal(session.state().lab.servers.length, servers + 1);
  });

  it('writes notes and exports only inside the workspace for a relative path, and only under their own extension', async function () {
    this.timeout(120_000);
    const outside = vscode.Uri.joinPath(folder(), '..', 'escaped.md');
    assert.equal(await vscode.commands.executeCommand('protocolLab.insertIntoNote', { scenario: 'login-stateful', target: 'file', uri: '../escaped.md' }), undefined);
    assert.equal(existsSync(outside.fsPath), false);
    await vscode.commands.executeCommand('protocolLab.runScenario', 'login-stateful');
    // The lab draws first (an export of nothing says so instead): export until an SVG is written.
    const svg = vscode.Uri.joinPath(folder(), 'drawn.svg');
    // One export at a time: on a busy machine exports fired every tick piled up behind the webview and each timed out.
    await until('a first export', async () => {
      if (existsSync(svg.fsPath)) return true;
      // A webview that has not drawn in time says so; the next try asks again.
      await Promise.resolve(vscode.commands.executeCommand('protocolLab.exportSvg', { uri: 'drawn.svg', overwrite: true })).catch(() => undefined);
      return existsSync(svg.fsPath);
    }, 60_000);
    for (const [command, name] of [['protocolLab.exportSvg', 'diagram.md'], ['protocolLab.exportPng', 'diagram.svg'], ['protocolLab.exportSvg', '../escaped.svg']] as const) {
      assert.equal(await vscode.commands.executeCommand(command, { uri: name, overwrite: true }), undefined);
      assert.equal(existsSync(vscode.Uri.joinPath(folder(), name).fsPath), false, `${command} ${name}`);
    }
    await vscode.workspace.fs.delete(svg);
  });
});
