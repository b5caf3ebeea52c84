// Engine benchmark: 1,000,000 requests, state: client, 100 servers, round-robin.
// Prints events/s without a trace, with a streamed trace, and a bare heap loop doing the same
// pushes and pops; each mode runs in its own process so its peak memory is its own.
import { spawnSync } from 'node:child_process';
import { BinaryHeap, type Scheduled } from '../src/engine/binaryHeap';
import { EventQueue } from '../src/engine/eventQueue';
import { Lab } from '../src/engine/lab';
import type { TraceEvent } from '../src/engine/trace';

const REQUESTS = Number(process.env['BENCH_REQUESTS'] ?? 1_000_000);
const SERVERS = 100;
const CLIENTS = 1000;
const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const SHOP: readonly [string, Record<string, string | number>][] = [['price', { item: 'laptop' }], ['order', { quantity: 2 }], ['pay', { method: 'card' }]];

interface Result {
  readonly mode: string;
  readonly events: number;
  readonly traceEvents: number;
  readonly seconds: number;
  readonly peakRssMb: number;
  readonly heapOps?: number;
}

function runLab(mode: 'no-trace' | 'streamed-trace'): Result {
  const clients = Array.from({ length: CLIENTS }, (_unused, index) => `Client${index + 1}`);
  const servers = Array.from({ length: SERVERS }, (_unused, index) => `Server${index + 1}`);
  const lab = new Lab({ protocol: 'shop', state: 'client', servers, relay: 'round-robin', clients, seed: 1, sessionTtlMs: 1_800_000, latencyMs: 1 }, { record: false });
  let traceEvents = 0;
  let outcomes = 0;
  if (mode === 'streamed-trace') {
    lab.subscribe((event: TraceEvent) => {
      traceEvents++;
      if (event.type === 'request-outcome') outcomes++;
    });
  }
  const started = performance.now();
  let sent = 0;
  for (let round = 0; sent < REQUESTS; round++) {
    const [request, params] = SHOP[round % SHOP.length] ?? ['price', {}];
    for (let index = 0; index < CLIENTS && sent < REQUESTS; index++, sent++) lab.send(clients[index] ?? 'Client1', request, params);
    lab.runUntilIdle();
  }
  const seconds = (performance.now() - started) / 1000;
  if (mode === 'streamed-trace' && outcomes !== REQUESTS) throw new Error(`expected ${REQUESTS} outcomes, saw ${outcomes}`);
  return { mode, events: lab.eventsProcessed, traceEvents, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

interface Queue {
  push(item: Scheduled): void;
  pop(): Scheduled | undefined;
}

/**
 * The limit: a bare binary heap doing the same number of pushes and pops, with nothing else to do.
 * `lab-queue` runs the same loop on the lab's own queue (in-order lane + heap), for comparison.
 */
function runQueueLoop(mode: 'bare-heap' | 'lab-queue', events: number): Result {
  // The heap leaves numbering to its caller; the lab's queue numbers items itself (and overwrites this).
  let seq = 0;
  const queue: Queue = mode === 'lab-queue' ? new EventQueue<Scheduled>() : new BinaryHeap<Scheduled>();
  const started = performance.now();
  let done = 0;
  while (done < events) {
    const batch = Math.min(CLIENTS, events - done);
    for (let index = 0; index < batch; index++) queue.push({ time: 1, seq: seq++ });
    // Each popped event schedules the next hop until the batch's share of events is used up, as the lab's requests do.
    let budget = batch * 3;
    for (let item = queue.pop(); item !== undefined; item = queue.pop()) {
      done++;
      if (budget > 0) {
        budget--;
        queue.push({ time: item.time + 1, seq: seq++ });
      }
    }
  }
  const seconds = (performance.now() - started) / 1000;
  return { mode, events: done, traceEvents: 0, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024, heapOps: done * 2 };
}

function child(mode: string, extra: string[] = []): Result {
  const run = spawnSync(process.execPath, ['--expose-gc', __filename, mode, ...extra], { encoding: 'utf8', env: process.env });
  if (run.status !== 0) throw new Error(`${mode} failed:\n${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as Result;
}

function main(): void {
  const mode = process.argv[2];
  if (mode === 'no-trace' || mode === 'streamed-trace') {
    console.log(JSON.stringify(runLab(mode)));
    return;
  }
  if (mode === 'bare-heap' || mode === 'lab-queue') {
    console.log(JSON.stringify(runQueueLoop(mode, Number(process.argv[3]))));
    return;
  }
  console.log(`Engine benchmark: ${REQUESTS.toLocaleString('en-US')} requests, state: client, ${SERVERS} servers, round-robin, ${CLIENTS} clients (Node ${process.version})`);
  console.log(`Each mode runs ${RUNS} times in its own process; the median is shown, with the range (the machine is shared and noisy).`);
  const rate = (result: Result): number => result.events / result.seconds;
  const median = (results: Result[]): Result => [...results].sort((a, b) => rate(a) - rate(b))[Math.floor(results.length / 2)] as Result;
  const modes: [string, Result[]][] = [['no-trace', []], ['streamed-trace', []], ['bare-heap', []], ['lab-queue', []]];
  for (let run = 0; run < RUNS; run++) {
    for (const [mode, results] of modes) {
      const events = mode === 'bare-heap' || mode === 'lab-queue' ? [String(median(modes[1]?.[1] ?? []).events)] : [];
      results.push(child(mode, events));
    }
  }
  const rows = modes.map(([, results]) => ({ result: median(results), low: Math.min(...results.map(rate)), high: Math.max(...results.map(rate)) }));
  for (const { result, low, high } of rows) {
    console.log(`${result.mode.padEnd(15)} ${result.events.toLocaleString('en-US').padStart(11)} events  ${result.seconds.toFixed(2).padStart(6)} s  ${(rate(result) / 1e6).toFixed(2).padStart(6)} M events/s (${(low / 1e6).toFixed(2)}–${(high / 1e6).toFixed(2)})  peak RSS ${result.peakRssMb.toFixed(0).padStart(4)} MB${result.traceEvents > 0 ? `  (${result.traceEvents.toLocaleString('en-US')} trace events streamed, ${(result.traceEvents / result.seconds / 1e6).toFixed(1)} M/s)` : ''}`);
  }
  const [, streamed, bare, labQueue] = rows.map((row) => row.result) as [Result, Result, Result, Result];
  console.log(`recording vs bare heap loop (medians): ${(rate(streamed) / rate(bare)).toFixed(2)} (target ≥ 0.30)`);
  console.log(`recording vs the same loop on the lab's own queue (medians): ${(rate(streamed) / rate(labQueue)).toFixed(2)} (for comparison; the lab's queue keeps in-order events out of the heap)`);
  console.log(`queue events/s while recording (median): ${(rate(streamed) / 1e6).toFixed(2)} M (target ≥ 2 M)`);
  console.log(`peak memory while streaming the trace: ${streamed.peakRssMb.toFixed(0)} MB (target < 200 MB)`);
}

main();
