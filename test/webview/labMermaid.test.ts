// The lab bundles Mermaid with one change (esbuild.js: its configuration is copied once per render,
// not once per call, a fifth of each live render's time). It must draw exactly what Mermaid draws.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { NOTE_LOOK } from '../../src/diagram/mermaidLook';
import { launchChromium } from '../support/chromium';
import { REPO_ROOT } from '../support/paths';
import { configureMermaid, mermaidPage, renderAll } from './mermaidPages';

/** Every Mermaid block of the golden notes and stories: each kind of diagram the lab draws. */
function goldenDiagrams(): string[] {
  const folder = join(REPO_ROOT, 'test', 'golden');
  const files = readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.md'));
  return files.sort().flatMap((file) => [...readFileSync(join(folder, file), 'utf8').matchAll(/```mermaid\n([\s\S]*?)```/g)].map((match) => match[1] ?? ''));
}

describe('the lab\'s Mermaid draws what Mermaid 12 draws', () => {
  let browser: Browser;
  let plain: Page;
  let lab: Page;

  before(async function () {
    this.timeout(120_000);
    browser = await launchChromium();
    [plain, lab] = await Promise.all([mermaidPage(browser, '12'), mermaidPage(browser, '12lab')]);
  });
  after(async () => { await browser.close(); });

  for (const theme of ['default', 'dark'] as const) {
    it(`every golden diagram, the same SVG byte for byte, in the panel's look (${theme} theme)`, async function () {
      this.timeout(180_000);
      const diagrams = goldenDiagrams();
      assert.ok(diagrams.length >= 40, `the golden files hold ${diagrams.length} diagrams`);
      const look = { theme, ...NOTE_LOOK };
      await Promise.all([configureMermaid(plain, look), configureMermaid(lab, look)]);
      const expected = await renderAll(plain, diagrams);
      const drawn = await renderAll(lab, diagrams);
      assert.deepEqual(expected.filter((svg) => svg.startsWith('error:')), [], 'plain Mermaid draws every golden diagram');
      for (const [index, svg] of drawn.entries()) assert.equal(svg, expected[index], `diagram ${index + 1} of ${diagrams.length} differs`);
    });
  }
});
