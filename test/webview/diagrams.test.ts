// Generated diagrams checked by Mermaid itself (12; 11.4.1, which Obsidian bundles; and 10), in Chromium.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Browser, Page } from 'playwright-core';
import { LiveDiagram } from '../../src/diagram/liveDiagram';
import { noteBlocks } from '../../src/diagram/note';
import { sequenceDiagram } from '../../src/diagram/sequenceDiagram';
import { clip, MAX_LABEL_SHOWN, MAX_NAME_SHOWN } from '../../src/diagram/words';
import { Lab } from '../../src/engine/lab';
import { builtinScenario, builtinScenarios } from '../../src/scenario/builtins';
import { parseScenario } from '../../src/scenario/parse';
import { compareStates } from '../../src/diagram/comparison';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/paths';
import { runScenario } from '../../src/scenario/run';
import { launchChromium } from '../support/chromium';
import { NOTE_LOOK } from '../../src/diagram/mermaidLook';
import { hostile } from './hostileText';
import { configureMermaid, mermaidPage, parseAll, renderShown, renderTexts } from './mermaidPages';

interface Case {
  readonly names: readonly string[];
  readonly mermaid: string;
}

/** A real run whose participants and labels carry the hostile text. */
function diagramWith(client: string, server: string, data: string, language: 'en' | 'ko'): string {
  const lab = new Lab({ protocol: 'tcp', state: 'server', servers: [server], clients: [client], relay: 'none', seed: 1, sessionTtlMs: 1000, latencyMs: 1 });
  lab.send(client, 'connect');
  lab.runUntilIdle();
  lab.send(client, 'send', { data });
  lab.runUntilIdle();
  const login = new Lab({ protocol: 'login', state: 'server', servers: [server], clients: [client], relay: 'none', seed: 1, sessionTtlMs: 1000, latencyMs: 1 });
  login.send(client, 'login', { user: data, password: 'pw' });
  login.runUntilIdle();
  const parts = [...sequenceDiagram(lab.participants, lab.trace, { language, autonumber: true, title: data }), ...sequenceDiagram(login.participants, login.trace, { language })];
  // The TCP run shows the data; the login run draws the names (its note lists fields, not values).
  return parts.map((part) => part.mermaid).join('\n\n%% next\n\n');
}

function cases(count: number, seed: number): Case[] {
  return fc.sample(fc.tuple(hostile, hostile, hostile, fc.constantFrom('en' as const, 'ko' as const)), { numRuns: count, seed }).flatMap(([client, server, data, language]) => {
    const text = diagramWith(client, server, data, language);
    // Each run holds two diagrams: split them so Mermaid parses one at a time.
    // A diagram shows at most 40 characters of a name (and 300 of a label): longer ones end in "…".
    const shown = [clip(client, MAX_NAME_SHOWN), clip(server, MAX_NAME_SHOWN)];
    return text.split('\n\n%% next\n\n').map((mermaid, index) => ({ names: index === 0 ? [...shown, clip(data, MAX_LABEL_SHOWN)] : shown, mermaid }));
  });
}

