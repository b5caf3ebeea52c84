// Diagrams from traces: faithful to the seed notes, golden for every built-in, split when long.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { escapeLabel } from '../../../src/diagram/escape';
import { runToMarkdown } from '../../../src/diagram/note';
import { participantLabel, sequenceDiagram } from '../../../src/diagram/sequenceDiagram';
import { Lab } from '../../../src/engine/lab';
import type { Participant } from '../../../src/engine/trace';
import { builtinScenario, builtinScenarios } from '../../../src/scenario/builtins';
import { runScenario } from '../../../src/scenario/run';
import { assertGolden } from '../../support/golden';
import { REPO_ROOT } from '../../support/paths';

/** Statements of a diagram with participant ids replaced by their names, indentation and declarations dropped. */
function statementsByName(mermaid: string, participants: readonly Participant[]): string[] {
  const byId = new Map(participants.map((participant) => [participant.id, participantLabel(participant, 'en')]));
  const rename = (ids: string): string => ids.split(',').map((id) => byId.get(id) ?? id).join(',');
  return mermaid.split('\n').map((line) => line.trim()).filter((line) => line !== 'sequenceDiagram' && !line.startsWith('participant ')).map((line) => line
    .replace(/^(\S+?)(-->>|->>|--x|-x)(\S+?):/, (_all, from: string, arrow: string, to: string) => `${rename(from)}${arrow}${rename(to)}:`)
    .replace(/^Note (right of|over) (\S+):/, (_all, where: string, ids: string) => `Note ${where} ${rename(ids)}:`));
}

function seed(name: string): string[] {
  return readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'seeds', name), 'utf8').split('\n').map((line) => line.trim()).filter((line) => line !== '' && line !== 'sequenceDiagram');
}

function diagramOf(id: string, language: 'en' | 'ko' = 'en'): { mermaid: string; participants: readonly Participant[] } {
  const builtin = builtinScenario(id);
  assert.ok(builtin, id);
  const run = runScenario(builtin.scenario);
  const parts = sequenceDiagram(run.participants, run.trace, { language });
  assert.equal(parts.length, 1);
  return { mermaid: parts[0]?.mermaid ?? '', participants: run.participants };
}

