// A real HTTP reverse proxy in front of any app, choosing upstreams with the engine's relay
// policies (engine/balancer.ts) and drawing every exchange as the engine's trace events.
//
//   const proxy = createProxy({ upstreams: [{ url: 'http://127.0.0.1:3000' }, { name: 'B', url: … }],
//                               policy: 'sticky', listen: { host: '127.0.0.1', port: 8080 }, sink });
//   const { url } = await proxy.start();   // listens (loopback unless told otherwise)
//   proxy.setPolicy('round-robin');         // applies to the next request
//   proxy.markDown('B'); proxy.markUp('B'); // by name (or id: s1, s2 …)
//   proxy.discardNext(onDiscarded);         // the next request is lost: neither passed on nor answered
//   proxy.participants;                     // the lifelines the sink's events refer to
//   await proxy.stop();
//
// `sink` receives TraceEvents (engine/trace.ts) as they happen; nothing is kept here, so memory
// stays flat however long it runs. `onNotice` hears one plain line per upstream misbehaving.
import { STATUS_CODES } from 'node:http';
import * as http from 'node:http';
import * as https from 'node:https';
import type { Socket } from 'node:net';
import { Balancer } from '../engine/balancer';
import type { RelayPolicy } from '../engine/model';
import { SeededRandom } from '../engine/random';
import { routeWords, type RouteDecision } from '../engine/routing';
import { lazy, same, type Text } from '../engine/text';
import { ExchangeTrace, reasonOf, type TraceSink } from './exchangeTrace';
import { cookieDetail, PROXY_WORDS, requestLine, setCookieDetail, statusLine } from './exchangeWords';
import { endToEnd, withForwarded } from './hopByHop';
import { forwardedCookie, insertRoutingCookie, routingCookie } from './stickyCookie';
import { Upstream, upstreamsOf, type UpstreamSpec } from './upstreams';

export const PROXY_POLICIES = ['round-robin', 'random', 'sticky', 'least-connections'] as const satisfies readonly RelayPolicy[];
export type ProxyPolicy = (typeof PROXY_POLICIES)[number];

export interface ProxyOptions {
  readonly upstreams: readonly UpstreamSpec[];
  readonly policy: ProxyPolicy;
  /** Where to listen: 127.0.0.1 and a free port unless given. */
  readonly listen?: { readonly host?: string; readonly port?: number };
  readonly sink?: TraceSink;
  /** Who sent a request, as the routing words say it (a story's client: "pin Alice to Server1"); by default its address. */
  readonly clientLabel?: (req: http.IncomingMessage) => Text | undefined;
  /** One line per upstream misbehaving (refused, reset, garbage, too slow). */
  readonly onNotice?: (line: string) => void;
  /** An upstream that sends no answer within this is answered 504 (default 30 s). */
  readonly upstreamTimeoutMs?: number;
  /** An upstream that refused a connection is tried again after this (default 2 s). */
  readonly retryRefusedAfterMs?: number;
  readonly seed?: number;
}

export interface ProxyAddress {
  readonly host: string;
  readonly port: number;
  readonly url: string;
}

/** One request on its way through. */
interface Passage {
  readonly id: number;
  readonly req: http.IncomingMessage;
  readonly client: string;
  readonly address: string;
  readonly request: Text;
  readonly began: number;
  /** The upstream the routing cookie names (sticky). */
  readonly pin: Upstream | undefined;
  /** No body: it can be sent again to another upstream. */
  readonly replayable: boolean;
  readonly tried: Set<Upstream>;
  /** The load counted against an upstream (least-connections), released once. */
  counted: Upstream | undefined;
}

const NOTHING: Text = same('');
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_RETRY_MS = 2_000;

class UpstreamTimeout extends Error {}

