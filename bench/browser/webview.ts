// Webview benchmark, in headless Chromium with the real bundle and a stub host:
//  1. append latency while a run grows to 1,000 messages at 20 messages/s (batch arrival → its
//     messages in the SVG), p50 and p95;
//  2. the naive way in the same browser: the whole diagram redrawn per batch, and the ratio;
//  3. a 10,000-message run: main-thread tasks over 500 ms after the first render, JS heap;
//  4. cold open to first diagram (median of several fresh browser contexts);
//  5. scrubbing a 10,000-message run: the timeline moved to a point → the diagram dimmed past it
//     and the inspector showing the state there, painted (p50 / p95 of jumps back and forth).
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { sequenceDiagram } from '../../src/diagram/sequenceDiagram';
import { Lab } from '../../src/engine/lab';
import { MetricsCollector } from '../../src/engine/metrics';
import type { TraceEvent } from '../../src/engine/trace';
import { toWire, type SnapshotMessage } from '../../src/protocol/messages';
import { chromiumPath, REPO_ROOT } from '../../test/support/paths';
import { startHarness, type Harness } from '../../test/webview/harness';

interface Run {
  readonly lab: Lab;
  readonly metrics: MetricsCollector;
}

/** A stateless shop run: each request is 4 messages (client → relay → server and back). */
function longRun(messages: number): Run {
  const lab = new Lab({ protocol: 'shop', state: 'client', servers: ['Server1', 'Server2', 'Server3'], relay: 'round-robin', clients: ['Client'], seed: 1, sessionTtlMs: 1000, latencyMs: 1 });
  const metrics = new MetricsCollector();
  lab.subscribe(metrics.observe);
  const requests = ['price', 'order', 'pay'] as const;
  const params = [{ item: 'laptop' }, { quantity: 2 }, { method: 'card' }] as const;
  for (let index = 0; index < messages / 4; index++) {
    lab.send('Client', requests[index % 3] ?? 'price', params[index % 3] ?? {});
    lab.runUntilIdle();
  }
  return { lab, metrics };
}

