// A long run goes to the webview in pieces of bounded size (each piece is one task for the page):
// a 100,000-message run's snapshot is hundreds of messages, none over the bound, that continue each
// other by seq and add up to the run. Sizes and order only, never timings.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { Lab } from '../../src/engine/lab';
import { MetricsCollector } from '../../src/engine/metrics';
import type { TraceEvent } from '../../src/engine/trace';
import { inPieces, MAX_EVENTS_PER_MESSAGE } from '../../src/protocol/inPieces';
import { parseHostToWebview, toWire, type EventsMessage, type HostToWebviewMessage, type SnapshotMessage } from '../../src/protocol/messages';

/** A stateless shop run: each request is four drawn messages (client → relay → server and back). */
function shopRun(messages: number): { lab: Lab; metrics: MetricsCollector } {
  const lab = new Lab({ protocol: 'shop', state: 'client', servers: ['Server1', 'Server2', 'Server3'], relay: 'round-robin', clients: ['Client'], seed: 1, sessionTtlMs: 1000, latencyMs: 1 });
  const metrics = new MetricsCollector();
  lab.subscribe(metrics.observe);
  for (let index = 0; index < messages / 4; index++) {
    lab.send('Client', 'price', { item: 'laptop' });
    lab.runUntilIdle();
  }
  return { lab, metrics };
}

function snapshotOf(run: { lab: Lab; metrics: MetricsCollector }, events: readonly TraceEvent[]): SnapshotMessage {
  return { type: 'snapshot', scenarioId: 'long', title: 'Long', language: 'en', participants: run.lab.participants, events, inspector: run.lab.snapshot(), metrics: run.metrics.result(), pacing: { playing: true, speed: 20, finished: false } };
}

function eventsOf(message: HostToWebviewMessage): readonly TraceEvent[] {
  return message.type === 'snapshot' || message.type === 'events' ? message.events : [];
}

/** Each piece after the first continues the one before it, as the webview's append checks. */
function assertContinues(pieces: readonly HostToWebviewMessage[]): void {
  for (let index = 1; index < pieces.length; index++) {
    const piece = pieces[index] as EventsMessage;
    assert.equal(piece.type, 'events');
    const before = eventsOf(pieces[index - 1] as HostToWebviewMessage);
    assert.equal(piece.fromSeq, (before[before.length - 1] as TraceEvent).seq + 1, `piece ${index} continues piece ${index - 1}`);
    assert.equal(piece.fromSeq, piece.events[0]?.seq);
  }
}

/** Synthetic events numbered from `firstSeq` (only type and seq matter to the pieces). */
function numbered(count: number, firstSeq: number): TraceEvent[] {
  return Array.from({ length: count }, (_, index) => ({ type: 'internal-step', actor: 'relay', requestId: 1, label: { en: 'x', ko: 'x' }, seq: firstSeq + index, time: index }));
}

describe('a long run in pieces', function () {
  // Building a 100,000-message run takes a few seconds on a busy machine.
  this.timeout(120_000);

  it('sends a 100,000-message run\'s snapshot as hundreds of bounded pieces that add up to the run', () => {
    const run = shopRun(100_000);
    const trace = run.lab.trace;
    assert.ok(trace.length >= 300_000, `the run has ${trace.length} events`);
    const snapshot = snapshotOf(run, trace);
    const pieces = inPieces(snapshot);
    assert.equal(pieces.length, Math.ceil(trace.length / MAX_EVENTS_PER_MESSAGE));
    for (const piece of pieces) assert.ok(eventsOf(piece).length <= MAX_EVENTS_PER_MESSAGE, 'no piece over the bound');
    const [first] = pieces;
    assert.equal(first?.type, 'snapshot');
    assert.deepEqual({ ...first, events: [] }, { ...snapshot, events: [], more: true }, 'the first piece is the snapshot, with the run\'s first events');
    assertContinues(pieces);
    // Every piece but the last says more follow (the page draws once, at the last).
    assert.deepEqual(pieces.map((piece) => (piece.type === 'snapshot' || piece.type === 'events') && piece.more === true), pieces.map((_, index) => index < pieces.length - 1));
    // Every event once, in order, the same objects.
    let at = 0;
    for (const piece of pieces) for (const event of eventsOf(piece)) assert.equal(event, trace[at++]);
    assert.equal(at, trace.length);
    // The pieces are the protocol's own messages: the webview's check takes them as they travel.
    for (const piece of [pieces[0], pieces[1], pieces[pieces.length - 1]]) {
      const parsed = parseHostToWebview(toWire(piece as HostToWebviewMessage));
      assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
    }
  });

  it('splits a big batch of events the same way, from its own first seq', () => {
    const run = shopRun(8);
    const message: EventsMessage = { type: 'events', fromSeq: 501, events: numbered(2500, 501), inspector: run.lab.snapshot(), metrics: run.metrics.result() };
    const pieces = inPieces(message);
    assert.deepEqual(pieces.map((piece) => eventsOf(piece).length), [1000, 1000, 500]);
    assert.deepEqual(pieces.map((piece) => (piece as EventsMessage).fromSeq), [501, 1501, 2501]);
    assert.deepEqual(pieces.map((piece) => (piece as EventsMessage).more), [true, true, undefined]);
    assertContinues(pieces);
  });

  it('is refused by the webview\'s check when a piece\'s "more" is not true or false', () => {
    const run = shopRun(4);
    const parsed = parseHostToWebview({ type: 'events', fromSeq: 1, events: [], inspector: run.lab.snapshot(), metrics: run.metrics.result(), more: 'yes' });
    assert.ok(!parsed.ok);
    assert.match(parsed.error, /"events"\.more must be true or false, or nothing, got a string/);
  });

  it('leaves small messages and messages without events as they are', () => {
    const run = shopRun(40);
    const small = snapshotOf(run, run.lab.trace);
    assert.deepEqual(inPieces(small), [small]);
    const pacing: HostToWebviewMessage = { type: 'pacing', playing: true, speed: 1, finished: false };
    assert.deepEqual(inPieces(pacing), [pacing]);
  });

  it('sends a trace whose numbering has a gap whole (a batch could not say where it continues)', () => {
    const events = [...numbered(1500, 1), ...numbered(10, 2000)];
    const snapshot = snapshotOf(shopRun(4), events);
    assert.deepEqual(inPieces(snapshot), [snapshot]);
  });

  it('for any length and bound: pieces within the bound, in order, adding up to the events', () => {
    const run = shopRun(4);
    const lab = { inspector: run.lab.snapshot(), metrics: run.metrics.result() };
    fc.assert(fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 1000 }), (count, bound, firstSeq) => {
      const events = numbered(count, firstSeq);
      const pieces = inPieces({ type: 'events', fromSeq: firstSeq, events, inspector: lab.inspector, metrics: lab.metrics }, bound);
      assert.ok(pieces.every((piece) => eventsOf(piece).length <= bound));
      assert.deepEqual(pieces.flatMap((piece) => eventsOf(piece).map((event) => event.seq)), events.map((event) => event.seq));
      assertContinues(pieces);
    }));
  });
});
