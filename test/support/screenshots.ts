// Where end-to-end screenshots go. Each VS Code the suite runs in gets its own names (the two runs
// go side by side), all in test-results/. The README's pictures are taken by the same tests, from the
// product as it is, in the oldest VS Code we support, but written to media/screenshots/ only by
// `npm run screenshots` (a normal test run leaves the tree as it was); test/unit/readme.test.ts
// checks every picture the README shows is one a test takes.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
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

/** Set by `npm run screenshots` (scripts/screenshots.mjs): this run writes the README's pictures. */
export const README_SCREENSHOTS_ENV = 'PROTOCOL_LAB_README_SCREENSHOTS';

/** Where a README picture goes: test-results always; media/screenshots/ too when this run is the one that writes them. */
export function readmeShotPaths(readmeName: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const paths = [resultShot(`readme-${readmeName}`)];
  if (env[README_SCREENSHOTS_ENV] === '1' && vscodeUnderTest() === '1.100') paths.push(join(README_SCREENSHOTS_DIR, `${readmeName}.png`));
  return paths;
}

/**
 * Takes a screenshot for test-results/readme-<readmeName>.png and, under `npm run screenshots`,
 * media/screenshots/<readmeName>.png, the picture the README shows. `readmeName` is a literal at each
 * call: the README check reads it from the source.
 */
export async function readmeScreenshot(page: Page, readmeName: string): Promise<void> {
  for (const path of readmeShotPaths(readmeName)) {
    mkdirSync(dirname(path), { recursive: true });
    await page.screenshot({ path });
  }
}
