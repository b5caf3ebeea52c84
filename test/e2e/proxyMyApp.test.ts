// Proxy My App through the VS Code UI: two instances of an in-memory-session app run on loopback
// beside the editor; the palette command asks for their URLs and the policy; the status bar shows
// where the proxy listens; real requests through it are drawn live in the lab panel, with the app's
// own 401 behind round-robin; the status bar's menu stops it.
import * as assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import type { Frame, Page } from 'playwright-core';
import { resultShot } from '../support/screenshots';
import { startSessionApp, type SessionApp } from '../support/sessionApp';
import { findFrameWith, QUICK_INPUT, runFromPalette } from '../support/workbench';
import { useWorkbenchSession } from '../support/workbenchSession';

function send(url: string, method: string, cookie?: string): Promise<{ status: number; cookie: string | undefined }> {
  return new Promise((resolveAnswer, rejectAnswer) => {
    const outgoing = httpRequest(url, { method, headers: cookie === undefined ? {} : { cookie }, agent: false }, (res) => {
      res.resume();
      res.on('end', () => { resolveAnswer({ status: res.statusCode ?? 0, cookie: res.headers['set-cookie']?.map((line) => line.split(';')[0]).join('; ') }); });
    });
    outgoing.on('error', rejectAnswer);
    outgoing.end();
  });
}

async function diagramText(frame: Frame): Promise<string> {
  return frame.evaluate(() => [...document.querySelectorAll('#diagram svg text')].map((node) => node.textContent).join('\n'));
}

/** The proxy's status bar item (its text is the address it listens on). */
function proxyStatus(page: Page): ReturnType<Page['locator']> {
  return page.locator('.statusbar-item', { hasText: '127.0.0.1:' }).first();
}

describe('Proxy My App, through the VS Code UI', () => {
  const workbench = useWorkbenchSession();
  let apps: SessionApp[] = [];

  before(async () => { apps = [await startSessionApp('A'), await startSessionApp('B')]; });
  after(async () => { await Promise.all(apps.map((app) => app.close())); });

  it('asks for the upstreams and the policy, shows the address, draws the app\'s 401 live, and stops from the status bar', async () => {
    const page = await workbench().openWorkbench();
    await runFromPalette(page, 'Protocol Lab: Proxy My App…');
    // The upstreams: typed as a person would, comma-separated.
    // 1.139's Chat view can take the focus just after the box opens: the keys go to the box itself.
    const box = page.locator(QUICK_INPUT);
    await box.waitFor({ state: 'visible', timeout: 30_000 });
    await box.fill(apps.map((app) => app.url).join(', '));
    await box.press('Enter');
    // The policy.
    await page.locator('.quick-input-list .monaco-list-row[aria-label^="round-robin"]:visible').first().waitFor({ timeout: 30_000 });
    await box.fill('round-robin');
    await box.press('Enter');

    const status = proxyStatus(page);
    await status.waitFor({ timeout: 30_000 });
    const shown = (await status.textContent()) ?? '';
    const port = /127\.0\.0\.1:(\d+)/.exec(shown)?.[1];
    assert.ok(port !== undefined, `the status bar says "${shown}"`);
    const address = `http://127.0.0.1:${port}`;

    const login = await send(`${address}/login`, 'POST');
    assert.equal(login.status, 200);
    assert.equal((await send(`${address}/profile`, 'GET', login.cookie)).status, 401);
    const frame = await findFrameWith(page, '#diagram svg', 60_000);
    await frame.waitForFunction(() => [...document.querySelectorAll('#diagram svg text')].some((node) => node.textContent.startsWith('401 Unauthorized')), undefined, { timeout: 60_000 });
    const text = await diagramText(frame);
    assert.match(text, /POST \/login/);
    assert.match(text, /Server2/);
    const title = await frame.evaluate(() => document.getElementById('diagram-title')?.textContent ?? '');
    assert.equal(title, `Real traffic through ${address} (round-robin)`);
    await page.screenshot({ path: resultShot('e2e-proxy-my-app') });

    // The status bar's menu: Stop.
    await status.click();
    await page.locator('.quick-input-list .monaco-list-row[aria-label*="Stop the proxy"]:visible').first().waitFor({ timeout: 30_000 });
    await box.fill('Stop the proxy');
    await box.press('Enter');
    await status.waitFor({ state: 'detached', timeout: 20_000 }).catch(async () => { await status.waitFor({ state: 'hidden', timeout: 1000 }); });
    await assert.rejects(send(`${address}/profile`, 'GET'), /ECONNREFUSED/);
    await frame.waitForFunction(() => document.getElementById('diagram-title')?.textContent === 'Real traffic (the proxy has stopped)', undefined, { timeout: 20_000 });
  });
});
