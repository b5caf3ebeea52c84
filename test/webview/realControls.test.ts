// The run controls for real traffic and a real-sockets run: nothing there is paced, so the speed
// is hidden, Play and Step rest and say why, Reset stays only where it goes back to the simulation;
// Step back, the timeline and Step after it (looking back) still work. Screenshots land in test-results/.
import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { RealSource, SnapshotMessage } from '../../src/protocol/messages';
import { RESULTS_DIR } from '../support/paths';
import { postedMessages, sendToWebview } from './harness';
import { snapshotOf, storeLab } from './labMessages';
import { useHarness } from './useHarness';

/** A few exchanges to look back over, sent as the host sends real traffic (or a real run, or a story when `real` is undefined). */
function snapshot(real: RealSource | undefined, language: 'en' | 'ko' = 'en'): SnapshotMessage {
  const { lab, metrics } = storeLab();
  for (const client of ['Customer', 'Kim', 'Customer']) {
    lab.send(client, 'price', { item: 'laptop' });
    lab.runUntilIdle();
  }
  const message = snapshotOf(lab, metrics, language);
  if (real === undefined) return message;
  return { ...message, title: real === 'traffic' ? 'Real traffic through http://127.0.0.1:8080 (round-robin)' : 'Store (over real sockets)', pacing: { playing: real === 'traffic', speed: 1, finished: real === 'sockets' }, real };
}

interface ControlLook {
  readonly hidden: boolean;
  readonly disabled: boolean;
  readonly title: string;
  readonly text: string;
}

async function control(page: Page, selector: string): Promise<ControlLook> {
  return page.locator(`#controls ${selector}`).evaluate((node) => ({
    hidden: getComputedStyle(node).display === 'none',
    disabled: node instanceof HTMLButtonElement && node.disabled,
    title: (node as HTMLElement).title,
    text: node.textContent,
  }));
}

/** Which of the action bar's parts a person sees, by their visible words. */
async function actionsShown(page: Page): Promise<{ readonly bar: boolean; readonly words: string[]; readonly relay: string[] }> {
  return page.evaluate(() => {
    const bar = document.getElementById('lab-actions');
    const visible = (node: Element): boolean => node instanceof HTMLElement && node.offsetParent !== null;
    const words = [...(bar?.querySelectorAll('button, label') ?? [])].filter(visible).map((node) => node.textContent.trim()).filter((text) => text !== '');
    const relay = [...(bar?.querySelectorAll('select') ?? [])].filter((select) => select.title.startsWith('How the proxy') || select.title.startsWith('How the relay')).flatMap((select) => [...select.options].map((option) => option.value));
    return { bar: bar !== null && visible(bar), words, relay };
  });
}

async function controlMessages(page: Page): Promise<unknown[]> {
  return (await postedMessages(page)).filter((message) => (message as { type: string }).type === 'control');
}

