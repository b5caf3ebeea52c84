// `protocol-lab run --format mermaid` gives files Mermaid's own tools accept: each stdout or
// --out file holds exactly one diagram, and Mermaid 12, 11.4.1 and 10 parse it as a whole file.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { builtinScenarios } from '../../src/scenario/builtins';
import { launchChromium } from '../support/chromium';
import { DIST_DIR, REPO_ROOT } from '../support/paths';
import { mermaidPage, parseAll } from './mermaidPages';

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(DIST_DIR, 'cli.js'), ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every file `run --out` writes for a source (one or numbered), read back. */
function mermaidFiles(source: string, language: 'en' | 'ko'): { name: string; text: string }[] {
  const out = join(mkdtempSync(join(tmpdir(), 'protocol-lab-mmd-')), 'diagram.mmd');
  const written = cli('run', source, '--lang', language, '--out', out);
  assert.ok(written.status === 0 || written.status === 1, `${source}: ${written.stderr}`);
  const names = written.stdout.trim().split('\n');
  return names.map((name) => ({ name: `${source} ${language} ${name}`, text: readFileSync(name, 'utf8') }));
}

/** A scenario long enough to be drawn in several parts. */
function longScenario(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'protocol-lab-long-')), 'long.protocol-lab.yaml');
  writeFileSync(file, `version: 1\ntitle: Long\nprotocol: shop\nsteps:\n${'  - { from: Client, send: price, item: laptop }\n'.repeat(400)}`);
  return file;
}

describe('the CLI\'s Mermaid output is one diagram a Mermaid file can hold', () => {
  let browser: Browser;
  let pages: Page[];

  before(async function () {
    this.timeout(60_000);
    browser = await launchChromium();
    pages = await Promise.all((['12', '11', '10'] as const).map((version) => mermaidPage(browser, version)));
  });
  after(async () => { await browser.close(); });

  it('every built-in (both languages) and a long file, as --out files and on stdout, parse in Mermaid 12, 11.4.1 and 10', async function () {
    this.timeout(120_000);
    const long = longScenario();
    const sources = [...builtinScenarios().map((builtin) => `builtin:${builtin.id}`), long];
    const files = sources.flatMap((source) => (['en', 'ko'] as const).flatMap((language) => mermaidFiles(source, language)));
    assert.ok(files.filter((file) => file.name.startsWith(long)).length > 2, 'the long file is drawn in several parts');
    // What stdout gives: the whole diagram of a one-part run, and part 1 of the others.
    for (const source of sources) {
      const printed = cli('run', source);
      const one = printed.status === 2 ? cli('run', source, '--part', '1') : printed;
      assert.ok(one.status === 0 || one.status === 1, `${source}: ${one.stderr}`);
      files.push({ name: `${source} stdout`, text: one.stdout });
    }
    for (const file of files) assert.equal(file.text.match(/^\s*sequenceDiagram\s*$/gm)?.length, 1, file.name);
    for (const page of pages) {
      const failures = await parseAll(page, files.map((file) => file.text));
      assert.deepEqual(failures.map((failure) => `${files[failure.index]?.name ?? ''}: ${failure.error}`), []);
    }
  });
});
