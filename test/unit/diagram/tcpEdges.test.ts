// TCP at its edges, from a scenario file a person might write: `error: next` before the
// handshake must open an alternative that also ends (Mermaid refuses an `alt` without `end`, and
// everything after it would be drawn as the server error), and data sent after this side's own
// close says why it cannot go.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runToMarkdown } from '../../../src/diagram/note';
import { sequenceDiagram } from '../../../src/diagram/sequenceDiagram';
import { Lab } from '../../../src/engine/lab';
import type { TraceEvent } from '../../../src/engine/trace';
import { parseScenario } from '../../../src/scenario/parse';
import { runScenario, type ScenarioRun } from '../../../src/scenario/run';
import { ScenarioRunner } from '../../../src/scenario/runner';
import { eventsOf } from '../../support/labs';
import { assertGolden } from '../../support/golden';
import { REPO_ROOT } from '../../support/paths';

const TCP_EDGES_FILE = join(REPO_ROOT, 'test', 'fixtures', 'tcp-edges.protocol-lab.yaml');

function tcpEdges(): ScenarioRun {
  const parsed = parseScenario(readFileSync(TCP_EDGES_FILE, 'utf8'), 'yaml');
  assert.ok(parsed.ok, 'the fixture is a valid scenario');
  return runScenario(parsed.scenario);
}

/** The trace index of the first event of a kind after `from`. */
function indexAfter(trace: readonly TraceEvent[], from: number, found: (event: TraceEvent) => boolean): number {
  return trace.findIndex((event, index) => index > from && found(event));
}

