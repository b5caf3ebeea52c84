// The live session: pacing in the host, numbered batches with no gaps, reset.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { LiveSession, type EventBatch } from '../../../src/live/liveSession';
import { DEFAULT_LATENCY_MS, DEFAULT_TTL_MS, type RelayPolicy, type StatePlacement } from '../../../src/engine/model';
import { builtinScenario, builtinScenarios } from '../../../src/scenario/builtins';
import { runScenario, topologyOf } from '../../../src/scenario/run';
import type { Scenario, Step } from '../../../src/scenario/scenario';
import { FakeClock } from '../../support/fakeClock';

function session(clock: FakeClock): LiveSession {
  return new LiveSession({ protocol: 'shop', state: 'server', servers: ['Server1', 'Server2'], relay: 'round-robin', clients: ['Client'], seed: 1, sessionTtlMs: DEFAULT_TTL_MS, latencyMs: DEFAULT_LATENCY_MS }, clock);
}

function collect(live: LiveSession): EventBatch[] {
  const batches: EventBatch[] = [];
  live.onBatch((batch) => batches.push(batch));
  return batches;
}

/** Every event exactly once, in order, from seq 1. */
function assertContiguous(batches: readonly EventBatch[]): void {
  let expected = 1;
  for (const batch of batches) {
    assert.equal(batch.fromSeq, expected, 'no gap between batches');
    for (const event of batch.events) assert.equal(event.seq, expected++);
  }
}

describe('live session', () => {
  it('plays at its pace: one queue event per tick of 1000 / speed ms', () => {
    const clock = new FakeClock();
    const live = session(clock);
    const batches = collect(live);
    live.setSpeed(10);
    live.send('Client', 'price', { item: 'laptop' });
    clock.advance(99);
    assert.equal(live.state().events.filter((event) => event.type === 'message-delivered').length, 0);
    clock.advance(1);
    assert.equal(live.state().events.filter((event) => event.type === 'message-delivered').length, 1);
    clock.advance(1000);
    assert.equal(live.state().events.filter((event) => event.type === 'request-outcome').length, 1);
    assert.equal(clock.pending, 0, 'no timer left once the lab is idle');
    assertContiguous(batches);
  });

  it('pauses, steps one event at a time, and resumes', () => {
    const clock = new FakeClock();
    const live = session(clock);
    live.pause();
    live.send('Client', 'price', { item: 'laptop' });
    clock.advance(10_000);
    const delivered = (): number => live.state().events.filter((event) => event.type === 'message-delivered').length;
    assert.equal(delivered(), 0);
    assert.equal(live.step(), true);
    assert.equal(delivered(), 1);
    live.play();
    clock.advance(10_000);
    assert.equal(delivered(), 4);
    assert.equal(live.state().pacing.playing, true);
  });

  it('streams operations (crash, restart) and requests as gapless batches', () => {
    const clock = new FakeClock();
    const live = session(clock);
    const batches = collect(live);
    live.send('Client', 'price', { item: 'laptop' });
    live.operate((lab) => { lab.crash('Server2'); });
    clock.advance(60_000);
    live.send('Client', 'order', { quantity: 2 });
    clock.advance(60_000);
    assertContiguous(batches);
    const outcomes = live.state().events.filter((event) => event.type === 'request-outcome');
    assert.deepEqual(outcomes.map((outcome) => outcome.ok), [true, true], 'Server2 is down, so both requests land on Server1');
  });

  it('reset starts a fresh run and tells its listeners', () => {
    const clock = new FakeClock();
    const live = session(clock);
    let resets = 0;
    live.onReset(() => { resets++; });
    live.send('Client', 'price', { item: 'laptop' });
    clock.advance(60_000);
    live.reset();
    assert.equal(resets, 1);
    assert.equal(live.state().events.length, 0);
    assert.equal(clock.pending, 0);
    const batches = collect(live);
    live.send('Client', 'price', { item: 'laptop' });
    clock.advance(60_000);
    assertContiguous(batches);
  });

  it('refuses a nonsense speed', () => {
    const live = session(new FakeClock());
    assert.throws(() => { live.setSpeed(0); }, /positive number/);
    assert.throws(() => { live.setSpeed(Number.NaN); }, /positive number/);
  });
});

