// Compare Architectures in Chromium with the real bundle: every architecture drawn side by side in
// one scroller, the first request where they part marked in each, Insert into note sent to the host.
import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { STATE_PLACEMENTS } from '../../src/engine/model';
import type { Language } from '../../src/engine/text';
import { comparisonMessage } from '../../src/panel/comparisonMessage';
import { builtinScenario } from '../../src/scenario/builtins';
import { RESULTS_DIR } from '../support/paths';
import { postedMessages, sendToWebview } from './harness';
import { useHarness } from './useHarness';

function clerkComparison(language: Language): ReturnType<typeof comparisonMessage>['message'] {
  const builtin = builtinScenario('clerk-changes-stateful');
  assert.ok(builtin);
  return comparisonMessage(builtin.scenario, STATE_PLACEMENTS, language).message;
}

async function drawn(page: Page, columns: number): Promise<void> {
  await page.waitForFunction((want) => document.querySelectorAll('.compare-column .compare-svg svg').length === want && document.querySelectorAll('.parts-here').length === want, columns, { timeout: 30_000 });
}

/** Per column: its heading, the band's words, and the arrow labels under the band. */
async function bands(page: Page): Promise<{ heading: string; band: string; under: string }[]> {
  return page.evaluate(() => [...document.querySelectorAll('.compare-column')].map((column) => {
    const band = column.querySelector('.parts-here');
    const box = band?.getBoundingClientRect();
    const under = box === undefined ? [] : [...column.querySelectorAll('.messageText')].filter((text) => {
      const at = text.getBoundingClientRect();
      return at.top >= box.top && at.bottom <= box.bottom;
    });
    return { heading: column.querySelector('h2')?.textContent ?? '', band: band?.textContent ?? '', under: under.map((text) => text.textContent).join(' ') };
  }));
}

