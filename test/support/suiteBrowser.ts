// A server of some kind and one headless Chromium per browser-driven suite: started before the
// suite, stopped after it (mocha hooks).
import type { Browser } from 'playwright-core';
import { launchChromium } from './chromium';

/** Call inside a describe(): registers the hooks and returns a getter for the running pair. */
export function useServerWithBrowser<S>(what: string, start: () => Promise<S>, stop: (server: S) => Promise<void>): () => { readonly server: S; readonly browser: Browser } {
  let server: S | undefined;
  let browser: Browser | undefined;
  before(async () => {
    server = await start();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    if (server !== undefined) await stop(server);
  });
  return () => {
    if (server === undefined || browser === undefined) throw new Error(`the ${what} is used outside its suite`);
    return { server, browser };
  };
}
