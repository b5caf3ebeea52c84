// Insert into note with saveImages: every block of every built-in story's note, in both languages,
// goes through the panel's SVG → PNG path (Mermaid writes no-break spaces as `&nbsp;`, which an
// SVG read as XML refuses).
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { noteBlocks } from '../../src/diagram/note';
import { builtinScenarios } from '../../src/scenario/builtins';
import { runScenario } from '../../src/scenario/run';
import { postedMessages, sendToWebview } from './harness';
import { useHarness } from './useHarness';

interface PngAnswer {
  readonly type: string;
  readonly requestId: number;
  readonly pngs: readonly string[];
  readonly error: string;
}

async function picturesOf(page: Page, requestId: number, blocks: readonly string[]): Promise<PngAnswer> {
  await sendToWebview(page, { type: 'collectPng', requestId, blocks });
  await page.waitForFunction((id) => (window as unknown as { __posted: { type: string; requestId?: number }[] }).__posted.some((message) => message.type === 'png' && message.requestId === id), requestId, { timeout: 60_000 });
  const answer = (await postedMessages(page)).find((message): message is PngAnswer => (message as PngAnswer).type === 'png' && (message as PngAnswer).requestId === requestId);
  assert.ok(answer);
  return answer;
}

describe('pictures for notes in Chromium', () => {
  const suite = useHarness();
  let page: Page;

  beforeEach(async () => {
    page = await suite().browser.newPage();
    await page.goto(suite().harness.origin);
  });
  afterEach(async () => { await page.close(); });

  it('draws every block of every built-in story\'s note, in English and Korean, as a PNG', async function () {
    this.timeout(240_000);
    const failed: string[] = [];
    let requestId = 0;
    for (const builtin of builtinScenarios()) {
      const run = runScenario(builtin.scenario);
      for (const language of ['en', 'ko'] as const) {
        const blocks = noteBlocks(run, language);
        const answer = await picturesOf(page, ++requestId, blocks);
        // A PNG starts with these bytes, in base64.
        const pngs = answer.pngs.filter((png) => png.startsWith('iVBORw0KGgo'));
        if (answer.error !== '' || pngs.length !== blocks.length) failed.push(`${builtin.id}.${language}: ${pngs.length} of ${blocks.length} pictures; ${answer.error}`);
      }
    }
    assert.deepEqual(failed, []);
  });
});
