// A message looked at closely, from the trace alone: as it travels, its exchange, the relay's
// choice, the state it made a holder read or write.
import * as assert from 'node:assert/strict';
import { MessageInspector, type MessageDetails } from '../../../src/diagram/messageDetails';
import type { TraceEvent } from '../../../src/engine/trace';
import { builtinScenario } from '../../../src/scenario/builtins';
import { runScenario, type ScenarioRun } from '../../../src/scenario/run';

function storyRun(id: string): ScenarioRun {
  const builtin = builtinScenario(id);
  assert.ok(builtin, id);
  return runScenario(builtin.scenario);
}

function inspect(run: ScenarioRun, pick: (event: TraceEvent) => boolean, language: 'en' | 'ko' = 'en'): MessageDetails {
  return detailsAt(run, run.trace.findIndex(pick), language);
}

function detailsAt(run: ScenarioRun, index: number, language: 'en' | 'ko' = 'en'): MessageDetails {
  const details = new MessageInspector(run.participants, run.trace, language, run.topology.protocol).details(index);
  assert.ok(details, `no details at ${index}`);
  return details;
}

const delivered = (label: string) => (event: TraceEvent): boolean => event.type === 'message-delivered' && event.label.en.startsWith(label);

describe('message details', () => {
  it('a login: the form it posts, the cookie its answer sets, what the server kept (before → after)', () => {
    const run = storyRun('login-cookie-session');
    const login = inspect(run, delivered('Login Request'));
    assert.deepEqual(login.wire, ['POST /login HTTP/1.1', 'Content-Type: application/x-www-form-urlencoded', '', 'user=kim&password=secret']);
    assert.deepEqual(login.state.map((change) => [change.holder, change.action, change.before.length, change.after.find((line) => line.startsWith('Username'))]), [['Server', 'stored', 0, 'Username: kim']]);
    const answer = inspect(run, delivered('Login Response'));
    assert.match(answer.wire.join('\n'), /^HTTP\/1\.1 200 OK\nSet-Cookie: SID=([0-9a-f]{4})…\nContent-Type: text\/plain; charset=utf-8\n\nLogin Response$/);
    assert.equal(answer.exchange?.outcome?.status, 200);
    // The logout's answer clears the cookie; the 401 says its status.
    assert.match(inspect(run, delivered('Logged out')).wire.join('\n'), /Set-Cookie: SID=; Max-Age=0/);
    assert.equal(inspect(run, delivered('401')).wire[0], 'HTTP/1.1 401 Unauthorized');
  });

  it('the session id shows as the cookie shows it, never as the lab\'s internal id', () => {
    const run = storyRun('login-cookie-session');
    const text = JSON.stringify(inspect(run, delivered('Profile Request')));
    assert.doesNotMatch(text, /sess-\d/);
    assert.match(text, /Cookie: SID=[0-9a-f]{4}…/);
  });

  it('TCP: flags and relative sequence numbers through the handshake, the data and the close', () => {
    const run = storyRun('tcp-connection');
    const segments = run.trace.flatMap((event, index) => (event.type === 'message-delivered' && event.kind === 'packet' ? [index] : []));
    const lines = segments.map((index) => detailsAt(run, index).wire[1]);
    assert.deepEqual(lines.slice(0, 5), ['[SYN] seq=0 ack=0 len=0', '[SYN, ACK] seq=0 ack=1 len=0', '[ACK] seq=1 ack=1 len=0', '[PSH, ACK] seq=1 ack=1 len=5', '[ACK] seq=1 ack=6 len=0']);
    const data = detailsAt(run, segments[3] ?? -1);
    assert.equal(data.wire[3], '“hello”');
    assert.deepEqual(data.state.map((change) => [change.before.at(-1), change.after.at(-1)]), [['Bytes received: 0', 'Bytes received: 5']]);
  });

  it('a relay\'s re-route after a crash is said with the hop, in both languages', () => {
    const run = storyRun('relay-stateful-server-dies');
    const rerouted = run.trace.findIndex((event) => event.type === 'internal-step' && event.rerouted === true);
    assert.ok(rerouted > 0);
    const hop = run.trace.findIndex((event, index) => index > rerouted && event.type === 'message-delivered' && event.kind === 'request');
    for (const language of ['en', 'ko'] as const) {
      const { route } = detailsAt(run, hop, language);
      assert.ok(route !== undefined && route.rerouted);
      assert.match(route.text, language === 'en' ? /is down/ : /장애/);
    }
  });

  it('a store call, as a Redis client sends it, and the state it wrote', () => {
    const run = storyRun('scaling-shared-store');
    const set = inspect(run, (event) => event.type === 'message-delivered' && event.kind === 'store-call' && event.label.en === 'SET session');
    assert.match(set.wire[0] ?? '', /^SET session:[0-9a-f]{4}…$/);
    assert.equal(set.exchange?.hops.filter((hop) => hop.current).length, 1);
    const get = inspect(run, (event) => event.type === 'message-delivered' && event.kind === 'store-reply' && event.label.en === 'session found');
    assert.ok(get.wire.some((line) => line === 'Username: kim'));
  });

  it('anything that is not a message, step or fault has no details', () => {
    const run = storyRun('clerk-stateful');
    const started = run.trace.findIndex((event) => event.type === 'request-started');
    assert.equal(new MessageInspector(run.participants, run.trace, 'en', 'shop').details(started), undefined);
    assert.equal(new MessageInspector(run.participants, run.trace, 'en', 'shop').details(run.trace.length + 5), undefined);
  });
});
