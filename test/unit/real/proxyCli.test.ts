// `protocol-lab proxy` as a person runs it: the bundled CLI in its own process, in front of two
// instances of an app with in-memory sessions; Ctrl+C (SIGINT) writes the diagram and exits 0.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { DIST_DIR, REPO_ROOT } from '../../support/paths';
import { startSessionApp, type SessionApp } from '../../support/sessionApp';

interface Running {
  readonly child: ChildProcessWithoutNullStreams;
  readonly url: string;
  stdout: string;
  stderr: string;
}

/** Starts the CLI's proxy on a free port and waits for the line that says where it listens. */
function startCli(...args: string[]): Promise<Running> {
  const child = spawn(process.execPath, [join(DIST_DIR, 'cli.js'), 'proxy', '--listen', '127.0.0.1:0', ...args], { cwd: REPO_ROOT });
  return new Promise((resolveStart, rejectStart) => {
    const running = { child, url: '', stdout: '', stderr: '' };
    child.stdout.on('data', (chunk: Buffer) => { running.stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => {
      running.stderr += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(running.stderr)?.[1];
      if (url !== undefined && running.url === '') resolveStart({ ...running, url, get stdout() { return running.stdout; }, get stderr() { return running.stderr; } });
    });
    child.on('exit', (code) => { if (running.url === '') rejectStart(new Error(`the proxy exited (${code ?? 'signal'}): ${running.stderr}`)); });
  });
}

function stopped(running: Running): Promise<number | null> {
  return new Promise((resolveExit) => {
    running.child.on('exit', (code) => { resolveExit(code); });
    running.child.kill('SIGINT');
  });
}

describe('protocol-lab proxy (the CLI)', () => {
  let apps: SessionApp[] = [];
  beforeEach(async () => { apps = [await startSessionApp('A'), await startSessionApp('B')]; });
  afterEach(async () => { await Promise.all(apps.map((app) => app.close())); });

  it('draws round-robin losing the login, with the app\'s own 401, and writes the diagram on Ctrl+C', async function () {
    this.timeout(20_000);
    const out = join(mkdtempSync(join(tmpdir(), 'protocol-lab-proxy-')), 'traffic.mmd');
    const running = await startCli('--to', apps.map((app) => app.url).join(','), '--policy', 'round-robin', '--out', out);
    const login = await fetch(`${running.url}/login`, { method: 'POST' });
    const cookie = (login.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
    assert.equal((await fetch(`${running.url}/profile`, { headers: { cookie } })).status, 401);
    assert.equal(await stopped(running), 0);
    const diagram = readFileSync(out, 'utf8');
    assert.match(diagram, /^sequenceDiagram\n/);
    assert.match(diagram, /participant relay as Proxy/);
    assert.match(diagram, /s2-->>c1: 401 Unauthorized(<br\/>| )·(<br\/>| )[\d.]+\u00a0ms/);
    assert.match(diagram, /relay->>s2: next in turn: Server2/);
    assert.match(diagram, /Set-Cookie: sid=[0-9a-f]{4}…/);
    assert.match(running.stderr, /1 exchange|2 exchanges drawn in/);
  });

  it('--format json streams the trace, one event per line; names from --to name=URL; Korean words with --lang ko', async function () {
    this.timeout(20_000);
    const running = await startCli('--to', `가게1=${apps[0]?.url ?? ''},가게2=${apps[1]?.url ?? ''}`, '--policy', 'sticky', '--format', 'json', '--lang', 'ko');
    await fetch(`${running.url}/profile`);
    assert.equal(await stopped(running), 0);
    const events = running.stdout.trim().split('\n').map((line) => JSON.parse(line) as { type: string; label?: { ko: string } });
    assert.deepEqual(events.map((event) => event.type), ['request-started', 'message-sent', 'message-delivered', 'internal-step', 'message-sent', 'message-delivered', 'message-sent', 'message-delivered', 'message-sent', 'message-delivered', 'request-outcome']);
    assert.equal(events[3]?.label?.ko, '처음 온 클라이언트를 가게1에 고정');
  });

  it('refuses what it cannot do in one line, before listening', () => {
    const said = (...argv: string[]): string => {
      let err = '';
      const status = main(['proxy', ...argv], { out: () => undefined, err: (text) => { err += text; }, readFile: () => new Uint8Array(), writeFile: () => undefined });
      assert.equal(status, 2);
      return err;
    };
    assert.match(said(), /proxy needs --to URL/);
    assert.match(said('--to', 'ftp://example.org'), /--to: "ftp:\/\/example\.org": the proxy forwards to http:\/\/ or https:\/\/ upstreams, not ftp:/);
    assert.match(said('--to', 'http://127.0.0.1:1', '--policy', 'fastest'), /--policy must be round-robin, random, sticky, least-connections, got "fastest"/);
    assert.match(said('--to', 'http://127.0.0.1:1', '--listen', '127.0.0.1:99999'), /--listen takes HOST:PORT or PORT/);
    assert.match(said('--to', 'a=http://127.0.0.1:1,a=http://127.0.0.1:2'), /two upstreams are called "a"/);
  });
});
