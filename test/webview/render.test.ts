// The real webview bundle in headless Chromium, under the real CSP, talking to a stub host.
import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from '../support/paths';
import { postedMessages, sendToWebview } from './harness';
import { useHarness } from './useHarness';

const LOGIN = 'sequenceDiagram\n    Client->>Server: Login Request\n    Server->>Server: Verify Request\n    Server-->>Client: Login Response';

describe('lab webview in Chromium', () => {
  const suite = useHarness();
  let page: Page;
  const requests: string[] = [];
  const cspViolations: string[] = [];

  beforeEach(async () => {
    page = await suite().browser.newPage();
    page.on('request', (request) => requests.push(request.url()));
    page.on('console', (message) => { if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text()); });
    await page.goto(suite().harness.origin);
  });
  afterEach(async () => { await page.close(); });

  it('says ready to the host as soon as it loads', async () => {
    await page.waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted.length > 0);
    assert.deepEqual((await postedMessages(page))[0], { type: 'ready' });
  });

  it('renders an SVG from a showDiagram message and reports it', async () => {
    await sendToWebview(page, { type: 'showDiagram', title: 'Login', mermaid: LOGIN });
    await page.waitForSelector('#diagram svg');
    const texts = await page.locator('#diagram svg').textContent();
    assert.match(texts ?? '', /Login Request/);
    assert.match(texts ?? '', /Verify Request/);
    assert.equal(await page.locator('#diagram-title').textContent(), 'Login');
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'rendered'));
    const rendered = (await postedMessages(page)).find((m) => (m as { type: string }).type === 'rendered') as { svgLength: number };
    assert.ok(rendered.svgLength > 1000);
    mkdirSync(join(REPO_ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: join(REPO_ROOT, 'test-results', 'webview-login.png') });
  });

  it('shows a readable error, not a blank panel, for a diagram Mermaid refuses', async () => {
    await sendToWebview(page, { type: 'showDiagram', title: 'Broken', mermaid: 'sequenceDiagram\n  A->>: ' });
    await page.waitForSelector('#status.error');
    assert.match((await page.locator('#status').textContent()) ?? '', /could not be drawn/);
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'renderFailed'));
  });

  it('ignores malformed messages and keeps working', async () => {
    await sendToWebview(page, { type: 'showDiagram', title: 42 });
    await sendToWebview(page, 'garbage');
    await sendToWebview(page, { type: 'showDiagram', title: 'After', mermaid: LOGIN });
    await page.waitForSelector('#diagram svg');
    assert.equal(await page.locator('#diagram-title').textContent(), 'After');
  });

  it('makes no request beyond its own two files and raises no CSP violation', () => {
    const foreign = requests.filter((url) => !url.startsWith(suite().harness.origin));
    assert.deepEqual(foreign, []);
    assert.deepEqual(cspViolations, []);
  });
});