describe('sequence diagrams', () => {
  it('the login scenario gives the stateful note\'s first diagram: same messages, same order, same note', () => {
    const { mermaid, participants } = diagramOf('login-stateful');
    assert.deepEqual(statementsByName(mermaid, participants), seed('stateful-login.mmd'));
  });

  it('the login-with-server-error scenario gives the second, message for message: alt Server Error … else Success … end', () => {
    const { mermaid, participants } = diagramOf('login-server-error');
    assert.deepEqual(statementsByName(mermaid, participants), seed('stateful-login-server-error.mmd'));
  });

  it('declares participants in a stable order with generated ids and readable aliases', () => {
    const { mermaid } = diagramOf('relay-stateful-server-dies', 'ko');
    assert.deepEqual(mermaid.split('\n').filter((line) => line.includes('participant')).map((line) => line.trim()), [
      'participant c1 as 클라이언트A', 'participant relay as 중계 서버', 'participant s1 as 서버1', 'participant s2 as 서버2',
    ]);
    // The clerk stories are a customer and the clerk on duty: who changes the shift is not drawn.
    const clerks = diagramOf('clerk-changes-stateful', 'en').mermaid;
    assert.deepEqual(clerks.split('\n').filter((line) => line.includes('participant')).map((line) => line.trim()), [
      'participant c1 as Customer', 'participant s1 as Clerk A', 'participant s2 as Clerk B', 'participant s3 as Clerk C',
    ]);
  });

  it('draws lost messages with -x and a note saying why, and crashes as notes', () => {
    const lab = new Lab({ protocol: 'shop', state: 'client', servers: ['S1', 'S2'], relay: 'round-robin', clients: ['C'], seed: 1, sessionTtlMs: 1000, latencyMs: 1 });
    lab.dropNext();
    lab.send('C', 'price', { item: 'laptop' });
    lab.runUntilIdle();
    lab.crash('S1');
    const [part] = sequenceDiagram(lab.participants, lab.trace, { language: 'en' });
    assert.match(part?.mermaid ?? '', /c1-xrelay: How much is this<br\/>laptop\?\n\s+Note over c1,relay: ✗ lost on the network/);
    assert.match(part?.mermaid ?? '', /Note over c1: ✗ no answer \(timed out\)/);
    assert.match(part?.mermaid ?? '', /Note over s1: 💥 S1 crashes/);
  });

  it('says once why a request to a downed server failed: the lost arrow\'s note, not a second one for the outcome', () => {
    const lab = new Lab({ protocol: 'shop', state: 'server', servers: ['Clerk'], relay: 'none', clients: ['Me'], seed: 1, sessionTtlMs: 1000, latencyMs: 1 });
    lab.crash('Clerk');
    lab.send('Me', 'price', { item: 'laptop' });
    lab.runUntilIdle();
    for (const language of ['en', 'ko'] as const) {
      const mermaid = sequenceDiagram(lab.participants, lab.trace, { language })[0]?.mermaid ?? '';
      assert.equal(mermaid.split('\n').filter((line) => line.includes('✗')).length, 1, mermaid);
      assert.match(mermaid, language === 'en' ? /c1-xs1: How much is this laptop\?\n\s+Note over c1,s1: ✗ the server is down\n\s+end/ : /Note over c1,s1: ✗ 서버가 죽어 있음/);
    }
    // A message lost on the network still gets both: the loss, then the timeout the client sees.
    const dropped = new Lab({ protocol: 'shop', state: 'server', servers: ['Clerk'], relay: 'none', clients: ['Me'], seed: 1, sessionTtlMs: 1000, latencyMs: 1 });
    dropped.dropNext();
    dropped.send('Me', 'price', { item: 'laptop' });
    dropped.runUntilIdle();
    assert.equal((sequenceDiagram(dropped.participants, dropped.trace, { language: 'en' })[0]?.mermaid ?? '').split('\n').filter((line) => line.includes('✗')).length, 2);
  });

  it('writes a title on one line (Mermaid draws a line break in a title as the characters <br/>)', () => {
    const lab = new Lab({ protocol: 'shop', state: 'server', servers: ['Clerk'], relay: 'none', clients: ['Me'], seed: 1, sessionTtlMs: 1000, latencyMs: 1 });
    lab.send('Me', 'price', { item: 'laptop' });
    lab.runUntilIdle();
    const [part] = sequenceDiagram(lab.participants, lab.trace, { language: 'en', title: 'two\r\nlines\nhere $$' });
    assert.match(part?.mermaid ?? '', /\n {4}title two lines here #36;#36;\n/);
  });

  it('splits a long run into parts within the message and size limits, numbering on across parts', () => {
    const lab = new Lab({ protocol: 'shop', state: 'client', servers: ['A', 'B'], relay: 'round-robin', clients: ['C'], seed: 1, sessionTtlMs: 1000, latencyMs: 1 });
    for (let index = 0; index < 300; index++) {
      lab.send('C', 'price', { item: 'laptop' });
      lab.runUntilIdle();
    }
    const parts = sequenceDiagram(lab.participants, lab.trace, { language: 'en', autonumber: true, title: 'Long' });
    // Three arrows a request: the relay's hop back to the client is drawn as one answer from the server.
    assert.equal(parts.reduce((sum, part) => sum + part.messages, 0), 900);
    assert.ok(parts.length > 1);
    let numbered = 0;
    for (const [index, part] of parts.entries()) {
      assert.ok(part.messages <= 200);
      assert.ok(part.mermaid.length <= 50_000);
      assert.equal(part.heading, `Long (Part ${index + 1} of ${parts.length})`);
      assert.match(part.mermaid, index === 0 ? /\n {4}autonumber\n/ : new RegExp(`\\n {4}autonumber ${numbered + 1}\\n`));
      numbered += part.messages;
    }
    const capped = sequenceDiagram(lab.participants, lab.trace, { language: 'en', maxMessages: 30 });
    assert.ok(capped.every((part) => part.messages <= 30), 'the message cap splits too');
    const small = sequenceDiagram(lab.participants, lab.trace, { language: 'en', maxMessages: 100_000, maxTextSize: 20_000 });
    assert.ok(small.length > 1 && small.every((part) => part.mermaid.length <= 20_000), 'the text size limit splits too');
  });

  it('keeps every part within Mermaid\'s 50,000 characters even with the longest names a file may hold, escaped at their longest', () => {
    // 80 characters each (the schema's limit) that Mermaid would read as syntax, so every one is written as an entity.
    const name = (index: number): string => `${String(index).padStart(3, '0')}${'\u{E0001}%'.repeat(39)}`;
    const servers = Array.from({ length: 100 }, (_unused, index) => name(index));
    const clients = Array.from({ length: 20 }, (_unused, index) => name(500 + index));
    const lab = new Lab({ protocol: 'shop', state: 'client', servers, relay: 'round-robin', clients, seed: 1, sessionTtlMs: 1000, latencyMs: 1 });
    for (const client of clients) lab.send(client, 'price', { item: 'x'.repeat(80) });
    lab.runUntilIdle();
    lab.crash(servers[0] ?? '');
    const parts = sequenceDiagram(lab.participants, lab.trace, { language: 'ko', title: name(999) });
    assert.ok(parts.length >= 1);
    for (const part of parts) assert.ok(part.mermaid.length <= 50_000, `${part.mermaid.length} characters`);
  });

  it('folds a long note to "the same items as above" only right under the identical note on the same lifeline, in the same picture', () => {
    for (const builtin of builtinScenarios()) {
      const run = runScenario(builtin.scenario);
      for (const language of ['en', 'ko'] as const) {
        for (const maxMessages of [200, 12]) {
          for (const part of sequenceDiagram(run.participants, run.trace, { language, maxMessages })) {
            const lines = part.mermaid.split('\n');
            lines.forEach((line, folded) => {
              const where = /^\s*(Note (?:right of|over) \S+): \( (the same items as above|위와 같은 항목) \)$/.exec(line)?.[1];
              if (where === undefined) return;
              // The nearest note above on that lifeline is the long one it stands for.
              const above = lines.slice(0, folded).reverse().find((candidate) => candidate.trim().startsWith(`${where}:`));
              assert.match(above ?? '', /(<br>.*){2,}/, `${builtin.id}.${language}: "${line.trim()}" is not right under its original`);
            });
          }
        }
      }
    }
  });

  it('golden notes of every built-in story, in English and Korean (each looked at rendered: npm run gallery)', () => {
    for (const builtin of builtinScenarios()) {
      const run = runScenario(builtin.scenario);
      for (const language of ['en', 'ko'] as const) assertGolden(`stories/${builtin.id}.${language}.md`, runToMarkdown(run, { language }));
    }
  });
});

describe('escaping labels', () => {
  it('writes characters Mermaid would interpret as entity codes', () => {
    assert.equal(escapeLabel('a;b#c'), 'a#59;b#35;c');
    assert.equal(escapeLabel('<b>&"'), '#60;b#62;#38;#34;');
    assert.equal(escapeLabel('x: y %% z'), 'x: y #37;#37; z');
    assert.equal(escapeLabel('two\nlines'), 'two<br/>lines');
  });

  it('writes dollar signs as entities: Mermaid reads $$…$$ as KaTeX math before it decodes them', () => {
    assert.equal(escapeLabel('$$x^2$$'), '#36;#36;x^2#36;#36;');
    assert.equal(escapeLabel('US$ 5'), 'US#36; 5');
  });

  it('keeps letters of any script, emoji and plain punctuation readable', () => {
    for (const text of ['로그인 요청', 'Server-1 (main)', '😀 👨‍👩‍👧 ❤️', 'ünïcödé', 'a/b=c+d']) assert.equal(escapeLabel(text), text);
  });

  it('never gives an empty label', () => {
    assert.equal(escapeLabel(''), '#160;');
    assert.equal(escapeLabel('   '), '#160;');
  });
});
