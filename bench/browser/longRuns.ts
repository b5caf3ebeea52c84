// The runs the webview benchmark feeds the page, and the messages the host would send for them.
import { Lab } from '../../src/engine/lab';
import { MetricsCollector } from '../../src/engine/metrics';
import type { TraceEvent } from '../../src/engine/trace';
import { toWire, type EventsMessage, type SnapshotMessage } from '../../src/protocol/messages';

export interface Run {
  readonly lab: Lab;
  readonly metrics: MetricsCollector;
}

/** A stateless shop run: each request is 4 messages (client → relay → server and back). */
export function longRun(messages: number): Run {
  const lab = new Lab({ protocol: 'shop', state: 'client', servers: ['Server1', 'Server2', 'Server3'], relay: 'round-robin', clients: ['Client'], seed: 1, sessionTtlMs: 1000, latencyMs: 1 });
  const metrics = new MetricsCollector();
  lab.subscribe(metrics.observe);
  const requests = ['price', 'order', 'pay'] as const;
  const params = [{ item: 'laptop' }, { quantity: 2 }, { method: 'card' }] as const;
  for (let index = 0; index < messages / 4; index++) {
    lab.send('Client', requests[index % 3] ?? 'price', params[index % 3] ?? {});
    lab.runUntilIdle();
  }
  return { lab, metrics };
}

function drawn(event: TraceEvent): boolean {
  return event.type === 'message-delivered' || event.type === 'message-lost' || event.type === 'internal-step';
}

/** Splits a trace into batches that each end with one more drawn message. */
export function batchesByMessage(events: readonly TraceEvent[]): TraceEvent[][] {
  const batches: TraceEvent[][] = [];
  let current: TraceEvent[] = [];
  for (const event of events) {
    current.push(event);
    if (drawn(event)) {
      batches.push(current);
      current = [];
    }
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

export function snapshotOf(run: Run, events: readonly TraceEvent[]): SnapshotMessage {
  return toWire({ type: 'snapshot', scenarioId: 'bench', title: 'Bench', language: 'en', participants: run.lab.participants, events, inspector: run.lab.snapshot(), metrics: run.metrics.result(), pacing: { playing: true, speed: 20, finished: false } });
}

export function eventsOf(run: Run, events: readonly TraceEvent[]): EventsMessage {
  return toWire({ type: 'events', fromSeq: events[0]?.seq ?? 1, events, inspector: run.lab.snapshot(), metrics: run.metrics.result() });
}

export function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? Number.NaN;
}
