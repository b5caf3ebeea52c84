// Where end-to-end screenshots go. Each VS Code the suite runs in gets its own names (the two runs
// go side by side). The README's pictures are taken by the tests, from the product as it is, in the
// oldest VS Code we support: they cannot go stale (test/unit/readme.test.ts checks every picture
// the README shows is one a test takes).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT, RESULTS_DIR } from './paths';

export const README_SCREENSHOTS_DIR = join(REPO_ROOT, 'media', 'screenshots');

/** The VS Code version this run drives ("1.100" unless the runner says otherwise). */
export function vscodeUnderTest(): string {
  const version = process.env['PROTOCOL_LAB_VSCODE'];
  return version === undefined || version === '' ? '1.100' : version;
}

/** test-results/<name>.png, with the VS Code version in the name when it is not the oldest. */
export function resultShot(name: string): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const version = vscodeUnderTest();
  return join(RESULTS_DIR, version === '1.100' ? `${name}.png` : `${name}-vscode-${version}.png`);
}

/**
 * Takes a screenshot for test-results, and in the oldest VS Code also media/screenshots/<readmeName>.png,
 * the picture the README shows. `readmeName` is a literal at each call: the README check reads it from the source.
 */
export async function readmeScreenshot(page: Page, readmeName: string): Promise<void> {
  await page.screenshot({ path: resultShot(`readme-${readmeName}`) });
  if (vscodeUnderTest() !== '1.100') return;
  mkdirSync(README_SCREENSHOTS_DIR, { recursive: true });
  await page.screenshot({ path: join(README_SCREENSHOTS_DIR, `${readmeName}.png`) });
}
