// Proxy benchmark: requests/s and latency (p50, p99) from autocannon, calling an upstream
// directly, through our proxy while it records the diagram, and through HAProxy (Debian's, one
// thread like Node's event loop; round-robin with an inserted cookie) in front of the same two
// upstreams; and our proxy's heap at the start and the end of its run (memory must stay flat).
// Ours runs `sticky`, which for a client without its cookie is HAProxy's `cookie SRV insert`:
// round-robin and a routing cookie inserted in every answer.
// Latency is measured twice. Flat out (as many requests as each can take), p99 follows from the
// throughput: 32 connections always waiting means latency = 32 / throughput (Little's law), so
// it says nothing new. Then at the same offered load for both, a quarter of HAProxy's throughput
// (the rate the throughput goal asks us to carry), where p99 is the delay the proxy itself adds;
// the p99 goal is read there. autocannon corrects those figures for coordinated omission.
//   BENCH_PROXY_SECONDS (default 10): each run; BENCH_PROXY_SOAK_SECONDS (default 60): ours;
//   BENCH_PROXY_RATE_ROUNDS (default 3): interleaved rounds at the same load. A bare Node proxy
//   runs beside them there: what Node's own HTTP costs here, and what our rules and drawing add.
//   Run with `npm run bench:proxy` (installs HAProxy when missing).
import autocannon from 'autocannon';
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { Agent, createServer as createHttpServer, request as httpRequest } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trafficDiagram } from '../src/diagram/trafficNote';
import { createProxy } from '../src/real/proxy';
import { TrafficLog } from '../src/real/trafficLog';

const SECONDS = Number(process.env['BENCH_PROXY_SECONDS'] ?? 10);
const SOAK_SECONDS = Number(process.env['BENCH_PROXY_SOAK_SECONDS'] ?? 60);
const CONNECTIONS = Number(process.env['BENCH_PROXY_CONNECTIONS'] ?? 32);
const HAPROXY = process.env['HAPROXY_PATH'] ?? '/usr/sbin/haproxy';
const RATE_ROUNDS = Number(process.env['BENCH_PROXY_RATE_ROUNDS'] ?? 3);

type Message = { readonly type: 'ready'; readonly urls: readonly string[] } | { readonly type: 'heap'; readonly heapMb: number; readonly rssMb: number; readonly exchanges: number; readonly drawnMs: number; readonly drawnChars: number };

// ---- roles run in their own processes -------------------------------------------------------

function serveUpstreams(): void {
  const urls: string[] = [];
  for (let index = 0; index < 2; index++) {
    const server = createHttpServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '3' }).end('ok\n');
    });
    server.keepAliveTimeout = 60_000;
    server.listen(0, '127.0.0.1', () => {
      urls.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
      if (urls.length === 2) process.send?.({ type: 'ready', urls } satisfies Message);
    });
  }
}

async function serveProxy(upstreams: readonly string[]): Promise<void> {
  const log = new TrafficLog();
  const proxy = createProxy({ upstreams: upstreams.map((url) => ({ url })), policy: 'sticky', sink: log.add });
  const { url } = await proxy.start();
  process.send?.({ type: 'ready', urls: [url] } satisfies Message);
  // A clean exit, so that `node --cpu-prof` writes its profile.
  process.on('SIGTERM', () => { process.exit(0); });
  process.on('message', () => {
    // The heap after a full collection: what is kept, not what is waiting to be collected.
    (globalThis as { gc?: () => void }).gc?.();
    const started = performance.now();
    const drawn = trafficDiagram({ participants: proxy.participants, events: log.events(), tally: log.tally(), policy: proxy.policy }, 'en');
    const memory = process.memoryUsage();
    process.send?.({ type: 'heap', heapMb: memory.heapUsed / 1048576, rssMb: memory.rss / 1048576, exchanges: log.exchanges, drawnMs: performance.now() - started, drawnChars: drawn.length } satisfies Message);
  });
}

/**
 * The least a Node reverse proxy does: Node's own HTTP server and client, a keep-alive agent,
 * round-robin, the body piped; no policy, cookie, header rules or drawing. Beside ours, it tells
 * what Node's HTTP itself costs on this machine, and what our proxy adds to it.
 */