describe('TCP at its edges (a scenario file)', () => {
  it('a server error on the SYN opens "Server Error" and ends it with that connect: the next connect is outside it', () => {
    const run = tcpEdges();
    const groups = eventsOf(run.trace, 'group').map((group) => group.phase);
    assert.deepEqual(groups, ['start', 'end', 'start', 'end']);
    const start = run.trace.findIndex((event) => event.type === 'group' && event.phase === 'start');
    const end = indexAfter(run.trace, start, (event) => event.type === 'group' && event.phase === 'end');
    const nextConnect = indexAfter(run.trace, start, (event) => event.type === 'request-started');
    assert.ok(end < nextConnect, 'the alternative ends before the next request starts');
    // The RST says what happened, and the outcome is the server error (not "no such connection").
    const reset = eventsOf(run.trace, 'message-delivered').find((message) => message.label.en.startsWith('RST'));
    assert.deepEqual(reset?.label, { en: 'RST (server error)', ko: 'RST (서버 오류)' });
    assert.equal(eventsOf(run.trace, 'request-outcome')[0]?.reason, 'server-error');
  });

  it('a server error on an open connection resets it: the server forgets the connection inside the alternative', () => {
    const run = tcpEdges();
    const starts = run.trace.flatMap((event, index) => (event.type === 'group' && event.phase === 'start' ? [index] : []));
    const second = starts[1] ?? -1;
    const end = indexAfter(run.trace, second, (event) => event.type === 'group' && event.phase === 'end');
    const forgotten = indexAfter(run.trace, second, (event) => event.type === 'state' && event.action === 'deleted' && event.holder === 's1');
    assert.ok(second > 0 && forgotten > second && forgotten < end, 'the connection is deleted between the alternative\'s start and end');
    const outcome = eventsOf(run.trace, 'request-outcome').find((event) => event.request === 'send' && event.reason === 'server-error');
    assert.equal(outcome?.status, 500);
  });

  it('draws the alternative closed, and the crash after it tinted as a failure again (en, ko)', () => {
    const run = tcpEdges();
    for (const language of ['en', 'ko'] as const) {
      const [part, more] = sequenceDiagram(run.participants, run.trace, { language });
      assert.equal(more, undefined);
      const lines = part?.mermaid.split('\n').map((line) => line.trim()) ?? [];
      const alt = lines.indexOf(language === 'en' ? 'alt Server Error' : 'alt 서버 오류');
      assert.deepEqual(lines.slice(alt, alt + 3), [lines[alt], `s1-->>c1: ${language === 'en' ? 'RST (server error)' : 'RST (서버 오류)'}`, 'end']);
      const opened = lines.filter((line) => /^(alt|rect|loop|opt|par|critical)\b/.test(line)).length;
      assert.equal(lines.filter((line) => line === 'end').length, opened, 'every block is closed');
      assert.ok(lines.some((line) => line.startsWith('rect rgba(255, 99, 71')), 'the crash\'s reset is a failure, not hidden inside the server error');
    }
  });

  it('data after the client\'s own close says so: the connection was closed by this side, so the data cannot be sent', () => {
    const run = tcpEdges();
    const late = eventsOf(run.trace, 'request-outcome').find((outcome) => outcome.request === 'send' && outcome.reason === 'rejected');
    assert.deepEqual(late?.label, { en: 'Client closed the connection (FIN), so the data cannot be sent', ko: '클라이언트가 연결을 닫아서(FIN) 데이터를 보낼 수 없음' });
    const en = sequenceDiagram(run.participants, run.trace, { language: 'en' })[0]?.mermaid ?? '';
    assert.match(en, /Note over c1: Client closed the<br\/>connection \(FIN\), so the<br\/>data cannot be sent/);
    assert.doesNotMatch(en, /Note over c1: refused/);
  });

  it('checks every expect mark, the send the client refuses itself too', () => {
    assert.deepEqual(tcpEdges().expectations.map((mark) => [mark.step, mark.held]), [[1, true], [2, true], [3, true], [4, true], [5, true], [6, true], [8, true], [9, true], [12, true]]);
  });

  it('a long story after the server error is still cut into parts (a part ends only outside every block)', () => {
    const sends = Array.from({ length: 60 }, (_, index) => `  - { from: Client, send: send, data: m${index} }\n`).join('');
    const parsed = parseScenario(`version: 1\ntitle: Long\nprotocol: tcp\nsteps:\n  - error: next\n  - { from: Client, send: connect }\n  - { from: Client, send: connect }\n${sends}`, 'yaml');
    assert.ok(parsed.ok);
    const run = runScenario(parsed.scenario);
    const parts = sequenceDiagram(run.participants, run.trace, { language: 'en', maxMessages: 40 });
    assert.ok(parts.length > 2, `${parts.length} part(s)`);
    for (const part of parts) {
      const lines = part.mermaid.split('\n').map((line) => line.trim());
      assert.equal(lines.filter((line) => line === 'end').length, lines.filter((line) => /^(alt|rect)\b/.test(line)).length, part.heading);
    }
  });

  it('a request sent by hand in the live lab after error: next gets its alternative ended too', () => {
    const lab = new Lab({ protocol: 'tcp', state: 'server', servers: ['Server'], clients: ['Client'], relay: 'none', seed: 1, sessionTtlMs: 1000, latencyMs: 1 });
    const runner = new ScenarioRunner(lab, [{ kind: 'error' }]);
    runner.runToEnd();
    for (let attempt = 0; attempt < 2; attempt++) {
      lab.send('Client', 'connect');
      lab.runUntilIdle();
    }
    runner.dispose();
    const seen = lab.trace.flatMap((event) => (event.type === 'group' ? [event.phase] : event.type === 'request-outcome' ? [`${event.request} ${event.ok ? 'ok' : event.reason ?? ''}`] : []));
    assert.deepEqual(seen, ['start', 'connect server-error', 'end', 'connect ok']);
  });

  it('golden notes in English and Korean (looked at rendered: npm run gallery)', () => {
    const run = tcpEdges();
    for (const language of ['en', 'ko'] as const) assertGolden(`edges/tcp-edges.${language}.md`, runToMarkdown(run, { language }));
  });
});
