// The bundled CLI, run as a process.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, ftruncateSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST_DIR, REPO_ROOT } from '../support/paths';

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return cliWith(undefined, ...args);
}

/** The CLI with `input` on its stdin; a run that does not end in 20 s (an unbounded read) is stopped. */
function cliWith(input: string | undefined, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(DIST_DIR, 'cli.js'), ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 20_000, maxBuffer: 64 * 1024 * 1024, ...(input === undefined ? {} : { input }) });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function scenarioFile(text: string | Uint8Array, name = 'test.protocol-lab.yaml'): string {
  const file = join(mkdtempSync(join(tmpdir(), 'protocol-lab-cli-')), name);
  writeFileSync(file, text);
  return file;
}

const SMALL = 'version: 1\ntitle: t\nprotocol: shop\nsteps:\n  - { from: Client, send: price, item: laptop }\n';

function refusedInOneLine(result: { status: number | null; stderr: string }, pattern: RegExp): void {
  assert.equal(result.status, 2, result.stderr);
  assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
  assert.match(result.stderr, pattern);
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

  it('--detail draws every hop, each request, or the story', function () {
    // Four runs of the bundled CLI: a loaded machine needs more than the default.
    this.timeout(60_000);
    const hop = cli('run', 'builtin:scaling-sticky-sessions');
    assert.equal(hop.stdout, cli('run', 'builtin:scaling-sticky-sessions', '--detail', 'hop').stdout);
    assert.match(hop.stdout, /participant relay as Relay/);
    const request = cli('run', 'builtin:scaling-sticky-sessions', '--detail', 'request');
    assert.equal(request.status, 0, request.stderr);
    assert.doesNotMatch(request.stdout, /relay/);
    assert.match(request.stdout, /Note over c1,s1: Relay: first request: pin/);
    const story = cli('run', 'builtin:tcp-connection', '--detail', 'story', '--format', 'markdown', '--lang', 'ko');
    assert.equal(story.status, 0, story.stderr);
    assert.match(story.stdout, /c1->>s1: 연결: 3-way handshake/);
  });

  it('--detail: a wrong level, JSON or compare is refused in one line', function () {
    this.timeout(60_000);
    refusedInOneLine(cli('run', 'builtin:tcp-connection', '--detail', 'packets'), /--detail must be hop, request, story, got "packets"/);
    refusedInOneLine(cli('run', 'builtin:tcp-connection', '--detail', 'story', '--format', 'json'), /--detail .* needs --format mermaid or markdown/);
    refusedInOneLine(cli('compare', 'builtin:tcp-connection', '--detail', 'story'), /compare does not take --detail/);
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

  it('--format mermaid prints one diagram: a run drawn in parts needs --part N, or --out FILE.mmd for numbered files', () => {
    // A long run is drawn in parts: stdout cannot hold them all as one Mermaid file.
    const long = scenarioFile(`version: 1\ntitle: Long\nprotocol: shop\nstate: client\nsteps:\n${'  - { from: Client, send: price, item: laptop }\n'.repeat(60)}`);
    const refused = cli('run', long);
    refusedInOneLine(refused, /drawn in 3 diagrams.*--part 1 to 3.*--out FILE\.mmd/);
    assert.equal(refused.stdout, '');
    const second = cli('run', long, '--part', '2');
    assert.equal(second.status, 0, second.stderr);
    assert.equal(second.stdout.match(/^sequenceDiagram$/gm)?.length, 1);
    refusedInOneLine(cli('run', long, '--part', '4'), /--part must be a whole number from 1 to 3/);
    refusedInOneLine(cli('run', 'builtin:login-stateful', '--part', '0'), /--part must be a whole number from 1 to 1/);
    // The summary story's architectures are its parts.
    const folder = mkdtempSync(join(tmpdir(), 'protocol-lab-out-'));
    const written = cli('run', 'builtin:summary-comparison', '--out', join(folder, 'summary.mmd'));
    assert.equal(written.status, 0, written.stderr);
    assert.deepEqual(written.stdout.trim().split('\n'), [join(folder, 'summary-1.mmd'), join(folder, 'summary-2.mmd')]);
    for (const name of written.stdout.trim().split('\n')) assert.equal(readFileSync(name, 'utf8').match(/^sequenceDiagram$/gm)?.length, 1, name);
    // One part: the file as named; --part with --out: that part in that file.
    assert.equal(cli('run', 'builtin:login-stateful', '--out', join(folder, 'login.mmd')).stdout, `${join(folder, 'login.mmd')}\n`);
    assert.equal(cli('run', long, '--part', '2', '--out', join(folder, 'long.mmd')).status, 0);
    assert.equal(readFileSync(join(folder, 'long.mmd'), 'utf8'), cli('run', long, '--part', '2').stdout);
    refusedInOneLine(cli('run', 'builtin:login-stateful', '--out', join(folder, 'login.svg')), /--out names a Mermaid file ending in \.mmd/);
    refusedInOneLine(cli('run', 'builtin:login-stateful', '--format', 'markdown', '--part', '1'), /--part picks Mermaid diagrams: it needs --format mermaid/);
    assert.equal(existsSync(join(folder, 'login.svg')), false);
    refusedInOneLine(cli('run', 'builtin:login-stateful', '--out', join(folder, 'missing', 'login.mmd')), /cannot write .*login\.mmd: ENOENT/);
  });

  it('reads at most the size limit: /dev/zero and a 700 MB file are refused at once, without reading them whole', () => {
    refusedInOneLine(cli('run', '/dev/zero'), /\/dev\/zero: the input is larger than 2 MB; a scenario file may be at most 2 MB/);
    const huge = scenarioFile('');
    const fd = openSync(huge, 'r+');
    ftruncateSync(fd, 700 * 1024 * 1024);
    closeSync(fd);
    const started = Date.now();
    refusedInOneLine(cli('run', huge), /the file is 700\.0 MB; a scenario file may be at most 2 MB/);
    assert.ok(Date.now() - started < 5000, 'refused from its size, not after reading it');
    refusedInOneLine(cliWith(`${' '.repeat(3 * 1024 * 1024)}x`, 'run', '/dev/stdin'), /the input is larger than 2 MB/);
  });

  it('refuses text that is not UTF-8 (a CP949 Korean file) instead of running it garbled', () => {
    // "한글" in CP949.
    const cp949 = scenarioFile(Uint8Array.from([...Buffer.from('version: 1\ntitle: '), 0xc7, 0xd1, 0xb1, 0xdb, ...Buffer.from('\nprotocol: shop\nsteps: []\n')]));
    refusedInOneLine(cli('run', cp949), /: not UTF-8 text/);
    assert.equal(cli('run', scenarioFile(`\uFEFF${SMALL}`)).status, 0, 'a UTF-8 byte-order mark is fine');
  });

  it('reads YAML and JSON on /dev/stdin by their text', () => {
    const yaml = cliWith(SMALL, 'run', '/dev/stdin');
    assert.equal(yaml.status, 0, yaml.stderr);
    assert.match(yaml.stdout, /^sequenceDiagram\n/);
    const json = cliWith(JSON.stringify({ version: 1, title: 't', protocol: 'shop', steps: [{ from: 'Client', send: 'price', item: 'laptop' }] }), 'run', '/dev/stdin');
    assert.equal(json.status, 0, json.stderr);
    refusedInOneLine(cliWith('{ "version": 1, ', 'run', '/dev/stdin'), /\/dev\/stdin: /);
  });

  it('refuses options that would do nothing, in one line; compare --seed works', () => {
    refusedInOneLine(cli('compare', 'builtin:login-stateful', '--format', 'json'), /compare writes Markdown.*--format must be markdown/);
    assert.equal(cli('compare', 'builtin:login-stateful', '--format', 'markdown', '--states', 'server').status, 0);
    refusedInOneLine(cli('run', 'builtin:login-stateful', '--states', 'server'), /run does not take --states/);
    refusedInOneLine(cli('list', '--seed', '3'), /list does not take --seed/);
    refusedInOneLine(cli('run', 'builtin:login-stateful', '--front-matter'), /--front-matter .* needs --format markdown \(not mermaid\)/);
    refusedInOneLine(cli('run', 'builtin:login-stateful', '--format', 'json', '--front-matter'), /needs --format markdown \(not json\)/);
    refusedInOneLine(cli('run', 'builtin:login-stateful', 'builtin:tcp-connection'), /run takes one file or builtin:ID; "builtin:tcp-connection" is one too many/);
    refusedInOneLine(cli('list', 'extra'), /list takes no file/);
    refusedInOneLine(cli('compare', 'builtin:login-stateful', '--states', 'server,server'), /--states names "server" twice/);
    refusedInOneLine(cli('run', 'builtin:login-stateful', '--seed', '1', '--seed', '2'), /--seed is given twice/);
    const random = scenarioFile('version: 1\ntitle: t\nprotocol: shop\nservers: 3\nrelay: random\nsteps:\n  - { from: Client, send: price, item: laptop }\n  - { from: Client, send: order, quantity: 2 }\n  - { from: Client, send: pay, method: card }\n');
    const seeds = ['1', '2', '3', '4'].map((seed) => cli('compare', random, '--states', 'client', '--seed', seed).stdout);
    assert.ok(new Set(seeds).size > 1, 'the seed picks the servers of the random relay');
    refusedInOneLine(cli('compare', random, '--seed', 'x'), /--seed must be a whole number/);
  });

  it('says node\'s argument errors in plain words', () => {
    const ambiguous = cli('run', 'builtin:login-stateful', '--seed', '-3');
    refusedInOneLine(ambiguous, /--seed needs a value \(one that starts with "-" is written --seed=VALUE\)/);
    assert.doesNotMatch(ambiguous.stderr, /ambiguous|Did you forget/);
    refusedInOneLine(cli('run', 'builtin:login-stateful', '--seed'), /--seed needs a value/);
    refusedInOneLine(cli('run', 'builtin:login-stateful', '--colour'), /there is no option --colour/);
    refusedInOneLine(cli('run', 'builtin:login-stateful', '--front-matter=yes'), /--front-matter takes no value/);
  });
});