export class ReverseProxy {
  private readonly upstreamList: Upstream[];
  readonly trace: ExchangeTrace;
  private readonly balancer: Balancer<Upstream>;
  private readonly server: http.Server;
  private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: 512, maxFreeSockets: 64 });
  private readonly httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 512, maxFreeSockets: 64 });
  private readonly sockets = new Set<Socket>();
  private sequence = 0;
  private discarding: ((req: http.IncomingMessage) => void) | undefined;
  private readonly timeoutMs: number;
  private readonly retryMs: number;

  constructor(private readonly options: ProxyOptions) {
    this.upstreamList = upstreamsOf(options.upstreams);
    this.balancer = new Balancer<Upstream>(options.policy, new SeededRandom(options.seed ?? Date.now()));
    this.trace = new ExchangeTrace(this.upstreamList, options.sink);
    this.timeoutMs = options.upstreamTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.retryMs = options.retryRefusedAfterMs ?? DEFAULT_RETRY_MS;
    this.server = http.createServer((req, res) => { this.handle(req, res); });
    this.server.on('upgrade', (req: http.IncomingMessage, socket: Socket, head: Buffer) => { this.upgrade(req, socket, head); });
    this.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    // A client that sends garbage is answered 400 by Node and closed; nothing to draw.
    this.server.on('clientError', (_error, socket: Socket) => { if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n'); else socket.destroy(); });
  }

  get upstreams(): readonly Upstream[] {
    return this.upstreamList;
  }

  /** A new upstream (scale-out): it takes the next turn, as a server that joins the simulated relay does. */
  addUpstream(spec: UpstreamSpec): Upstream {
    const [upstream] = upstreamsOf([spec]).map((made) => new Upstream(`s${this.upstreamList.length + 1}`, made.name, spec.label ?? made.label, made.url));
    if (upstream === undefined) throw new Error('no upstream to add');
    if (this.upstreamList.some((known) => known.name === upstream.name)) throw new Error(`two upstreams are called "${upstream.name}"`);
    this.upstreamList.push(upstream);
    this.balancer.welcome(upstream);
    return upstream;
  }

  get policy(): ProxyPolicy {
    return this.balancer.policy as ProxyPolicy;
  }

  /** The policy for the next request on. */
  setPolicy(policy: ProxyPolicy): void {
    if (policy === this.balancer.policy) return;
    this.balancer.policy = policy;
    if (this.trace.observed) this.trace.fault('wait', undefined, PROXY_WORDS.policy(policy));
  }

  get participants(): ExchangeTrace['participants'] {
    return this.trace.participants;
  }

  markDown(name: string): void {
    const upstream = this.named(name);
    upstream.down = true;
    if (this.trace.observed) this.trace.fault('crash', upstream, PROXY_WORDS.markedDown(upstream.label));
  }

  markUp(name: string): void {
    const upstream = this.named(name);
    upstream.down = false;
    upstream.refusedUntil = 0;
    if (this.trace.observed) this.trace.fault('restart', upstream, PROXY_WORDS.markedUp(upstream.label));
  }

  /** The next request is lost here, as a message lost on the network: it is read, never passed on and never answered (its client gives up on its own). */
  discardNext(discarded: (req: http.IncomingMessage) => void): void {
    this.discarding = discarded;
  }

  private named(name: string): Upstream {
    const upstream = this.upstreams.find((candidate) => candidate.name === name || candidate.id === name || candidate.label.en === name || candidate.label.ko === name);
    if (upstream === undefined) throw new Error(`no upstream called "${name}" (there are ${this.upstreams.map((candidate) => candidate.name).join(', ')})`);
    return upstream;
  }

  start(): Promise<ProxyAddress> {
    const host = this.options.listen?.host ?? '127.0.0.1';
    return new Promise((resolveStart, rejectStart) => {
      this.server.once('error', rejectStart);
      this.server.listen(this.options.listen?.port ?? 0, host, () => {
        this.server.off('error', rejectStart);
        const address = this.server.address();
        const port = typeof address === 'object' && address !== null ? address.port : 0;
        resolveStart({ host, port, url: `http://${host.includes(':') ? `[${host}]` : host}:${port}` });
      });
    });
  }

  stop(): Promise<void> {
    return new Promise((resolveStop) => {
      this.server.close(() => { resolveStop(); });
      for (const socket of this.sockets) socket.destroy();
      this.httpAgent.destroy();
      this.httpsAgent.destroy();
    });
  }

  // ---- one request ---------------------------------------------------------------------

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const discarded = this.discarding;
    if (discarded !== undefined) {
      this.discarding = undefined;
      req.resume();
      discarded(req);
      return;
    }
    const url = req.url ?? '/';
    // A reverse proxy serves its own paths only: an absolute URL (a forward-proxy request) goes nowhere.
    if (!url.startsWith('/')) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('400 Bad Request: this is a reverse proxy; ask for a path (/…)\n');
      return;
    }
    const passage = this.begin(req);
    res.on('close', () => { this.release(passage); });
    this.attempt(passage, res, undefined);
  }

  private begin(req: http.IncomingMessage, upgrade?: string): Passage {
    const observed = this.trace.observed;
    const address = req.socket.remoteAddress ?? 'unknown';
    const client = observed ? this.trace.clientOf(address) : '';
    const request = observed ? requestLine(req.method ?? 'GET', req.url ?? '/', upgrade) : NOTHING;
    const id = ++this.sequence;
    const cookie = req.headers.cookie;
    const pinned = routingCookie(cookie);
    const pin = pinned === undefined ? undefined : this.upstreams.find((upstream) => upstream.id === pinned);
    if (observed) this.trace.started(id, client, request, cookieDetail(cookie), Number(req.headers['content-length'] ?? 0));
    const replayable = req.headers['transfer-encoding'] === undefined && (req.headers['content-length'] === undefined || req.headers['content-length'] === '0');
    return { id, req, client, address, request, began: performance.now(), pin, replayable, tried: new Set(), counted: undefined };
  }

  /** Chooses an upstream (the engine's policies and words) and says why; undefined when none is up. */
  private choose(passage: Passage, refused: Upstream | undefined): Upstream | undefined {
    const candidates = passage.tried.size === 0 ? this.upstreams : this.upstreams.filter((upstream) => !passage.tried.has(upstream));
    const chosen = this.policy === 'sticky' ? this.balancer.chooseCarried(candidates, passage.pin) : this.balancer.choose(candidates, passage.address);
    if (chosen === undefined || !this.trace.observed) return chosen;
    let decision = this.balancer.decision as RouteDecision;
    // The upstream just tried refused: the choice is a re-route, whatever turn it was.
    if (refused !== undefined && decision.reason !== 'rerouted') decision = { reason: 'rerouted', to: chosen.label, from: refused.label, pinned: false };
    const client = this.options.clientLabel?.(passage.req) ?? this.trace.participants.find((participant) => participant.id === passage.client)?.label ?? same('Client');
    const policy = this.policy;
    this.trace.forwarded(passage.id, lazy(() => routeWords(decision, policy, client)), decision.reason === 'rerouted', chosen, passage.request, Number(passage.req.headers['content-length'] ?? 0));
    return chosen;
  }

  private attempt(passage: Passage, res: http.ServerResponse, refused: Upstream | undefined): void {
    const upstream = this.choose(passage, refused);
    if (upstream === undefined) {
      this.answerItself(passage, res, 503, 'no-server', 'no upstream is up');
      return;
    }
    passage.tried.add(upstream);
    this.forward(passage, res, upstream, false);
  }

  /** Sends the request to `upstream`; `again` when a kept-alive connection it went out on had been closed by the upstream. */
  private forward(passage: Passage, res: http.ServerResponse, upstream: Upstream, again: boolean): void {
    this.release(passage);
    passage.counted = upstream;
    this.balancer.opened(upstream);
    const { req } = passage;
    let headers = withForwarded(endToEnd(req.headers), passage.address, req.headers.host, false);
    if (this.policy === 'sticky' || passage.pin !== undefined) headers = forwardedCookie(headers, req.headers.cookie);
    const outgoing = this.send(upstream, req.method ?? 'GET', req.url ?? '/', headers);
    outgoing.setTimeout(this.timeoutMs, () => { outgoing.destroy(new UpstreamTimeout()); });
    outgoing.on('response', (answer) => { this.pass(passage, upstream, answer, res); });
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      // A kept-alive connection the upstream closed in the meantime (it restarted, or timed the idle
      // connection out): a request without a body is sent once more, on a new connection, as Node's docs advise.
      if (outgoing.reusedSocket && !again && passage.replayable && (error.code === 'ECONNRESET' || error.code === 'EPIPE')) {
        this.forward(passage, res, upstream, true);
        return;
      }
      this.failed(passage, res, upstream, error, () => { this.attempt(passage, res, upstream); });
    });
    if (passage.replayable) {
      req.resume();
      outgoing.end();
    } else {
      req.on('error', () => { outgoing.destroy(); });
      req.pipe(outgoing);
    }
  }

  private send(upstream: Upstream, method: string, path: string, headers: http.OutgoingHttpHeaders, agent?: false): http.ClientRequest {
    const target = upstream.url;
    const secure = target.protocol === 'https:';
    const prefix = target.pathname.endsWith('/') ? target.pathname.slice(0, -1) : target.pathname;
    return (secure ? https : http).request({
      host: target.hostname.replace(/^\[|\]$/g, ''), port: target.port === '' ? (secure ? 443 : 80) : Number(target.port),
      method, path: `${prefix}${path}`, headers, agent: agent ?? (secure ? this.httpsAgent : this.httpAgent),
    });
  }

  /** The upstream answered: its status and headers (hop-by-hop ones out, the routing cookie in), then its body, streamed. */
  private pass(passage: Passage, upstream: Upstream, answer: http.IncomingMessage, res: http.ServerResponse): void {
    this.cameBack(upstream);
    const status = answer.statusCode ?? 502;
    let headers = endToEnd(answer.headers);
    if (this.policy === 'sticky' && passage.pin !== upstream) headers = insertRoutingCookie(headers, upstream.id);
    res.writeHead(status, answer.statusMessage, headers);
    if (this.trace.observed) {
      const cookies = headers['set-cookie'];
      this.trace.answered(passage.id, upstream, passage.client, statusLine(status, performance.now() - passage.began), setCookieDetail(Array.isArray(cookies) ? cookies : undefined), Number(answer.headers['content-length'] ?? 0));
    }
    // pipe rather than pipeline: it is the hot path, and pipeline's abort signals cost more than the body's copy.
    answer.on('error', (error) => {
      // The answer broke off after its headers were sent: the client sees the connection end.
      this.options.onNotice?.(`${upstream.name}: the answer to ${passage.req.method ?? 'GET'} ${passage.req.url ?? '/'} broke off (${error.message})`);
      res.destroy();
    });
    res.on('close', () => { if (!answer.readableEnded) answer.destroy(); });
    answer.on('end', () => {
      this.release(passage);
      if (this.trace.observed) this.trace.outcome(passage.id, passage.client, passage.request, status, reasonOf(status), upstream, statusLine(status, performance.now() - passage.began));
    });
    answer.pipe(res);
  }

  /** An upstream that refused before and answers now is up again, and the diagram says so. */
  private cameBack(upstream: Upstream): void {
    if (!upstream.refusing) return;
    upstream.refusing = false;
    upstream.refusedUntil = 0;
    if (this.trace.observed) this.trace.fault('restart', upstream, PROXY_WORDS.back(upstream.label));
  }

  /** The request did not get an answer from `upstream`: re-route it when that is safe, else the proxy answers 502 or 504. */
  private failed(passage: Passage, res: http.ServerResponse, upstream: Upstream, error: NodeJS.ErrnoException, retry: () => void): void {
    const what = `${passage.req.method ?? 'GET'} ${passage.req.url ?? '/'}`;
    if (error.code === 'ECONNREFUSED') {
      upstream.refusing = true;
      upstream.refusedUntil = Date.now() + this.retryMs;
      if (this.trace.observed) {
        this.trace.fault('crash', upstream, PROXY_WORDS.refused(upstream.label));
        this.trace.lost(passage.id, upstream, passage.request);
      }
      const again = passage.replayable && this.upstreams.some((candidate) => candidate.up && !passage.tried.has(candidate));
      this.options.onNotice?.(`${upstream.name} (${upstream.url.host}) refuses connections: marked down for ${this.retryMs / 1000} s; ${what} ${again ? 'goes to another upstream' : passage.replayable ? 'has nowhere else to go: 502' : 'has a body that was already sent: 502'}`);
      if (again) retry();
      else this.answerItself(passage, res, 502, 'server-down', `${upstream.name} refuses connections`);
      return;
    }
    if (this.trace.observed) this.trace.lost(passage.id, upstream, passage.request);
    if (error instanceof UpstreamTimeout) {
      const seconds = this.timeoutMs / 1000;
      this.options.onNotice?.(`${upstream.name} (${upstream.url.host}) sent no answer to ${what} within ${seconds} s: 504`);
      if (this.trace.observed) this.trace.fault('wait', upstream, PROXY_WORDS.timedOut(upstream.label, seconds));
      this.answerItself(passage, res, 504, 'timeout', `${upstream.name} did not answer within ${seconds} s`);
      return;
    }
    const garbage = typeof error.code === 'string' && error.code.startsWith('HPE_');
    this.options.onNotice?.(`${upstream.name} (${upstream.url.host}) ${garbage ? 'answered something that is not HTTP' : `broke the connection (${error.code ?? error.message})`} for ${what}: 502`);
    if (this.trace.observed) this.trace.fault('wait', upstream, garbage ? PROXY_WORDS.garbage(upstream.label) : PROXY_WORDS.reset(upstream.label));
    this.answerItself(passage, res, 502, 'server-down', garbage ? `${upstream.name} answered something that is not HTTP` : `${upstream.name} broke the connection`);
  }

  private answerItself(passage: Passage, res: http.ServerResponse, status: 502 | 503 | 504, reason: 'server-down' | 'no-server' | 'timeout', why: string): void {
    this.release(passage);
    passage.req.resume();
    if (!res.headersSent) res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' }).end(`${status} ${STATUS_CODES[status] ?? ''}: ${why}\n`);
    if (!this.trace.observed) return;
    const line = statusLine(status, performance.now() - passage.began);
    this.trace.proxyAnswered(passage.id, passage.client, line);
    this.trace.outcome(passage.id, passage.client, passage.request, status, reason, undefined, line);
  }

  private release(passage: Passage): void {
    if (passage.counted === undefined) return;
    this.balancer.closed(passage.counted);
    passage.counted = undefined;
  }

  // ---- WebSocket (and any other) upgrade: passed through as bytes once the upstream agrees --------

  private upgrade(req: http.IncomingMessage, socket: Socket, head: Buffer): void {
    const protocol = req.headers.upgrade ?? '';
    const passage = this.begin(req, protocol);
    socket.on('error', () => { socket.destroy(); });
    const upstream = this.choose(passage, undefined);
    if (upstream === undefined || !(req.url ?? '').startsWith('/')) {
      socket.end(`HTTP/1.1 ${upstream === undefined ? '503 Service Unavailable' : '400 Bad Request'}\r\nConnection: close\r\n\r\n`);
      return;
    }
    const headers = { ...forwardedCookie(withForwarded(endToEnd(req.headers), passage.address, req.headers.host, false), req.headers.cookie), connection: 'Upgrade', upgrade: protocol };
    const outgoing = this.send(upstream, req.method ?? 'GET', req.url ?? '/', headers, false);
    outgoing.setTimeout(this.timeoutMs, () => { outgoing.destroy(new UpstreamTimeout()); });
    outgoing.on('upgrade', (answer: http.IncomingMessage, upstreamSocket: Socket, upstreamHead: Buffer) => {
      outgoing.setTimeout(0);
      const lines = [`HTTP/1.1 ${answer.statusCode ?? 101} ${answer.statusMessage ?? 'Switching Protocols'}`];
      for (let index = 0; index + 1 < answer.rawHeaders.length; index += 2) lines.push(`${answer.rawHeaders[index] ?? ''}: ${answer.rawHeaders[index + 1] ?? ''}`);
      if (this.policy === 'sticky' && passage.pin !== upstream) lines.push(`Set-Cookie: ${String((insertRoutingCookie({}, upstream.id)['set-cookie'] as string[])[0])}`);
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (upstreamHead.length > 0) socket.write(upstreamHead);
      if (head.length > 0) upstreamSocket.write(head);
      upstreamSocket.on('error', () => { socket.destroy(); });
      socket.on('error', () => { upstreamSocket.destroy(); });
      upstreamSocket.pipe(socket).on('close', () => upstreamSocket.destroy());
      socket.pipe(upstreamSocket).on('close', () => socket.destroy());
      if (this.trace.observed) {
        const line = statusLine(answer.statusCode ?? 101, performance.now() - passage.began);
        this.trace.answered(passage.id, upstream, passage.client, line, undefined, 0);
        this.trace.outcome(passage.id, passage.client, passage.request, answer.statusCode ?? 101, undefined, upstream, line);
      }
    });
    outgoing.on('response', (answer) => {
      // The upstream said no to the upgrade: its answer goes back as an ordinary one, and the connection ends.
      const status = answer.statusCode ?? 502;
      const lines = [`HTTP/1.1 ${status} ${answer.statusMessage ?? ''}`, 'Connection: close'];
      const headersOut = endToEnd(answer.headers);
      for (const [name, value] of Object.entries(headersOut)) for (const one of Array.isArray(value) ? value : [String(value)]) lines.push(`${name}: ${one}`);
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
      answer.pipe(socket);
      if (this.trace.observed) {
        const line = statusLine(status, performance.now() - passage.began);
        this.trace.answered(passage.id, upstream, passage.client, line, undefined, 0);
        this.trace.outcome(passage.id, passage.client, passage.request, status, reasonOf(status), upstream, line);
      }
    });
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      this.options.onNotice?.(`${upstream.name} (${upstream.url.host}) did not take the ${protocol} upgrade of ${req.url ?? '/'}: ${error instanceof UpstreamTimeout ? 'no answer' : (error.code ?? error.message)}: 502`);
      if (error.code === 'ECONNREFUSED') {
        upstream.refusing = true;
        upstream.refusedUntil = Date.now() + this.retryMs;
      }
      if (this.trace.observed) {
        this.trace.lost(passage.id, upstream, passage.request);
        const line = statusLine(502, performance.now() - passage.began);
        this.trace.proxyAnswered(passage.id, passage.client, line);
        this.trace.outcome(passage.id, passage.client, passage.request, 502, 'server-down', undefined, line);
      }
      socket.end('HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\n\r\n');
    });
    outgoing.end();
  }
}

export function createProxy(options: ProxyOptions): ReverseProxy {
  return new ReverseProxy(options);
}
