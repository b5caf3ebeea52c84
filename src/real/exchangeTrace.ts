// Real exchanges written as the engine's trace events (engine/trace.ts), so the diagram code draws
// them as it draws a simulated run: the client, the proxy as the relay, the upstream chosen, the
// request and its answer with their cookies, the routing decision and why. Time is wall-clock
// milliseconds since the proxy started. Nothing is kept here: each event goes to the sink.
import type { FailureReason } from '../engine/model';
import { inventedName } from '../engine/names';
import { TraceRecorder } from '../engine/recorder';
import { same, say, type Text } from '../engine/text';
import type { FaultKind, Participant, TraceEvent } from '../engine/trace';
import { PROXY_LABEL, type Upstream } from './upstreams';

export type TraceSink = (event: TraceEvent) => void;

/** Distinct client addresses drawn as lifelines of their own; the rest share one. */
const MAX_CLIENTS = 3;
const OTHER_CLIENTS = say('Other clients', '다른 클라이언트');
export const PROXY_ID = 'relay';

function isLoopback(address: string): boolean {
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

export class ExchangeTrace {
  private readonly recorder: TraceRecorder;
  private readonly clients = new Map<string, Participant>();
  private participantList: Participant[];
  private messageId = 0;
  /** Fires when a new client joins the picture (a panel then needs the participants again). */
  onParticipants: (() => void) | undefined;

  constructor(private readonly upstreams: readonly Upstream[], sink: TraceSink | undefined, started = performance.now()) {
    this.recorder = new TraceRecorder({ get now() { return Math.round((performance.now() - started) * 10) / 10; } }, false, undefined);
    if (sink !== undefined) this.recorder.subscribe(sink);
    this.participantList = this.build();
  }

  /** False when nobody listens: the proxy then builds no words at all. */
  get observed(): boolean {
    return this.recorder.observed;
  }

  get participants(): readonly Participant[] {
    return this.participantList;
  }

  private build(): Participant[] {
    return [
      ...this.clients.values(),
      { id: PROXY_ID, kind: 'relay', name: 'Proxy', label: PROXY_LABEL },
      ...this.upstreams.map((upstream): Participant => ({ id: upstream.id, kind: 'server', name: upstream.name, label: upstream.label })),
    ];
  }

  /** The client's lifeline: "Client" for this machine, else its address (the fourth and later share one). */
  clientOf(address: string): string {
    const key = isLoopback(address) ? 'loopback' : address;
    const known = this.clients.get(key) ?? (this.clients.size >= MAX_CLIENTS ? this.clients.get('other') : undefined);
    if (known !== undefined) return known.id;
    const id = `c${this.clients.size + 1}`;
    const other = this.clients.size >= MAX_CLIENTS;
    const label = other ? OTHER_CLIENTS : key === 'loopback' ? inventedName('Client') : same(address);
    this.clients.set(other ? 'other' : key, { id, kind: 'client', name: label.en, label });
    this.participantList = this.build();
    this.onParticipants?.();
    return id;
  }

  private hop(requestId: number, kind: 'request' | 'response', from: string, to: string, label: Text, detail: Text | undefined, bytes: number): void {
    const id = ++this.messageId;
    this.recorder.sent(id, requestId, kind, from, to, label, detail, bytes);
    this.recorder.delivered(id, requestId, kind, from, to, label, detail);
  }

  /** The client's request reached the proxy. */
  started(requestId: number, client: string, request: Text, detail: Text | undefined, bytes: number): void {
    this.recorder.requestStarted(requestId, client, request.en, {});
    this.hop(requestId, 'request', client, PROXY_ID, request, detail, bytes);
  }

  /** The proxy chose an upstream (its words say why) and passed the request on. */
  forwarded(requestId: number, why: Text, rerouted: boolean, upstream: Upstream, request: Text, bytes: number): void {
    this.recorder.step(PROXY_ID, requestId, why, rerouted);
    this.hop(requestId, 'request', PROXY_ID, upstream.id, request, undefined, bytes);
  }

  /** The request did not reach the upstream (refused, reset, timed out). */
  lost(requestId: number, upstream: Upstream, request: Text): void {
    const id = ++this.messageId;
    this.recorder.sent(id, requestId, 'request', PROXY_ID, upstream.id, request, undefined, 0);
    this.recorder.lost(id, requestId, 'request', PROXY_ID, upstream.id, request, undefined, 'server-down');
  }

  /** The upstream's answer, passed back to the client. */
  answered(requestId: number, upstream: Upstream, client: string, status: Text, detail: Text | undefined, bytes: number): void {
    this.hop(requestId, 'response', upstream.id, PROXY_ID, status, detail, bytes);
    this.hop(requestId, 'response', PROXY_ID, client, status, detail, bytes);
  }

  /** The proxy's own answer (502, 503, 504). */
  proxyAnswered(requestId: number, client: string, status: Text): void {
    this.hop(requestId, 'response', PROXY_ID, client, status, undefined, 0);
  }

  /** Something that happened to an upstream (refused, back again, marked down by hand). */
  fault(kind: FaultKind, upstream: Upstream | undefined, label: Text): void {
    this.recorder.fault(kind, upstream?.id, label);
  }

  outcome(requestId: number, client: string, request: Text, status: number, reason: FailureReason | undefined, upstream: Upstream | undefined, label: Text): void {
    this.recorder.outcome(requestId, client, request.en, reason === undefined, status, label, reason, upstream?.id);
  }
}

/** Why an answer failed, as the diagram's words know it; undefined for a success. */
export function reasonOf(status: number): FailureReason | undefined {
  if (status < 400) return undefined;
  if (status === 401 || status === 403) return 'not-logged-in';
  if (status < 500) return 'rejected';
  return 'server-error';
}
