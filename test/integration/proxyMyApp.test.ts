// Proxy My App inside a real VS Code: two instances of an app that keeps its logins in memory run
// on loopback inside the test; the command (with its arguments) starts the proxy in the extension
// host; real requests go through it with Node's http; the lab panel draws the app's own 401 behind
// round-robin; the policy switches for the next request; the note is written; Stop stops it.
import * as assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import type { ProtocolLabApi } from '../../src/extension';
import { startSessionApp, type SessionApp } from '../support/sessionApp';

const EXTENSION_ID = 'protocol-lab.protocol-lab';

interface Answer {
  readonly status: number;
  readonly cookie: string | undefined;
}

/** One request over a fresh connection; the answer's status and first cookie (name=value). */
function send(url: string, method: string, cookie?: string): Promise<Answer> {
  return new Promise((resolveAnswer, rejectAnswer) => {
    const outgoing = httpRequest(url, { method, headers: cookie === undefined ? {} : { cookie }, agent: false }, (res) => {
      res.resume();
      res.on('end', () => { resolveAnswer({ status: res.statusCode ?? 0, cookie: res.headers['set-cookie']?.map((line) => line.split(';')[0]).join('; ') }); });
    });
    outgoing.on('error', rejectAnswer);
    outgoing.end();
  });
}

/** The diagram as the panel drew it, once it shows `text` (the panel draws a moment after the traffic). */
async function drawnWith(api: ProtocolLabApi, text: string): Promise<string> {
  const deadline = Date.now() + 45_000;
  let last = '';
  for (;;) {
    // A panel that was hidden reloads its page when shown: an SVG asked for meanwhile is not answered.
    const svg = await api.lab.drawnSvg().catch((error: unknown) => { last = String(error); return ''; });
    if (svg.includes(text)) return svg;
    if (Date.now() > deadline) throw new Error(`the drawn diagram never showed "${text}" (${svg.length} characters of SVG; ${last})`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 300));
  }
}