/** Splits a trace into batches that each end with one more drawn message. */
function batchesByMessage(events: readonly TraceEvent[]): TraceEvent[][] {
  const batches: TraceEvent[][] = [];
  let current: TraceEvent[] = [];
  for (const event of events) {
    current.push(event);
    if (event.type === 'message-delivered' || event.type === 'message-lost' || event.type === 'internal-step') {
      batches.push(current);
      current = [];
    }
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

function snapshot(run: Run, events: readonly TraceEvent[]): SnapshotMessage {
  return toWire({ type: 'snapshot', scenarioId: 'bench', title: 'Bench', language: 'en', participants: run.lab.participants, events, inspector: run.lab.snapshot(), metrics: run.metrics.result(), pacing: { playing: true, speed: 20, finished: false } });
}

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? Number.NaN;
}

async function openLab(browser: Browser, harness: Harness): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  await page.goto(harness.origin);
  await page.waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted.length > 0);
  // Count each batch's arrival, and watch (every frame) how many messages the SVGs hold.
  await page.evaluate(() => {
    const state = { arrivals: [] as number[], expected: [] as number[], latencies: [] as number[], next: 0, longTasks: [] as number[] };
    Object.assign(window, { bench: state });
    new PerformanceObserver((list) => { for (const entry of list.getEntries()) state.longTasks.push(entry.duration); }).observe({ type: 'longtask', buffered: false });
    // Counted per SVG and remembered: a redrawn segment is a new SVG element.
    const counts = new WeakMap<Element, number>();
    const frame = (): void => {
      let shown = 0;
      for (const holder of document.querySelectorAll('#diagram .segment-svg')) {
        const svg = holder.firstElementChild;
        if (svg === null) continue;
        let count = counts.get(svg);
        if (count === undefined) {
          count = svg.querySelectorAll('.messageText').length;
          counts.set(svg, count);
        }
        shown += count;
      }
      while (state.next < state.expected.length && (state.expected[state.next] ?? Infinity) <= shown) {
        state.latencies.push(performance.now() - (state.arrivals[state.next] ?? 0));
        state.next++;
      }
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  return page;
}

/** Sends one batch as the host would, noting when it arrived and how many messages it completes. */
async function sendBatch(page: Page, message: unknown, expectedMessages: number): Promise<void> {
  await page.evaluate(([data, expected]) => {
    const bench = (window as unknown as { bench: { arrivals: number[]; expected: number[] } }).bench;
    bench.arrivals.push(performance.now());
    bench.expected.push(expected);
    window.postMessage(data, '*');
  }, [message, expectedMessages] as const);
}

async function appendLatency(browser: Browser, harness: Harness): Promise<{ p50: number; p95: number; max: number }> {
  const run = longRun(1000);
  const batches = batchesByMessage(run.lab.trace);
  const page = await openLab(browser, harness);
  await page.evaluate((data) => { window.postMessage(data, '*'); }, snapshot(run, []) as unknown);
  let shown = 0;
  for (const batch of batches) {
    shown += batch.some((event) => event.type === 'message-delivered' || event.type === 'message-lost' || event.type === 'internal-step') ? 1 : 0;
    const message = toWire({ type: 'events', fromSeq: batch[0]?.seq ?? 1, events: batch, inspector: run.lab.snapshot(), metrics: run.metrics.result() });
    await sendBatch(page, message, shown);
    await page.waitForTimeout(50); // 20 messages per second
  }
  await page.waitForFunction((count) => (window as unknown as { bench: { next: number } }).bench.next >= count, batches.length, { timeout: 120_000 });
  const latencies = await page.evaluate(() => (window as unknown as { bench: { latencies: number[] } }).bench.latencies);
  await page.close();
  return { p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95), max: Math.max(...latencies) };
}

/** The naive way: Mermaid redraws the whole run, as one diagram, at 1,000 messages. */
async function naiveRender(browser: Browser): Promise<number> {
  const run = longRun(1000);
  const [whole] = sequenceDiagram(run.lab.participants, run.lab.trace, { language: 'en', maxMessages: 100_000, maxTextSize: 10_000_000, maxPartHeight: Number.POSITIVE_INFINITY });
  const page = await browser.newPage();
  await page.setContent('<!DOCTYPE html><html><body></body></html>');
  await page.addScriptTag({ path: join(REPO_ROOT, 'out', 'mermaid-check', 'mermaid12.js') });
  const times: number[] = [];
  for (let attempt = 0; attempt < 3; attempt++) {
    times.push(await page.evaluate(async (text) => {
      const started = performance.now();
      // The same work a naive view does for each batch: draw everything again.
      await (window as unknown as { renderTexts(text: string): Promise<unknown> }).renderTexts(text);
      return performance.now() - started;
    }, whole?.mermaid ?? ''));
  }
  await page.close();
  return percentile(times, 0.5);
}

async function bigRun(browser: Browser, harness: Harness): Promise<{ longTasksOver500: number; longest: number; heapMb: number; seconds: number }> {
  const run = longRun(10_000);
  const batches = batchesByMessage(run.lab.trace);
  const page = await openLab(browser, harness);
  const started = Date.now();
  await page.evaluate((data) => { window.postMessage(data, '*'); }, snapshot(run, []) as unknown);
  await page.waitForFunction(() => document.querySelector('#diagram svg') !== null);
  await page.evaluate(() => { (window as unknown as { bench: { longTasks: number[] } }).bench.longTasks.length = 0; });
  // Stream it in batches of about 100 messages, as fast as the host would at a high speed.
  for (let index = 0; index < batches.length; index += 100) {
    const events = batches.slice(index, index + 100).flat();
    await page.evaluate((data) => { window.postMessage(data, '*'); }, toWire({ type: 'events', fromSeq: events[0]?.seq ?? 1, events, inspector: run.lab.snapshot(), metrics: run.metrics.result() }) as unknown);
    await page.waitForTimeout(100);
  }
  await page.waitForFunction((count) => document.querySelectorAll('#diagram .segment svg').length >= count, Math.ceil(batches.length / 100) - 1, { timeout: 600_000, polling: 500 });
  const seconds = (Date.now() - started) / 1000;
  const result = await page.evaluate(() => {
    const bench = (window as unknown as { bench: { longTasks: number[] } }).bench;
    const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
    return { longTasks: bench.longTasks, heap: memory?.usedJSHeapSize ?? Number.NaN };
  });
  await page.close();
  return { longTasksOver500: result.longTasks.filter((duration) => duration > 500).length, longest: Math.max(0, ...result.longTasks), heapMb: result.heap / 1024 / 1024, seconds };
}

interface Spread {
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
}

function spread(times: readonly number[]): Spread {
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95), max: Math.max(...times) };
}

/**
 * Jumps the timeline of a drawn 10,000-message run to points back and forth, each timed until the
 * frame after it is painted; then the same number of jumps by scrolling alone, to a segment far
 * away: what the page's drawing costs whatever the timeline does (the floor on this machine).
 */
