// Real traffic kept for drawing, in bounded memory however long the proxy runs: each exchange is
// gathered until its outcome and then kept whole; a run of exchanges like the one before (same
// client, request and answer) is counted rather than kept ("× 240 more like this"), and only the
// last `keep` exchanges are kept in full (the earlier ones are counted too).
import { say, type Text } from '../engine/text';
import type { FoldedEvent, RequestOutcomeEvent, TraceEvent } from '../engine/trace';
import { PROXY_ID } from './exchangeTrace';

export interface TrafficLogOptions {
  /** Exchanges kept in full (default 40). */
  readonly keep?: number;
  /** Exchanges of a repetitive run drawn in full before the rest of the run is counted (default 2). */
  readonly sameInFull?: number;
}

interface Kept {
  readonly events: readonly TraceEvent[];
  /** What makes two exchanges alike; undefined for a fault or a policy change. */
  readonly key: string | undefined;
  readonly client: string;
  readonly request: string;
  /** A counted run: how many exchanges it stands for (0 for an exchange kept in full). */
  count: number;
}

const MORE_LIKE_THIS = (count: number, request: string): Text => say(`× ${count.toLocaleString('en')} more like this (${request})`, `× ${count.toLocaleString('en')} 같은 요청 더 (${request})`);
const EARLIER = (count: number): Text => say(`… ${count.toLocaleString('en')} earlier exchanges not drawn`, `… 앞선 요청 ${count.toLocaleString('en')}개는 그리지 않음`);

function requestIdOf(event: TraceEvent): number | undefined {
  switch (event.type) {
    case 'request-started': case 'message-sent': case 'message-delivered': case 'message-lost': case 'internal-step': case 'request-outcome': case 'state':
      return event.requestId;
    default:
      return undefined;
  }
}

export class TrafficLog {
  private readonly open = new Map<number, TraceEvent[]>();
  /** Upstream id → exchanges it answered, status → how often: over every exchange, drawn or not. */
  readonly byUpstream: Record<string, number> = {};
  readonly byStatus: Record<string, number> = {};
  private kept: Kept[] = [];
  private inFull = 0;
  /** Exchanges left out at the start. */
  private earlier = 0;
  private total = 0;
  private readonly keep: number;
  private readonly sameInFull: number;
  /** Fires when what would be drawn changed. */
  onChange: (() => void) | undefined;

  constructor(options: TrafficLogOptions = {}) {
    this.keep = Math.max(1, options.keep ?? 40);
    this.sameInFull = Math.max(1, options.sameInFull ?? 2);
  }

  /** Exchanges seen so far, kept, counted or left out. */
  get exchanges(): number {
    return this.total;
  }

  /** What was seen, counted over every exchange (diagram/trafficNote.ts's TrafficTally). */
  tally(): { readonly exchanges: number; readonly byUpstream: Readonly<Record<string, number>>; readonly byStatus: Readonly<Record<string, number>> } {
    return { exchanges: this.total, byUpstream: { ...this.byUpstream }, byStatus: { ...this.byStatus } };
  }

  /** The proxy's sink. */
  readonly add = (event: TraceEvent): void => {
    const requestId = requestIdOf(event);
    if (requestId === undefined) {
      this.push({ events: [event], key: undefined, client: '', request: '', count: 0 });
      return;
    }
    const gathered = this.open.get(requestId);
    if (gathered === undefined) this.open.set(requestId, [event]);
    else gathered.push(event);
    if (event.type === 'request-outcome') {
      this.open.delete(requestId);
      this.ended(gathered ?? [event], event);
    }
  };

  private ended(events: readonly TraceEvent[], outcome: RequestOutcomeEvent): void {
    this.total++;
    const upstream = outcome.server ?? '';
    this.byUpstream[upstream] = (this.byUpstream[upstream] ?? 0) + 1;
    this.byStatus[String(outcome.status)] = (this.byStatus[String(outcome.status)] ?? 0) + 1;
    const rerouted = events.some((event) => event.type === 'internal-step' && event.rerouted === true);
    const key = `${outcome.client} ${outcome.request} ${outcome.status} ${rerouted ? 'rerouted' : ''}`;
    const last = this.kept[this.kept.length - 1];
    if (last?.key === key && last.count > 0) {
      last.count++;
      this.onChange?.();
      return;
    }
    let alike = 0;
    for (let index = this.kept.length - 1; index >= 0 && this.kept[index]?.key === key; index--) alike++;
    if (alike >= this.sameInFull) {
      this.push({ events: [], key, client: outcome.client, request: outcome.request, count: 1 });
      return;
    }
    this.push({ events, key, client: outcome.client, request: outcome.request, count: 0 });
  }

  private push(kept: Kept): void {
    this.kept.push(kept);
    if (kept.key !== undefined && kept.count === 0) this.inFull++;
    while (this.inFull > this.keep) {
      const dropped = this.kept.shift();
      if (dropped === undefined) break;
      if (dropped.key !== undefined) {
        this.earlier += Math.max(1, dropped.count);
        if (dropped.count === 0) this.inFull--;
      }
    }
    this.onChange?.();
  }

  /** The events to draw, numbered from 1: the kept exchanges in the order they ended, counted runs as notes. */
  events(): TraceEvent[] {
    const out: TraceEvent[] = [];
    let seq = 0;
    const fold = (count: number, between: readonly string[], label: Text, time: number): void => {
      out.push({ type: 'folded', count, between, label, seq: ++seq, time } satisfies FoldedEvent);
    };
    const first = this.kept.find((kept) => kept.key !== undefined);
    if (this.earlier > 0) fold(this.earlier, [first?.client ?? 'c1', PROXY_ID], EARLIER(this.earlier), this.kept[0]?.events[0]?.time ?? 0);
    for (const kept of this.kept) {
      if (kept.count > 0) {
        fold(kept.count, [kept.client, PROXY_ID], MORE_LIKE_THIS(kept.count, kept.request), out[out.length - 1]?.time ?? 0);
        continue;
      }
      for (const event of kept.events) out.push({ ...event, seq: ++seq });
    }
    return out;
  }
}
