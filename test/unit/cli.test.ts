// The bundled CLI, run as a process.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST_DIR, REPO_ROOT } from '../support/paths';

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(DIST_DIR, 'cli.js'), ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function scenarioFile(text: string, name = 'test.protocol-lab.yaml'): string {
  const file = join(mkdtempSync(join(tmpdir(), 'protocol-lab-cli-')), name);
  writeFileSync(file, text);
  return file;
}

describe('protocol-lab CLI', () => {
  it('lists the built-in scenarios of all twelve stories', () => {
    const { status, stdout } = cli('list');
    assert.equal(status, 0);
    const stories = new Set([...stdout.matchAll(/story +(\d+)/g)].map((match) => Number(match[1])));
    assert.deepEqual([...stories].sort((a, b) => a - b), Array.from({ length: 12 }, (_unused, index) => index + 1));
    assert.match(cli('list', '--lang', 'ko').stdout, /상태 유지 - 점원이 중간에 바뀌면\?/);
  });

  it('runs a built-in and prints Mermaid; exit 0 when the expect marks held', () => {
    const { status, stdout } = cli('run', 'builtin:login-stateful');
    assert.equal(status, 0);
    assert.match(stdout, /^sequenceDiagram\n/);
    assert.match(stdout, /c1->>s1: Login Request/);
  });

  it('runs a YAML file as Markdown in Korean, and as JSON', () => {
    const markdown = cli('run', join(REPO_ROOT, 'examples', 'clerk-changes.protocol-lab.yaml'), '--format', 'markdown', '--lang', 'ko');
    assert.equal(markdown.status, 0);
    assert.match(markdown.stdout, /```mermaid\nsequenceDiagram/);
    assert.match(markdown.stdout, /\| 요청 \| 3개 \|/);
    const json = cli('run', 'builtin:tcp-connection', '--format', 'json', '--seed', '9');
    const parsed = JSON.parse(json.stdout) as { topology: { seed: number }; trace: unknown[]; metrics: { requests: number } };
    assert.equal(parsed.topology.seed, 9);
    assert.equal(parsed.metrics.requests, 5);
    assert.ok(parsed.trace.length > 20);
  });

  it('starts Markdown with the same front matter as the extension\'s notes when asked (--front-matter)', () => {
    const note = cli('run', 'builtin:clerk-changes-stateful', '--format', 'markdown', '--lang', 'ko', '--front-matter');
    assert.equal(note.status, 0);
    assert.match(note.stdout, /^---\ntags: \[ProtocolLab, Stateful, 상태유지, HTTP, 프로토콜\]\naliases: \[.+\]\ncreated: \d{4}-\d\d-\d\d \d\d:\d\d\n---\n\n## 상태 유지 - 점원이 중간에 바뀌면\?\n/);
    const compared = cli('compare', 'builtin:summary-comparison', '--states', 'client,server', '--front-matter');
    assert.match(compared.stdout, /^---\ntags: \[/);
    assert.doesNotMatch(cli('run', 'builtin:clerk-changes-stateful', '--format', 'markdown').stdout, /^---/);
  });

  it('answers hostile input with exit 2 and one line, never a stack trace', () => {
    const cases = [
      cli('run', scenarioFile(`${'['.repeat(10_000)}${']'.repeat(10_000)}`, 'deep.protocol-lab.json')),
      cli('run', scenarioFile(`a: &a [x, x, x, x, x, x, x, x]\n${Array.from({ length: 8 }, (_unused, index) => `${String.fromCharCode(98 + index)}: &${String.fromCharCode(98 + index)} [${Array.from({ length: 8 }, () => `*${String.fromCharCode(97 + index)}`).join(', ')}]`).join('\n')}\n`)),
      cli('run', scenarioFile('version: 1\ntitle: t\nprotocol: shop\nservers: 1\nsteps:\n  - { crash: Server1 }\n  - { crash: Server1 }\n')),
      cli('run', scenarioFile(`version: 1\ntitle: t\nprotocol: shop\nsteps:\n${'  - { from: Client, send: buy }\n'.repeat(300)}`)),
      cli('run', 'builtin:login-stateful', '--seed='),
      cli('compare', 'builtin:scaling-shared-store', '--states', 'server,client'),
      cli('frobnicate'),
    ];
    assert.deepEqual(cases.map((result) => result.status), [2, 2, 2, 2, 2, 0, 2]);
    for (const result of cases.filter((candidate) => candidate.status === 2)) {
      assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
      assert.doesNotMatch(result.stderr, /\n\s+at /);
    }
    assert.match(cases[2]?.stderr ?? '', /steps\[1\]\.crash: "Server" is already down at this step/);
    assert.match(cases[3]?.stderr ?? '', /\(and 299 more problems\)$/m);
  });

  it('exits 1 and names the failed expectation on stderr', () => {
    const file = scenarioFile('version: 1\ntitle: t\nprotocol: shop\nservers: 2\nsteps:\n  - { from: Client, send: price, item: laptop }\n  - { from: Client, send: order, quantity: 2, expect: ok }\n');
    const { status, stderr } = cli('run', file);
    assert.equal(status, 1);
    assert.match(stderr, /expectation failed: steps\[1\] \(order\) expected ok, got fail \(missing-state\)/);
  });

  it('exits 2 with the validator\'s message for an invalid file, and for bad arguments', () => {
    const file = scenarioFile('version: 1\ntitle: t\nprotocol: shop\nsteps:\n  - { from: Client, send: buy }\n');
    const invalid = cli('run', file);
    assert.equal(invalid.status, 2);
    assert.match(invalid.stderr, /steps\[0\]\.send: "buy" is not a request of protocol "shop" \(expected price, order, pay\)/);
    assert.equal(cli('run', 'builtin:nope').status, 2);
    assert.equal(cli('run', 'builtin:login-stateful', '--format', 'svg').status, 2);
    assert.equal(cli('run', 'builtin:login-stateful', '--seed', 'x').status, 2);
    assert.equal(cli('frobnicate').status, 2);
    assert.equal(cli('run', join(REPO_ROOT, 'missing.yaml')).status, 2);
    assert.equal(cli('run', 'builtin:login-stateful', '--colour').status, 2);
  });

  it('compares where state lives, with a measured table', () => {
    const { status, stdout } = cli('compare', 'builtin:summary-comparison', '--states', 'server,client,store,token');
    assert.equal(status, 0);
    // The stateful note's rows, one column per architecture, each word with what was measured.
    assert.match(stdout, /^\| Item \| Stateless \| Stateless \(token\) \| Stateful \| Stateful \(session store\) \|$/m);
    assert.match(stdout, /^\| Example \| \[\[HTTP\]\] \| \[\[HTTP\]\] \+ JWT \| \[\[TCP\]\] \| \[\[HTTP\]\] \+ Redis \|$/m);
    assert.equal((stdout.match(/^### /gm) ?? []).length, 4);
    // `run` of the summary story is the seed's comparison: Stateless and Stateful, table and diagrams.
    const run = cli('run', 'builtin:summary-comparison', '--format', 'markdown', '--lang', 'ko');
    assert.equal(run.status, 0);
    assert.match(run.stdout, /^\| 항목 \| Stateless \| Stateful \|$/m);
    assert.deepEqual((run.stdout.match(/^\| [^|]+ \|/gm) ?? []).map((cell) => cell.slice(2, -2)), ['항목', '---', '상태 유지', '예시', '확장성', '복구 용이성']);
    assert.equal(cli('compare', 'builtin:summary-comparison', '--states', 'server,cloud').status, 2);
  });
});