async function scrubLatency(browser: Browser, harness: Harness): Promise<{ scrub: Spread; scrollOnly: Spread; jumps: number }> {
  const run = longRun(10_000);
  const page = await openLab(browser, harness);
  await page.evaluate((data) => { window.postMessage(data, '*'); }, snapshot(run, run.lab.trace) as unknown);
  // Three drawn messages per request (the answer goes straight back), 50 per segment.
  const segments = Math.ceil(((10_000 / 4) * 3) / 50);
  await page.waitForFunction((count) => document.querySelectorAll('#diagram .segment svg').length >= count, segments - 1, { timeout: 600_000, polling: 500 });
  const times = await page.evaluate(async () => {
    const slider = document.querySelector<HTMLInputElement>('.timeline-slider');
    if (slider === null) throw new Error('no timeline');
    const max = Number(slider.max);
    const painted = (): Promise<void> => new Promise((resolvePaint) => { requestAnimationFrame(() => { requestAnimationFrame(() => { resolvePaint(); }); }); });
    // A fixed walk: far back, near the end, the very start every tenth jump.
    let seed = 7;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    const scrub: number[] = [];
    for (let jump = 0; jump < 60; jump++) {
      const to = jump % 10 === 9 ? 0 : next() % (max + 1);
      const started = performance.now();
      slider.value = String(to);
      slider.dispatchEvent(new Event('input'));
      await painted();
      scrub.push(performance.now() - started);
    }
    slider.value = String(max);
    slider.dispatchEvent(new Event('input'));
    const sections = document.querySelectorAll('#diagram .segment');
    const scrollOnly: number[] = [];
    for (let jump = 0; jump < 60; jump++) {
      const started = performance.now();
      sections[next() % sections.length]?.scrollIntoView({ block: 'center' });
      await painted();
      scrollOnly.push(performance.now() - started);
    }
    return { scrub, scrollOnly };
  });
  await page.close();
  return { scrub: spread(times.scrub), scrollOnly: spread(times.scrollOnly), jumps: times.scrub.length };
}

/** One cold open: a fresh browser context (nothing cached), the page, the host's snapshot, the first diagram. */
async function coldOpen(browser: Browser, harness: Harness): Promise<number> {
  const run = longRun(40);
  const context = await browser.newContext();
  const page = await context.newPage();
  const started = Date.now();
  await page.goto(harness.origin);
  await page.waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted.length > 0);
  await page.evaluate((data) => { window.postMessage(data, '*'); }, snapshot(run, run.lab.trace) as unknown);
  await page.waitForFunction(() => document.querySelector('#diagram svg') !== null);
  const elapsed = Date.now() - started;
  await context.close();
  return elapsed;
}

/** A single cold open swings by a third on this shared machine: the median of several, with the range. */
async function coldOpens(browser: Browser, harness: Harness, count: number): Promise<{ median: number; low: number; high: number }> {
  const times: number[] = [];
  for (let index = 0; index < count; index++) times.push(await coldOpen(browser, harness));
  return { median: percentile(times, 0.5), low: Math.min(...times), high: Math.max(...times) };
}

async function main(): Promise<void> {
  const harness = await startHarness();
  const browser = await chromium.launch({
    executablePath: chromiumPath(), headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-precise-memory-info'],
  });
  try {
    console.log('Webview benchmark (headless Chromium, the webview bundle minified as it ships, a stub host)');
    const cold = await coldOpens(browser, harness, 5);
    console.log(`cold open to first diagram (40 messages), median of 5 fresh contexts: ${cold.median} ms (${cold.low}–${cold.high}) (target ≤ 1000 ms)`);
    const append = await appendLatency(browser, harness);
    console.log(`append latency, run growing to 1,000 messages at 20 messages/s: p50 ${append.p50.toFixed(0)} ms, p95 ${append.p95.toFixed(0)} ms, max ${append.max.toFixed(0)} ms (target p95 ≤ 250 ms)`);
    const naive = await naiveRender(browser);
    console.log(`naive whole-diagram redraw at 1,000 messages: ${naive.toFixed(0)} ms per batch; ratio to our p95: ${(naive / append.p95).toFixed(1)}× (target ≥ 10×)`);
    const scrub = await scrubLatency(browser, harness);
    console.log(`scrubbing a 10,000-message run (${scrub.jumps} jumps of the timeline, until painted): p50 ${scrub.scrub.p50.toFixed(0)} ms, p95 ${scrub.scrub.p95.toFixed(0)} ms, max ${scrub.scrub.max.toFixed(0)} ms (target p95 ≤ 100 ms); the same number of jumps by scrolling alone: p50 ${scrub.scrollOnly.p50.toFixed(0)} ms, p95 ${scrub.scrollOnly.p95.toFixed(0)} ms (the page's own drawing, the floor here)`);
    const big = await bigRun(browser, harness);
    console.log(`10,000-message run: ${big.longTasksOver500} main-thread tasks over 500 ms after the first render (longest ${big.longest.toFixed(0)} ms), JS heap ${big.heapMb.toFixed(0)} MB (targets: 0 tasks, < 150 MB), streamed in ${big.seconds.toFixed(0)} s`);
  } finally {
    await browser.close();
    await harness.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
