// The reverse proxy over real loopback sockets, in front of an app written in the tests that keeps
// its sessions in memory: round-robin loses the login, sticky keeps it, a killed upstream is
// re-routed, headers are handled as a proxy must, bodies stream, WebSockets pass, and a
// misbehaving upstream gets a clear 502 / 504.
import * as assert from 'node:assert/strict';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { createServer, type Server as NetServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import type { RequestOutcomeEvent, TraceEvent } from '../../../src/engine/trace';
import { createProxy, type ProxyOptions, type ReverseProxy } from '../../../src/real/proxy';
import { startSessionApp, type SessionApp } from '../../support/sessionApp';

interface Answer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** One request over a fresh connection, headers exactly as given. */
function send(url: string, method: string, headers: Record<string, string> = {}, body?: Buffer): Promise<Answer> {
  return new Promise((resolveAnswer, rejectAnswer) => {
    const outgoing = httpRequest(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => { resolveAnswer({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }); });
      res.on('error', rejectAnswer);
    });
    outgoing.on('error', rejectAnswer);
    outgoing.end(body);
  });
}

/** A browser's cookie jar, as small as these tests need: name → value from Set-Cookie. */
class Jar {
  private readonly cookies = new Map<string, string>();
  take(answer: Answer): Answer {
    for (const line of answer.headers['set-cookie'] ?? []) {
      const [pair = ''] = line.split(';');
      const equals = pair.indexOf('=');
      this.cookies.set(pair.slice(0, equals).trim(), pair.slice(equals + 1).trim());
    }
    return answer;
  }
  get header(): Record<string, string> {
    return this.cookies.size === 0 ? {} : { cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ') };
  }
  has(name: string): boolean {
    return this.cookies.has(name);
  }
}

describe('the reverse proxy, over real sockets', () => {
  let apps: SessionApp[] = [];
  let proxy: ReverseProxy | undefined;
  let events: TraceEvent[] = [];
  let notices: string[] = [];

  async function start(policy: ProxyOptions['policy'], extra: Partial<ProxyOptions> = {}): Promise<string> {
    apps = [await startSessionApp('A'), await startSessionApp('B')];
    events = [];
    notices = [];
    proxy = createProxy({ upstreams: apps.map((app) => ({ url: app.url })), policy, sink: (event) => events.push(event), onNotice: (line) => notices.push(line), ...extra });
    return (await proxy.start()).url;
  }

  afterEach(async () => {
    await proxy?.stop();
    proxy = undefined;
    await Promise.all(apps.map((app) => app.close()));
    apps = [];
  });

  const outcomes = (): RequestOutcomeEvent[] => events.filter((event): event is RequestOutcomeEvent => event.type === 'request-outcome');
  const steps = (): string[] => events.flatMap((event) => (event.type === 'internal-step' ? [event.label.en] : []));

  it('behind round-robin, an app with in-memory sessions loses the login: the second instance answers 401', async () => {
    const url = await start('round-robin');
    const jar = new Jar();
    assert.equal(jar.take(await send(`${url}/login`, 'POST')).status, 200);
    const profile = await send(`${url}/profile`, 'GET', jar.header);
    assert.equal(profile.status, 401);
    assert.match(profile.body.toString(), /B does not know you/);
    assert.deepEqual(outcomes().map((outcome) => [outcome.request, outcome.status, outcome.server]), [['POST /login', 200, 's1'], ['GET /profile', 401, 's2']]);
    assert.deepEqual(steps(), ['next in turn: Server1', 'next in turn: Server2']);
    // The cookie the app set is drawn, shortened, on its answer and on the request that sends it back.
    const details = events.flatMap((event) => (event.type === 'message-delivered' && event.detail !== undefined ? [event.detail.en] : []));
    assert.ok(details.some((detail) => /^Set-Cookie: sid=[0-9a-f]{4}…$/.test(detail)), details.join(' | '));
    assert.ok(details.some((detail) => /^Cookie: sid=[0-9a-f]{4}…$/.test(detail)), details.join(' | '));
  });

  it('behind sticky, the same app keeps the login: a routing cookie of the proxy\'s own pins the client, and the app never sees it', async () => {
    const url = await start('sticky');
    const jar = new Jar();
    const login = jar.take(await send(`${url}/login`, 'POST'));
    assert.equal(login.status, 200);
    assert.ok(jar.has('plab_upstream') && jar.has('sid'));
    assert.equal(login.headers['cache-control'], 'private');
    for (let round = 0; round < 3; round++) assert.equal((await send(`${url}/profile`, 'GET', jar.header)).status, 200);
    const seen = JSON.parse((await send(`${url}/headers`, 'GET', jar.header)).body.toString()) as { name: string; headers: IncomingHttpHeaders };
    assert.equal(seen.name, 'A');
    assert.match(seen.headers.cookie ?? '', /^sid=[0-9a-f]+$/, 'the routing cookie is taken out before the app');
    assert.deepEqual(steps(), ['first request: pin Client to Server1', 'pinned: Server1', 'pinned: Server1', 'pinned: Server1', 'pinned: Server1']);
    assert.equal(apps[1]?.served.length, 0);
  });

  it('an upstream that refuses connections is marked down and the request goes on to the next one, and the diagram says so', async () => {
    const url = await start('round-robin');
    await apps[0]?.close();
    const first = await send(`${url}/headers`, 'GET');
    assert.equal(first.status, 200);
    assert.equal((JSON.parse(first.body.toString()) as { name: string }).name, 'B');
    assert.deepEqual(steps(), ['next in turn: Server1', 'Server1 is down: send on to Server2']);
    assert.ok(events.some((event) => event.type === 'fault' && event.fault === 'crash' && event.target === 's1' && event.label.en === 'Server1 refuses connections: marked down'));
    assert.ok(events.some((event) => event.type === 'message-lost' && event.to === 's1'));
    // Marked down: the next requests are not sent to it at all.
    assert.equal((await send(`${url}/headers`, 'GET')).status, 200);
    assert.match(notices.join('\n'), /Server1 \(127\.0\.0\.1:\d+\) refuses connections: marked down for 2 s; GET \/headers goes to another upstream/);
  });

  it('a request whose body was already on its way is not sent twice: 502, said in one line', async () => {
    const url = await start('round-robin');
    await apps[0]?.close();
    const answer = await send(`${url}/echo`, 'POST', { 'content-type': 'text/plain' }, Buffer.from('pay 10 EUR'));
    assert.equal(answer.status, 502);
    assert.match(answer.body.toString(), /502 Bad Gateway: Server1 refuses connections/);
    assert.equal(apps[1]?.served.length, 0);
    assert.deepEqual(outcomes().map((outcome) => [outcome.status, outcome.reason]), [[502, 'server-down']]);
  });

  it('removes hop-by-hop headers both ways (RFC 9110 §7.6.1) and adds X-Forwarded-For, -Proto and -Host', async () => {
    const url = await start('round-robin');
    const answer = await send(`${url}/headers`, 'GET', {
      connection: 'keep-alive, x-secret', 'x-secret': 'hop only', te: 'trailers', 'proxy-authorization': 'Basic eA==', 'keep-alive': 'timeout=5',
      'x-forwarded-for': '10.0.0.1', 'x-kept': 'end to end',
    });
    const seen = (JSON.parse(answer.body.toString()) as { headers: IncomingHttpHeaders }).headers;
    for (const gone of ['x-secret', 'te', 'proxy-authorization', 'keep-alive']) assert.equal(seen[gone], undefined, gone);
    assert.equal(seen['x-kept'], 'end to end');
    assert.equal(seen['x-forwarded-for'], '10.0.0.1, 127.0.0.1');
    assert.equal(seen['x-forwarded-proto'], 'http');
    assert.equal(seen['x-forwarded-host'], new URL(url).host);
    // On the way back: the app's Connection-named header and its Keep-Alive stay on its own hop.
    assert.equal(answer.headers['x-app-private'], undefined);
    assert.notEqual(answer.headers['keep-alive'], 'timeout=99');
  });

  it('streams large bodies both ways without holding them', async () => {
    const url = await start('round-robin');
    const size = 16 * 1024 * 1024;
    const down = await send(`${url}/bytes?n=${size}`, 'GET');
    assert.equal(down.status, 200);
    assert.equal(down.body.length, size);
    const up = Buffer.alloc(8 * 1024 * 1024, 'y');
    const echoed = await send(`${url}/echo`, 'POST', { 'content-type': 'application/octet-stream' }, up);
    assert.equal(echoed.body.length, up.length);
    assert.ok(echoed.body.equals(up));
  });

  it('passes a WebSocket upgrade through, and the messages after it', async () => {
    const url = await start('round-robin');
    const socket = new WebSocket(`${url.replace('http', 'ws')}/ws`);
    const reply = await new Promise<string>((resolveReply, rejectReply) => {
      socket.on('open', () => { socket.send('hello'); });
      socket.on('message', (data: Buffer) => { resolveReply(data.toString()); });
      socket.on('error', rejectReply);
    });
    socket.close();
    assert.equal(reply, 'A: hello');
    assert.deepEqual(outcomes().map((outcome) => [outcome.request, outcome.status]), [['GET /ws (Upgrade: websocket)', 101]]);
  });

  it('switching the policy applies to the next request', async () => {
    const url = await start('sticky');
    const jar = new Jar();
    jar.take(await send(`${url}/login`, 'POST'));
    assert.equal((await send(`${url}/profile`, 'GET', jar.header)).status, 200);
    proxy?.setPolicy('round-robin');
    const statuses = [(await send(`${url}/profile`, 'GET', jar.header)).status, (await send(`${url}/profile`, 'GET', jar.header)).status];
    assert.deepEqual(statuses.sort(), [200, 401]);
  });

  describe('a misbehaving upstream', () => {
    let bad: NetServer | undefined;
    afterEach(() => { bad?.close(); bad = undefined; });

    async function misbehaving(behave: (socket: import('node:net').Socket) => void): Promise<string> {
      bad = createServer(behave);
      await new Promise<void>((resolveListen) => bad?.listen(0, '127.0.0.1', resolveListen));
      return `http://127.0.0.1:${(bad.address() as AddressInfo).port}`;
    }

    async function behind(upstream: string, extra: Partial<ProxyOptions> = {}): Promise<string> {
      events = [];
      notices = [];
      proxy = createProxy({ upstreams: [{ name: 'Flaky', url: upstream }], policy: 'round-robin', sink: (event) => events.push(event), onNotice: (line) => notices.push(line), ...extra });
      return (await proxy.start()).url;
    }

    it('garbage instead of HTTP: 502 and a clear line', async () => {
      const url = await behind(await misbehaving((socket) => { socket.once('data', () => { socket.end('this is not http at all\r\n\r\n'); }); }));
      const answer = await send(`${url}/`, 'GET');
      assert.equal(answer.status, 502);
      assert.match(notices.join('\n'), /Flaky \(127\.0\.0\.1:\d+\) answered something that is not HTTP for GET \/: 502/);
    });

    it('a reset connection: 502 and a clear line', async () => {
      const url = await behind(await misbehaving((socket) => { socket.once('data', () => { socket.resetAndDestroy(); }); }));
      assert.equal((await send(`${url}/`, 'GET')).status, 502);
      assert.match(notices.join('\n'), /Flaky \(127\.0\.0\.1:\d+\) broke the connection \(ECONNRESET\) for GET \/: 502/);
    });

    it('an upstream that hangs: 504 after the upstream timeout', async () => {
      const url = await behind(await misbehaving(() => undefined), { upstreamTimeoutMs: 300 });
      const answer = await send(`${url}/`, 'GET');
      assert.equal(answer.status, 504);
      assert.match(notices.join('\n'), /sent no answer to GET \/ within 0\.3 s: 504/);
      assert.deepEqual(outcomes().map((outcome) => [outcome.status, outcome.reason]), [[504, 'timeout']]);
    });

    it('no upstream up at all: 503 from the proxy', async () => {
      const url = await behind(await misbehaving(() => undefined));
      proxy?.markDown('Flaky');
      assert.equal((await send(`${url}/`, 'GET')).status, 503);
    });
  });
});
