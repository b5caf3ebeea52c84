// Each story teaches its lesson: the relay is drawn where it matters and says why it picks a
// server, a crash is tinted where it breaks something, every lifeline takes part, the words teach
// the right thing, and the table under a diagram agrees with it figure for figure.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { compareStates } from '../../../src/diagram/comparison';
import { noteBlocks, runToMarkdown } from '../../../src/diagram/note';
import { sequenceDiagram } from '../../../src/diagram/sequenceDiagram';
import type { Language } from '../../../src/engine/text';
import { builtinScenario, builtinScenarios } from '../../../src/scenario/builtins';
import { parseScenario } from '../../../src/scenario/parse';
import { runScenario } from '../../../src/scenario/run';

const LANGUAGES = ['en', 'ko'] as const;
const ARROW = /^(\S+?)(-->>|->>|--x|-x)(\S+?): (.*)$/;
const NOTE = /^Note (?:right of|left of|over) (\S+): (.*)$/;

/** Each statement of a block, trimmed, with the rect depth it stands at. */
function statementsOf(block: string): { line: string; tinted: boolean }[] {
  let depth = 0;
  return block.split('\n').slice(1).map((raw) => raw.trim()).flatMap((line) => {
    if (line.startsWith('rect ')) depth++;
    else if (line === 'end' && depth > 0) depth--;
    return [{ line, tinted: depth > 0 }];
  });
}

function declared(block: string): string[] {
  return [...block.matchAll(/^\s+(?:create )?participant (\S+) as /gm)].map((match) => match[1] ?? '');
}

/** Lifelines an arrow or a note of the block stands on. */
function used(block: string): Set<string> {
  const ids = new Set<string>();
  for (const { line } of statementsOf(block)) {
    const arrow = ARROW.exec(line);
    if (arrow !== null) [arrow[1], arrow[3]].forEach((id) => ids.add(id ?? ''));
    const note = NOTE.exec(line);
    if (note !== null) for (const id of (note[1] ?? '').split(',')) ids.add(id);
  }
  return ids;
}

function blocksOf(id: string, language: Language, maxMessages?: number): string[] {
  const builtin = builtinScenario(id);
  assert.ok(builtin, id);
  const run = runScenario(builtin.scenario);
  return maxMessages === undefined ? noteBlocks(run, language) : sequenceDiagram(run.participants, run.trace, { language, maxMessages }).map((part) => part.mermaid);
}

/** A note's cell in its summary table, by the row's name. */
function cell(markdown: string, row: RegExp): string {
  const line = markdown.split('\n').find((candidate) => row.test(candidate.split(' | ')[0]?.slice(2) ?? ''));
  return line?.split(' | ')[1]?.replace(/ \|$/, '') ?? '';
}

/** Random small scenarios on two or three servers behind a relay, with crashes, restarts and added servers. */
const scenarioText = fc.record({
  state: fc.constantFrom('server', 'client', 'store'),
  relay: fc.constantFrom('round-robin', 'sticky', 'random', 'least-connections'),
  servers: fc.integer({ min: 2, max: 3 }),
  steps: fc.array(fc.constantFrom(
    '{ from: Client, send: price, item: laptop }', '{ from: Client, send: order, quantity: 2 }', '{ from: Client, send: pay, method: card }',
    '{ crash: Server1 }', '{ restart: Server1 }', '{ addServer: Server9 }',
  ), { minLength: 1, maxLength: 12 }),
}).map(({ state, relay, servers, steps }) => {
  // Each step is kept only where the file allows it (no crash of a server already down, one Server9).
  const kept: string[] = [];
  let down = false;
  let added = false;
  for (const step of steps) {
    if (step.includes('crash')) { if (down) continue; down = true; }
    if (step.includes('restart')) { if (!down) continue; down = false; }
    if (step.includes('addServer')) { if (added) continue; added = true; }
    kept.push(`  - ${step}`);
  }
  return `version: 1\ntitle: t\nprotocol: shop\nstate: ${state}\nrelay: ${relay}\nservers: ${servers}\nsteps:\n${kept.join('\n')}\n`;
});

