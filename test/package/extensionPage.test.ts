// The extension as a new user meets it: the VSIX installed into a real VS Code that reaches nothing
// beyond the machine (no gallery, no update checks), listed in the Extensions view by its name,
// its page showing the icon and the README with its pictures (none broken). Screenshot looked at.
import * as assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import { startCodeServer, plainWorkbenchUrl, type CodeServerSession } from '../support/codeServer';
import { launchChromium } from '../support/chromium';
import { resultShot } from '../support/screenshots';
import { waitForWorkbench } from '../support/workbench';
import { buildVsixOnce } from './builtVsix';

/** Runs in the page (this project compiles without the DOM library): every <img> loaded, none broken. */
const IMAGES_LOADED = '[...document.images].length > 0 && [...document.images].every((image) => image.complete && image.naturalWidth > 0)';

async function readmeFrame(page: Page, timeoutMs: number): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const text = await frame.evaluate('document.body?.innerText ?? ""').catch(() => '');
      if (typeof text === 'string' && text.includes('For developers')) return frame;
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`the extension's page showed no README within ${timeoutMs} ms`);
}

describe('the extension\'s page in VS Code, installed from the VSIX', () => {
  let server: CodeServerSession | undefined;

  before(async function () {
    this.timeout(240_000);
    server = await startCodeServer({ vsix: buildVsixOnce() });
  });
  after(async () => { await server?.stop(); });

  it('lists Protocol Lab by name in the Extensions view and opens its page: icon, README and its pictures, offline', async () => {
    assert.ok(server);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(plainWorkbenchUrl(server));
      await waitForWorkbench(page);
      // The Extensions view, as a person opens it; with no gallery it lists what is installed.
      await page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } });
      await page.evaluate('document.activeElement?.blur()');
      await page.keyboard.press('Control+Shift+X');
      const item = page.locator('.extension-list-item').filter({ hasText: 'Protocol Lab' }).first();
      await item.waitFor({ timeout: 30_000 });
      assert.match(await item.locator('.description').textContent() ?? '', /Watch the difference between stateful and stateless protocols/);
      await item.click();
      const header = page.locator('.extension-editor .header');
      await header.waitFor({ timeout: 30_000 });
      assert.match(await header.locator('.name').first().textContent() ?? '', /Protocol Lab/);
      // The icon is ours (a loaded PNG), not the default puzzle piece.
      const icon = page.locator('.extension-editor .header img.icon');
      await page.waitForFunction(`(() => { const icon = document.querySelector('.extension-editor .header img.icon'); return icon instanceof HTMLImageElement && icon.complete && icon.naturalWidth === 128; })()`, undefined, { timeout: 15_000 });
      assert.match(await icon.getAttribute('src') ?? '', /icon\.png/);
      const readme = await readmeFrame(page, 30_000);
      await readme.waitForFunction(IMAGES_LOADED, undefined, { timeout: 15_000 });
      await page.screenshot({ path: resultShot('package-extension-page') });
      // Nothing reached for a gallery beyond the machine.
      assert.doesNotMatch(server.output(), /ENOTFOUND|open-vsx|getaddrinfo/);
    } finally {
      await browser.close();
    }
  });
});
