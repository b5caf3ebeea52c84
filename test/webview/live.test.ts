// The live lab webview in Chromium with a stub host: snapshots, streamed batches, gaps, segments, theme.
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { Lab } from '../../src/engine/lab';
import { MetricsCollector } from '../../src/engine/metrics';
import type { TraceEvent } from '../../src/engine/trace';
import type { EventsMessage, SnapshotMessage } from '../../src/protocol/messages';
import { builtinScenario } from '../../src/scenario/builtins';
import { runScenario } from '../../src/scenario/run';
import { RESULTS_DIR } from '../support/paths';
import { postedMessages, sendToWebview } from './harness';
import { useHarness } from './useHarness';

function clerkRun(): ReturnType<typeof runScenario> {
  const builtin = builtinScenario('clerk-changes-stateful');
  assert.ok(builtin);
  return runScenario(builtin.scenario);
}

function snapshotOf(run: ReturnType<typeof runScenario>, events: readonly TraceEvent[], title = 'Clerk'): SnapshotMessage {
  return { type: 'snapshot', scenarioId: 'clerk-changes', title, language: 'ko', participants: run.participants, events, inspector: run.final, metrics: run.metrics, pacing: { playing: true, speed: 5, finished: false } };
}

function eventsOf(run: ReturnType<typeof runScenario>, events: readonly TraceEvent[]): EventsMessage {
  return { type: 'events', fromSeq: events[0]?.seq ?? 1, events, inspector: run.final, metrics: run.metrics };
}

async function svgText(page: Page): Promise<string> {
  return page.evaluate(() => [...document.querySelectorAll('#diagram svg text')].map((node) => node.textContent).join('\n'));
}

async function posted(page: Page, type: string): Promise<unknown[]> {
  return (await postedMessages(page)).filter((message) => (message as { type: string }).type === type);
}

