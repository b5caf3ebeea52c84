// Hostile and huge input, fuzzed: random and mutated scenario files go through the function the
// CLI and the editor both use, and always end as a scenario or a list of problems, quickly and in
// bounded memory; hostile titles and descriptions go through the note path, and what is inserted is
// one block (read by a real Markdown parser, with math as VS Code's preview reads it) that leaves the
// text after it as it was.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import markdownItKatex from '@vscode/markdown-it-katex';
import MarkdownIt from 'markdown-it';
import { parse, stringify } from 'yaml';
import { runToMarkdown } from '../../src/diagram/note';
import { separated } from '../../src/notes/separated';
import { builtinScenarios } from '../../src/scenario/builtins';
import { parseScenario, type ScenarioFormat } from '../../src/scenario/parse';
import { runScenario } from '../../src/scenario/run';
import type { Scenario } from '../../src/scenario/scenario';

/** What may be spliced into a file: syntax of both formats, YAML's aliases, keys that attack prototypes, huge numbers. */
const SPLICES = [
  '{', '}', '[', ']', ':', ',', '"', "'", '\n', '  ', '- ', '&a ', '*a', '<<: *a', '!!binary ', '__proto__', 'constructor', '1e400', '-0', '99999999999999999999',
  '"__proto__": {"x": 1}', 'wait: 1e20', 'crash: Server1', 'addServer: Server1', '\uFEFF', '\u0000', '\u2028', '~~~', '```', '![t](https://example.com/t.png)', 'null', 'true',
];

function documentsOf(scenario: Scenario, id: string): Record<string, unknown> {
  const steps = scenario.steps.map((step) => {
    switch (step.kind) {
      case 'request': return { from: step.from, send: step.send, ...step.params, ...(step.expect ? { expect: step.expect } : {}) };
      case 'store': return { store: step.up ? 'up' : 'down' };
      case 'drop': return { drop: 'next' };
      case 'error': return { error: 'next' };
      case 'wait': return { wait: step.ms };
      default: return { [step.kind]: step.server };
    }
  });
  return { version: 1, title: id, protocol: scenario.protocol, state: scenario.state, servers: [...scenario.servers], relay: scenario.relay, clients: [...scenario.clients], steps };
}

const sources: readonly { readonly text: string; readonly format: ScenarioFormat }[] = builtinScenarios().flatMap((builtin) => {
  const document = documentsOf(builtin.scenario, builtin.id);
  return [{ text: JSON.stringify(document, null, 2), format: 'json' as const }, { text: stringify(document), format: 'yaml' as const }];
});

/** One mutation: cut, duplicate, or splice at a position. */
const mutation = fc.tuple(fc.constantFrom('cut', 'copy', 'splice'), fc.nat(), fc.nat({ max: 40 }), fc.constantFrom(...SPLICES));

function mutate(text: string, [kind, at, length, splice]: [string, number, number, string]): string {
  const position = text.length === 0 ? 0 : at % text.length;
  if (kind === 'cut') return text.slice(0, position) + text.slice(position + length);
  if (kind === 'copy') return text.slice(0, position) + text.slice(position, position + length).repeat(3) + text.slice(position);
  return text.slice(0, position) + splice + text.slice(position);
}

/** Parses (and, when valid, runs) a file; returns what came of it. Throws only if the code under test did. */
function outcomeOf(text: string, format: ScenarioFormat): 'scenario' | 'problems' {
  const parsed = parseScenario(text, format);
  if (!parsed.ok) {
    assert.ok(parsed.issues.length > 0 && parsed.issues.length <= 101);
    for (const issue of parsed.issues) assert.ok(issue.message.length > 0 && !issue.message.includes('\n    at '), issue.message);
    return 'problems';
  }
  runScenario(parsed.scenario);
  return 'scenario';
}

