// A panel shown again is a new page: it paints the drawing it kept in VS Code's webview state at
// once, before its script and Mermaid have loaded, and lets it go when it has drawn for itself.
import * as assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { FIRST_PAINT_ID, type LabPageState } from '../../src/protocol/pageState';
import { resultShot } from '../support/screenshots';
import { sendToWebview } from './harness';
import { snapshotOf, storeLab } from './labMessages';
import { useHarness } from './useHarness';

function storeSnapshot(): ReturnType<typeof snapshotOf> {
  const { lab, metrics } = storeLab();
  lab.send('Customer', 'price', { item: 'laptop' });
  lab.runUntilIdle();
  lab.send('Kim', 'order', { quantity: 2 });
  lab.runUntilIdle();
  return snapshotOf(lab, metrics);
}

async function keptState(page: Page): Promise<LabPageState | undefined> {
  return page.evaluate(() => (window as unknown as { __state?: LabPageState }).__state);
}

describe('the panel shown again paints its last drawing at once', () => {
  const suite = useHarness();
  let context: BrowserContext;

  beforeEach(async () => { context = await suite().browser.newContext({ viewport: { width: 1200, height: 900 } }); });
  afterEach(async () => { await context.close(); });

  /** A page whose VS Code state holds `state` before any of its scripts run, as for a panel shown again. */
  async function pageWithState(state: unknown): Promise<Page> {
    await context.addInitScript((kept) => { Object.assign(window, { __state: kept }); }, state);
    const page = await context.newPage();
    await page.goto(suite().harness.origin);
    return page;
  }

  it('keeps the live tail\'s drawing with the story, paints it before any message on the next page, and drops it once drawn anew', async () => {
    const first = await context.newPage();
    await first.goto(suite().harness.origin);
    await sendToWebview(first, storeSnapshot());
    await first.waitForSelector('#diagram svg');
    // Saved at most once a second while a run streams.
    await first.waitForFunction(() => (window as unknown as { __state?: { firstPaint?: unknown } }).__state?.firstPaint !== undefined, undefined, { timeout: 5000 });
    const kept = await keptState(first);
    const paint = kept?.firstPaint;
    if (kept === undefined || paint === undefined) throw new Error('the page kept no drawing');
    assert.equal(kept.scenarioId, 'store');
    assert.equal(paint.title, 'Store');
    assert.match(paint.svg, /^<svg/);
    assert.ok(paint.svg.includes(`id="${FIRST_PAINT_ID}"`), 'Mermaid\'s id renamed');
    assert.doesNotMatch(paint.svg, /protocol-lab-diagram-\d/);
    await first.close();

    const again = await pageWithState(kept);
    // No message from the host yet: the kept drawing and its title are there, and nothing else.
    await again.waitForSelector('#first-paint svg', { state: 'visible' });
    assert.equal(await again.locator('#diagram-title').textContent(), 'Store');
    assert.match((await again.locator('#first-paint svg').textContent()) ?? '', /How much is\s*this laptop\?/);
    assert.equal(await again.locator('#diagram svg').count(), 0);
    await again.screenshot({ path: resultShot('webview-first-paint') });
    // The page still says ready to the host with the handle the first script took.
    await again.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((message) => message.type === 'ready'));

    await sendToWebview(again, storeSnapshot());
    await again.waitForSelector('#diagram svg');
    await again.waitForSelector('#first-paint', { state: 'hidden' });
    assert.equal(await again.locator('#first-paint *').count(), 0);
    assert.equal(await again.locator(`#${FIRST_PAINT_ID}`).count(), 0);
  });

  it('keeps another story\'s drawing from the next story, and paints nothing from a state it cannot use or drawn in another theme', async () => {
    const page = await context.newPage();
    await page.goto(suite().harness.origin);
    await sendToWebview(page, storeSnapshot());
    await page.waitForFunction(() => (window as unknown as { __state?: { firstPaint?: unknown } }).__state?.firstPaint !== undefined, undefined, { timeout: 5000 });
    const kept = (await keptState(page))?.firstPaint;
    await sendToWebview(page, { ...storeSnapshot(), scenarioId: 'another', title: 'Another' });
    assert.equal((await keptState(page))?.firstPaint, undefined, 'the store story\'s drawing is not kept for another story');
    await page.close();

    // The page opens in the light theme: a drawing kept in the dark one is not painted.
    assert.equal(kept?.theme, 'default');
    for (const state of [{ scenarioId: 'store', firstPaint: { ...kept, theme: 'dark' } }, 'junk', { scenarioId: 'store', firstPaint: { svg: '<img src=x onerror="window.__bad=1">', title: 'x' } }, { firstPaint: { svg: 42 } }, { firstPaint: null }]) {
      const opened = await pageWithState(state);
      await opened.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((message) => message.type === 'ready'));
      assert.equal(await opened.locator('#first-paint').isHidden(), true, JSON.stringify(state));
      assert.equal(await opened.evaluate(() => (window as unknown as { __bad?: number }).__bad), undefined);
      await opened.close();
    }
  });
});
