// Readable at any size, in Chromium with the real bundle: text never squeezed below 12 px to fit,
// zoom that enlarges, Fit as a choice, the inspector folding away at narrow widths, a finished run
// that says so, counts read as words; screenshots in light, dark and high contrast.
import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { Lab } from '../../src/engine/lab';
import { MetricsCollector } from '../../src/engine/metrics';
import type { EventsMessage, PacingMessage, SnapshotMessage } from '../../src/protocol/messages';
import { builtinScenario } from '../../src/scenario/builtins';
import { runScenario } from '../../src/scenario/run';
import { makeLab, purchase } from '../support/labs';
import { RESULTS_DIR } from '../support/paths';
import { postedMessages, sendToWebview } from './harness';
import { useHarness } from './useHarness';

/** VS Code's width beside 1.139's Chat panel, where the issue measured 5–6 px text. */
const NARROW = { width: 730, height: 800 };
const WIDE = { width: 1400, height: 900 };

function watched(lab: Lab): MetricsCollector {
  const metrics = new MetricsCollector();
  lab.subscribe(metrics.observe);
  return metrics;
}

function snapshotOf(lab: Lab, metrics: MetricsCollector, finished = false): SnapshotMessage {
  return {
    type: 'snapshot', scenarioId: 'readable', title: 'Readable', language: 'en', participants: [...lab.participants], events: [...lab.trace],
    inspector: lab.snapshot(), metrics: metrics.result(), pacing: { playing: true, speed: 5, finished },
  };
}

/** A built-in story run to its end, in English. */
function storySnapshot(id: string): SnapshotMessage {
  const builtin = builtinScenario(id);
  assert.ok(builtin);
  const run = runScenario(builtin.scenario);
  return {
    type: 'snapshot', scenarioId: id, title: builtin.scenario.title.en, language: 'en', participants: run.participants, events: run.trace,
    inspector: run.final, metrics: run.metrics, pacing: { playing: true, speed: 5, finished: true },
  };
}

/** Client, relay and four servers: six lifelines, a purchase on each. */
function sixLifelines(): { lab: Lab; metrics: MetricsCollector } {
  const lab = makeLab({ servers: ['Server1', 'Server2', 'Server3', 'Server4'], relay: 'round-robin' });
  const metrics = watched(lab);
  for (let round = 0; round < 2; round++) purchase(lab);
  return { lab, metrics };
}

/** The smallest message text as drawn on screen, in CSS px (font size × drawn width / Mermaid's width). */
async function smallestMessageTextPx(page: Page): Promise<number> {
  return page.evaluate(() => {
    const sizes = [...document.querySelectorAll<SVGTextElement>('#diagram svg text.messageText')].map((text) => {
      const svg = text.ownerSVGElement as SVGSVGElement;
      return parseFloat(getComputedStyle(text).fontSize) * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    });
    return Math.min(...sizes);
  });
}

async function drawnWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.querySelector('#diagram svg')?.getBoundingClientRect().width ?? 0);
}

async function drawn(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('#diagram svg text.messageText') !== null, undefined, { timeout: 30_000 });
}

/** The theme variables VS Code sets on the body, enough of them for the panel to look like it does there. */
const THEMES: Readonly<Record<string, { readonly body: string; readonly vars: Readonly<Record<string, string>> }>> = {
  light: { body: 'vscode-light', vars: { 'editor-background': '#ffffff', 'editor-foreground': '#3b3b3b', 'button-background': '#005fb8', 'button-foreground': '#ffffff', 'button-secondaryBackground': '#e5e5e5', 'button-secondaryForeground': '#3b3b3b', 'badge-background': '#cccccc', 'badge-foreground': '#3b3b3b', 'panel-border': '#e5e5e5', 'descriptionForeground': '#3b3b3b', 'errorForeground': '#f85149', 'focusBorder': '#005fb8' } },
  dark: { body: 'vscode-dark', vars: { 'editor-background': '#1f1f1f', 'editor-foreground': '#cccccc', 'button-background': '#0078d4', 'button-foreground': '#ffffff', 'button-secondaryBackground': '#313131', 'button-secondaryForeground': '#cccccc', 'badge-background': '#616161', 'badge-foreground': '#f8f8f8', 'panel-border': '#2b2b2b', 'descriptionForeground': '#9d9d9d', 'errorForeground': '#f85149', 'focusBorder': '#0078d4' } },
  'high-contrast': { body: 'vscode-high-contrast', vars: { 'editor-background': '#000000', 'editor-foreground': '#ffffff', 'button-background': '#000000', 'button-foreground': '#ffffff', 'button-secondaryBackground': '#000000', 'button-secondaryForeground': '#ffffff', 'badge-background': '#000000', 'badge-foreground': '#ffffff', 'panel-border': '#6fc3df', 'contrastBorder': '#6fc3df', 'button-border': '#6fc3df', 'descriptionForeground': '#ffffff', 'errorForeground': '#f48771', 'focusBorder': '#f38518' } },
};

