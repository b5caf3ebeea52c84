// One stub-host harness and one headless Chromium per browser-test suite (mocha hooks: the
// benchmark, which shares the harness, does without them).
import type { Browser } from 'playwright-core';
import { useServerWithBrowser } from '../support/suiteBrowser';
import { startHarness, type Harness } from './harness';

/** Call inside a describe(): one harness and one headless Chromium for the suite, stopped after it. */
export function useHarness(): () => { readonly harness: Harness; readonly browser: Browser } {
  const running = useServerWithBrowser('harness', startHarness, (harness) => harness.close());
  return () => {
    const { server, browser } = running();
    return { harness: server, browser };
  };
}
