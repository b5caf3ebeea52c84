// Messages handed to the page the way VS Code's host hands them to the webview: in the host's pieces
// (inPieces), each posted inside the page from data the page fetched, not passed in through the
// DevTools protocol. A string passed through page.evaluate stays reachable in V8 until a
// memory-reducing GC, which `gc()` is not: streaming a 100,000-message run that way left ~210 MB
// of the benchmark's own message text in the page's "heap after GC" (243 MB measured; 31 MB when
// the page fetched the same messages).
import type { Browser, Page } from 'playwright-core';
import { inPieces } from '../../src/protocol/inPieces';
import type { HostToWebviewMessage } from '../../src/protocol/messages';

/** Where the page fetches a message from (answered by the route below, never by the harness). */
const MESSAGE_PATH = '/bench-message/';

export class HostDelivery {
  private readonly bodies = new Map<number, string>();
  private next = 0;

  private constructor(readonly page: Page, private readonly origin: string) {}

  /**
   * A page for the harness at `origin` that takes its messages this way. The lab's CSP allows it no
   * fetch: the page's context bypasses the CSP (nothing else it loads changes).
   */
  static async open(browser: Browser, origin: string): Promise<HostDelivery> {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, bypassCSP: true });
    const delivery = new HostDelivery(page, origin);
    await page.route(`**${MESSAGE_PATH}*`, async (route) => {
      const id = Number(route.request().url().split('/').pop());
      const body = delivery.bodies.get(id) ?? 'null';
      delivery.bodies.delete(id);
      await route.fulfill({ status: 200, contentType: 'application/json', body });
    });
    return delivery;
  }

  /** Posts the message as the host would: piece by piece, each a message event of its own. */
  async post(message: HostToWebviewMessage): Promise<void> {
    for (const piece of inPieces(message)) {
      const id = this.next++;
      this.bodies.set(id, JSON.stringify(piece));
      await this.page.evaluate(async (url) => {
        const response = await fetch(url);
        window.postMessage(await response.json(), '*');
      }, `${this.origin}${MESSAGE_PATH}${id}`);
    }
  }
}
