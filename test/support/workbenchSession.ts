// One VS Code server and one headless Chromium per end-to-end suite, started before and stopped
// after it; each test opens the workbench on a page of its own.
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './chromium';
import { startCodeServer, workbenchUrl, type CodeServerSession, type StartOptions } from './codeServer';
import { REPO_ROOT } from './paths';
import { waitForWorkbench } from './workbench';

export interface WorkbenchSession {
  readonly server: CodeServerSession;
  /** A new page with this repository loaded as a development extension, the workbench ready. */
  openWorkbench(): Promise<Page>;
}

/** Call inside a describe(): registers the before/after hooks and returns the running session. */
export function useWorkbenchSession(options: StartOptions = {}): () => WorkbenchSession {
  let server: CodeServerSession | undefined;
  let browser: Browser | undefined;
  before(async () => {
    server = await startCodeServer(options);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });
  return () => {
    if (server === undefined || browser === undefined) throw new Error('the workbench session is used outside its suite');
    const running = server;
    const chromium = browser;
    return {
      server: running,
      async openWorkbench(): Promise<Page> {
        const page = await chromium.newPage({ viewport: { width: 1400, height: 900 } });
        await page.goto(workbenchUrl(running, REPO_ROOT));
        await waitForWorkbench(page);
        return page;
      },
    };
  };
}
