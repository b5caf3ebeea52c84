// One VS Code server and one headless Chromium per end-to-end suite, started before and stopped
// after it; each test opens the workbench on a page of its own. The extension (this repository,
// built) sits in the server's extensions folder, as an installed one does: VS Code 1.139 no longer
// loads a development path named in the URL.
import type { Page } from 'playwright-core';
import { plainWorkbenchUrl, startCodeServer, type CodeServerSession, type StartOptions } from './codeServer';
import { REPO_ROOT } from './paths';
import { resultShot } from './screenshots';
import { useServerWithBrowser } from './suiteBrowser';
import { waitForWorkbench } from './workbench';

export interface WorkbenchSession {
  readonly server: CodeServerSession;
  /** A new page with the workbench ready and the extension installed. */
  openWorkbench(): Promise<Page>;
}

/** Call inside a describe(): registers the before/after hooks and returns the running session. */
export function useWorkbenchSession(options: StartOptions = {}): () => WorkbenchSession {
  const running = useServerWithBrowser('workbench session', () => startCodeServer({ ...options, linkExtension: REPO_ROOT }), (server) => server.stop());
  let lastPage: Page | undefined;
  // A failed test leaves a picture of where it stopped.
  afterEach(async function () {
    const test = this.currentTest;
    if (test?.state === 'failed' && lastPage !== undefined && !lastPage.isClosed()) {
      await lastPage.screenshot({ path: resultShot(`failed-${test.title.slice(0, 40).replace(/[^a-z0-9]+/gi, '-')}`) }).catch(() => undefined);
    }
  });
  return () => {
    const { server, browser } = running();
    return {
      server,
      async openWorkbench(): Promise<Page> {
        const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
        await page.goto(plainWorkbenchUrl(server));
        await waitForWorkbench(page);
        lastPage = page;
        return page;
      },
    };
  };
}