describe('live session playing a scenario', () => {
  it('gives the same trace as the batch run, for every built-in (retries and server errors too)', () => {
    for (const builtin of builtinScenarios()) {
      const clock = new FakeClock();
      const live = new LiveSession(topologyOf(builtin.scenario), clock);
      live.setSpeed(50);
      live.load(topologyOf(builtin.scenario), builtin.scenario.steps);
      clock.advance(10 * 60 * 1000);
      assert.equal(JSON.stringify(live.state().events), JSON.stringify(runScenario(builtin.scenario).trace), builtin.id);
    }
  });

  it('retries a scripted request after a server error and closes the alternative', () => {
    const builtin = builtinScenario('login-server-error');
    assert.ok(builtin);
    const clock = new FakeClock();
    const live = new LiveSession(topologyOf(builtin.scenario), clock);
    live.load(topologyOf(builtin.scenario), builtin.scenario.steps);
    clock.advance(60_000);
    const events = live.state().events;
    assert.deepEqual(events.filter((event) => event.type === 'request-outcome').map((event) => event.ok), [false, true]);
    // The retry is the alternative's other branch, in the diagram's language, as in the batch run.
    assert.deepEqual(events.filter((event) => event.type === 'group').map((event) => `${event.phase} ${event.label.ko}`), ['start 서버 오류', 'else 성공', 'end 성공']);
  });

  it('pauses on a step the lab cannot carry out, says which and why, and goes on with the next when played', () => {
    const clock = new FakeClock();
    const topology = topologyOf({ title: { en: 't', ko: 't' }, protocol: 'shop', state: 'client', servers: ['Server1'], relay: 'none', clients: ['Client'], seed: 1, sessionTtlMs: 1000, latencyMs: 1, steps: [] });
    const live = new LiveSession(topology, clock);
    const said: string[] = [];
    live.onStepError((message) => said.push(message));
    // A story that takes the store down where there is no store (state moved to the client).
    live.load(topology, [{ kind: 'store', up: false }, { kind: 'request', from: 'Client', send: 'price', params: { item: 'laptop' }, retry: 0 }]);
    clock.advance(10_000);
    assert.equal(said.length, 1);
    assert.match(said[0] ?? '', /^steps\[0\]: There is no session store/);
    assert.equal(live.pacingState.playing, false);
    live.play();
    clock.advance(10_000);
    assert.equal(live.state().events.filter((event) => event.type === 'request-outcome' && event.ok).length, 1, 'the next step still plays');
  });

  it('one runner: random scenarios run all at once and paced step by step with random pauses give the same trace (property)', () => {
    const request = fc.oneof(
      fc.record({ send: fc.constantFrom('price'), item: fc.constantFrom('laptop', 'monitor', 'nothing') }),
      fc.record({ send: fc.constant('order'), quantity: fc.integer({ min: 1, max: 3 }) }),
      fc.record({ send: fc.constant('pay'), method: fc.constantFrom('card', 'cash') }),
    ).chain((params) => fc.record({ retry: fc.integer({ min: 0, max: 2 }), expect: fc.constantFrom(undefined, 'ok', 'fail') }).map(({ retry, expect }) => ({ params, retry, expect })));
    const step = fc.oneof(
      { weight: 5, arbitrary: request.map(({ params, retry, expect }): Step => {
        const { send, ...rest } = params;
        return { kind: 'request', from: 'Client', send, params: rest, retry, ...(expect === undefined ? {} : { expect }) };
      }) },
      { weight: 1, arbitrary: fc.constantFrom<Step>({ kind: 'crash', server: 'Server1' }, { kind: 'restart', server: 'Server1' }, { kind: 'drop' }, { kind: 'error' }, { kind: 'wait', ms: 5000 }, { kind: 'addServer', server: 'Server3' }) },
    );
    fc.assert(fc.property(
      fc.array(step, { minLength: 1, maxLength: 12 }), fc.constantFrom<StatePlacement>('server', 'client', 'store', 'token'), fc.constantFrom<RelayPolicy>('round-robin', 'sticky', 'random'),
      fc.array(fc.oneof(fc.constant('step'), fc.constant('pause'), fc.constant('play'), fc.integer({ min: 1, max: 400 })), { minLength: 1, maxLength: 40 }),
      (planned, state, relay, pacing) => {
        // A crash of a server already down, or a second Server3, is not a valid scenario: keep the steps that make sense.
        let down = false;
        let added = false;
        const steps = planned.filter((candidate) => {
          if (candidate.kind === 'crash') return down ? false : (down = true);
          if (candidate.kind === 'restart') { down = false; return true; }
          if (candidate.kind === 'addServer') return added ? false : (added = true);
          return true;
        });
        const scenario: Scenario = { title: { en: 't', ko: 't' }, protocol: 'shop', state, servers: ['Server1', 'Server2'], relay, clients: ['Client'], seed: 3, sessionTtlMs: 60_000, latencyMs: 1, steps };
        const batch = runScenario(scenario);
        const clock = new FakeClock();
        const live = new LiveSession(topologyOf(scenario), clock);
        live.load(topologyOf(scenario), steps);
        for (const move of pacing) {
          if (move === 'step') live.step();
          else if (move === 'pause') live.pause();
          else if (move === 'play') live.play();
          else clock.advance(move);
        }
        live.play();
        live.setSpeed(50);
        clock.advance(24 * 60 * 60 * 1000);
        assert.equal(JSON.stringify(live.state().events), JSON.stringify(batch.trace));
      },
    ), { numRuns: Number(process.env['FUZZ_RUNS'] ?? 120) });
  });

  it('steps through a script one unit at a time while paused, and changes speed along a ladder', () => {
    const clock = new FakeClock();
    const builtin = builtinScenario('clerk-stateful');
    assert.ok(builtin);
    const live = new LiveSession(topologyOf(builtin.scenario), clock);
    live.pause();
    live.load(topologyOf(builtin.scenario), builtin.scenario.steps);
    let steps = 0;
    while (live.step()) steps++;
    assert.equal(live.state().events.filter((event) => event.type === 'request-outcome').length, 3);
    assert.ok(steps >= 9, `${steps} steps`);
    live.changeSpeed(1);
    assert.equal(live.pacingState.speed, 10);
    live.changeSpeed(-1);
    live.changeSpeed(-1);
    assert.equal(live.pacingState.speed, 2);
  });
  it('says when the story has finished, and that it goes on when a request is sent after, even while paused', () => {
    const clock = new FakeClock();
    const live = session(clock);
    const builtin = builtinScenario('clerk-stateful');
    assert.ok(builtin);
    const told: boolean[] = [];
    live.onFinishedChange(() => told.push(live.pacingState.finished));
    live.load(topologyOf(builtin.scenario), builtin.scenario.steps);
    assert.equal(live.state().pacing.finished, false);
    clock.advance(600_000);
    assert.deepEqual(told, [true], 'told once, when the last step settled');
    assert.equal(live.state().pacing.finished, true);
    live.pause();
    live.send('고객', 'price', { item: 'laptop' });
    clock.advance(0);
    assert.deepEqual(told, [true, false], 'a request after the end: the run goes on');
    while (live.step()) { /* to the end, by hand */ }
    assert.deepEqual(told, [true, false, true]);
    live.reset();
    assert.equal(live.state().pacing.finished, false);
  });
});
