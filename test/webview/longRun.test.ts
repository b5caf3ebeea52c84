// A long run in Chromium with the real bundle: the page holds only what is near the view. The
// diagram's segments far away are placeholders, *Messages as text* holds the lines in view, the
// DOM does not grow with the run; scrolling, the keyboard, scrubbing and exports still reach all
// of it; a long run sent in the host's pieces is the same run, in a bounded heap. Counts, bytes and
// behaviour only, never timings.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { Lab } from '../../src/engine/lab';
import { MetricsCollector } from '../../src/engine/metrics';
import type { TraceEvent } from '../../src/engine/trace';
import { inPieces } from '../../src/protocol/inPieces';
import { toWire, type HostToWebviewMessage, type SnapshotMessage } from '../../src/protocol/messages';
import { postedMessages } from './harness';
import { useHarness } from './useHarness';

interface Run {
  readonly lab: Lab;
  readonly metrics: MetricsCollector;
}

/** A stateless shop run of `requests` requests: three drawn arrows and a relay note each. */
function shopRun(requests: number): Run {
  const lab = new Lab({ protocol: 'shop', state: 'client', servers: ['Server1', 'Server2', 'Server3'], relay: 'round-robin', clients: ['Client'], seed: 1, sessionTtlMs: 1000, latencyMs: 1 });
  const metrics = new MetricsCollector();
  lab.subscribe(metrics.observe);
  const kinds = [['price', { item: 'laptop' }], ['order', { quantity: 2 }], ['pay', { method: 'card' }]] as const;
  for (let index = 0; index < requests; index++) {
    const [request, params] = kinds[index % 3] ?? kinds[0];
    lab.send('Client', request, params);
    lab.runUntilIdle();
  }
  return { lab, metrics };
}

function snapshotOf(run: Run, events: readonly TraceEvent[]): SnapshotMessage {
  return toWire({ type: 'snapshot', scenarioId: 'long', title: 'Long', language: 'en', participants: run.lab.participants, events, inspector: run.lab.snapshot(), metrics: run.metrics.result(), pacing: { playing: true, speed: 20, finished: false } });
}

/** Sends one message as it is; as JSON text, since Playwright's own serialization of a big run is slow. */
async function sendWhole(page: Page, message: HostToWebviewMessage): Promise<void> {
  await page.evaluate((json) => { window.postMessage(JSON.parse(json), '*'); }, JSON.stringify(message));
}

/** Sends as the host does: a long run in pieces (inPieces), each its own message. */
async function send(page: Page, message: HostToWebviewMessage): Promise<number> {
  const pieces = inPieces(message);
  for (const piece of pieces) await sendWhole(page, piece);
  return pieces.length;
}

async function tailDrawn(page: Page, sections: number): Promise<void> {
  await page.waitForFunction((count) => document.querySelectorAll('#diagram > .segment').length === count && document.querySelector('#diagram > .segment:last-child .segment-svg > svg') !== null, sections, { timeout: 60_000 });
}

async function count(page: Page, selector: string): Promise<number> {
  return page.evaluate((css) => document.querySelectorAll(css).length, selector);
}

/** True when segment `index` holds its drawing and it is in the diagram's view. */
async function drawnInView(page: Page, index: number): Promise<void> {
  await page.waitForFunction((at) => {
    const svg = document.querySelectorAll('#diagram > .segment')[at]?.querySelector('.segment-svg > svg');
    const scroller = document.getElementById('diagram-scroller');
    if (svg === null || svg === undefined || scroller === null) return false;
    const view = scroller.getBoundingClientRect();
    const box = svg.getBoundingClientRect();
    return box.bottom > view.top && box.top < view.bottom;
  }, index, { timeout: 60_000 });
}

/** What the page shows of a run: its sections, the last one's heading, the timeline, the text list, the inspector. */
async function shown(page: Page): Promise<Record<string, string | number>> {
  return page.evaluate(() => ({
    sections: document.querySelectorAll('#diagram > .segment').length,
    lastHeading: document.querySelector('#diagram > .segment:last-child .segment-heading')?.textContent ?? '',
    timeline: document.querySelector('.timeline-position')?.textContent ?? '',
    lines: document.querySelector('#message-list li')?.getAttribute('aria-setsize') ?? '',
    inspector: document.getElementById('inspector')?.textContent ?? '',
  }));
}

