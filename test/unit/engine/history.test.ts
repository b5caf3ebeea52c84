// The state at any moment, replayed from the trace alone, agrees with the lab's own state.
import * as assert from 'node:assert/strict';
import { History } from '../../../src/engine/history';
import { Lab } from '../../../src/engine/lab';
import { MetricsCollector } from '../../../src/engine/metrics';
import type { LabSnapshot } from '../../../src/engine/snapshot';
import { builtinScenarios } from '../../../src/scenario/builtins';
import { runScenario } from '../../../src/scenario/run';

/** What the inspector shows of a lab: each server up or down, what it holds and served; the store; the pins. */
function shown(lab: LabSnapshot): unknown {
  return {
    servers: lab.servers.map((server) => ({ id: server.id, up: server.up, served: server.served, sessions: server.sessions.map((session) => session.key), connections: server.connections.map((connection) => [connection.id, connection.status, connection.bytes]) })),
    store: lab.store === undefined ? undefined : { up: lab.store.up, sessions: lab.store.sessions.map((session) => session.key) },
    pins: lab.relay?.pins ?? [],
    pending: lab.pendingRequests,
  };
}

describe('the state at a moment, from the trace', () => {
  for (const builtin of builtinScenarios()) {
    it(`${builtin.id}: at the end of the run it is the lab's own state and metrics`, () => {
      const run = runScenario(builtin.scenario);
      const moment = new History(run.final).at(run.trace, run.trace.length);
      assert.deepEqual(shown(moment.lab), shown(run.final));
      const { requests, succeeded, failed, failedByReason, bytesPerRequest, conversationRestarts } = run.metrics;
      assert.deepEqual(
        { requests: moment.metrics.requests, succeeded: moment.metrics.succeeded, failed: moment.metrics.failed, failedByReason: moment.metrics.failedByReason, bytesPerRequest: moment.metrics.bytesPerRequest, conversationRestarts: moment.metrics.conversationRestarts },
        { requests, succeeded, failed, failedByReason, bytesPerRequest, conversationRestarts },
      );
    });
  }

  it('at every request\'s end it is the lab\'s state then, going forwards and back', () => {
    const lab = new Lab({ protocol: 'login', state: 'server', servers: ['A', 'B'], relay: 'sticky', clients: ['Kim', 'Lee'], seed: 3, sessionTtlMs: 60_000, latencyMs: 1 });
    const metrics = new MetricsCollector();
    lab.subscribe(metrics.observe);
    const then: { end: number; lab: LabSnapshot; requests: number }[] = [];
    const act = (action: () => void): void => {
      action();
      lab.runUntilIdle();
      then.push({ end: lab.trace.length, lab: lab.snapshot(), requests: metrics.result().requests });
    };
    act(() => lab.send('Kim', 'login', { user: 'kim', password: 'pw' }));
    act(() => lab.send('Lee', 'login', { user: 'lee', password: 'pw' }));
    act(() => lab.send('Kim', 'profile', {}));
    act(() => { lab.crash('A'); });
    act(() => lab.send('Kim', 'profile', {}));
    act(() => lab.addServer('C'));
    act(() => lab.send('Lee', 'logout', {}));
    act(() => { lab.restart('A'); });
    const history = new History(lab.snapshot());
    for (const order of [then, [...then].reverse()]) {
      for (const moment of order) {
        const replayed = history.at(lab.trace, moment.end);
        assert.deepEqual(shown(replayed.lab), shown(moment.lab), `after ${moment.end} events`);
        assert.equal(replayed.metrics.requests, moment.requests);
      }
    }
  });

  it('a long run looked at back and forth (through its checkpoints) gives what a fresh replay gives', () => {
    const lab = new Lab({ protocol: 'login', state: 'store', servers: ['A', 'B', 'C'], relay: 'sticky', clients: ['Kim', 'Lee', 'Park'], seed: 5, sessionTtlMs: 60_000, latencyMs: 1 });
    const clients = ['Kim', 'Lee', 'Park'];
    for (let round = 0; round < 400; round++) {
      const client = clients[round % 3] ?? 'Kim';
      lab.send(client, round % 7 === 0 ? 'login' : round % 11 === 0 ? 'logout' : 'profile', round % 7 === 0 ? { user: client, password: 'pw' } : {});
      lab.runUntilIdle();
      if (round === 100) lab.crash('A');
      if (round === 150) lab.setStore(false);
      if (round === 160) lab.setStore(true);
      if (round === 200) lab.restart('A');
    }
    const trace = lab.trace;
    assert.ok(trace.length > 5000, `${trace.length} events`);
    const walked = new History(lab.snapshot());
    for (const end of [trace.length, 10, 4321, 4000, 3999, 1, trace.length - 1, 2500, 0, 5001]) {
      assert.deepEqual(shown(walked.at(trace, end).lab), shown(new History(lab.snapshot()).at(trace, end).lab), `after ${end} events`);
      assert.deepEqual(walked.at(trace, end).metrics, new History(lab.snapshot()).at(trace, end).metrics);
    }
  });

  it('before anything happened: every server of the topology up and empty, no metrics', () => {
    const run = runScenario((builtinScenarios().find((builtin) => builtin.id === 'relay-stateful-server-dies') ?? assert.fail('no such story')).scenario);
    const moment = new History(run.final).at(run.trace, 0);
    assert.ok(moment.lab.servers.every((server) => server.up && server.sessions.length === 0 && server.served === 0));
    assert.equal(moment.metrics.requests, 0);
  });
});
