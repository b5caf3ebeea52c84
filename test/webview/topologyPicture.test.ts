// The topology picture above the inspector, in Chromium with the real bundle: it follows the lab.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { Lab } from '../../src/engine/lab';
import { MetricsCollector } from '../../src/engine/metrics';
import { sendToWebview } from './harness';
import { eventsSince, snapshotOf, storeLab } from './labMessages';
import { useHarness } from './useHarness';

async function nodes(page: Page): Promise<{ className: string; text: string }[]> {
  return page.evaluate(() => [...document.querySelectorAll('#inspector .topology .topo-node')].map((node) => ({ className: node.className, text: node.textContent })));
}

describe('the topology picture in Chromium', () => {
  const suite = useHarness();
  let page: Page;

  beforeEach(async () => {
    page = await suite().browser.newPage({ viewport: { width: 1000, height: 800 } });
    await page.goto(suite().harness.origin);
  });
  afterEach(async () => { await page.close(); });

  it('draws clients → relay → servers → store, and shows a crash and the store going down', async () => {
    const { lab, metrics } = storeLab();
    lab.send('Customer', 'price', { item: 'laptop' });
    lab.runUntilIdle();
    await sendToWebview(page, snapshotOf(lab, metrics));
    await page.locator('#inspector .topology').waitFor();
    assert.equal(await page.locator('#inspector > :first-child').getAttribute('aria-label'), 'The lab: clients, relay, servers and store', 'the picture sits above the inspector');
    assert.deepEqual((await nodes(page)).map((node) => node.text), [
      'Customerhas a session cookie', 'Kimcarries nothing yet', 'Relayround-robin', 'Server1up · 0 sessions', 'Server2up · 0 sessions', 'Session storeup · 1 session',
    ]);
    const from = lab.trace.length + 1;
    lab.crash('Server1');
    lab.setStore(false);
    lab.runUntilIdle();
    await sendToWebview(page, eventsSince(lab, metrics, from));
    await page.waitForFunction(() => document.querySelector('#inspector .topo-node.server.down') !== null);
    const after = await nodes(page);
    assert.deepEqual(after.filter((node) => node.className.includes('down')).map((node) => node.text), ['Server1down · 0 sessions', 'Session storedown · 1 session']);
    assert.equal(after.find((node) => node.text.startsWith('Server2'))?.className, 'topo-node server up');
    // The inspector is still below it, whole.
    assert.match(await page.locator('#inspector').textContent() ?? '', /Metrics/);
  });

  it('says what a server holds in TCP and names servers as the diagram does, in Korean', async () => {
    await page.goto(`${suite().harness.origin}/ko`);
    const lab = new Lab({ protocol: 'tcp', state: 'server', servers: ['Server1'], relay: 'none', clients: ['Client'], seed: 1, sessionTtlMs: 1000, latencyMs: 1 });
    const metrics = new MetricsCollector();
    lab.subscribe(metrics.observe);
    lab.send('Client', 'connect');
    lab.runUntilIdle();
    await sendToWebview(page, snapshotOf(lab, metrics, 'ko'));
    await page.locator('#inspector .topology').waitFor();
    const text = (await nodes(page)).map((node) => node.text);
    assert.equal(text.length, 2, 'no relay and no store in this lab');
    assert.match(text[1] ?? '', /^Server1동작 중 · 연결 1개$/);
  });
});
