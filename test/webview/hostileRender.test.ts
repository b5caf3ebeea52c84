// Every block we emit renders, not only parses: scenario files with hostile names, items, data and
// titles are run, and their note blocks and exported diagrams drawn by Mermaid 10, 11.4.1 and 12
// and by the panel (whose bundle leaves KaTeX out), showing what was written as text.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Browser, Page } from 'playwright-core';
import { noteBlocks } from '../../src/diagram/note';
import { sequenceDiagram } from '../../src/diagram/sequenceDiagram';
import { clip, MAX_LABEL_SHOWN, MAX_NAME_SHOWN } from '../../src/diagram/words';
import { parseScenario } from '../../src/scenario/parse';
import { runScenario } from '../../src/scenario/run';
import { launchChromium } from '../support/chromium';
import { postedMessages, sendToWebview } from './harness';
import { hostile } from './hostileText';
import { mermaidPage, renderTexts } from './mermaidPages';
import { useHarness } from './useHarness';

interface Case {
  /** What the case's blocks must show, as written. */
  readonly shown: readonly string[];
  readonly blocks: readonly string[];
}

/** A scenario file as a person writes it; undefined when validation refuses it (two equal names, say). */
function blocksOf(document: Record<string, unknown>, language: 'en' | 'ko', title?: string): string[] | undefined {
  const parsed = parseScenario(JSON.stringify({ version: 1, state: 'server', ...document }), 'json');
  if (!parsed.ok) return undefined;
  const run = runScenario(parsed.scenario);
  const exported = title === undefined ? [] : sequenceDiagram(run.participants, run.trace, { language, autonumber: true, title }).map((part) => part.mermaid);
  return [...noteBlocks(run, language), ...exported];
}

function cases(count: number, seed: number): Case[] {
  const arbitrary = fc.record({ client: hostile, server: hostile, item: hostile, data: hostile, title: hostile, language: fc.constantFrom('en' as const, 'ko' as const) });
  return fc.sample(arbitrary, { numRuns: count, seed }).flatMap(({ client, server, item, data, title, language }) => {
    const topology = { title, servers: [server], clients: [client] };
    const shop = blocksOf({ ...topology, protocol: 'shop', steps: [{ from: client, send: 'price', item: item.slice(0, 80) }, { from: client, send: 'order', quantity: 2 }] }, language);
    const tcp = blocksOf({ ...topology, protocol: 'tcp', steps: [{ from: client, send: 'connect' }, { from: client, send: 'send', data }] }, language, title);
    const login = blocksOf({ ...topology, protocol: 'login', steps: [{ from: client, send: 'login', user: data.slice(0, 80), password: item.slice(0, 200) }] }, language);
    if (shop === undefined || tcp === undefined || login === undefined) return [];
    const names = [clip(client, MAX_NAME_SHOWN), clip(server, MAX_NAME_SHOWN)];
    return [{ shown: [...names, item.slice(0, 80), clip(data, MAX_LABEL_SHOWN), clip(title, MAX_LABEL_SHOWN)], blocks: [...shop, ...tcp, ...login] }];
  });
}

const squash = (text: string): string => text.replace(/\s+/g, '');

/** What each case's blocks fail to show as written (an error drawn, a formula, a lost character). */
function missing(entry: Case, drawn: string): string[] {
  return entry.shown.filter((text) => squash(text) !== '' && !squash(drawn).includes(squash(text)));
}

const RUNS = Math.max(10, Math.round(Number(process.env['FUZZ_RUNS'] ?? 400) / 10));

describe('hostile scenario files render in Mermaid 10, 11.4.1 and 12 (fuzzed, in Chromium)', () => {
  let browser: Browser;
  const generated = cases(RUNS, 20261202);

  before(async function () {
    this.timeout(60_000);
    browser = await launchChromium();
  });
  after(async () => { await browser.close(); });

  it('generates enough valid files to mean something', () => {
    assert.ok(generated.length >= RUNS / 2, `${generated.length} of ${RUNS} cases are valid files`);
  });

  for (const version of ['10', '11', '12'] as const) {
    it(`Mermaid ${version}: every block renders, nothing in it is active, and what was written is drawn`, async function () {
      this.timeout(240_000);
      const page = await mermaidPage(browser, version);
      const failures: string[] = [];
      for (const entry of generated) {
        let drawn = '';
        for (const block of entry.blocks) {
          const rendered = await renderTexts(page, block).catch((error: unknown) => ({ text: '', active: 0, error: String(error).split('\n')[0] ?? '' }));
          if ('error' in rendered) failures.push(`${rendered.error}\n${block}`);
          else if (rendered.active > 0) failures.push(`active elements in\n${block}`);
          drawn += `${rendered.text}\n`;
        }
        for (const text of missing(entry, drawn)) failures.push(`"${text}" is not drawn as written; drawn text:\n${drawn}`);
        if (failures.length >= 3) break;
      }
      await page.close();
      assert.deepEqual(failures, []);
    });
  }
});

describe('hostile scenario files render in the panel (its Mermaid 12 bundle, without KaTeX) and its pictures', () => {
  const suite = useHarness();

  it('draws every block and reports it rendered, and draws each as a PNG; none fails', async function () {
    this.timeout(240_000);
    const page: Page = await suite().browser.newPage();
    await page.goto(suite().harness.origin);
    const failures: string[] = [];
    let answered = 0;
    for (const entry of cases(Math.max(5, Math.round(RUNS / 4)), 7).slice(0, 20)) {
      for (const block of entry.blocks) {
        await sendToWebview(page, { type: 'showDiagram', title: 'Hostile', mermaid: block });
        answered++;
        await page.waitForFunction((count) => (window as unknown as { __posted: { type: string }[] }).__posted.filter((message) => message.type === 'rendered' || message.type === 'renderFailed').length >= count, answered);
        const last = (await postedMessages(page)).filter((message) => ['rendered', 'renderFailed'].includes((message as { type: string }).type)).at(-1) as { type: string; error?: string };
        if (last.type === 'renderFailed') failures.push(`${last.error ?? ''}\n${block}`);
      }
      // The exports: each block as the picture saved beside a note.
      const requestId = answered;
      await sendToWebview(page, { type: 'collectPng', requestId, blocks: entry.blocks });
      await page.waitForFunction((id) => (window as unknown as { __posted: { type: string; requestId?: number }[] }).__posted.some((message) => message.type === 'png' && message.requestId === id), requestId);
      const png = (await postedMessages(page)).find((message) => (message as { type: string }).type === 'png' && (message as { requestId: number }).requestId === requestId) as { pngs: string[]; error: string };
      if (png.error !== '' || png.pngs.length !== entry.blocks.length) failures.push(`pictures: ${png.pngs.length} of ${entry.blocks.length}; ${png.error}`);
    }
    await page.close();
    assert.deepEqual(failures.slice(0, 3), []);
  });
});
