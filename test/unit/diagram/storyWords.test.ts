// What every note says, in words a reader keeps: one language per block, no internal ids, no
// particle templates. Checked on every built-in story and on random runs (property tests).
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { runToMarkdown } from '../../../src/diagram/note';
import { sequenceDiagram } from '../../../src/diagram/sequenceDiagram';
import { withParticle } from '../../../src/engine/korean';
import { Lab } from '../../../src/engine/lab';
import type { ProtocolName, StatePlacement } from '../../../src/engine/model';
import { builtinScenarios } from '../../../src/scenario/builtins';
import { runScenario } from '../../../src/scenario/run';

/** Words that are the same in both languages: protocol terms, headers, the seed's own column names. */
const SHARED_TERMS = /\b(3-way [Hh]andshake|HTTP|TCP|SYN-ACK|SYN|FIN-ACK|FIN|ACK|RST|DATA|ESTABLISHED|CLOSED|Set-Cookie|Cookie|SID|Max-Age|OK|TTL|Redis|JWT|ID|Stateless|Stateful|ProtocolLab)\b/g;

/** The reader-facing text of a note: labels, notes, headings and cells, without Mermaid's keywords and ids. */
function readerText(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => !/^(```|sequenceDiagram$|end$|rect rgba|autonumber)/.test(line))
    .map((line) => line
      .replace(/^(create )?participant \S+ as /, '')
      .replace(/^\S+?(-->>|->>|--x|-x)\S+?: /, '')
      .replace(/^Note (right of|left of|over) \S+: /, '')
      .replace(/^(alt|else) /, '')
      .replace(/#34;/g, '"').replace(/#\d+;/g, ' ')
      .replace(/<br\/?>/g, ' '))
    .join('\n');
}

const INTERNAL_IDS = /sess-\d|\bc\d+:\d+\b|\b(missing-state|session-expired|store-down|no-server|server-down|connection-reset|invalid-token|not-logged-in|server-error)\b|\b[cs]\d+\b/;
const PARTICLE_TEMPLATES = /\((으|이|을|를|은|는|와|과)\)|[을은이와]\((를|는|가|과)\)/;

describe('what the notes say', () => {
  for (const builtin of builtinScenarios()) {
    const run = runScenario(builtin.scenario);
    it(`story ${builtin.story} (${builtin.id}): one language per note, no internal ids, no particle templates`, () => {
      const korean = readerText(runToMarkdown(run, { language: 'ko' }));
      const english = readerText(runToMarkdown(run, { language: 'en' }));
      assert.doesNotMatch(english, /[\uac00-\ud7af]/u, `Hangul in the English note:\n${english}`);
      // Korean notes keep only shared terms and data the story sends ("hello") in Latin letters.
      const latin = korean.replace(SHARED_TERMS, '').replace(/"[^"\n]*"/g, '').match(/[A-Za-z]{2,}/g) ?? [];
      assert.deepEqual(latin, [], `English words in the Korean note:\n${korean}`);
      for (const text of [korean, english]) {
        assert.doesNotMatch(text, INTERNAL_IDS, text);
        assert.doesNotMatch(text, PARTICLE_TEMPLATES, text);
      }
    });
  }

  it('any run, with names in any script, says no internal id and no particle template (property)', () => {
    const name = fc.oneof(
      fc.constantFrom('서버', '점원', '고객', 'Server', 'Clerk', 'kim', 'Node'),
      fc.tuple(fc.constantFrom('서버', 'Server', '점원', 'Box'), fc.oneof(fc.integer({ min: 0, max: 120 }).map(String), fc.constantFrom('A', 'B', 'C', 'M', 'N', 'L'))).map(([stem, tail]) => `${stem}${tail}`),
    );
    const steps = fc.array(fc.oneof(
      fc.constant<[string]>(['request']),
      fc.constant<[string]>(['crash']),
      fc.constant<[string]>(['restart']),
      fc.constant<[string]>(['add']),
    ), { minLength: 1, maxLength: 14 });
    fc.assert(fc.property(
      fc.uniqueArray(name, { minLength: 2, maxLength: 4 }), name, fc.constantFrom<ProtocolName>('shop', 'login', 'tcp'), fc.constantFrom<StatePlacement>('server', 'client', 'store', 'token'), steps, fc.integer({ min: 0, max: 1000 }),
      (servers, client, protocol, wanted, plan, seed) => {
        fc.pre(!servers.includes(client));
        const state = protocol === 'tcp' ? 'server' : wanted;
        const lab = new Lab({ protocol, state, servers, clients: [client], relay: 'round-robin', seed, sessionTtlMs: 60_000, latencyMs: 1 });
        const requests = protocol === 'shop' ? [['price', { item: 'laptop' }], ['order', { quantity: 2 }], ['pay', { method: 'card' }]] as const
          : protocol === 'login' ? [['login', { user: 'kim', password: 'pw' }], ['profile', {}], ['logout', {}]] as const
            : [['connect', {}], ['send', { data: 'hi' }], ['close', {}]] as const;
        let next = 0;
        let added = 0;
        for (const [kind] of plan) {
          const up = lab.snapshot().servers.filter((server) => server.up);
          const down = lab.snapshot().servers.filter((server) => !server.up);
          if (kind === 'crash' && up.length > 1) lab.crash(up[0]?.name ?? '');
          else if (kind === 'restart' && down.length > 0) lab.restart(down[0]?.name ?? '');
          else if (kind === 'add' && added < 2) lab.addServer(`${servers[0] ?? 'Server'}+${++added}`);
          else {
            const [request, params] = requests[next++ % 3] ?? requests[0];
            lab.send(client, request, params);
          }
          lab.runUntilIdle();
        }
        for (const language of ['en', 'ko'] as const) {
          const text = readerText(sequenceDiagram(lab.participants, lab.trace, { language }).map((part) => part.mermaid).join('\n'));
          assert.doesNotMatch(text, /sess-\d|\bc\d+:\d+\b|missing-state|connection-reset/, text);
          assert.doesNotMatch(text, PARTICLE_TEMPLATES, text);
        }
      },
    ), { numRuns: Number(process.env['FUZZ_RUNS'] ?? 150) });
  });

  it('particles follow the last sound of the word as a Korean reader says it', () => {
    const cases: [string, string][] = [
      ['서버1', '서버1로'], ['서버2', '서버2로'], ['서버3', '서버3으로'], ['서버10', '서버10으로'], ['Server3', 'Server3으로'],
      ['점원B', '점원B로'], ['점원M', '점원M으로'], ['노트북', '노트북으로'], ['카드', '카드로'], ['kim', 'kim으로'],
    ];
    for (const [word, expected] of cases) assert.equal(withParticle(word, '으로/로'), expected);
    assert.equal(withParticle('서버1', '은/는'), '서버1은');
    assert.equal(withParticle('점원B', '은/는'), '점원B는');
    assert.equal(withParticle('노트북', '을/를'), '노트북을');
    assert.equal(withParticle('카드', '을/를'), '카드를');
  });
});