describe('live lab webview in Chromium', () => {
  const suite = useHarness();
  let page: Page;

  beforeEach(async () => {
    page = await suite().browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(suite().harness.origin);
  });
  afterEach(async () => { await page.close(); });

  it('draws a snapshot, then appends streamed batches to the diagram', async () => {
    const run = clerkRun();
    const cut = run.trace.findIndex((event) => event.type === 'request-outcome') + 1;
    await sendToWebview(page, snapshotOf(run, run.trace.slice(0, cut)));
    await page.waitForFunction(() => document.querySelector('#diagram svg text') !== null);
    await page.waitForFunction(() => [...document.querySelectorAll('#diagram svg text')].some((node) => node.textContent === '100만원 입니다.'));
    assert.doesNotMatch(await svgText(page), /구매하겠습니다/);
    await sendToWebview(page, eventsOf(run, run.trace.slice(cut)));
    await page.waitForFunction(() => [...document.querySelectorAll('#diagram svg text')].map((node) => node.textContent).join('').replace(/\s/g, '').includes('신용카드로구매하겠습니다.'));
    assert.match(await page.locator('#message-list').textContent() ?? '', /고객 → 중계 서버: 신용카드로 구매하겠습니다\./);
    assert.match(await page.locator('#inspector').textContent() ?? '', /점원B: up/);
  });

  it('names a server added mid-run as the topology does (Server4, not its id s4)', async () => {
    const builtin = builtinScenario('clerk-changes-stateful');
    assert.ok(builtin);
    const lab = new Lab({ ...builtin.scenario, names: { ...builtin.scenario.names } });
    const metrics = new MetricsCollector();
    lab.subscribe(metrics.observe);
    const snapshot = { type: 'snapshot', scenarioId: 'clerk-changes', title: 'Clerk', language: 'en', participants: [...lab.participants], events: [], inspector: lab.snapshot(), metrics: metrics.result(), pacing: { playing: true, speed: 5, finished: false } } satisfies SnapshotMessage;
    await sendToWebview(page, snapshot);
    lab.addServer();
    for (let request = 0; request < 4; request++) {
      lab.send('고객', 'price', { item: 'laptop' });
      lab.runUntilIdle();
    }
    await sendToWebview(page, { type: 'events', fromSeq: 1, events: [...lab.trace], inspector: lab.snapshot(), metrics: metrics.result() } satisfies EventsMessage);
    await page.waitForFunction(() => [...document.querySelectorAll('#diagram svg text')].some((node) => node.textContent === 'Server4'));
    const text = await svgText(page);
    assert.doesNotMatch(text, /^s4$/m);
    assert.match(await page.locator('#message-list').textContent() ?? '', /Relay → Server4: How much is this laptop\?/);
  });

  it('asks the host for a snapshot when a batch does not continue the run', async () => {
    const run = clerkRun();
    await sendToWebview(page, snapshotOf(run, run.trace.slice(0, 5)));
    await sendToWebview(page, eventsOf(run, run.trace.slice(8, 12)));
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((message) => message.type === 'needSnapshot'));
    assert.deepEqual(await posted(page, 'needSnapshot'), [{ type: 'needSnapshot', reason: 'expected event 6, got 9' }]);
    // A batch already seen is ignored, not a gap.
    await sendToWebview(page, eventsOf(run, run.trace.slice(0, 3)));
    assert.equal((await posted(page, 'needSnapshot')).length, 1);
  });

  it('ignores malformed messages and keeps working', async () => {
    const run = clerkRun();
    await sendToWebview(page, { type: 'events', fromSeq: 1, events: [{ nope: true }], inspector: {}, metrics: {} });
    await sendToWebview(page, { type: 'snapshot' });
    await sendToWebview(page, 42);
    await sendToWebview(page, snapshotOf(run, run.trace, 'After'));
    await page.waitForFunction(() => document.querySelector('#diagram svg') !== null);
    assert.equal(await page.locator('#diagram-title').textContent(), 'After');
  });

  it('keeps a long run as finished segments above a live tail', async () => {
    const lab = new Lab({ protocol: 'shop', state: 'client', servers: ['A', 'B'], relay: 'round-robin', clients: ['C'], seed: 1, sessionTtlMs: 1000, latencyMs: 1 });
    const metrics = new MetricsCollector();
    lab.subscribe(metrics.observe);
    for (let index = 0; index < 100; index++) {
      lab.send('C', 'price', { item: 'laptop' });
      lab.runUntilIdle();
    }
    const all = lab.trace;
    const base = { type: 'snapshot' as const, scenarioId: 'long', title: 'Long', language: 'en' as const, participants: lab.participants, inspector: lab.snapshot(), metrics: metrics.result(), pacing: { playing: true, speed: 5, finished: false } };
    const cut = all.length / 2; // 50 requests, 150 messages (an answer is drawn once, server to client): three segments of 50
    await sendToWebview(page, { ...base, events: all.slice(0, cut) });
    const lastDrawn = (count: number): Promise<unknown> => page.waitForFunction((sections) => document.querySelectorAll('#diagram > .segment').length === sections && document.querySelector('#diagram > .segment:last-child .segment-svg > svg') !== null, count, { timeout: 30_000 });
    await lastDrawn(3);
    // The page follows the tail; the first segment is drawn when scrolled to.
    const firstSvg = async (): Promise<string | undefined> => {
      await page.evaluate(() => { document.getElementById('diagram-scroller')?.scrollTo({ top: 0 }); });
      await page.waitForFunction(() => document.querySelector('#diagram > .segment:first-child .segment-svg > svg') !== null, undefined, { timeout: 30_000 });
      return page.evaluate(() => document.querySelector('#diagram > .segment:first-child .segment-svg > svg')?.id);
    };
    const first = await firstSvg();
    await sendToWebview(page, { type: 'events', fromSeq: cut + 1, events: all.slice(cut), inspector: lab.snapshot(), metrics: metrics.result() });
    await page.evaluate(() => { const scroller = document.getElementById('diagram-scroller'); scroller?.scrollTo({ top: scroller.scrollHeight }); });
    await lastDrawn(6);
    // Far from the view, segments are placeholders: not every one of six is drawn at the tail.
    assert.ok(await page.evaluate(() => document.querySelectorAll('#diagram .segment-svg > svg').length) < 6, 'segments far from the view are not on the page');
    assert.equal(await firstSvg(), first, 'the finished first segment was put back, not redrawn');
    assert.match(await page.locator('#diagram .segment-heading').first().textContent() ?? '', /^Part 1 · messages 1–50$/);
  });

  it('redraws in the dark theme when VS Code switches, and sends controls to the host', async () => {
    const run = clerkRun();
    await sendToWebview(page, snapshotOf(run, run.trace));
    await page.waitForFunction(() => document.querySelector('#diagram svg') !== null);
    mkdirSync(RESULTS_DIR, { recursive: true });
    await page.screenshot({ path: join(RESULTS_DIR, 'webview-live-light.png'), fullPage: true });
    const lightId = await page.evaluate(() => document.querySelector('#diagram svg')?.id);
    await page.evaluate(() => {
      document.body.classList.add('vscode-dark');
      document.body.style.setProperty('--vscode-editor-background', '#1e1e1e');
      document.body.style.setProperty('--vscode-editor-foreground', '#d4d4d4');
    });
    await page.waitForFunction((before) => document.querySelector('#diagram svg')?.id !== before, lightId);
    await page.screenshot({ path: join(RESULTS_DIR, 'webview-live-dark.png'), fullPage: true });
    await page.getByRole('button', { name: 'Zoom in' }).click();
    // Zoom draws the diagram at Mermaid's size times the step (readable.test.ts measures more).
    assert.equal(await page.evaluate(() => { const svg = document.querySelector('#diagram svg') as SVGSVGElement; return Math.round(svg.getBoundingClientRect().width / svg.viewBox.baseVal.width * 100); }), 125);
    assert.equal(await page.getByRole('button', { name: 'Reset zoom' }).textContent(), '125%');
    await page.getByRole('button', { name: 'Reset zoom' }).click();
    await page.getByRole('button', { name: 'Step one event' }).click();
    await page.keyboard.press('Space');
    assert.deepEqual(await posted(page, 'control'), [{ type: 'control', action: 'step' }, { type: 'control', action: 'pause' }]);
  });

  it('runs the extension\'s commands from its buttons, hands over a standalone SVG and keeps the scenario for a reload', async () => {
    const run = clerkRun();
    await sendToWebview(page, snapshotOf(run, run.trace));
    await page.waitForFunction(() => document.querySelector('#diagram svg') !== null);
    assert.equal(await page.evaluate(() => (window as unknown as { __state?: { scenarioId: unknown } }).__state?.scenarioId), 'clerk-changes');
    await page.getByRole('button', { name: 'Insert the diagram into a Markdown note' }).click();
    await page.getByRole('button', { name: 'Copy the diagram as Mermaid text' }).click();
    await page.getByRole('button', { name: 'Save the drawn diagram as an SVG file' }).click();
    assert.deepEqual(await posted(page, 'command'), [
      { type: 'command', command: 'insertIntoNote' }, { type: 'command', command: 'copyMermaid' }, { type: 'command', command: 'exportSvg' },
    ]);
    await sendToWebview(page, { type: 'collectSvg', requestId: 7 });
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((message) => message.type === 'svg'));
    const [answer] = await posted(page, 'svg') as ({ requestId: number; svg: string } | undefined)[];
    assert.equal(answer?.requestId, 7);
    assert.ok(answer);
    const svg = answer.svg;
    assert.match(svg, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg /);
    // A file on its own: well-formed XML with the drawn text in it.
    const checked = await page.evaluate((text) => {
      const parsed = new DOMParser().parseFromString(text, 'image/svg+xml');
      return { error: parsed.querySelector('parsererror')?.textContent ?? '', text: parsed.documentElement.textContent };
    }, svg);
    assert.equal(checked.error, '');
    assert.match(checked.text.replace(/\s/g, ''), /신용카드로구매하겠습니다/);
  });

  it('hands over PNGs at twice the drawn size, background filled and Hangul drawn, and copies the picture to the clipboard', async () => {
    const run = clerkRun();
    await sendToWebview(page, snapshotOf(run, run.trace));
    await page.waitForFunction(() => document.querySelector('#diagram svg') !== null);
    await page.getByRole('button', { name: 'Save the drawn diagram as a PNG image (twice its size)' }).click();
    assert.deepEqual(await posted(page, 'command'), [{ type: 'command', command: 'exportPng' }]);
    // The drawn diagram, and a note's block drawn on its own.
    const block = 'sequenceDiagram\n    participant c1 as 고객\n    participant s1 as 점원\n    c1->>s1: 이 노트북 얼마인가요?';
    for (const [requestId, blocks] of [[11, []], [12, [block]]] as const) {
      await sendToWebview(page, { type: 'collectPng', requestId, blocks });
      await page.waitForFunction((id) => (window as unknown as { __posted: { type: string; requestId?: number }[] }).__posted.some((message) => message.type === 'png' && message.requestId === id), requestId);
    }
    const answers = await posted(page, 'png') as { requestId: number; pngs: string[]; error: string }[];
    assert.deepEqual(answers.map((answer) => [answer.requestId, answer.pngs.length, answer.error]), [[11, 1, ''], [12, 1, '']]);
    mkdirSync(RESULTS_DIR, { recursive: true });
    for (const answer of answers) {
      const png = answer.pngs[0] ?? '';
      writeFileSync(join(RESULTS_DIR, `webview-diagram-${answer.requestId}.png`), Buffer.from(png, 'base64'));
      const seen = await page.evaluate(async ([data, svgSelector]) => {
        // An image element (the page's CSP allows data: images, not fetches).
        const bitmap = new Image();
        bitmap.src = `data:image/png;base64,${data}`;
        await bitmap.decode();
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const context = canvas.getContext('2d');
        if (context === null) throw new Error('no canvas');
        context.drawImage(bitmap, 0, 0);
        const pixels = context.getImageData(0, 0, bitmap.width, bitmap.height).data;
        const corner = [pixels[0], pixels[1], pixels[2], pixels[3]];
        let ink = 0;
        for (let index = 0; index < pixels.length; index += 4) if ((pixels[index] ?? 255) < 120 && (pixels[index + 1] ?? 255) < 120 && (pixels[index + 2] ?? 255) < 120) ink++;
        const drawn = document.querySelector(svgSelector);
        return { width: bitmap.width, height: bitmap.height, corner, ink, drawnWidth: drawn instanceof SVGSVGElement ? drawn.viewBox.baseVal.width : 0 };
      }, [png, '#diagram .segment-svg > svg'] as const);
      assert.equal(seen.corner[3], 255, 'the background is filled, not transparent');
      assert.ok(seen.ink > 2000, `text and lines are drawn (${seen.ink} dark pixels)`);
      if (answer.requestId === 11) assert.equal(seen.width, Math.round(seen.drawnWidth * 2), 'twice the drawn width');
    }
    // A block Mermaid refuses comes back as an error, not as a picture.
    await sendToWebview(page, { type: 'collectPng', requestId: 13, blocks: ['sequenceDiagram\n  this is not mermaid ->> ->>'] });
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string; requestId?: number }[] }).__posted.some((message) => message.type === 'png' && message.requestId === 13));
    const refused = (await posted(page, 'png') as { requestId: number; pngs: string[]; error: string }[]).find((answer) => answer.requestId === 13);
    assert.ok(refused !== undefined && refused.pngs.length === 0 && refused.error !== '');
    // Copy as Image writes a PNG to the clipboard.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite().harness.origin });
    await page.getByRole('button', { name: 'Copy the drawn diagram as a PNG image' }).click();
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((message) => message.type === 'imageCopied'));
    assert.deepEqual(await posted(page, 'imageCopied'), [{ type: 'imageCopied', requestId: 0, ok: true, error: '' }]);
    const types = await page.evaluate(async () => (await navigator.clipboard.read()).flatMap((item) => [...item.types]));
    assert.deepEqual(types, ['image/png']);
  });

  it('draws hostile names and labels as text in the live view, and nothing in them runs', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    const lab = new Lab({ protocol: 'tcp', state: 'server', servers: [`S ${hostile}`], relay: 'none', clients: [`C ${hostile}`], seed: 1, sessionTtlMs: 1000, latencyMs: 1 });
    const metrics = new MetricsCollector();
    lab.subscribe(metrics.observe);
    lab.send(`C ${hostile}`, 'connect');
    lab.runUntilIdle();
    lab.send(`C ${hostile}`, 'send', { data: `%%{init: {"theme":"dark"}}%% ${hostile} ;#:-->> end` });
    lab.runUntilIdle();
    await sendToWebview(page, { type: 'snapshot', scenarioId: 'hostile', title: hostile, language: 'en', participants: lab.participants, events: lab.trace, inspector: lab.snapshot(), metrics: metrics.result(), pacing: { playing: false, speed: 5, finished: false } });
    await page.waitForFunction(() => document.querySelector('#diagram svg') !== null);
    assert.equal(await page.locator('#diagram-title').textContent(), hostile);
    assert.match(await svgText(page), /<script>window.__pwned=2<\/script>/);
    assert.match(await page.locator('#message-list').textContent() ?? '', /onerror=/);
    assert.equal(await page.evaluate(() => document.querySelectorAll('#diagram script, #diagram img, #diagram [onerror], #inspector img, #message-list img, #diagram-title *').length), 0);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
  });

  it('after a hidden spell, a fresh snapshot replaces what was drawn (nothing doubled)', async () => {
    const run = clerkRun();
    await sendToWebview(page, snapshotOf(run, run.trace.slice(0, 6)));
    await page.waitForFunction(() => document.querySelector('#diagram svg') !== null);
    // While hidden the host sends nothing; on show it sends the whole state again.
    await sendToWebview(page, snapshotOf(run, run.trace));
    await page.waitForFunction(() => [...document.querySelectorAll('#diagram svg text')].map((node) => node.textContent).join('').replace(/\s/g, '').includes('신용카드로구매하겠습니다.'));
    const listed = run.trace.filter((event) => event.type === 'message-delivered' || event.type === 'message-lost' || event.type === 'internal-step' || event.type === 'fault').length;
    assert.equal(await page.locator('#message-list li').count(), listed);
    assert.equal((await posted(page, 'needSnapshot')).length, 0);
  });

  it('speaks Korean when VS Code hands it the Korean bundle: controls, actions, inspector', async () => {
    await page.goto(`${suite().harness.origin}/ko`);
    const run = clerkRun();
    await sendToWebview(page, snapshotOf(run, run.trace));
    await page.waitForFunction(() => document.querySelector('#diagram svg') !== null);
    assert.equal(await page.getByRole('button', { name: '다이어그램을 마크다운 노트에 넣기' }).textContent(), '노트에 넣기');
    assert.equal(await page.getByRole('button', { name: '이벤트 하나 진행' }).textContent(), '한 단계');
    assert.equal(await page.locator('#inspector h2').first().textContent(), '서버');
    assert.equal(await page.locator('.message-text summary').textContent(), '메시지를 글로 보기');
    assert.equal(await page.locator('html').getAttribute('lang'), 'ko');
    mkdirSync(RESULTS_DIR, { recursive: true });
    await page.screenshot({ path: join(RESULTS_DIR, 'webview-korean.png') });
  });
});