describe('fuzzed scenario files: always a scenario or problems, quickly, in bounded memory', function () {
  this.timeout(120_000);

  it('mutated built-in stories, as JSON and as YAML (property)', () => {
    const heapBefore = process.memoryUsage().heapUsed;
    fc.assert(fc.property(fc.constantFrom(...sources), fc.array(mutation, { minLength: 1, maxLength: 6 }), (source, mutations) => {
      const text = mutations.reduce(mutate, source.text);
      const started = performance.now();
      outcomeOf(text, source.format);
      assert.ok(performance.now() - started < 2000, `took ${Math.round(performance.now() - started)} ms`);
    }), { numRuns: Number(process.env['FUZZ_RUNS'] ?? 400), seed: 20261201 });
    assert.ok(process.memoryUsage().heapUsed - heapBefore < 400 * 1024 * 1024, 'memory stays bounded');
  });

  it('random text and random JSON values', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), fc.constantFrom<ScenarioFormat>('json', 'yaml'), (text, format) => { outcomeOf(text, format); }), { numRuns: Number(process.env['FUZZ_RUNS'] ?? 300) });
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => { outcomeOf(JSON.stringify(value), 'json'); outcomeOf(stringify(value), 'yaml'); }), { numRuns: Number(process.env['FUZZ_RUNS'] ?? 300) });
  });

  it('the attacks found by hand: deep nesting, alias bombs, a file too large, prototype keys, a byte-order mark', () => {
    const cases: [string, ScenarioFormat, RegExp][] = [
      [`${'['.repeat(10_000)}${']'.repeat(10_000)}`, 'json', /nest deeper than 32 levels/],
      [`a: &a [x, x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 9 }, (_unused, index) => `${String.fromCharCode(98 + index)}: &${String.fromCharCode(98 + index)} [${Array.from({ length: 10 }, () => `*${String.fromCharCode(97 + index)}`).join(', ')}]`).join('\n')}\n`, 'yaml', /aliases/],
      [`version: 1\ntitle: big\nprotocol: shop\nsteps:\n${'  - { wait: 1 }\n'.repeat(200_000)}`, 'yaml', /at most 2 MB/],
      ['{"version":1,"title":"t","protocol":"shop","steps":[{"from":"Client","send":"price","item":"laptop","__proto__":{"expect":"fail"}}]}', 'json', /"__proto__" is not allowed/],
    ];
    for (const [text, format, expected] of cases) {
      const started = performance.now();
      const parsed = parseScenario(text, format);
      assert.ok(!parsed.ok, 'refused');
      const messages = parsed.issues.map((issue) => issue.message);
      assert.ok(messages.some((message) => expected.test(message)), `${String(expected)} in ${JSON.stringify(messages)}`);
      assert.ok(performance.now() - started < 3000, `took ${Math.round(performance.now() - started)} ms`);
    }
    const withBom = parseScenario('\uFEFF{"version":1,"title":"t","protocol":"login","steps":[{"from":"Client","send":"login","user":"u","password":"p"}]}', 'json');
    assert.equal(withBom.ok, true, 'a byte-order mark is read past, as editors do');
  });

  it('many problems are listed linearly: the first 100 and how many more', () => {
    const bad = `version: 1\ntitle: t\nprotocol: shop\nsteps:\n${'  - { from: Client, send: buy }\n'.repeat(10_000)}`;
    const started = performance.now();
    const parsed = parseScenario(bad, 'yaml');
    const elapsed = performance.now() - started;
    assert.ok(!parsed.ok);
    assert.equal(parsed.issues.length, 101);
    assert.equal(parsed.issues[100]?.message, 'and 9900 more problems (the first 100 are listed)');
    assert.ok(elapsed < 5000, `10,000 problems took ${Math.round(elapsed)} ms`);
  });
});

/**
 * Obsidian hides `%%…%%` (a comment) and reads `$…$`, `$$…$$` as math unless the dollar is escaped
 * with a backslash: outside the fences, a note has no `%%` and no dollar sign that is not escaped.
 */
function obsidianSafe(note: string): boolean {
  const text = note.replace(/^```mermaid\n[\s\S]*?\n```$/gm, '');
  return !text.includes('%%') && [...text.matchAll(/(\\*)\$/g)].every((match) => (match[1] ?? '').length % 2 === 1);
}

