// Small helpers to build labs and read their traces in tests.
import { Lab } from '../../src/engine/lab';
import { DEFAULT_LATENCY_MS, DEFAULT_TTL_MS, defaultRelay, type Topology } from '../../src/engine/model';
import type { RequestOutcomeEvent, TraceEvent } from '../../src/engine/trace';

export function makeLab(overrides: Partial<Topology> = {}): Lab {
  const servers = overrides.servers ?? ['Server1', 'Server2', 'Server3'];
  return new Lab({
    protocol: 'shop', state: 'server', clients: ['Client'], seed: 1, sessionTtlMs: DEFAULT_TTL_MS, latencyMs: DEFAULT_LATENCY_MS,
    relay: defaultRelay(servers.length), ...overrides, servers,
  });
}

/** Sends and runs until idle; returns the request's outcome. */
export function request(lab: Lab, request: string, params: Record<string, string | number> = {}, client = 'Client'): RequestOutcomeEvent {
  const id = lab.send(client, request, params);
  lab.runUntilIdle();
  const outcome = lab.trace.find((event): event is RequestOutcomeEvent => event.type === 'request-outcome' && event.requestId === id);
  if (outcome === undefined) throw new Error(`request ${id} (${request}) has no outcome`);
  return outcome;
}

/** price laptop → order 2 → pay card, returning the three outcomes. */
export function purchase(lab: Lab, client = 'Client'): [RequestOutcomeEvent, RequestOutcomeEvent, RequestOutcomeEvent] {
  return [request(lab, 'price', { item: 'laptop' }, client), request(lab, 'order', { quantity: 2 }, client), request(lab, 'pay', { method: 'card' }, client)];
}

export function serverNameOf(lab: Lab, id: string | undefined): string | undefined {
  return lab.participants.find((participant) => participant.id === id)?.name;
}

export function eventsOf<T extends TraceEvent['type']>(trace: readonly TraceEvent[], type: T): Extract<TraceEvent, { type: T }>[] {
  return trace.filter((event): event is Extract<TraceEvent, { type: T }> => event.type === type);
}
