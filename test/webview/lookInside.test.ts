// Looking inside a run in Chromium with the real bundle: a click on an arrow opens its details
// (the cookie it carries), the timeline steps back and scrubs (the inspector shows the state then),
// all of it by keyboard too; screenshots in light, dark and high contrast.
import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { TraceEvent } from '../../src/engine/trace';
import type { EventsMessage, SnapshotMessage } from '../../src/protocol/messages';
import { builtinScenario } from '../../src/scenario/builtins';
import { runScenario, type ScenarioRun } from '../../src/scenario/run';
import { RESULTS_DIR } from '../support/paths';
import { postedMessages, sendToWebview } from './harness';
import { useHarness } from './useHarness';

function storyRun(id: string): ScenarioRun {
  const builtin = builtinScenario(id);
  assert.ok(builtin, id);
  return runScenario(builtin.scenario);
}

function snapshotOf(run: ScenarioRun, events: readonly TraceEvent[], language: 'en' | 'ko' = 'en', finished = false): SnapshotMessage {
  return { type: 'snapshot', scenarioId: 'story', title: 'Story', language, participants: run.participants, events, inspector: run.final, metrics: run.metrics, pacing: { playing: false, speed: 5, finished } };
}

/** A few of VS Code's theme colours, as its themes set them on the webview's body. */
const THEMES: Readonly<Record<string, { readonly classes: string; readonly colours: Readonly<Record<string, string>> }>> = {
  light: { classes: 'vscode-light', colours: { 'editor-background': '#ffffff', 'editor-foreground': '#3b3b3b', foreground: '#3b3b3b', focusBorder: '#005fb8', 'panel-border': '#e5e5e5', 'sideBar-background': '#f8f8f8', 'textCodeBlock-background': '#f0f0f0', descriptionForeground: '#717171', errorForeground: '#f85149', 'editorWarning-foreground': '#895503', 'button-secondaryBackground': '#e5e5e5', 'button-secondaryForeground': '#3b3b3b', 'textLink-activeForeground': '#005fb8' } },
  dark: { classes: 'vscode-dark', colours: { 'editor-background': '#1f1f1f', 'editor-foreground': '#cccccc', foreground: '#cccccc', focusBorder: '#0078d4', 'panel-border': '#2b2b2b', 'sideBar-background': '#181818', 'textCodeBlock-background': '#2b2b2b', descriptionForeground: '#9d9d9d', errorForeground: '#f85149', 'editorWarning-foreground': '#cca700', 'button-secondaryBackground': '#313131', 'button-secondaryForeground': '#cccccc', 'textLink-activeForeground': '#4daafc' } },
  'high-contrast': { classes: 'vscode-high-contrast', colours: { 'editor-background': '#000000', 'editor-foreground': '#ffffff', foreground: '#ffffff', focusBorder: '#f38518', contrastBorder: '#6fc3df', 'panel-border': '#6fc3df', 'sideBar-background': '#000000', 'textCodeBlock-background': '#000000', descriptionForeground: '#ffffff', errorForeground: '#f48771', 'editorWarning-foreground': '#ffd700', 'button-secondaryBackground': '#000000', 'button-secondaryForeground': '#ffffff', 'textLink-activeForeground': '#21a6ff' } },
};

async function inspectorText(page: Page): Promise<string> {
  return await page.locator('#inspector').textContent() ?? '';
}

async function drawn(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('#diagram svg .messageText') !== null);
}

