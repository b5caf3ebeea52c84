// Detail levels: every hop (today's drawing, unchanged), each request as one arrow with the relay's
// choice in a note on it, and the story with its handshakes and logins folded into one line.
import * as assert from 'node:assert/strict';
import { foldedExchanges } from '../../../src/diagram/detail';
import { MessageInspector } from '../../../src/diagram/messageDetails';
import { noteBlocks, runToMarkdown } from '../../../src/diagram/note';
import { sequenceDiagram } from '../../../src/diagram/sequenceDiagram';
import { DETAIL_LEVELS } from '../../../src/engine/model';
import { builtinScenario, builtinScenarios } from '../../../src/scenario/builtins';
import { parseScenario } from '../../../src/scenario/parse';
import { runScenario, type ScenarioRun } from '../../../src/scenario/run';
import { assertGolden } from '../../support/golden';

function storyRun(id: string): ScenarioRun {
  const builtin = builtinScenario(id);
  assert.ok(builtin, id);
  return runScenario(builtin.scenario);
}

function arrows(mermaid: string): string[] {
  return mermaid.split('\n').map((line) => line.trim()).filter((line) => /^\w+-[-]?[>x]/.test(line) || /^\w+--?>>/.test(line));
}

describe('detail levels', () => {
  it('hop is the default: the same note as before for every story, in both languages', () => {
    for (const builtin of builtinScenarios()) {
      const run = runScenario(builtin.scenario);
      for (const language of ['en', 'ko'] as const) assert.equal(runToMarkdown(run, { language, detail: 'hop' }), runToMarkdown(run, { language }), builtin.id);
    }
  });

  it('request: the relay is not a lifeline; each forwarded request is one arrow with the relay\'s choice and why in a note on it', () => {
    const run = storyRun('scaling-sticky-sessions');
    const [hop] = noteBlocks(run, 'en', 'hop');
    const [request] = noteBlocks(run, 'en', 'request');
    assert.ok(hop !== undefined && request !== undefined);
    assert.match(hop, /participant relay as Relay/);
    assert.doesNotMatch(request, /relay/);
    // Every choice the relay said on a hop is said in a note at this level.
    const choices = run.trace.flatMap((event) => (event.type === 'internal-step' && event.actor === 'relay' ? [event.label.en] : []));
    assert.ok(choices.length >= 4);
    const notes = request.split('\n').filter((line) => line.includes('Note over c1,')).map((line) => line.replace(/<br\/?>/g, ' ').replace(/\s+/g, ' '));
    assert.deepEqual(notes.map((line) => line.replace(/^.*?Relay: /, '')), choices);
    // One arrow per request instead of two: the client's hop to the relay is in the request's arrow.
    assert.equal(arrows(request).filter((line) => line.startsWith('c1->>')).length, arrows(hop).filter((line) => line.startsWith('c1->>relay')).length);
    assert.match(request, /c1->>s2: Profile Request<br\/>Cookie: SID=e4e5…\n\s+Note over c1,s2: Relay: pinned Server1 is down:<br\/>send on to Server2, pin there/);
    const [korean] = noteBlocks(run, 'ko', 'request');
    assert.match(korean ?? '', /Note over c1,s1: 중계 서버: 처음 온 철수를(<br\/>| )서버1에 고정/);
  });

  it('story: a TCP handshake and a login that went through are one line each; a failed login stays hop by hop', () => {
    const tcp = storyRun('tcp-connection');
    const [story] = noteBlocks(tcp, 'en', 'story');
    assert.doesNotMatch(story ?? '', /SYN-ACK\n/);
    assert.equal((story ?? '').match(/c1->>s1: Connect: 3-way handshake \(SYN,<br\/>SYN-ACK, ACK\)/g)?.length, 2);
    // What the connection holds is still drawn by value.
    assert.match(story ?? '', /Note right of s1: ESTABLISHED<br>nothing received yet/);
    const [ko] = noteBlocks(tcp, 'ko', 'story');
    assert.match(ko ?? '', /c1->>s1: 연결: 3-way handshake/);
    const login = storyRun('login-cookie-session');
    const [folded] = noteBlocks(login, 'en', 'story');
    assert.match(folded ?? '', /c1->>s1: Login ↔ Response<br\/>Set-Cookie: SID=e4e5…/);
    assert.doesNotMatch(folded ?? '', /Verify Request\n[^\n]*\n[^\n]*Store Client/);
    // The seed's alt Server Error diagram is the lesson: nothing in it folds.
    const error = storyRun('login-server-error');
    assert.deepEqual(noteBlocks(error, 'en', 'story'), noteBlocks(error, 'en', 'request'));
  });

  it('story: a folded line knows its request, and opening it draws that exchange message by message again', () => {
    const run = storyRun('tcp-connection');
    const [folded] = sequenceDiagram(run.participants, run.trace, { language: 'en', detail: { level: 'story', expandable: true } });
    assert.ok(folded);
    assert.equal(folded.folded.length, 2);
    assert.match(folded.mermaid, /3-way handshake \(SYN,<br\/>SYN-ACK, ACK\) #9656;/);
    const [first] = folded.folded;
    assert.ok(first !== undefined);
    const [opened] = sequenceDiagram(run.participants, run.trace, { language: 'en', detail: { level: 'story', expandable: true, expanded: new Set([first]) } });
    assert.ok(opened);
    assert.deepEqual(opened.folded, folded.folded.slice(1));
    assert.match(opened.mermaid, /c1->>s1: SYN\n\s+s1-->>c1: SYN-ACK\n\s+c1->>s1: ACK/);
    // An exported note has no marker: there, the line is just one line.
    assert.doesNotMatch(noteBlocks(run, 'en', 'story').join('\n'), /#9656;/);
  });

  it('a folded arrow\'s details show the hops it folds; a request arrow\'s show the relay\'s', () => {
    for (const [id, level] of [['tcp-connection', 'story'], ['scaling-sticky-sessions', 'story'], ['scaling-sticky-sessions', 'request']] as const) {
      const run = storyRun(id);
      const inspector = new MessageInspector(run.participants, run.trace, 'en', run.topology.protocol);
      const parts = sequenceDiagram(run.participants, run.trace, { language: 'en', detail: { level } });
      const lines = parts.flatMap((part) => arrows(part.mermaid));
      const events = parts.flatMap((part) => part.arrowEvents);
      assert.equal(lines.length, events.length, id);
      const first = inspector.details(events[0] ?? -1);
      assert.ok(first?.exchange, `${id} ${level}: the first arrow has details`);
      // The folded handshake (3 segments) or the login through the relay (4 hops) is all there.
      assert.ok(first.exchange.hops.length >= 3, `${id} ${level}: ${first.exchange.hops.map((hop) => hop.text).join(' | ')}`);
      if (id === 'scaling-sticky-sessions') assert.match(first.route?.text ?? '', /pin Alice to Server1/);
    }
  });

  it('folds only exchanges that went through, with no crash, lost message or alternative in the middle', () => {
    const run = storyRun('login-server-error');
    assert.equal(foldedExchanges(run.trace, 0, { level: 'story' }).size, 0);
    assert.equal(foldedExchanges(storyRun('login-cookie-session').trace, 0, { level: 'request' }).size, 0);
    assert.equal(foldedExchanges(storyRun('login-cookie-session').trace, 0, { level: 'story' }).size, 1);
  });

  it('a scenario file may say its detail (optional); a wrong one is an error with the key\'s path', () => {
    const file = (detail: string): string => `version: 1\ntitle: t\nprotocol: tcp\n${detail}steps:\n  - { from: Client, send: connect }\n`;
    const plain = parseScenario(file(''), 'yaml');
    assert.ok(plain.ok);
    assert.equal(plain.scenario.detail, undefined);
    const story = parseScenario(file('detail: story\n'), 'yaml');
    assert.ok(story.ok);
    assert.equal(story.scenario.detail, 'story');
    assert.match(runToMarkdown(runScenario(story.scenario), { language: 'en' }), /3-way handshake/);
    // The person's choice (the panel's, the CLI's) wins over the file's.
    assert.doesNotMatch(runToMarkdown(runScenario(story.scenario), { language: 'en', detail: 'hop' }), /3-way handshake/);
    const wrong = parseScenario(file('detail: packets\n'), 'yaml');
    assert.ok(!wrong.ok);
    assert.deepEqual(wrong.issues[0]?.path, ['detail']);
    assert.match(wrong.issues[0].message, /hop.*request.*story/);
  });

  it('golden notes at request and story detail, for every story the level changes (each looked at rendered: npm run gallery)', () => {
    for (const builtin of builtinScenarios()) {
      const run = runScenario(builtin.scenario);
      for (const language of ['en', 'ko'] as const) {
        let below = runToMarkdown(run, { language, detail: 'hop' });
        for (const level of DETAIL_LEVELS.slice(1)) {
          const note = runToMarkdown(run, { language, detail: level });
          if (note !== below) assertGolden(`detail/${builtin.id}.${level}.${language}.md`, note);
          below = note;
        }
      }
    }
  });
});