describe('every story teaches its lesson', () => {
  it('each built-in names its lesson in both languages', () => {
    for (const builtin of builtinScenarios()) {
      assert.ok(builtin.lesson.en.length > 20, builtin.id);
      assert.match(builtin.lesson.ko, /[가-힣]/, builtin.id);
    }
  });

  it('no lifeline without an arrow or a note in its block (property: built-ins and random runs, whole and in parts)', () => {
    const check = (blocks: readonly string[], name: string): void => {
      for (const block of blocks) {
        const drawn = used(block);
        for (const id of declared(block)) assert.ok(drawn.has(id), `${name}: lifeline ${id} has nothing on it\n${block}`);
      }
    };
    for (const builtin of builtinScenarios()) {
      for (const language of LANGUAGES) for (const max of [undefined, 8]) check(blocksOf(builtin.id, language, max), `${builtin.id}.${language}`);
    }
    fc.assert(fc.property(scenarioText, fc.integer({ min: 3, max: 40 }), (text, maxMessages) => {
      const parsed = parseScenario(text, 'yaml');
      if (!parsed.ok) return;
      const run = runScenario(parsed.scenario);
      check(sequenceDiagram(run.participants, run.trace, { language: 'en', maxMessages }).map((part) => part.mermaid), text);
    }), { numRuns: 150 });
  });

  it('where the relay is drawn, every request passes through it and it says which server it picks and why', () => {
    const reasons = { en: /^(first request: pin .+ to |pinned: |next in turn: |any server: |fewest open requests: |new connection: |same connection: |.+ is down: send on to |pinned .+ is down: send on to )/, ko: /(^처음 온 .+에 고정|^고정된 |^차례대로 |^아무 서버나: |^요청이 가장 적은 |^새 연결: |^같은 연결: | 장애: .+ 보냄)/ };
    let relayStories = 0;
    for (const builtin of builtinScenarios()) {
      for (const language of LANGUAGES) {
        for (const block of blocksOf(builtin.id, language)) {
          if (!declared(block).includes('relay')) continue;
          relayStories++;
          for (const { line } of statementsOf(block)) {
            const arrow = ARROW.exec(line);
            if (arrow === null) continue;
            const [, from, kind, to, label] = arrow;
            assert.ok(!(/^c\d+$/.test(from ?? '') && /^s\d+$/.test(to ?? '') && !kind?.startsWith('--')), `${builtin.id}.${language}: ${line} goes around the relay`);
            if (from === 'relay' && /^s\d+$/.test(to ?? '')) assert.match((label ?? '').replace(/<br\/>/g, ' '), reasons[language], `${builtin.id}.${language}: ${line}`);
          }
        }
      }
    }
    // The relay stories (5, 6, 10 sticky, 12) draw it.
    assert.ok(relayStories >= 8, `relay drawn in ${relayStories} blocks`);
  });

  it('the sticky story shows the pin and the moment it breaks, on the relay', () => {
    const [block] = blocksOf('scaling-sticky-sessions', 'ko');
    assert.match(block ?? '', /relay->>s1: 처음 온 철수를<br\/>서버1에 고정/);
    assert.match(block ?? '', /relay->>s2: 고정된 서버1 장애:<br\/>서버2로 보냄<br\/>\(새로 고정\)/);
    assert.doesNotMatch(block ?? '', /Note over c1: 서버1 장애/);
  });

  it('words teach the right thing: nothing reconnects where a request is only sent on, and RST says what it means', () => {
    for (const builtin of builtinScenarios()) {
      for (const language of LANGUAGES) {
        const note = runToMarkdown(runScenario(builtin.scenario), { language });
        assert.doesNotMatch(note, /재연결|re-?route|reconnect/i, `${builtin.id}.${language}`);
      }
    }
    const tcp = runToMarkdown(runScenario(builtinScenario('tcp-connection')?.scenario ?? assert.fail()), { language: 'ko' });
    assert.match(tcp, /RST \(이 연결 없음\)/);
    assert.match(tcp, /서버에는 이 연결이 없음 \(RST\)/);
    assert.match(tcp, /Note over c1: #8634; 처음부터 다시 연결\n\s+c1->>s1: SYN/);
  });

  it('a crash is drawn inside the tint of what it breaks (stories 5, 6, 10, 11, 12)', () => {
    for (const builtin of builtinScenarios()) {
      for (const language of LANGUAGES) {
        for (const block of blocksOf(builtin.id, language)) {
          for (const { line, tinted } of statementsOf(block)) if (line.includes('💥')) assert.ok(tinted, `${builtin.id}.${language}: ${line} outside the tint`);
        }
      }
    }
  });

  it('a stateless conversation survives a crash in its middle, and a new server takes the next request at once (story 6)', () => {
    const [block] = blocksOf('relay-stateless-scale-out', 'ko');
    const lines = statementsOf(block ?? '').map(({ line }) => line);
    const joined = lines.findIndex((line) => line.includes('➕ 서버2 증설'));
    const crash = lines.findIndex((line) => line.includes('💥 서버1'));
    assert.ok(joined > 0 && crash > joined);
    assert.equal(lines.slice(joined).find((line) => line.startsWith('relay->>')), 'relay->>s2: 차례대로 새 서버2로');
    assert.match(lines.slice(crash).join('\n'), /relay->>s2: 서버1 장애:<br\/>서버2로 보냄\ns2-->>c1: 200만원 결제<br\/>완료되었습니다\./);
    assert.doesNotMatch(block ?? '', /✗/);
  });

  it('a figure in the table matches its diagram: each failure counted is one said in it', () => {
    for (const builtin of builtinScenarios()) {
      if (builtin.scenario.comparison !== undefined) continue;
      for (const language of LANGUAGES) {
        const markdown = runToMarkdown(runScenario(builtin.scenario), { language });
        const failed = Number(/^(\d+)/.exec(cell(markdown, /^(Failed|실패)$/))?.[1] ?? NaN);
        // Said once each: over the client, by the 503 of a downed store, or by the seed's alt block for a server error.
        const said = (markdown.match(/^\s+Note over \S+: ✗/gm) ?? []).length + (markdown.match(/^\s+\S+-->>c\d+: 503 /gm) ?? []).length + (markdown.match(/^\s+alt /gm) ?? []).length;
        assert.equal(failed, said, `${builtin.id}.${language}`);
      }
    }
  });

  it('the summary table is the seed\'s, in its order, and each figure is true of the diagrams printed with it', () => {
    for (const language of LANGUAGES) {
      const comparison = compareStates(builtinScenario('summary-comparison')?.scenario ?? assert.fail(), ['server', 'store', 'client', 'token'], language);
      const header = comparison.table.split('\n')[0] ?? '';
      assert.ok(header.indexOf('Stateless') < header.indexOf('Stateful'), header);
      const sections = comparison.markdown.split(/^### /m).slice(1);
      const recovery = comparison.table.split('\n')[5]?.split(' | ').slice(1) ?? [];
      sections.forEach((section, column) => {
        const lines = statementsOf(/```mermaid\n([\s\S]*?)\n```/.exec(section)?.[1] ?? '').map(({ line }) => line);
        const crash = lines.findIndex((line) => line.includes('💥'));
        const after = lines.slice(crash);
        const requests = after.filter((line) => /^c\d+->>/.test(line)).length;
        const failures = after.filter((line) => /^Note over c\d+: ✗/.test(line)).length;
        const figures = /(\d+) of (\d+)|요청 (\d+)개 중 (\d+)개 성공/.exec(recovery[column] ?? '');
        const [ok, of] = language === 'en' ? [Number(figures?.[1]), Number(figures?.[2])] : [Number(figures?.[4]), Number(figures?.[3])];
        assert.deepEqual([ok, of], [requests - failures, requests], `${language} column ${column}: ${recovery[column] ?? ''}`);
      });
    }
  });

  it('says exactly what a server lacks: what to sell, which product and how many, or only how many', () => {
    const file = (steps: string): string => `version: 1\ntitle: t\nprotocol: shop\nservers: [Alpha, Beta]\nrelay: round-robin\nsteps:\n${steps}`;
    const parsed = parseScenario(file('  - { from: Client, send: price, item: laptop }\n  - { from: Client, send: order, quantity: 2 }\n  - { from: Client, send: pay, method: card }\n'), 'yaml');
    assert.ok(parsed.ok);
    const markdown = runToMarkdown(runScenario(parsed.scenario), { language: 'ko' });
    assert.match(markdown, /✗ Beta는 무엇을 살지 모름/);
    // The client started over after Beta's refusal: Alpha knows neither the product nor how many.
    assert.match(markdown, /✗ Alpha는 무슨 제품을 몇 개<br\/>살지 모름/);
    // Alpha kept the laptop, and the order never came: it lacks only how many.
    const skipped = parseScenario(file('  - { from: Client, send: price, item: laptop }\n  - { from: Client, send: price, item: laptop }\n  - { from: Client, send: pay, method: card }\n').replace('round-robin', 'sticky'), 'yaml');
    assert.ok(skipped.ok);
    assert.match(runToMarkdown(runScenario(skipped.scenario), { language: 'ko' }), /✗ Alpha는 몇 개 살지 모름/);
    assert.match(runToMarkdown(runScenario(skipped.scenario), { language: 'en' }), /✗ Alpha does not know(<br\/>| )how many/);
  });

  it('folds a long note only right under the identical one on its lifeline', () => {
    const block = (steps: string): string => {
      const parsed = parseScenario(`version: 1\ntitle: t\nprotocol: login\nservers: 1\nclients: [A, B]\nsteps:\n${steps}`, 'yaml');
      assert.ok(parsed.ok);
      return noteBlocks(runScenario(parsed.scenario), 'en')[0] ?? '';
    };
    const login = (who: string): string => `  - { from: ${who}, send: login, user: ${who.toLowerCase()}, password: p }\n`;
    assert.equal((block(login('A') + login('B')).match(/\( the same items as above \)/g) ?? []).length, 1);
    // A's logout stands between on the server's lifeline: B's note is drawn in full.
    assert.doesNotMatch(block(`${login('A')}  - { from: A, send: logout }\n${login('B')}`), /the same items as above/);
  });

  it('no quoted English payload in a Korean block, and the names people write stay as written', () => {
    for (const builtin of builtinScenarios()) {
      for (const block of blocksOf(builtin.id, 'ko')) assert.doesNotMatch(block, /[“"](?:[^”"]*\s)?[A-Za-z]{2,}[^”"]*[”"]|#34;[^#]*[A-Za-z]{2,}/, builtin.id);
    }
    const parsed = parseScenario('version: 1\ntitle: t\nprotocol: shop\nservers: [Server3, Alpha]\nrelay: round-robin\nsteps:\n  - { from: Client, send: price, item: laptop }\n', 'yaml');
    assert.ok(parsed.ok);
    assert.deepEqual(runScenario(parsed.scenario).participants.map((participant) => participant.label.ko), ['클라이언트', '중계 서버', 'Server3', 'Alpha']);
  });
});
