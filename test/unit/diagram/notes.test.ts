// Markdown for notes and the comparison table: golden files, plus the rules a note must keep.
import * as assert from 'node:assert/strict';
import { compareStates } from '../../../src/diagram/comparison';
import { markdownText } from '../../../src/diagram/markdown';
import MarkdownIt from 'markdown-it';
import { runToMarkdown, withImages } from '../../../src/diagram/note';
import { builtinScenario } from '../../../src/scenario/builtins';
import { runScenario } from '../../../src/scenario/run';
import { assertGolden } from '../../support/golden';

const CREATED = new Date(2026, 10, 22, 9, 30);

function scenario(id: string): NonNullable<ReturnType<typeof builtinScenario>>['scenario'] {
  const builtin = builtinScenario(id);
  assert.ok(builtin, id);
  return builtin.scenario;
}

describe('notes', () => {
  it('a Korean note in the seeds\' style: front matter, heading, mermaid block, summary', () => {
    const markdown = runToMarkdown(runScenario(scenario('clerk-changes-stateful')), { language: 'ko', frontMatter: true, created: CREATED });
    assert.match(markdown, /^---\ntags: \[ProtocolLab, Stateful, 상태유지, HTTP, 프로토콜\]\naliases: \[.+\]\ncreated: 2026-11-22 09:30\n---\n\n## /);
    assertGolden('notes/clerk-changes-stateful.ko.md', markdown);
  });

  it('an English note without front matter', () => {
    assertGolden('notes/login-server-error.en.md', runToMarkdown(runScenario(scenario('login-server-error')), { language: 'en', created: CREATED }));
  });

  it('a long run becomes several mermaid blocks, each with a heading', () => {
    const markdown = runToMarkdown(runScenario(scenario('scaling-shared-store')), { language: 'en', maxMessages: 6 });
    const blocks = markdown.match(/```mermaid/g) ?? [];
    assert.ok(blocks.length > 2);
    assert.equal((markdown.match(/^### Part \d+ of \d+$/gm) ?? []).length, blocks.length);
  });

  it('keeps table cells and headings from breaking the Markdown', () => {
    assert.equal(markdownText('a|b\nc <script>'), 'a\\|b c &lt;script&gt;');
    assert.equal(markdownText('# not a heading'), '\\# not a heading');
  });

  it('links each picture so that the link reaches its file, whatever the note is called (C# notes, what? (draft), 100%)', () => {
    const note = runToMarkdown(runScenario(scenario('clerk-changes-stateful')), { language: 'en' });
    for (const name of ['C# notes.clerk-1.png', 'what? (draft).clerk-1.png', '100% sure.clerk-1.png', '노트 <1>.clerk-1.png', 'a#b?c=d&e.png']) {
      const [image] = new MarkdownIt().parse(withImages(note, [name], 'Clerk'), {}).flatMap((token) => token.children ?? []).filter((token) => token.type === 'image');
      // Resolved against the note's folder, as a viewer does: the whole name is the path (no fragment, no query).
      const resolved = new URL(image?.attrGet('src') ?? '', 'file:///vault/notes/');
      assert.deepEqual([decodeURIComponent(resolved.pathname), resolved.hash, resolved.search], [`/vault/notes/${name}`, '', ''], name);
    }
    const [image] = new MarkdownIt().parse(withImages(note, ['a.png'], 'C[1] $$x$$ %%'), {}).flatMap((token) => token.children ?? []).filter((token) => token.type === 'image');
    assert.equal(image?.children?.map((child) => child.content).join(''), 'C1 $$x$$ %%', 'the alt text reads as written, less its brackets');
  });
});

describe('comparison of where state lives', () => {
  it('reproduces the stateful note\'s summary table with measured figures (story 12)', () => {
    const comparison = compareStates(scenario('summary-comparison'), ['client', 'server'], 'en');
    const rows = comparison.table.split('\n').map((row) => row.split(' | ').map((cell) => cell.replace(/^\| |\s\|$/g, '')));
    assert.deepEqual(rows.map((row) => row[0]), ['Item', '---', 'State kept', 'Example', 'Scalability', 'Ease of recovery']);
    assert.deepEqual(rows[0], ['Item', 'Stateless', 'Stateful']);
    // The seed's wiki links stay links in the vault.
    assert.deepEqual(rows[3], ['Example', '[[HTTP]]', '[[TCP]]']);
    // The seed's words, each with what this run measured beside it.
    assert.match(rows[2]?.[1] ?? '', /^❌ \(each request stands alone\) · \d+ bytes per request on average$/);
    assert.match(rows[2]?.[2] ?? '', /^✅ \(state stored and reused\) · stored twice, reused once/);
    assert.deepEqual(rows[4], ['Scalability', 'excellent · Server1, Server2 shared the work', 'limited · the client is tied to Server1 (always the same server)']);
    assert.deepEqual(rows[5], ['Ease of recovery', 'relatively easy · after Server1 failed, 1 of 1 request succeeded', 'hard after a failure · after Server1 failed, 0 of 1 request succeeded: start over']);
    // Stateful is measured as the notes describe it: always the same server (a sticky relay).
    assert.deepEqual(comparison.runs.map((run) => [run.topology.state, run.topology.relay]), [['client', 'round-robin'], ['server', 'sticky']]);
    assertGolden('notes/summary-comparison.ko.md', compareStates(scenario('summary-comparison'), ['client', 'server'], 'ko').markdown);
  });

  it('compares all four places for state, and leaves a store outage to the architecture that has a store', () => {
    const comparison = compareStates(scenario('scaling-shared-store'), ['server', 'client', 'store', 'token'], 'ko');
    assert.equal(comparison.runs.length, 4);
    assert.match(comparison.table, /^\| 항목 \| Stateless \| Stateless \(토큰\) \| Stateful \| Stateful \(세션 저장소\) \|$/m);
    assert.match(comparison.table, /^\| 예시 \| \[\[HTTP\]\] \| \[\[HTTP\]\] \+ JWT \| \[\[TCP\]\] \| \[\[HTTP\]\] \+ Redis \|$/m);
    assert.doesNotMatch(comparison.table, /store:|missing-state|×/);
  });
});