describe('run controls for real traffic and real-sockets runs', () => {
  const suite = useHarness();
  let page: Page;

  beforeEach(async () => {
    page = await suite().browser.newPage({ viewport: { width: 1200, height: 700 } });
  });
  afterEach(async () => { await page.close(); });

  it('real traffic: no speed, no Reset; Play and Step rest and say why; Step back and Step after it still look around', async () => {
    await page.goto(suite().harness.origin);
    await sendToWebview(page, snapshot('traffic'));
    await page.waitForFunction(() => document.querySelector('#diagram svg') !== null);
    for (const selector of ['[data-action="slower"]', '[data-action="faster"]', '.speed', '[data-action="reset"]']) assert.equal((await control(page, selector)).hidden, true, selector);
    const play = await control(page, '[data-action="toggle"]');
    assert.equal(play.disabled, true);
    assert.match(play.title, /Real traffic is drawn as it comes: there is nothing to pause or play/);
    const step = await control(page, '[data-action="step"]');
    assert.equal(step.disabled, true);
    assert.match(step.title, /Step walks forward after Step back/);
    const badge = await control(page, '.run-state');
    assert.deepEqual([badge.hidden, badge.text], [false, 'Real traffic']);
    assert.match(badge.title, /real requests through the proxy/);
    // The action bar keeps what a proxy can do: an upstream out of the turn and back, the policy.
    const actions = await actionsShown(page);
    assert.equal(actions.bar, true);
    for (const kept of ['Crash', 'Restart', 'Relay']) assert.ok(actions.words.some((word) => word.startsWith(kept)), `${kept} is offered: ${actions.words.join(', ')}`);
    for (const gone of ['Send request', 'Remove', 'Add server', 'Store down', 'State']) assert.ok(!actions.words.some((word) => word.startsWith(gone)), `${gone} is not offered: ${actions.words.join(', ')}`);
    assert.deepEqual(actions.relay, ['round-robin', 'random', 'sticky', 'least-connections']);
    mkdirSync(RESULTS_DIR, { recursive: true });
    await page.screenshot({ path: join(RESULTS_DIR, 'webview-real-traffic-controls.png') });

    // The keys of what rests do nothing: no control message reaches the host.
    for (const key of [' ', '+', '-', 'r', 'ArrowRight']) await page.keyboard.press(key === ' ' ? 'Space' : key);
    assert.deepEqual(await controlMessages(page), []);

    // Step back works on real traffic, and then Step walks forward through what was drawn, in the page.
    const back = await control(page, '.step-back');
    assert.equal(back.disabled, false);
    await page.locator('#controls .step-back').click();
    await page.waitForFunction(() => document.querySelector('.timeline')?.classList.contains('looking-back') === true);
    assert.equal((await control(page, '[data-action="step"]')).disabled, false);
    await page.locator('#controls [data-action="step"]').click();
    assert.deepEqual(await controlMessages(page), []);
    await page.waitForFunction(() => document.querySelector('.timeline')?.classList.contains('looking-back') !== true);
    assert.equal((await control(page, '[data-action="step"]')).disabled, true, 'back at the present, Step rests again');
  });

  it('a real-sockets run: Reset goes back to the simulation (and says so), Play rests; a simulated story gets every control back', async () => {
    await page.goto(suite().harness.origin);
    await sendToWebview(page, snapshot('sockets'));
    await page.waitForFunction(() => document.querySelector('#diagram svg') !== null);
    const reset = await control(page, '[data-action="reset"]');
    assert.deepEqual([reset.hidden, reset.disabled, reset.title], [false, false, 'Play the story in the simulation again (R)']);
    const play = await control(page, '[data-action="toggle"]');
    assert.equal(play.disabled, true);
    assert.match(play.title, /shown as it came out: there is nothing to play\. Reset plays the story in the simulation again/);
    assert.equal((await control(page, '.speed')).hidden, true);
    assert.equal((await control(page, '.run-state')).text, 'Real sockets');
    assert.equal((await actionsShown(page)).bar, false, 'a finished real run has nothing to act on');
    await page.screenshot({ path: join(RESULTS_DIR, 'webview-real-sockets-controls.png') });
    await page.keyboard.press('Space');
    await page.keyboard.press('r');
    assert.deepEqual(await controlMessages(page), [{ type: 'control', action: 'reset' }]);

    // The host answers Reset with the simulated story: every control is back.
    await sendToWebview(page, snapshot(undefined));
    await page.waitForFunction(() => document.querySelector<HTMLElement>('#controls .run-state')?.hidden === true);
    for (const selector of ['[data-action="slower"]', '[data-action="faster"]', '.speed', '[data-action="reset"]']) assert.equal((await control(page, selector)).hidden, false, selector);
    const simulatedPlay = await control(page, '[data-action="toggle"]');
    assert.deepEqual([simulatedPlay.disabled, simulatedPlay.title], [false, 'Play (Space)']);
    assert.equal((await control(page, '[data-action="step"]')).disabled, false);
    assert.equal((await control(page, '.run-state')).hidden, true);
    assert.equal((await control(page, '[data-action="reset"]')).title, 'Reset (R)');
    const simulated = await actionsShown(page);
    assert.equal(simulated.bar, true);
    for (const back of ['Send request', 'Crash', 'Add server', 'State', 'Relay']) assert.ok(simulated.words.some((word) => word.startsWith(back)), `${back} is back: ${simulated.words.join(', ')}`);
    assert.ok(simulated.relay.includes('none'));
  });

  it('says why in Korean too', async () => {
    await page.goto(`${suite().harness.origin}/ko`);
    await sendToWebview(page, snapshot('traffic', 'ko'));
    await page.waitForFunction(() => document.querySelector('#diagram svg') !== null);
    assert.match((await control(page, '[data-action="toggle"]')).title, /실제 트래픽은 오는 대로 그립니다/);
    assert.equal((await control(page, '.run-state')).text, '실제 트래픽');
    await page.screenshot({ path: join(RESULTS_DIR, 'webview-real-traffic-controls-ko.png') });
  });
});
