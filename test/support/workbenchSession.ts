// One VS Code server and one headless Chromium per end-to-end suite, started before and stopped
// after it; each test opens the workbench on a page of its own.
import type { Page } from 'playwright-core';
import { startCodeServer, workbenchUrl, type CodeServerSession, type StartOptions } from './codeServer';
import { REPO_ROOT } from './paths';
import { useServerWithBrowser } from './suiteBrowser';
import { waitForWorkbench } from './workbench';

export interface WorkbenchSession {
  readonly server: CodeServerSession;
  /** A new page with this repository loaded as a development extension, the workbench ready. */
  openWorkbench(): Promise<Page>;
}

/** Call inside a describe(): registers the before/after hooks and returns the running session. */
export function useWorkbenchSession(options: StartOptions = {}): () => WorkbenchSession {
  const running = useServerWithBrowser('workbench session', () => startCodeServer(options), (server) => server.stop());
  return () => {
    const { server, browser } = running();
    return {
      server,
      async openWorkbench(): Promise<Page> {
        const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
        await page.goto(workbenchUrl(server, REPO_ROOT));
        await waitForWorkbench(page);
        return page;
      },
    };
  };
}