function serveBareNodeProxy(upstreams: readonly string[]): void {
  const targets = upstreams.map((url) => new URL(url));
  const agent = new Agent({ keepAlive: true, maxSockets: 512 });
  let turn = 0;
  const server = createHttpServer((req, res) => {
    const target = targets[turn++ % targets.length];
    if (target === undefined) return;
    const outgoing = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    outgoing.on('error', () => { res.destroy(); });
    req.pipe(outgoing);
  });
  server.listen(0, '127.0.0.1', () => { process.send?.({ type: 'ready', urls: [`http://127.0.0.1:${(server.address() as AddressInfo).port}`] } satisfies Message); });
}

// ---- the benchmark ---------------------------------------------------------------------------

function nextMessage(child: ChildProcess): Promise<Message> {
  return new Promise((resolveMessage) => { child.once('message', (message) => { resolveMessage(message as Message); }); });
}

function freePort(): Promise<number> {
  return new Promise((resolvePort) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => { resolvePort(port); });
    });
  });
}

async function haproxy(upstreams: readonly string[]): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const config = join(mkdtempSync(join(tmpdir(), 'protocol-lab-haproxy-')), 'haproxy.cfg');
  writeFileSync(config, [
    'global', '  nbthread 1', '  maxconn 4000',
    'defaults', '  mode http', '  option http-keep-alive', '  timeout connect 5s', '  timeout client 30s', '  timeout server 30s',
    'frontend lab', `  bind 127.0.0.1:${port}`, '  default_backend app',
    'backend app', '  balance roundrobin', '  cookie SRV insert indirect nocache',
    ...upstreams.map((url, index) => `  server s${index + 1} ${new URL(url).host} cookie s${index + 1}`),
    '',
  ].join('\n'));
  const child = spawn(HAPROXY, ['-db', '-f', config], { stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  for (let tries = 0; tries < 100; tries++) {
    const answer = await fetch(url).catch(() => undefined);
    if (answer !== undefined) {
      if (!/SRV=s\d/.test(answer.headers.get('set-cookie') ?? '')) throw new Error('HAProxy answered without its cookie');
      return { child, url };
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
  throw new Error(`HAProxy (${HAPROXY}) did not start`);
}

interface Figures {
  readonly name: string;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
  readonly non2xx: number;
}

async function load(name: string, url: string, seconds: number): Promise<Figures> {
  await autocannon({ url, connections: CONNECTIONS, duration: 2 });
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds });
  return { name, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx };
}

/** The same load at a fixed rate: what a proxy adds to each request when it is not saturated. */
async function loadAtRate(name: string, url: string, rate: number, seconds: number): Promise<Figures> {
  const result = await autocannon({ url, connections: CONNECTIONS, overallRate: rate, duration: seconds });
  return { name, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx };
}

/** The round whose p99 is the median. */
function medianByP99(figures: readonly Figures[]): Figures {
  const sorted = [...figures].sort((left, right) => left.p99 - right.p99);
  const median = sorted[Math.floor(sorted.length / 2)];
  if (median === undefined) throw new Error('no rounds measured');
  return median;
}

function printRows(rows: readonly Figures[]): void {
  console.log('                                   requests/s   p50 ms   p99 ms   errors   non-2xx');
  for (const row of rows) {
    console.log(`${row.name.padEnd(34)} ${Math.round(row.rps).toLocaleString('en').padStart(10)} ${row.p50.toFixed(1).padStart(8)} ${row.p99.toFixed(1).padStart(8)} ${String(row.errors).padStart(8)} ${String(row.non2xx).padStart(9)}`);
  }
}

async function main(): Promise<void> {
  console.log(`Proxy benchmark: autocannon, ${CONNECTIONS} connections, ${SECONDS} s per run (ours ${SOAK_SECONDS} s), two upstreams answering "ok" (Node ${process.version})`);
  const upstreamProcess = fork(__filename, ['upstreams']);
  const upstreams = await nextMessage(upstreamProcess);
  if (upstreams.type !== 'ready') throw new Error('the upstreams did not start');
  const ours = fork(__filename, ['proxy', ...upstreams.urls], { execArgv: ['--expose-gc'] });
  const oursReady = await nextMessage(ours);
  if (oursReady.type !== 'ready') throw new Error('our proxy did not start');
  const bare = fork(__filename, ['bare', ...upstreams.urls]);
  const bareReady = await nextMessage(bare);
  if (bareReady.type !== 'ready') throw new Error('the bare Node proxy did not start');
  let anchor: { child: ChildProcess; url: string } | undefined;
  try {
    anchor = await haproxy(upstreams.urls);
    const direct = await load('upstream, directly', upstreams.urls[0] ?? '', SECONDS);
    const theirs = await load('HAProxy 1 thread, cookie insert', anchor.url, SECONDS);
    await autocannon({ url: oursReady.urls[0] ?? '', connections: CONNECTIONS, duration: 2 });
    ours.send('heap');
    const before = await nextMessage(ours);
    const mine = await load('our proxy, sticky, drawing', oursReady.urls[0] ?? '', SOAK_SECONDS);
    ours.send('heap');
    const after = await nextMessage(ours);
    const rate = Math.max(100, Math.round(theirs.rps / 4));
    // Interleaved rounds, each proxy's median p99 kept: one 10 s sample swings by several ms here.
    const rounds: Figures[][] = [[], [], []];
    for (let round = 0; round < RATE_ROUNDS; round++) {
      rounds[0]?.push(await loadAtRate('HAProxy 1 thread, cookie insert', anchor.url, rate, SECONDS));
      rounds[1]?.push(await loadAtRate('bare Node proxy, no rules, no draw', bareReady.urls[0] ?? '', rate, SECONDS));
      rounds[2]?.push(await loadAtRate('our proxy, sticky, drawing', oursReady.urls[0] ?? '', rate, SECONDS));
    }
    const [theirsAtRate, bareAtRate, mineAtRate] = rounds.map(medianByP99) as [Figures, Figures, Figures];
    console.log('');
    console.log('flat out (latency here is 32 connections / throughput):');
    printRows([direct, theirs, mine]);
    console.log('');
    console.log(`at the same offered load, ${rate.toLocaleString('en')} requests/s (a quarter of HAProxy's throughput; the median p99 of ${RATE_ROUNDS} interleaved rounds):`);
    printRows([theirsAtRate, bareAtRate, mineAtRate]);
    console.log('');
    if (before.type === 'heap' && after.type === 'heap') {
      console.log(`our proxy's heap after a full GC: ${before.heapMb.toFixed(1)} MB at the start, ${after.heapMb.toFixed(1)} MB after ${SOAK_SECONDS} s and ${after.exchanges.toLocaleString('en')} exchanges (RSS ${before.rssMb.toFixed(0)} → ${after.rssMb.toFixed(0)} MB)`);
      console.log(`the diagram at the end: ${after.drawnChars.toLocaleString('en')} characters of Mermaid, drawn in ${after.drawnMs.toFixed(1)} ms`);
      console.log(`memory flat (heap grew < 5 MB): ${after.heapMb - before.heapMb < 5 ? 'yes' : 'NO'}`);
    }
    console.log(`ours vs HAProxy, throughput: ${(mine.rps / theirs.rps).toFixed(2)} (target ≥ 0.25)`);
    console.log(`ours vs HAProxy, p99 at the same load: ${(mineAtRate.p99 - theirsAtRate.p99).toFixed(1)} ms more (target ≤ 2 ms); flat out: ${(mine.p99 - theirs.p99).toFixed(1)} ms more`);
    console.log(`a bare Node proxy vs HAProxy, p99 at the same load: ${(bareAtRate.p99 - theirsAtRate.p99).toFixed(1)} ms more; ours vs the bare Node proxy: ${(mineAtRate.p99 - bareAtRate.p99).toFixed(1)} ms more`);
  } finally {
    anchor?.child.kill();
    ours.kill();
    bare.kill();
    upstreamProcess.kill();
  }
}

const [role, ...rest] = process.argv.slice(2);
if (role === 'upstreams') serveUpstreams();
else if (role === 'proxy') void serveProxy(rest);
else if (role === 'bare') serveBareNodeProxy(rest);
else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