/** The page's JS heap after a full garbage collection (DevTools' own, which also drops what page.evaluate passed in). */
async function heapBytes(page: Page): Promise<number> {
  const devtools = await page.context().newCDPSession(page);
  await devtools.send('HeapProfiler.collectGarbage');
  const { usedSize } = await devtools.send('Runtime.getHeapUsage');
  await devtools.detach();
  return usedSize;
}

/** Segments of 50 drawn messages, three drawn messages a request. */
function segmentsFor(requests: number): number {
  return Math.ceil((requests * 3) / 50);
}

describe('a long run in Chromium: only what is near the view is on the page', () => {
  const suite = useHarness();
  let page: Page;

  beforeEach(async () => {
    page = await suite().browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(suite().harness.origin);
  });
  afterEach(async () => { await page.close(); });

  it('keeps the number of DOM nodes bounded as the run grows fivefold', async () => {
    const small = shopRun(500);
    await send(page, snapshotOf(small, small.lab.trace));
    await tailDrawn(page, segmentsFor(500));
    const nodesSmall = await count(page, '*');
    const big = shopRun(2500);
    await send(page, snapshotOf(big, big.lab.trace));
    await tailDrawn(page, segmentsFor(2500));
    const nodesBig = await count(page, '*');
    const sections = segmentsFor(2500) - segmentsFor(500);
    // Each extra segment adds its placeholder (a section, its heading, an empty holder), nothing more.
    assert.ok(nodesBig - nodesSmall <= sections * 3 + 60, `DOM nodes ${nodesSmall} → ${nodesBig} for ${sections} more segments`);
    assert.ok(await count(page, '#diagram .segment-svg > svg') <= 4, 'a few segments drawn, not all of them');
    assert.ok(await count(page, '#message-list li') <= 100, 'the text list holds a window of lines');
    // Every line still says where it stands in the whole run.
    const lines = big.lab.trace.filter((event) => event.type === 'message-delivered' || event.type === 'message-lost' || event.type === 'internal-step' || event.type === 'fault').length;
    assert.equal(await page.locator('#message-list li').first().getAttribute('aria-setsize'), String(lines));
  });

  it('draws a segment far away when scrolled to, and lets the tail go', async () => {
    const run = shopRun(1500);
    await send(page, snapshotOf(run, run.lab.trace));
    const segments = segmentsFor(1500);
    await tailDrawn(page, segments);
    const middle = Math.floor(segments / 2);
    await page.evaluate((at) => { document.querySelectorAll('#diagram > .segment')[at]?.scrollIntoView({ block: 'start' }); }, middle);
    await drawnInView(page, middle);
    await page.waitForFunction(() => document.querySelector('#diagram > .segment:last-child .segment-svg > svg') === null);
    const heading = await page.locator('#diagram > .segment').nth(middle).locator('.segment-heading').textContent();
    assert.match(heading ?? '', new RegExp(`^Part ${middle + 1} · messages ${middle * 50 + 1}–${middle * 50 + 50}$`));
    // Placeholders keep their drawn size: the page's height barely moves when one is drawn.
    assert.ok(await count(page, '#diagram .segment-svg.placeholder') >= segments - 4);
  });

  it('scrubs to the start and back: the segment there is drawn in view, the inspector shows the state then', async () => {
    const run = shopRun(1500);
    await send(page, snapshotOf(run, run.lab.trace));
    await tailDrawn(page, segmentsFor(1500));
    const slider = page.locator('.timeline-slider');
    await slider.fill('3');
    await drawnInView(page, 0);
    assert.equal(await page.locator('.timeline-position').textContent(), `3 / ${await slider.getAttribute('max')}`);
    assert.match(await page.locator('#inspector').textContent() ?? '', /Requests\s*1(?!\d)/);
    // The later part of the first segment is dimmed, the rest of the run as whole segments.
    assert.ok(await count(page, '#diagram > .segment:first-child .segment-svg .later') > 0);
    assert.equal(await count(page, '#diagram > .segment.later'), segmentsFor(1500) - 1);
    await page.getByRole('button', { name: 'Live' }).click();
    assert.equal(await count(page, '#diagram > .segment.later'), 0);
  });

  it('moves through the text list by keyboard, bringing far lines onto the page; Enter on the last opens its details and its arrow', async () => {
    const run = shopRun(1500);
    await send(page, snapshotOf(run, run.lab.trace));
    await tailDrawn(page, segmentsFor(1500));
    await page.evaluate(() => { document.getElementById('diagram-scroller')?.scrollTo({ top: 0 }); });
    await drawnInView(page, 0);
    await page.locator('.message-text summary').click();
    const first = page.locator('#message-list li').first();
    await first.focus();
    assert.equal(await first.getAttribute('aria-posinset'), '1');
    await page.keyboard.press('End');
    const total = Number(await first.getAttribute('aria-setsize'));
    const focused = (): Promise<{ position: string | null; text: string }> => page.evaluate(() => ({ position: document.activeElement?.getAttribute('aria-posinset') ?? null, text: document.activeElement?.textContent ?? '' }));
    assert.equal((await focused()).position, String(total), 'End reaches the last line of the run');
    assert.ok(await count(page, '#message-list li') <= 100);
    await page.keyboard.press('ArrowUp');
    assert.equal((await focused()).position, String(total - 1));
    await page.keyboard.press('PageUp');
    assert.ok(Number((await focused()).position) < total - 2);
    await page.keyboard.press('End');
    const last = await focused();
    assert.match(last.text, / → Client: /);
    await page.keyboard.press('Enter');
    await page.getByRole('complementary', { name: 'Message details' }).waitFor();
    // Its arrow is in the last segment, which the diagram scrolls to and highlights.
    await page.waitForFunction(() => document.querySelector('#diagram > .segment:last-child .picked') !== null, undefined, { timeout: 60_000 });
    await page.keyboard.press('Escape');
    assert.equal((await focused()).position, String(total), 'focus is back on the line');
    await page.keyboard.press('Home');
    assert.equal((await focused()).position, '1');
  });

  it('takes a long run sent in the host\'s pieces as the same run sent whole, asking for no snapshot again', async function () {
    this.timeout(180_000);
    const run = shopRun(1500);
    await sendWhole(page, snapshotOf(run, run.lab.trace));
    await tailDrawn(page, segmentsFor(1500));
    const whole = await shown(page);
    const inPiecesPage = await suite().browser.newPage({ viewport: { width: 1200, height: 900 } });
    try {
      await inPiecesPage.goto(suite().harness.origin);
      const pieces = await send(inPiecesPage, snapshotOf(run, run.lab.trace));
      assert.ok(pieces >= 15, `the run went in ${pieces} pieces`);
      await tailDrawn(inPiecesPage, segmentsFor(1500));
      assert.deepEqual(await shown(inPiecesPage), whole);
      assert.deepEqual((await postedMessages(inPiecesPage)).filter((message) => (message as { type: string }).type === 'needSnapshot'), []);
    } finally {
      await inPiecesPage.close();
    }
  });

  // The goal is a 100,000-message run under 150 MB; the bound is half of it, which keeping every
  // event's words as fresh copies (no TraceInterner: ~900 bytes a message) already breaks.
  it('holds a long run in a small heap: under 750 bytes a message (75 MB for 100,000)', async function () {
    this.timeout(300_000);
    const small = shopRun(10);
    await send(page, snapshotOf(small, small.lab.trace));
    await tailDrawn(page, 1);
    const before = await heapBytes(page);
    const requests = 7000;
    const run = shopRun(requests);
    await send(page, snapshotOf(run, run.lab.trace));
    await tailDrawn(page, segmentsFor(requests));
    // Messages as the benchmark counts them: three arrows and the relay's note a request.
    const perMessage = (await heapBytes(page) - before) / (requests * 4);
    assert.ok(perMessage < 750, `${perMessage.toFixed(0)} bytes of heap a message`);
  });

  it('exports the whole diagram, not only the segments on the page', async () => {
    const run = shopRun(600);
    await send(page, snapshotOf(run, run.lab.trace));
    const segments = segmentsFor(600);
    await tailDrawn(page, segments);
    assert.ok(await count(page, '#diagram .segment-svg > svg') < segments);
    await send(page, { type: 'collectSvg', requestId: 5 });
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((message) => message.type === 'svg'), undefined, { timeout: 120_000 });
    const answer = (await postedMessages(page)).find((message) => (message as { type: string }).type === 'svg') as { svg: string } | undefined;
    assert.ok(answer !== undefined);
    const parts = await page.evaluate((text) => {
      const parsed = new DOMParser().parseFromString(text, 'image/svg+xml');
      return { error: parsed.querySelector('parsererror')?.textContent ?? '', parts: parsed.documentElement.querySelectorAll(':scope > svg').length, arrows: parsed.querySelectorAll('.messageLine0, .messageLine1').length };
    }, answer.svg);
    assert.equal(parts.error, '');
    assert.equal(parts.parts, segments, 'every segment is in the file');
    assert.equal(parts.arrows, 600 * 3, 'every arrow of the run is in the file');
  });
});
