// The trace as it is written: every event numbered and stamped with virtual time where it is
// made, kept (when recording) and handed to the listeners. Each kind of event is made by one
// method here, always with its fields in the same order: one object shape per kind keeps the hot
// loop fast, and the golden traces byte for byte.
import type { Context, FailureReason, Params } from './model';
import type { NameTable } from './names';
import type { ConversationProtocol } from './protocols/protocol';
import { describeConnection, tcpFieldNames } from './protocols/tcp';
import type { Connection } from './server';
import { same, type Text } from './text';
import { contextFields, type FaultKind, type LossReason, type MessageKind, type StateAction, type StateField, type TraceEvent } from './trace';

type Listener = (event: TraceEvent) => void;

/** Virtual time, shared by everything in one lab. */
export interface VirtualClock {
  now: number;
}

export const NO_LABEL: Text = { en: '', ko: '' };
const NO_FIELDS: readonly StateField[] = [];

export class TraceRecorder {
  /** An array, not a Set: emit runs for every event, and iterating a Set allocates. */
  private listeners: Listener[] = [];
  private recorded: TraceEvent[] = [];
  private seq = 0;

  constructor(
    private readonly clock: VirtualClock,
    private readonly record: boolean,
    private readonly protocol: ConversationProtocol | undefined,
    /** How a story's own words read in each language (a built-in's TCP data: hello → 안녕하세요). */
    readonly words?: NameTable,
  ) {}

  get trace(): readonly TraceEvent[] {
    return this.recorded;
  }

  /** False when nobody keeps or reads the trace (long benchmark runs): labels need not be built. */
  get observed(): boolean {
    return this.record || this.listeners.length > 0;
  }

  subscribe(listener: Listener): () => void {
    this.listeners = [...this.listeners, listener];
    return () => {
      this.listeners = this.listeners.filter((candidate) => candidate !== listener);
    };
  }

  /** Starts a new trace (reset): listeners stay. */
  clear(): void {
    this.recorded = [];
    this.seq = 0;
  }

  private emit(event: TraceEvent): void {
    if (this.record) this.recorded.push(event);
    const listeners = this.listeners;
    for (let index = 0; index < listeners.length; index++) (listeners[index] as Listener)(event);
  }

  requestStarted(requestId: number, client: string, request: string, params: Params): void {
    if (this.observed) this.emit({ type: 'request-started', requestId, client, request, params, seq: ++this.seq, time: this.clock.now });
  }

  // Messages: positional arguments, since these run for every message of a long run.

  sent(messageId: number, requestId: number, kind: MessageKind, from: string, to: string, label: Text, detail: Text | undefined, bytes: number): void {
    this.emit({ type: 'message-sent', messageId, requestId, kind, from, to, label, detail, bytes, seq: ++this.seq, time: this.clock.now });
  }

  delivered(messageId: number, requestId: number, kind: MessageKind, from: string, to: string, label: Text, detail: Text | undefined): void {
    this.emit({ type: 'message-delivered', messageId, requestId, kind, from, to, label, detail, seq: ++this.seq, time: this.clock.now });
  }

  lost(messageId: number, requestId: number, kind: MessageKind, from: string, to: string, label: Text, detail: Text | undefined, reason: LossReason): void {
    this.emit({ type: 'message-lost', messageId, requestId, kind, from, to, label, detail, reason, seq: ++this.seq, time: this.clock.now });
  }

  /** Something an actor does by itself (Verify Request, a re-route). */
  step(actor: string, requestId: number, label: Text, rerouted = false): void {
    if (this.observed) this.emit({ type: 'internal-step', actor, requestId, label, ...(rerouted ? { rerouted } : {}), seq: ++this.seq, time: this.clock.now });
  }

  /** A conversation's state changed hands; `context` is what it held, when it matters. */
  conversationState(action: StateAction, holder: string, key: string, context: Context | undefined, requestId: number): void {
    if (!this.observed) return;
    const protocol = this.protocol;
    const fields = context === undefined ? NO_FIELDS : contextFields(context, protocol);
    const shown = context === undefined || protocol === undefined ? NO_LABEL : protocol.describeState(context, key === 'token');
    this.emit({ type: 'state', action, holder, key, fields, shown, requestId, seq: ++this.seq, time: this.clock.now });
  }

  connectionState(action: StateAction, holder: string, connection: Connection, peer: string, requestId: number): void {
    if (!this.observed) return;
    const values: Record<string, string | number> = { peer, connection: connection.id, status: connection.status, bytes: connection.bytes };
    const fields = Object.entries(values).map(([key, value]) => ({ name: tcpFieldNames.get(key) ?? same(key), value }));
    this.emit({ type: 'state', action, holder, key: connection.id, fields, shown: describeConnection(connection.status, connection.received, this.words), requestId, seq: ++this.seq, time: this.clock.now });
  }

  fault(fault: FaultKind, target: string | undefined, label: Text): void {
    if (this.observed) this.emit({ type: 'fault', fault, label, ...(target !== undefined ? { target } : {}), seq: ++this.seq, time: this.clock.now });
  }

  group(phase: 'start' | 'else' | 'end', label: Text): void {
    if (this.observed) this.emit({ type: 'group', phase, label, seq: ++this.seq, time: this.clock.now });
  }

  outcome(requestId: number, client: string, request: string, ok: boolean, status: number, label: Text, reason: FailureReason | undefined, server: string | undefined, lacks?: Text): void {
    // Absent fields stay undefined rather than spread in: one object shape for every outcome.
    if (this.observed) this.emit({ type: 'request-outcome', requestId, client, request, ok, status, label, reason, server, lacks, seq: ++this.seq, time: this.clock.now });
  }
}