describe('Proxy My App inside VS Code', () => {
  let api: ProtocolLabApi;
  let apps: SessionApp[] = [];

  before(async () => {
    const extension = vscode.extensions.getExtension<ProtocolLabApi>(EXTENSION_ID);
    assert.ok(extension);
    api = await extension.activate();
    apps = [await startSessionApp('A'), await startSessionApp('B')];
  });

  after(async () => {
    if (api.proxy.address !== undefined) await vscode.commands.executeCommand('protocolLab.stopProxy');
    await Promise.all(apps.map((app) => app.close()));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('draws the app\'s own 401 behind round-robin, switches the policy for the next request, writes the note and stops', async function () {
    this.timeout(90_000);
    const said = await vscode.commands.executeCommand<string | undefined>('protocolLab.proxyMyApp', { upstreams: apps.map((app) => app.url).join(', '), policy: 'round-robin' });
    assert.match(said ?? '', /^The proxy listens on http:\/\/127\.0\.0\.1:\d+ and forwards to /);
    const address = api.proxy.address;
    assert.ok(address !== undefined && /^http:\/\/127\.0\.0\.1:\d+$/.test(address), String(address));
    assert.equal(api.proxy.statusText, `$(radio-tower) ${address.replace('http://', '')}`);

    // Round-robin: the login goes to Server1, the profile to Server2, which never saw that session.
    const login = await send(`${address}/login`, 'POST');
    assert.equal(login.status, 200);
    assert.equal((await send(`${address}/profile`, 'GET', login.cookie)).status, 401);
    const svg = await drawnWith(api, '401 Unauthorized');
    assert.match(svg, /POST \/login/);
    assert.match(svg, /GET \/profile/);
    assert.match(svg, /Server2/);
    assert.ok(api.lab.shownTraffic !== undefined, 'the panel shows the proxy\'s traffic');
    // The Topology view lists the proxy and its upstreams as it lists a story's relay and servers.
    const nodes = api.views.topology.getChildren();
    assert.deepEqual(nodes.map((node) => (node.kind === 'server' ? node.server : node.kind)), ['relay', 'Server1', 'Server2']);

    // The lab's own policy command (palette or the panel's list) switches the proxy, from the next request on.
    assert.equal(await vscode.commands.executeCommand('protocolLab.setRelayPolicy', { relay: 'sticky' }), 'The proxy routes the next request by sticky.');
    const pinned = await send(`${address}/login`, 'POST');
    assert.match(pinned.cookie ?? '', /sid=/);
    for (let index = 0; index < 3; index++) assert.equal((await send(`${address}/profile`, 'GET', pinned.cookie)).status, 200, `sticky profile ${index + 1}`);
    await drawnWith(api, '200 OK');

    // Insert into note: the same command and the same places as any run.
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const note = vscode.Uri.joinPath(folder.uri, 'proxy-traffic.md');
    await vscode.workspace.fs.writeFile(note, new TextEncoder().encode('# Traffic\n'));
    const document = await vscode.workspace.openTextDocument(note);
    assert.match(await vscode.commands.executeCommand<string | undefined>('protocolLab.insertIntoNote', { target: 'file', uri: note }) ?? '', /proxy-traffic\.md/);
    const written = document.getText();
    assert.match(written, /## Real traffic through the proxy \(policy: sticky\)/);
    assert.match(written, /```mermaid\nsequenceDiagram/);
    assert.match(written, /401 Unauthorized/);

    // Stop: the port closes, the status bar item goes, the panel keeps its picture.
    assert.match(await vscode.commands.executeCommand<string | undefined>('protocolLab.stopProxy') ?? '', /^The proxy at http:\/\/127\.0\.0\.1:\d+ stopped/);
    assert.equal(api.proxy.address, undefined);
    assert.equal(api.proxy.statusText, '');
    await assert.rejects(send(`${address}/profile`, 'GET'), /ECONNREFUSED/);
    // The note took the editor: Open Lab shows the panel again, with the picture the proxy left.
    await vscode.commands.executeCommand('protocolLab.openLab');
    await drawnWith(api, '401 Unauthorized');
  });

  it('refuses upstreams that are not http(s) URLs and a port in use, and starts nothing', async () => {
    if (api.proxy.address !== undefined) await vscode.commands.executeCommand('protocolLab.stopProxy');
    assert.equal(await vscode.commands.executeCommand('protocolLab.proxyMyApp', { upstreams: 'localhost:3000', policy: 'round-robin' }), undefined);
    assert.equal(await vscode.commands.executeCommand('protocolLab.proxyMyApp', { upstreams: apps[0]?.url, policy: 'fastest' }), undefined);
    assert.equal(api.proxy.address, undefined);
    const taken = createServer();
    await new Promise<void>((resolveListen) => { taken.listen(0, '127.0.0.1', resolveListen); });
    try {
      const port = (taken.address() as AddressInfo).port;
      assert.equal(await vscode.commands.executeCommand('protocolLab.proxyMyApp', { upstreams: apps[0]?.url, policy: 'round-robin', listen: `127.0.0.1:${port}` }), undefined);
      assert.equal(api.proxy.address, undefined);
      assert.equal(api.proxy.statusText, '');
    } finally {
      await new Promise((resolveClose) => { taken.close(resolveClose); });
    }
  });

  it('keeps going when an upstream refuses: its requests go to the other one, and the diagram says so', async function () {
    this.timeout(60_000);
    const closed = await startSessionApp('gone');
    const refusedUrl = closed.url;
    await closed.close();
    await vscode.commands.executeCommand('protocolLab.proxyMyApp', { upstreams: [refusedUrl, apps[1]?.url ?? ''], policy: 'round-robin' });
    const address = api.proxy.address;
    assert.ok(address !== undefined);
    assert.equal((await send(`${address}/profile`, 'GET')).status, 401, 'sent on to the app that is up, which answers 401');
    // Drawn as the relay's crash mark on the upstream that refused (the note may wrap its words).
    const svg = await drawnWith(api, '💥');
    assert.match(svg, /refuses/);
    await vscode.commands.executeCommand('protocolLab.stopProxy');
  });
});
