// Markdown for notes and the comparison table: golden files, plus the rules a note must keep.
import * as assert from 'node:assert/strict';
import { compareStates } from '../../../src/diagram/comparison';
import { markdownText, runToMarkdown } from '../../../src/diagram/note';
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
    const markdown = runToMarkdown(runScenario(scenario('scaling-shared-store')), { language: 'en', maxMessages: 10 });
    const blocks = markdown.match(/```mermaid/g) ?? [];
    assert.ok(blocks.length > 2);
    assert.equal((markdown.match(/^### Part \d+ of \d+$/gm) ?? []).length, blocks.length);
  });

  it('keeps table cells and headings from breaking the Markdown', () => {
    assert.equal(markdownText('a|b\nc <script>'), 'a\\|b c &lt;script&gt;');
    assert.equal(markdownText('# not a heading'), '\\# not a heading');
  });
});

describe('comparison of where state lives', () => {
  it('measures the summary table of the stateful note (story 12)', () => {
    const comparison = compareStates(scenario('summary-comparison'), ['server', 'client', 'store', 'token'], 'en');
    const rows = comparison.table.split('\n');
    assert.equal(rows[2], '| State kept on the servers | ✅ 2 | ❌ | ❌ (store: 1) | ❌ |');
    assert.equal(rows[3], '| Requests that succeeded | 2/6 | 6/6 | 6/6 | 6/6 |');
    assert.equal(rows[4], '| What a crash or a switch of server did | lost the conversation ×4 | nothing | nothing | nothing |');
    const bytes = (rows[5] ?? '').split('|').slice(2, 6).map((cell) => Number(cell.trim()));
    assert.ok((bytes[1] ?? 0) > (bytes[0] ?? 0), `stateless sends more per request than stateful: ${rows[5] ?? ''}`);
    assert.equal(rows[6], '| Servers that could serve the next request | none: start over | any (2/3) | any (2/3) | any (2/3) |');
    assertGolden('notes/summary-comparison.ko.md', compareStates(scenario('summary-comparison'), ['server', 'client', 'store', 'token'], 'ko').markdown);
  });
});