async function useTheme(page: Page, name: string): Promise<void> {
  const theme = THEMES[name];
  assert.ok(theme);
  await page.evaluate(({ body, vars }) => {
    document.body.className = body;
    for (const [key, value] of Object.entries(vars)) document.body.style.setProperty(`--vscode-${key}`, value);
  }, theme);
}

describe('the lab panel is readable at any size (Chromium)', () => {
  const suite = useHarness();
  let page: Page;

  async function open(viewport: { width: number; height: number }, path = ''): Promise<void> {
    page = await suite().browser.newPage({ viewport });
    await page.goto(`${suite().harness.origin}${path}`);
  }
  afterEach(async () => { await page.close(); });

  it('at a 730 px editor: six lifelines keep 12 px text and scroll sideways, the inspector is folded; zoom 100 → 200 % doubles the width; Fit is a choice', async () => {
    await open(NARROW);
    const { lab, metrics } = sixLifelines();
    await sendToWebview(page, snapshotOf(lab, metrics));
    await drawn(page);
    assert.equal(await page.locator('#inspector').isVisible(), false, 'the inspector folds away at 730 px');
    assert.equal(await page.getByRole('button', { name: 'State', exact: true }).getAttribute('aria-expanded'), 'false');
    mkdirSync(RESULTS_DIR, { recursive: true });
    await page.screenshot({ path: join(RESULTS_DIR, 'webview-730px-six-lifelines.png') });
    const atHundred = await smallestMessageTextPx(page);
    assert.ok(atHundred >= 12, `message text is ${atHundred.toFixed(1)} px at 100 %`);
    const room = await page.evaluate(() => { const scroller = document.getElementById('diagram-scroller') as HTMLElement; return { scrolls: scroller.scrollWidth > scroller.clientWidth, width: scroller.clientWidth }; });
    assert.ok(room.scrolls, `a diagram wider than ${room.width} px scrolls sideways`);

    const hundred = await drawnWidth(page);
    for (let step = 0; step < 3; step++) await page.getByRole('button', { name: 'Zoom in' }).click(); // 125, 150, 200
    assert.equal(await page.getByRole('button', { name: 'Reset zoom' }).textContent(), '200%');
    const twoHundred = await drawnWidth(page);
    assert.ok(Math.abs(twoHundred / hundred - 2) < 0.01, `100 → 200 % drew ${hundred.toFixed(0)} → ${twoHundred.toFixed(0)} px`);
    assert.ok(Math.abs(await smallestMessageTextPx(page) / atHundred - 2) < 0.01, 'the text doubles too');

    await page.getByRole('button', { name: 'Fit the diagram to the panel' }).click();
    assert.equal(await page.getByRole('button', { name: 'Fit the diagram to the panel' }).getAttribute('aria-pressed'), 'true');
    const fitted = await page.evaluate(() => {
      const scroller = document.getElementById('diagram-scroller') as HTMLElement;
      return { width: document.querySelector('#diagram svg')?.getBoundingClientRect().width ?? 0, room: scroller.clientWidth };
    });
    assert.ok(fitted.width <= fitted.room && fitted.width > fitted.room * 0.8, `Fit drew ${fitted.width.toFixed(0)} px in ${fitted.room} px`);
    await page.getByRole('button', { name: 'Reset zoom' }).click();
    assert.equal(await drawnWidth(page), hundred, 'Reset zoom leaves Fit and goes back to 100 %');

    await page.getByRole('button', { name: 'State', exact: true }).click();
    assert.equal(await page.locator('#inspector').isVisible(), true, 'the toggle opens the inspector at any width');
  });

  it('keeps the text size as lifelines are added mid-run', async () => {
    await open(NARROW);
    const lab = makeLab({ servers: ['Server1'], relay: 'round-robin' });
    const metrics = watched(lab);
    purchase(lab);
    await sendToWebview(page, snapshotOf(lab, metrics));
    await drawn(page);
    const before = await smallestMessageTextPx(page);
    const seen = lab.trace.length;
    lab.addServer();
    lab.addServer();
    lab.addServer();
    for (let round = 0; round < 4; round++) purchase(lab);
    await sendToWebview(page, { type: 'events', fromSeq: seen + 1, events: lab.trace.slice(seen), inspector: lab.snapshot(), metrics: metrics.result() } satisfies EventsMessage);
    await page.waitForFunction(() => [...document.querySelectorAll('#diagram svg text')].some((node) => node.textContent === 'Server4'), undefined, { timeout: 30_000 });
    const after = await smallestMessageTextPx(page);
    assert.ok(Math.abs(after - before) < 0.01, `text was ${before.toFixed(1)} px with two lifelines, ${after.toFixed(1)} px with five`);
  });

  it('says a finished run is finished: Pause and Step are disabled and do nothing by key', async () => {
    await open(WIDE);
    const { lab, metrics } = sixLifelines();
    await sendToWebview(page, snapshotOf(lab, metrics));
    await drawn(page);
    assert.equal(await page.locator('.run-state').isVisible(), false);
    await sendToWebview(page, { type: 'pacing', playing: true, speed: 5, finished: true } satisfies PacingMessage);
    await page.locator('.run-state').waitFor({ state: 'visible' });
    assert.equal(await page.locator('.run-state').textContent(), 'Finished');
    assert.equal(await page.getByRole('button', { name: 'Pause' }).isDisabled(), true);
    assert.equal(await page.getByRole('button', { name: 'Step one event' }).isDisabled(), true);
    await page.locator('#diagram-scroller').focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    assert.deepEqual((await postedMessages(page)).filter((message) => (message as { type: string }).type === 'control'), []);
    // A request sent after the end: the run goes on, and the controls come back.
    await sendToWebview(page, { type: 'pacing', playing: true, speed: 5, finished: false } satisfies PacingMessage);
    await page.locator('.run-state').waitFor({ state: 'hidden' });
    assert.equal(await page.getByRole('button', { name: 'Pause' }).isDisabled(), false);
  });

  it('reads counts as words and keeps the Failed cell on one line, its reasons one a line under it', async () => {
    await open(WIDE);
    await sendToWebview(page, storySnapshot('relay-stateful-server-dies'));
    await drawn(page);
    const inspector = await page.locator('#inspector').textContent() ?? '';
    assert.doesNotMatch(inspector, /\(s\)/);
    assert.match(inspector, /\b1 session\b/, inspector);
    assert.match(inspector, /\b0 sessions\b/, inspector);
    const failed = page.locator('#inspector dt', { hasText: 'Failed' }).locator('xpath=following-sibling::dd[1]');
    assert.match(await failed.textContent() ?? '', /^\d+$/);
    const oneLine = await page.locator('#inspector dt', { hasText: 'Requests' }).locator('xpath=following-sibling::dd[1]').evaluate((node) => node.getBoundingClientRect().height);
    const lines = await failed.evaluate((node) => node.getBoundingClientRect().height) / oneLine;
    assert.ok(lines < 1.5, `the Failed cell is ${lines.toFixed(1)} lines high`);
    assert.ok(await page.locator('#inspector dd.details div').count() >= 1, 'the reasons are listed under the count');
    mkdirSync(RESULTS_DIR, { recursive: true });
    await page.locator('#inspector').screenshot({ path: join(RESULTS_DIR, 'webview-inspector.png') });
  });

  it('says 세션 1개 and 끝남 in Korean', async () => {
    await open(WIDE, '/ko');
    const lab = makeLab({ servers: ['Server1'], relay: 'none' });
    const metrics = watched(lab);
    purchase(lab);
    await sendToWebview(page, { ...snapshotOf(lab, metrics, true), language: 'ko' });
    await drawn(page);
    assert.match(await page.locator('#inspector').textContent() ?? '', /세션 1개/);
    assert.equal(await page.locator('.run-state').textContent(), '끝남');
    assert.equal(await page.getByRole('button', { name: '맞춤' }).count(), 0, 'Fit is named by what it does for screen readers');
    assert.equal(await page.getByRole('button', { name: '다이어그램을 패널 너비에 맞추기' }).textContent(), '맞춤');
  });

  for (const theme of Object.keys(THEMES)) {
    it(`draws the panel in the ${theme} theme (screenshot)`, async () => {
      await open({ width: 1100, height: 760 });
      await useTheme(page, theme);
      await sendToWebview(page, storySnapshot('relay-stateful-server-dies'));
      await drawn(page);
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.equal(background, { light: 'rgb(255, 255, 255)', dark: 'rgb(31, 31, 31)', 'high-contrast': 'rgb(0, 0, 0)' }[theme]);
      mkdirSync(RESULTS_DIR, { recursive: true });
      await page.screenshot({ path: join(RESULTS_DIR, `webview-theme-${theme}.png`) });
    });
  }
});