describe('Compare Architectures in Chromium', () => {
  const suite = useHarness();
  let page: Page;

  beforeEach(async () => {
    page = await suite().browser.newPage({ viewport: { width: 1300, height: 850 } });
  });
  afterEach(async () => { await page.close(); });

  it('draws every architecture side by side, marks the request where they part, and asks the host to insert the note', async () => {
    await page.goto(`${suite().harness.origin}/compare`);
    const message = clerkComparison('en');
    assert.equal(message.partsAt, 2);
    await sendToWebview(page, message);
    await drawn(page, 4);
    assert.deepEqual(await page.locator('.compare-column h2').allTextContents(), ['Stateless', 'Stateless (token)', 'Stateful', 'Stateful (session store)']);
    assert.equal(await page.locator('.compare-table tbody tr').count(), 4);
    const marked = await bands(page);
    for (const column of marked) {
      // The band sits on request 2's arrow ("I'll buy 2…"), and says what became of it there.
      assert.match(column.under, /^I'll buy 2/, `${column.heading}: ${column.under}`);
    }
    assert.deepEqual(marked.map((column) => column.band), [
      '⚑ Request 2: ✓ Clerk B answered', '⚑ Request 2: ✓ Clerk B answered', '⚑ Request 2: ✓ Clerk A answered', '⚑ Request 2: ✓ Clerk B answered',
    ]);
    // One scroller holds every column: they scroll together.
    const shared = await page.evaluate(() => {
      const scroller = document.getElementById('compare');
      const columns = [...document.querySelectorAll('.compare-column')];
      return scroller !== null && columns.every((column) => scroller.contains(column)) && getComputedStyle(scroller).overflow === 'auto';
    });
    assert.equal(shared, true);
    await page.getByRole('button', { name: 'Scroll to the first request where the architectures part' }).click();
    const inView = await page.evaluate(() => {
      const band = document.querySelector('.parts-here')?.getBoundingClientRect();
      return band !== undefined && band.top >= 0 && band.bottom <= window.innerHeight;
    });
    assert.equal(inView, true, 'the first band is in view');
    mkdirSync(RESULTS_DIR, { recursive: true });
    await page.screenshot({ path: join(RESULTS_DIR, 'webview-compare-light.png') });
    // Fit is a choice: every column in the width, the bands still on request 2.
    await page.getByRole('button', { name: 'Fit every column into the width (smaller text); again for the drawn size' }).click();
    const right = await page.evaluate(() => Math.max(...[...document.querySelectorAll('.compare-column')].map((column) => column.getBoundingClientRect().right)));
    assert.ok(right <= 1300, `the last column ends at ${right} px`);
    for (const column of await bands(page)) assert.match(column.under, /^I'll buy 2/, `fitted, ${column.heading}: ${column.under}`);
    await page.screenshot({ path: join(RESULTS_DIR, 'webview-compare-fitted.png') });
    await page.getByRole('button', { name: 'Insert the comparison (table and diagrams) into a Markdown note' }).click();
    assert.deepEqual((await postedMessages(page)).filter((posted) => (posted as { type: string }).type === 'insertIntoNote'), [{ type: 'insertIntoNote' }]);
    await sendToWebview(page, { type: 'inserted', ok: true, text: 'Opened the diagram in a new note.' });
    await page.getByRole('status').filter({ hasText: 'Opened the diagram in a new note.' }).waitFor();
    // A story where they never part says so, and marks nothing.
    const single = builtinScenario('clerk-stateful');
    assert.ok(single);
    await sendToWebview(page, comparisonMessage(single.scenario, STATE_PLACEMENTS, 'en').message);
    await page.waitForFunction(() => document.querySelector('.compare-parting')?.textContent.startsWith('The architectures never part') === true && document.querySelectorAll('.compare-column .compare-svg svg').length === 4);
    assert.equal(await page.locator('.parts-here').count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Scroll to the first request where the architectures part' }).isDisabled(), true);
  });

  it('redraws in the dark and high contrast themes and speaks Korean', async () => {
    await page.goto(`${suite().harness.origin}/compare/ko`);
    await sendToWebview(page, clerkComparison('ko'));
    await drawn(page, 4);
    assert.equal(await page.getByRole('button', { name: '아키텍처가 처음 갈라지는 요청으로 이동' }).textContent(), '갈라지는 곳');
    mkdirSync(RESULTS_DIR, { recursive: true });
    await page.screenshot({ path: join(RESULTS_DIR, 'webview-compare-ko.png') });
    for (const [name, className, colours] of [
      ['dark', 'vscode-dark', { '--vscode-editor-background': '#1e1e1e', '--vscode-editor-foreground': '#d4d4d4', '--vscode-button-background': '#0e639c', '--vscode-button-foreground': '#ffffff', '--vscode-panel-border': '#80808059', '--vscode-descriptionForeground': '#a0a0a0', '--vscode-editorWarning-foreground': '#cca700', '--vscode-editorWidget-background': '#252526' }],
      ['high-contrast', 'vscode-high-contrast', { '--vscode-editor-background': '#000000', '--vscode-editor-foreground': '#ffffff', '--vscode-button-background': '#000000', '--vscode-button-foreground': '#ffffff', '--vscode-button-border': '#6fc3df', '--vscode-panel-border': '#6fc3df', '--vscode-descriptionForeground': '#ffffff', '--vscode-editorWarning-foreground': '#ffd700', '--vscode-contrastBorder': '#6fc3df' }],
    ] as const) {
      const before = await page.evaluate(() => document.querySelector('.compare-svg svg')?.id);
      await page.evaluate(([bodyClass, variables]) => {
        document.body.className = bodyClass;
        for (const [key, value] of Object.entries<string>(variables)) document.body.style.setProperty(key, value);
      }, [className, colours as Readonly<Record<string, string>>] as const);
      // The first theme switch (light → dark) redraws; dark → high contrast keeps Mermaid's dark theme.
      if (name === 'dark') await page.waitForFunction((id) => document.querySelector('.compare-svg svg')?.id !== id, before);
      await drawn(page, 4);
      await page.screenshot({ path: join(RESULTS_DIR, `webview-compare-${name}.png`) });
    }
  });
});
