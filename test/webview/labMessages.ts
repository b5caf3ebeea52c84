// Labs and the messages a host sends about them, for the panel's browser tests.
import { Lab } from '../../src/engine/lab';
import { MetricsCollector } from '../../src/engine/metrics';
import type { Language } from '../../src/engine/text';
import type { EventsMessage, SnapshotMessage } from '../../src/protocol/messages';

/** A shop behind a relay, its sessions in a store: every action of the bar applies. */
export function storeLab(): { lab: Lab; metrics: MetricsCollector } {
  const lab = new Lab({ protocol: 'shop', state: 'store', servers: ['Server1', 'Server2'], relay: 'round-robin', clients: ['Customer', 'Kim'], seed: 1, sessionTtlMs: 60_000, latencyMs: 1 });
  const metrics = new MetricsCollector();
  lab.subscribe(metrics.observe);
  return { lab, metrics };
}

export function snapshotOf(lab: Lab, metrics: MetricsCollector, language: Language = 'en'): SnapshotMessage {
  return { type: 'snapshot', scenarioId: 'store', title: 'Store', language, participants: [...lab.participants], events: [...lab.trace], inspector: lab.snapshot(), metrics: metrics.result(), pacing: { playing: false, speed: 5, finished: false } };
}

/** The lab's events after `fromSeq`, as the host streams them. */
export function eventsSince(lab: Lab, metrics: MetricsCollector, fromSeq: number): EventsMessage {
  return { type: 'events', fromSeq, events: lab.trace.filter((event) => event.seq >= fromSeq), inspector: lab.snapshot(), metrics: metrics.result() };
}
