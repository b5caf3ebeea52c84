// Random step sequences: nothing throws unexpectedly, every request ends once, nothing reaches a dead server.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { Lab, LabError } from '../../../src/engine/lab';
import { PROTOCOL_NAMES, RELAY_POLICIES, STATE_PLACEMENTS } from '../../../src/engine/model';
import { requestsOf } from '../../../src/engine/protocols/registry';
import type { TraceEvent } from '../../../src/engine/trace';

type Action =
  | { kind: 'send'; client: number; request: number }
  | { kind: 'crash' | 'restart' | 'remove'; server: number }
  | { kind: 'add' | 'drop' | 'error' | 'storeDown' | 'storeUp' | 'run' }
  | { kind: 'step'; count: number }
  | { kind: 'wait'; ms: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('send' as const), client: fc.nat(2), request: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('crash' as const, 'restart' as const, 'remove' as const), server: fc.nat(4) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('add' as const, 'drop' as const, 'error' as const, 'storeDown' as const, 'storeUp' as const, 'run' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('step' as const), count: fc.integer({ min: 1, max: 5 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 4_000_000 }) }) },
);

const topology = fc.record({
  protocol: fc.constantFrom(...PROTOCOL_NAMES),
  state: fc.constantFrom(...STATE_PLACEMENTS),
  relay: fc.constantFrom(...RELAY_POLICIES.filter((policy) => policy !== 'none')),
  serverCount: fc.integer({ min: 1, max: 4 }),
  seed: fc.nat(),
});

const PARAMS: Readonly<Record<string, Record<string, string | number>>> = {
  price: { item: 'laptop' }, order: { quantity: 2 }, pay: { method: 'cash' }, login: { user: 'kim', password: 'pw' }, send: { data: 'x' },
};

function apply(lab: Lab, clients: readonly string[], next: Action): void {
  const servers = lab.snapshot().servers;
  const server = (index: number): string => servers[index % Math.max(servers.length, 1)]?.name ?? 'none';
  try {
    switch (next.kind) {
      case 'send': {
        const requests = requestsOf(lab.topology.protocol);
        const name = requests[next.request % requests.length]?.name ?? 'price';
        lab.send(clients[next.client % clients.length] ?? 'A', name, PARAMS[name] ?? {});
        return;
      }
      case 'crash': lab.crash(server(next.server)); return;
      case 'restart': lab.restart(server(next.server)); return;
      case 'remove': lab.removeServer(server(next.server)); return;
      case 'add': lab.addServer(); return;
      case 'drop': lab.dropNext(); return;
      case 'error': lab.failNext(); return;
      case 'storeDown': lab.setStore(false); return;
      case 'storeUp': lab.setStore(true); return;
      case 'run': lab.runUntilIdle(); return;
      case 'step': for (let index = 0; index < next.count; index++) lab.step(); return;
      case 'wait': lab.wait(next.ms); return;
    }
  } catch (error) {
    // Refusing a call that makes no sense here (crash a dead server, no store) is fine; anything else is a bug.
    if (!(error instanceof LabError)) throw error;
  }
}

/** Replays the faults in the trace and checks that no message was delivered to a server that was down. */
function deliveriesToDeadServers(trace: readonly TraceEvent[], initial: readonly string[]): TraceEvent[] {
  const up = new Map(initial.map((id) => [id, true]));
  const bad: TraceEvent[] = [];
  for (const event of trace) {
    if (event.type === 'fault' && event.target !== undefined) {
      if (event.fault === 'crash' || event.fault === 'remove-server') up.set(event.target, false);
      if (event.fault === 'restart' || event.fault === 'add-server') up.set(event.target, true);
    }
    if (event.type === 'message-delivered' && /^s\d+$/.test(event.to) && up.get(event.to) !== true) bad.push(event);
  }
  return bad;
}

describe('properties of random runs', () => {
  it('never throw, give every request exactly one outcome, never deliver to a dead server', () => {
    fc.assert(fc.property(topology, fc.array(action, { maxLength: 60 }), (shape, actions) => {
      const clients = ['A', '고객 B', 'C;#'];
      const servers = Array.from({ length: shape.serverCount }, (_unused, index) => `S${index + 1}`);
      const lab = new Lab({ protocol: shape.protocol, state: shape.protocol === 'tcp' ? 'server' : shape.state, relay: shape.relay, servers, clients, seed: shape.seed, sessionTtlMs: 1_800_000, latencyMs: 1 });
      for (const next of actions) apply(lab, clients, next);
      lab.runUntilIdle();
      const started = lab.trace.filter((event) => event.type === 'request-started').map((event) => event.requestId);
      const ended = lab.trace.filter((event) => event.type === 'request-outcome').map((event) => event.requestId);
      assert.deepEqual([...ended].sort((a, b) => a - b), [...started].sort((a, b) => a - b), 'one outcome per request');
      assert.equal(lab.pendingRequests, 0);
      assert.deepEqual(deliveriesToDeadServers(lab.trace, servers.map((_name, index) => `s${index + 1}`)), []);
      const seqs = lab.trace.map((event) => event.seq);
      assert.deepEqual(seqs, seqs.map((_seq, index) => index + 1), 'sequence numbers count up from 1');
    }), { numRuns: 400 });
  });
});