describe('looking inside a run in Chromium', () => {
  const suite = useHarness();
  let page: Page;

  beforeEach(async () => {
    page = await suite().browser.newPage({ viewport: { width: 1280, height: 860 } });
    await page.goto(suite().harness.origin);
  });
  afterEach(async () => { await page.close(); });

  it('a click on the profile request opens its details: the cookie it carries, the session the server read; Escape closes them', async () => {
    const run = storyRun('login-cookie-session');
    await sendToWebview(page, snapshotOf(run, run.trace));
    await drawn(page);
    await page.locator('#diagram .messageText', { hasText: 'Profile Request' }).first().click();
    const details = page.getByRole('complementary', { name: 'Message details' });
    await details.waitFor();
    assert.equal(await details.locator('h2').textContent(), 'Browser → Server: Profile Request');
    const wire = await details.locator('.wire').textContent() ?? '';
    assert.match(wire, /^GET \/profile HTTP\/1\.1\nCookie: SID=[0-9a-f]{4}…$/);
    // The cookie is the one the login set.
    const setCookie = /Set-Cookie: SID=([0-9a-f]{4})…/.exec((await page.locator('#diagram').textContent()) ?? '');
    assert.ok(setCookie);
    assert.ok(wire.includes(`SID=${setCookie[1]}`), wire);
    const text = await details.textContent() ?? '';
    assert.match(text, /Size\d+ bytes \(headers included\)/);
    assert.match(text, /Sent at2 ms \(virtual time\)Arrived at3 ms/);
    assert.match(text, /Outcome: ✓ 200 Profile Response/);
    assert.match(text, /Server: read SID=[0-9a-f]{4}…/);
    assert.match(text, /Username: kim/);
    // The clicked arrow is highlighted, and screen readers hear what opened.
    assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('#diagram .picked')].map((element) => element.textContent || element.tagName)), ['Profile Request', `Cookie: SID=${setCookie[1]}…`, 'line']);
    assert.match(await page.locator('#message-details [aria-live]').textContent() ?? '', /^Details: Browser → Server: Profile Request; Cookie: SID=/);
    await page.keyboard.press('Escape');
    await details.waitFor({ state: 'hidden' });
    assert.equal(await page.locator('#diagram .picked').count(), 0);
  });

  it('a forwarded request says which server the relay chose and why, and what the server kept, before → after', async () => {
    const run = storyRun('scaling-sticky-sessions');
    await sendToWebview(page, snapshotOf(run, run.trace));
    await drawn(page);
    // The relay is drawn: its forwarded hop says the choice; the details say it too.
    const hop = run.trace.findIndex((event) => event.type === 'message-delivered' && event.from === 'relay' && event.kind === 'request');
    const label = await page.evaluate(() => document.querySelectorAll('#diagram .messageText')[1]?.textContent ?? '');
    await page.locator('#diagram .messageText', { hasText: label }).first().click();
    const details = page.locator('#message-details');
    await details.waitFor();
    assert.ok(hop > 0);
    assert.match(await details.locator('.route').textContent() ?? '', /Server1/);
    assert.match(await details.textContent() ?? '', /X-Forwarded-For: /);
  });

  it('steps back and scrubs: the diagram dims what comes later, the inspector shows the state then; Live returns', async () => {
    const run = storyRun('login-cookie-session');
    await sendToWebview(page, snapshotOf(run, run.trace));
    await drawn(page);
    // At the end the session was deleted by the logout.
    assert.match(await inspectorText(page), /Server: up, 0 session/);
    const stepBack = page.getByRole('button', { name: 'Step back one moment' });
    // Back past the logout's arrows and its note: the session is there again.
    for (let step = 0; step < 6; step++) await stepBack.click();
    assert.match(await inspectorText(page), /Server: up, 1 session/);
    assert.match(await inspectorText(page), /Requests2/);
    assert.ok(await page.locator('#diagram .segment-svg .later').count() > 0, 'later arrows are dimmed');
    assert.match(await page.locator('.timeline-note').textContent() ?? '', /The run keeps its place/);
    // Scrub to the very start: nothing has happened yet.
    await page.locator('.timeline-slider').fill('0');
    assert.match(await inspectorText(page), /Requests0/);
    assert.equal(await page.evaluate(() => [...document.querySelectorAll('#diagram .messageText')].filter((text) => !text.classList.contains('later') && getComputedStyle(text.closest('.segment') ?? text).opacity === '1').length), 0);
    // Step (→) moves the look forwards, not the run: nothing goes to the host.
    await page.getByRole('button', { name: 'Step one event' }).click();
    assert.deepEqual((await postedMessages(page)).filter((message) => (message as { type: string }).type === 'control'), []);
    assert.equal(await page.locator('.timeline-position').textContent(), `1 / ${await page.locator('.timeline-slider').getAttribute('max')}`);
    await page.getByRole('button', { name: 'Live' }).click();
    assert.equal(await page.locator('#diagram .later').count(), 0);
    assert.match(await inspectorText(page), /Server: up, 0 session/);
    // At the present Step moves the run again.
    await page.getByRole('button', { name: 'Step one event' }).click();
    assert.deepEqual((await postedMessages(page)).filter((message) => (message as { type: string }).type === 'control'), [{ type: 'control', action: 'step' }]);
  });

  it('a finished run steps through its past: Step is off at the present and on while looking back', async () => {
    const run = storyRun('login-cookie-session');
    await sendToWebview(page, snapshotOf(run, run.trace, 'en', true));
    await drawn(page);
    const step = page.getByRole('button', { name: 'Step one event' });
    assert.equal(await step.isDisabled(), true, 'nothing left to step at the end of a finished run');
    await page.getByRole('button', { name: 'Step back one moment' }).click();
    assert.equal(await step.isDisabled(), false, 'Step walks forwards through the past');
    await step.click();
    assert.equal(await step.isDisabled(), true, 'back at the present');
    assert.deepEqual((await postedMessages(page)).filter((message) => (message as { type: string }).type === 'control'), []);
  });

  it('while looking back the run keeps its place: new events extend the timeline, the look stays; the palette moves it too', async () => {
    const run = storyRun('relay-stateful-server-dies');
    const crash = run.trace.findIndex((event) => event.type === 'fault' && event.fault === 'crash');
    await sendToWebview(page, snapshotOf(run, run.trace.slice(0, crash)));
    await drawn(page);
    await sendToWebview(page, { type: 'look', move: 'back' });
    const looked = await page.locator('.timeline-position').textContent();
    const later = run.trace.slice(crash);
    await sendToWebview(page, { type: 'events', fromSeq: later[0]?.seq ?? 1, events: later, inspector: run.final, metrics: run.metrics } satisfies EventsMessage);
    await page.waitForFunction(() => document.querySelectorAll('.fault-mark').length > 0);
    const [shown, total] = (await page.locator('.timeline-position').textContent() ?? '').split(' / ');
    assert.equal(shown, looked?.split(' / ')[0], 'the look stayed where it was');
    assert.ok(Number(total) > Number(shown) + 1);
    // The server that crashes later is still up at the moment looked at.
    assert.match(await inspectorText(page), /Server1: up/);
    await sendToWebview(page, { type: 'look', move: 'live' });
    await page.waitForFunction(() => !document.querySelector('.timeline')?.classList.contains('looking-back'));
    assert.match(await inspectorText(page), /Server1: down/);
  });

  it('works by keyboard alone: the message list opens details, Escape returns to the line, ← / → / End move the look', async () => {
    const run = storyRun('login-cookie-session');
    await sendToWebview(page, snapshotOf(run, run.trace));
    await drawn(page);
    await page.locator('.message-text summary').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.closest('#message-list') !== null), true, 'Tab goes into the list');
    // Down to the profile request that carries the cookie.
    for (let line = 0; line < 12; line++) {
      const text = await page.evaluate(() => document.activeElement?.textContent ?? '');
      if (text === 'Browser → Server: Profile Request') break;
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
    const wire = await page.locator('#message-details .wire').textContent() ?? '';
    assert.match(wire, /Cookie: SID=/);
    assert.ok(await page.locator('#diagram .picked').count() > 0, 'the drawn arrow is highlighted too');
    await page.keyboard.press('Escape');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Browser → Server: Profile Request', 'focus is back on the line');
    await page.locator('#diagram-scroller').focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowRight');
    const [shown, total] = (await page.locator('.timeline-position').textContent() ?? '').split(' / ');
    assert.equal(Number(shown), Number(total) - 1);
    await page.keyboard.press('End');
    assert.equal(await page.locator('.timeline-position').textContent(), `${total} / ${total}`);
  });

  it('speaks Korean in the details and the timeline', async () => {
    await page.goto(`${suite().harness.origin}/ko`);
    const run = storyRun('login-cookie-session');
    await sendToWebview(page, snapshotOf(run, run.trace, 'ko'));
    await drawn(page);
    await page.locator('#diagram .messageText', { hasText: '프로필 요청' }).first().click();
    const details = page.getByRole('complementary', { name: '메시지 자세히 보기' });
    await details.waitFor();
    assert.equal(await details.locator('h2').textContent(), '브라우저 → 서버: 프로필 요청');
    assert.match(await details.textContent() ?? '', /전송되는 모습GET \/profile/);
    assert.match(await details.textContent() ?? '', /사용자 이름: kim/);
    await page.getByRole('button', { name: '한 시점 뒤로 보기' }).click();
    assert.match(await page.locator('.timeline-note').textContent() ?? '', /돌아보는 중/);
    mkdirSync(RESULTS_DIR, { recursive: true });
    await page.screenshot({ path: join(RESULTS_DIR, 'webview-details-korean.png') });
  });

  for (const [name, theme] of Object.entries(THEMES)) {
    it(`screenshot in ${name}: the details pane and the timeline, looking back`, async () => {
      await page.evaluate(([classes, colours]) => {
        document.body.className = classes;
        for (const [key, value] of Object.entries(colours)) document.body.style.setProperty(`--vscode-${key}`, value);
      }, [theme.classes, theme.colours] as const);
      const run = storyRun('scaling-shared-store');
      await sendToWebview(page, snapshotOf(run, run.trace));
      await drawn(page);
      await page.locator('#diagram .messageText', { hasText: 'SET session' }).first().click();
      await page.locator('#message-details').waitFor();
      const total = Number(await page.locator('.timeline-slider').getAttribute('max'));
      await page.locator('.timeline-slider').fill(String(Math.round(total / 2)));
      mkdirSync(RESULTS_DIR, { recursive: true });
      await page.screenshot({ path: join(RESULTS_DIR, `webview-details-${name}.png`) });
    });
  }
});
