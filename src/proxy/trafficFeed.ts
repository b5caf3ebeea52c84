// Real traffic for the lab panel: the proxy (real/proxy.ts) writes each exchange as the engine's
// trace events, the traffic log (real/trafficLog.ts) keeps a bounded picture of them, and this feed
// hands the panel that picture the way a live story hands it its events: new events appended when
// the picture only grew, the whole state again when the log folded or dropped what was drawn.
// No vscode here: the panel (panel/labPanel.ts) posts what the feed says.
import type { TrafficDrawing } from '../diagram/trafficNote';
import { MetricsCollector, type RunMetrics } from '../engine/metrics';
import type { LabSnapshot } from '../engine/snapshot';
import type { Participant, TraceEvent } from '../engine/trace';
import { createProxy, type ProxyAddress, type ProxyPolicy, type ReverseProxy } from '../real/proxy';
import { TrafficLog } from '../real/trafficLog';
import type { UpstreamSpec } from '../real/upstreams';

export interface TrafficFeedOptions {
  readonly upstreams: readonly UpstreamSpec[];
  readonly policy: ProxyPolicy;
  readonly listen: { readonly host: string; readonly port: number };
  /** One line per upstream misbehaving (refused, reset, garbage, too slow). */
  readonly onNotice?: (line: string) => void;
  /** Changes are gathered this long before the panel hears of them (default 100 ms): a busy app sends thousands a second. */
  readonly coalesceMs?: number;
}

/** What changed in the picture since the panel last heard. */
export type TrafficChange =
  | { readonly kind: 'append'; readonly fromSeq: number; readonly events: readonly TraceEvent[] }
  | { readonly kind: 'replace' };

export interface TrafficState {
  readonly participants: readonly Participant[];
  readonly events: readonly TraceEvent[];
  readonly inspector: LabSnapshot;
  readonly metrics: RunMetrics;
}

/** What identifies a drawn event across two readings of the log (which numbers its events afresh each time). */
function identity(event: TraceEvent): string {
  if (event.type === 'folded') return `folded ${event.count} ${event.time} ${event.label.en}`;
  return `${event.type} ${event.time} ${'requestId' in event ? event.requestId : ''} ${'messageId' in event ? event.messageId : ''}`;
}

export class TrafficFeed {
  private readonly proxy: ReverseProxy;
  private readonly log = new TrafficLog();
  private readonly collector = new MetricsCollector();
  private drawn: readonly TraceEvent[] = [];
  private drawnIds: string[] = [];
  private participantsChanged = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners = new Set<(change: TrafficChange) => void>();
  private listening: ProxyAddress | undefined;
  private readonly coalesceMs: number;

  constructor(readonly options: TrafficFeedOptions) {
    this.coalesceMs = options.coalesceMs ?? 100;
    this.proxy = createProxy({
      upstreams: options.upstreams,
      policy: options.policy,
      listen: options.listen,
      ...(options.onNotice === undefined ? {} : { onNotice: options.onNotice }),
      sink: (event) => {
        this.collector.observe(event);
        this.log.add(event);
      },
    });
    this.log.onChange = () => { this.soon(); };
    this.proxy.trace.onParticipants = () => {
      this.participantsChanged = true;
      this.soon();
    };
  }

  /** Listens; rejects with Node's error (EADDRINUSE, EACCES…) when it cannot. */
  async start(): Promise<ProxyAddress> {
    this.listening = await this.proxy.start();
    return this.listening;
  }

  get address(): ProxyAddress | undefined {
    return this.listening;
  }

  async stop(): Promise<void> {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.listeners.clear();
    if (this.listening === undefined) return;
    this.listening = undefined;
    await this.proxy.stop();
  }

  get policy(): ProxyPolicy {
    return this.proxy.policy;
  }

  /** Applies to the next request; the picture says so where it happened. */
  setPolicy(policy: ProxyPolicy): void {
    this.proxy.setPolicy(policy);
  }

  get upstreams(): ReverseProxy['upstreams'] {
    return this.proxy.upstreams;
  }

  /** Takes an upstream out of the turn (by name, label or id), as a crash takes a server out of a story. */
  markDown(name: string): void {
    this.proxy.markDown(name);
  }

  markUp(name: string): void {
    this.proxy.markUp(name);
  }

  /** Hears what changed, at most once per coalescing interval. */
  onChange(listener: (change: TrafficChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The picture as it is now (pending changes included), for a panel that draws it from scratch. */
  state(): TrafficState {
    this.settle();
    return { participants: this.proxy.participants, events: this.drawn, inspector: this.inspector(), metrics: this.collector.result() };
  }

  /** The inspector's view: the upstreams as servers (up or down, how many exchanges each answered), the proxy as the relay. */
  inspector(): LabSnapshot {
    const tally = this.log.tally();
    return {
      time: this.drawn[this.drawn.length - 1]?.time ?? 0,
      protocol: 'login',
      state: 'server',
      participants: [...this.proxy.participants],
      relay: { policy: this.proxy.policy, pins: [], active: [], connections: [] },
      servers: this.proxy.upstreams.map((upstream) => ({ id: upstream.id, name: upstream.name, label: upstream.label, up: upstream.up, served: tally.byUpstream[upstream.id] ?? 0, sessions: [], connections: [] })),
      clients: this.proxy.participants.filter((participant) => participant.kind === 'client').map((participant) => ({ id: participant.id, name: participant.name, context: {} })),
      pendingRequests: 0,
    };
  }

  /** What was counted over every exchange so far (the inspector's Metrics). */
  metrics(): RunMetrics {
    return this.collector.result();
  }

  /** What a note draws: the same picture, and the tally over every exchange. */
  drawing(): TrafficDrawing {
    this.settle();
    return { participants: this.proxy.participants, events: this.drawn, tally: this.log.tally(), policy: this.proxy.policy };
  }

  private soon(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      const change = this.settle();
      if (change === undefined) return;
      for (const listener of this.listeners) listener(change);
    }, this.coalesceMs);
  }

  /** Reads the log again; says how the picture changed (undefined when it did not). */
  private settle(): TrafficChange | undefined {
    const events = this.log.events();
    const ids = events.map(identity);
    const before = this.drawnIds;
    this.drawn = events;
    this.drawnIds = ids;
    const grewOnly = !this.participantsChanged && ids.length >= before.length && before.every((id, index) => ids[index] === id);
    this.participantsChanged = false;
    if (!grewOnly) return { kind: 'replace' };
    if (ids.length === before.length) return undefined;
    return { kind: 'append', fromSeq: before.length + 1, events: events.slice(before.length) };
  }
}
