// Serves the built webview under its real HTML and CSP, with a stub in place of VS Code's host.
import { readFileSync } from 'node:fs';
import * as l10n from '@vscode/l10n';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { compareHtml } from '../../src/panel/compareHtml';
import { labHtml } from '../../src/panel/labHtml';
import { DIST_DIR, REPO_ROOT } from '../support/paths';

export interface Harness {
  readonly origin: string;
  close(): Promise<void>;
}

/**
 * A stub host: records what the webview posts into `window.__posted`, and keeps its state in
 * `window.__state` (which a test may set before the page loads, as VS Code keeps it for a page shown again). Given `window.__answerReady`
 * (JSON texts, set before the page loads), it answers the page's "ready" with them at once, as the
 * host answers with its snapshot: the benchmark's cold open then waits on no round trip through Playwright.
 */
const STUB_HOST = `window.__posted = []; window.acquireVsCodeApi = () => ({ getState: () => window.__state, postMessage: (m) => { window.__posted.push(m); if (m && m.type === 'ready' && Array.isArray(window.__answerReady)) for (const json of window.__answerReady) window.postMessage(JSON.parse(json), '*'); }, setState: (s) => { window.__state = s; } });`;

/** Korean words for the page, as VS Code hands them over when its display language is Korean. */
function koreanBundle(): Record<string, string> {
  return JSON.parse(readFileSync(join(REPO_ROOT, 'l10n', 'bundle.l10n.ko.json'), 'utf8')) as Record<string, string>;
}

function pageHtml(origin: string, korean: boolean, page: 'lab' | 'compare' = 'lab'): string {
  const nonce = 'harness-nonce';
  // The host renders the page's fixed words through @vscode/l10n, configured with VS Code's bundle.
  l10n.config({ contents: korean ? koreanBundle() : {} });
  const html = (page === 'lab' ? labHtml : compareHtml)({ cspSource: origin, scriptUri: `${origin}/lab.js`, styleUri: `${origin}/lab.css`, codiconUri: `${origin}/codicon.css`, title: 'Harness', nonce, ...(korean ? { bundle: koreanBundle(), lang: 'ko' } : {}) });
  l10n.config({ contents: {} });
  return html.replace('<script nonce=', `<script nonce="${nonce}">${STUB_HOST}</script>\n<script nonce=`);
}

export async function startHarness(): Promise<Harness> {
  const files: Readonly<Record<string, [string, string]>> = {
    '/lab.js': ['lab.js', 'text/javascript'],
    '/lab.css': ['lab.css', 'text/css'],
    '/codicon.css': ['codicon.css', 'text/css'],
    '/codicon.ttf': ['codicon.ttf', 'font/ttf'],
  };
  let origin = '';
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    // "/ko" serves the page with the Korean bundle.
    if (path === '/' || path === '/ko') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pageHtml(origin, path === '/ko'));
      return;
    }
    // "/compare" and "/compare/ko": the Compare Architectures page.
    if (path === '/compare' || path === '/compare/ko') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pageHtml(origin, path === '/compare/ko', 'compare'));
      return;
    }
    // "/blank": a page with nothing on it, the floor under a cold open on this machine (benchmark).
    if (path === '/blank') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!DOCTYPE html><html><body><svg id="blank"><text>Protocol Lab</text></svg></body></html>');
      return;
    }
    const file = files[path];
    if (file === undefined) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': file[1] }).end(readFileSync(join(DIST_DIR, 'webview', file[0])));
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', () => { resolveListen(); }));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
  return { origin, close: () => new Promise((resolveClose) => server.close(() => { resolveClose(); })) };
}

/** What the webview has posted to the stub host so far. */
export async function postedMessages(page: Page): Promise<unknown[]> {
  return page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted);
}

/** Sends a message to the webview as the host would: as plain JSON data. */
export async function sendToWebview(page: Page, message: unknown): Promise<void> {
  await page.evaluate((data) => { window.postMessage(data, '*'); }, JSON.parse(JSON.stringify(message)) as unknown);
}