describe('generated diagrams parse with Mermaid itself', () => {
  let browser: Browser;
  let mermaid12: Page;
  let mermaid11: Page;
  let mermaid10: Page;

  before(async function () {
    // Three Mermaid bundles load in one Chromium: on a machine shared with other runs that took over a minute.
    this.timeout(180_000);
    browser = await launchChromium();
    [mermaid12, mermaid11, mermaid10] = await Promise.all([mermaidPage(browser, '12'), mermaidPage(browser, '11'), mermaidPage(browser, '10')]);
  });
  after(async () => { await browser.close(); });

  const builtinDiagrams = (): string[] => builtinScenarios().flatMap((builtin) => {
    const run = runScenario(builtin.scenario);
    return (['en', 'ko'] as const).flatMap((language) => [
      ...noteBlocks(run, language),
      ...sequenceDiagram(run.participants, run.trace, { language, autonumber: true, title: builtin.scenario.title[language] }).map((part) => part.mermaid),
      // Each detail level, as a note has it and as the panel draws it (a folded line marked as one that opens).
      ...noteBlocks(run, language, 'request'),
      ...noteBlocks(run, language, 'story'),
      ...sequenceDiagram(run.participants, run.trace, { language, detail: { level: 'story', expandable: true } }).map((part) => part.mermaid),
    ]);
  });

  it('every built-in scenario, in English and Korean, with and without options: Mermaid 12', async () => {
    const diagrams = builtinDiagrams();
    assert.deepEqual(await parseAll(mermaid12, diagrams), []);
  });

  it('the same diagrams parse with Mermaid 11.4.1 (what Obsidian bundles) and Mermaid 10 (other renderers lag behind)', async () => {
    assert.deepEqual(await parseAll(mermaid11, builtinDiagrams()), []);
    assert.deepEqual(await parseAll(mermaid10, builtinDiagrams()), []);
  });

  it('TCP at its edges (test/fixtures: a server error before the handshake, data after close) parses in Mermaid 12, 11.4.1 and 10', async () => {
    const parsed = parseScenario(readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'tcp-edges.protocol-lab.yaml'), 'utf8'), 'yaml');
    assert.ok(parsed.ok);
    const run = runScenario(parsed.scenario);
    const blocks = (['en', 'ko'] as const).flatMap((language) => noteBlocks(run, language));
    for (const page of [mermaid12, mermaid11, mermaid10]) assert.deepEqual(await parseAll(page, blocks), []);
  });

  it('every block of every story\'s note, in both languages, renders within 1,100 × 2,500 px in Mermaid 11.4.1 at its defaults', async function () {
    this.timeout(120_000);
    const oversize: string[] = [];
    for (const builtin of builtinScenarios()) {
      const run = runScenario(builtin.scenario);
      for (const language of ['en', 'ko'] as const) {
        for (const [index, block] of noteBlocks(run, language).entries()) {
          const { width, height } = await renderShown(mermaid11, block);
          assert.ok(width > 0 && height > 0, `${builtin.id}.${language} block ${index + 1} did not render`);
          if (width > 1100 || height > 2500) oversize.push(`${builtin.id}.${language} block ${index + 1}: ${width} × ${height}`);
        }
      }
    }
    assert.deepEqual(oversize, []);
  });

  it('every block of a comparison fits too: all four architectures of the summary story and of the example file, in both languages', async function () {
    this.timeout(120_000);
    const example = parseScenario(readFileSync(join(REPO_ROOT, 'examples', 'clerk-changes.protocol-lab.yaml'), 'utf8'), 'yaml');
    assert.ok(example.ok);
    const summary = builtinScenario('summary-comparison');
    assert.ok(summary);
    const oversize: string[] = [];
    for (const [name, scenario] of [['summary', summary.scenario], ['example', example.scenario]] as const) {
      for (const language of ['en', 'ko'] as const) {
        const markdown = compareStates(scenario, ['server', 'client', 'store', 'token'], language).markdown;
        const blocks = [...markdown.matchAll(/^```mermaid\n([\s\S]*?)\n```$/gm)].map((match) => match[1] ?? '');
        assert.equal(blocks.length, 4);
        for (const [index, block] of blocks.entries()) {
          const { width, height } = await renderShown(mermaid11, block);
          if (width > 1100 || height > 2500) oversize.push(`${name}.${language} block ${index + 1}: ${width} × ${height}`);
        }
      }
    }
    assert.deepEqual(oversize, []);
  });

  it('the panel\'s Mermaid 12, with the look it pins, draws every story at the size Mermaid 11.4.1 draws it in a note', async function () {
    this.timeout(120_000);
    const differences: string[] = [];
    try {
      await configureMermaid(mermaid12, NOTE_LOOK);
      for (const builtin of builtinScenarios()) {
        for (const language of ['en', 'ko'] as const) {
          for (const block of noteBlocks(runScenario(builtin.scenario), language)) {
            const [panel, note] = [await renderShown(mermaid12, block), await renderShown(mermaid11, block)];
            if (panel.width !== note.width || panel.height !== note.height) differences.push(`${builtin.id}.${language}: panel ${panel.width} × ${panel.height}, note ${note.width} × ${note.height}`);
          }
        }
      }
    } finally {
      await configureMermaid(mermaid12, {});
    }
    assert.deepEqual(differences, []);
  });

  it('the live view\'s parts (a tail redrawn batch by batch) parse too, in both languages', async () => {
    const diagrams = builtinScenarios().flatMap((builtin) => {
      const run = runScenario(builtin.scenario);
      return (['en', 'ko'] as const).flatMap((language) => {
        const live = new LiveDiagram(run.participants, language, 5);
        for (let end = 0; end < run.trace.length; end += 3) live.update(run.trace.slice(0, end));
        return live.update(run.trace).map((part) => part.mermaid);
      });
    });
    assert.ok(diagrams.length > builtinScenarios().length * 2, `${diagrams.length} parts`);
    assert.deepEqual(await parseAll(mermaid12, diagrams), []);
  });

  it('1,000+ generated runs with hostile names and labels all parse (Mermaid 12)', async function () {
    this.timeout(120_000);
    const generated = cases(600, 42);
    assert.ok(generated.length >= 1000, `${generated.length} diagrams`);
    const failures = await parseAll(mermaid12, generated.map((entry) => entry.mermaid));
    assert.deepEqual(failures.slice(0, 3).map((failure) => ({ ...failure, names: generated[failure.index]?.names, diagram: generated[failure.index]?.mermaid })), []);
  });

  it('the generated runs also parse with Mermaid 10', async function () {
    this.timeout(120_000);
    const generated = cases(300, 7);
    const failures = await parseAll(mermaid10, generated.map((entry) => entry.mermaid));
    assert.deepEqual(failures.slice(0, 3).map((failure) => ({ ...failure, names: generated[failure.index]?.names })), []);
  });

  it('shows hostile text as text: what was written is what is drawn, and nothing becomes active', async function () {
    this.timeout(120_000);
    const squash = (text: string): string => text.replace(/\s+/g, '');
    for (const entry of cases(25, 99)) {
      const rendered = await renderTexts(mermaid12, entry.mermaid);
      assert.equal(rendered.active, 0, `active elements in ${entry.mermaid}`);
      for (const name of entry.names) {
        if (squash(name) === '') continue;
        assert.ok(squash(rendered.text).includes(squash(name)), `"${name}" is not shown as written; drawn text:\n${rendered.text}`);
      }
    }
  });
});
