// One stub-host harness and one headless Chromium per browser-test suite (mocha hooks: the
// benchmark, which shares the harness, does without them).
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { startHarness, type Harness } from './harness';

/** Call inside a describe(): one harness and one headless Chromium for the suite, stopped after it. */
export function useHarness(): () => { readonly harness: Harness; readonly browser: Browser } {
  let harness: Harness | undefined;
  let browser: Browser | undefined;
  before(async () => {
    harness = await startHarness();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await harness?.close();
  });
  return () => {
    if (harness === undefined || browser === undefined) throw new Error('the harness is used outside its suite');
    return { harness, browser };
  };
}