describe('hostile titles and descriptions in a note', function () {
  this.timeout(60_000);
  // VS Code's preview: markdown-it with the KaTeX plugin its Markdown Math extension uses.
  const md = new MarkdownIt().use(markdownItKatex, { enableBareBlocks: true, enableFencedBlocks: true });
  const hostile = fc.array(fc.oneof(
    fc.string({ maxLength: 6 }),
    fc.constantFrom('~~~ js', '````', '```', '\n```\n', '![t](https://example.com/t.png)', '[x](javascript:alert(1))', '<img src=x onerror=alert(1)>', '<script>', '# h', '> q', '- l', '1. n', '---', '===', '    code', '|', '\\', '*', '_', '`', '\n', '\r\n', '\u2028', 'null', 'true', '  lead', '&amp;', '<!--', '$', '$$', '$x^2$', '$$x^2$$', '\\$', '%%', '%%%', '\\begin{equation}', '\\(x\\)'),
  ), { minLength: 1, maxLength: 6 }).map((parts) => parts.join(''));

  it('stays one note of its own blocks, fetches nothing, and leaves the text after it untouched (property)', () => {
    // The first story, and the summary story (its note is the comparison table and a diagram per architecture).
    const stories = builtinScenarios().filter((builtin, index) => index === 0 || builtin.scenario.comparison !== undefined);
    assert.equal(stories.length, 2);
    fc.assert(fc.property(fc.constantFrom(...stories), hostile, hostile, fc.constantFrom('en' as const, 'ko' as const), fc.boolean(), (builtin, title, description, language, frontMatter) => {
      const scenario: Scenario = { ...builtin.scenario, title: { en: title, ko: title }, description: { en: description, ko: description } };
      const note = runToMarkdown(runScenario(scenario), { language, frontMatter: false });
      const before = '# My notes\n\nBefore.';
      const after = 'After the diagram: *mine*.';
      const documentText = `${before}${separated(note, before, `\n${after}`)}\n${after}\n`;
      const tokens = md.parse(documentText, {});
      // Exactly our fences, each a mermaid block; no image and no HTML anywhere.
      const fences = tokens.filter((token) => token.type === 'fence');
      assert.equal(fences.length, (note.match(/^```mermaid$/gm) ?? []).length);
      assert.ok(fences.every((fence) => fence.info === 'mermaid'));
      const inline = tokens.flatMap((token) => token.children ?? []);
      assert.ok(!inline.some((token) => token.type === 'image' || token.type === 'html_inline' || token.type === 'link_open'), 'no image, link or HTML');
      assert.ok(!tokens.some((token) => token.type === 'html_block' || token.type === 'code_block'));
      // No math: the title, the description and the table stay text in VS Code's preview.
      assert.ok(![...tokens, ...inline].some((token) => token.type.startsWith('math_')), 'no math');
      assert.equal(tokens.filter((token) => token.type === 'table_open').length, 1, 'the summary table');
      assert.ok(obsidianSafe(note), 'no Obsidian comment or math marker outside the fences');
      // The person's own text after the note is still its own paragraph, as written.
      const last = tokens.filter((token) => token.type === 'inline').at(-1);
      assert.equal(last?.content, after);
      if (frontMatter) {
        const standalone = runToMarkdown(runScenario(scenario), { language, frontMatter: true, created: new Date(2026, 11, 1) });
        const head = /^---\n([\s\S]*?)\n---\n/.exec(standalone)?.[1] ?? '';
        // The front matter reads back as what it says: the title as the alias (on one line), whatever it is.
        const meta = parse(head) as { aliases?: unknown[] };
        assert.deepEqual(meta.aliases, [title.replace(/[\r\n\u2028\u2029]+/g, ' ')]);
      }
    }), { numRuns: Number(process.env['FUZZ_RUNS'] ?? 150) });
  });

  it('writes front matter that reads back for a title with line breaks (found by the property above)', () => {
    const builtin = builtinScenarios()[0];
    assert.ok(builtin);
    for (const title of ['-\n$', '- a\r\n- b', 'null\ntrue', ': x\n? y']) {
      const note = runToMarkdown(runScenario({ ...builtin.scenario, title: { en: title, ko: title } }), { language: 'en', frontMatter: true, created: new Date(2026, 11, 1) });
      const head = /^---\n([\s\S]*?)\n---\n/.exec(note)?.[1] ?? '';
      assert.deepEqual((parse(head) as { aliases?: unknown[] }).aliases, [title.replace(/[\r\n]+/g, ' ')]);
    }
  });
});
