// The network between the actors: messages take the latency to arrive (in virtual time), the
// next one can be lost on purpose (drop: next), and a client whose message was lost gives up
// after its timeout. What travels is recorded as sent, delivered or lost.
import { estimateBytes, type Envelope, type Exchange, type Payload, type TimeoutPayload } from './envelope';
import { EventQueue } from './eventQueue';
import { stateHeader, type CarriedState } from './headers';
import { CLIENT_TIMEOUT_MS } from './model';
import type { TraceRecorder, VirtualClock } from './recorder';
import type { Text } from './text';
import type { LossReason, MessageKind } from './trace';

const TIMEOUT: TimeoutPayload = { type: 'timeout' };

/** Where clients and servers put their messages: the simulated network, or real mode's TCP wire (real/tcpWire.ts). */
export type Transmitter = Pick<Network, 'transmit'>;

export class Network {
  private readonly queue = new EventQueue<Envelope>();
  private messageSeq = 0;
  private dropNext = false;

  constructor(
    private readonly clock: VirtualClock,
    private readonly recorder: TraceRecorder,
    private readonly latencyMs: number,
    /** What messages show of the state they carry: the session cookie or the token (or nothing). */
    private readonly carried: CarriedState | undefined,
  ) {}

  get idle(): boolean {
    return this.queue.size === 0;
  }

  /** The next message (or timer) to arrive, in virtual-time order. */
  next(): Envelope | undefined {
    return this.queue.pop();
  }

  clear(): void {
    this.queue.clear();
    this.messageSeq = 0;
    this.dropNext = false;
  }

  /** The next message put on the wire will be lost. */
  loseNext(): void {
    this.dropNext = true;
  }

  /** A number for a message that is not queued (a synchronous call, such as the session store's). */
  messageId(): number {
    return ++this.messageSeq;
  }

  /** Puts a message on the wire. `knownBytes` is passed on when a relay forwards the same payload. */
  transmit(from: string, to: string, kind: MessageKind, exchange: Exchange, label: Text, payload: Payload, knownBytes = -1): void {
    const messageId = ++this.messageSeq;
    const lost: LossReason | undefined = this.dropNext ? 'dropped' : undefined;
    const observed = this.recorder.observed;
    const bytes = knownBytes >= 0 || !observed ? knownBytes : estimateBytes(payload);
    const detail = observed && this.carried !== undefined ? stateHeader(payload, this.carried) : undefined;
    if (observed) this.recorder.sent(messageId, exchange.id, kind, from, to, label, detail, bytes);
    const now = this.clock.now;
    if (lost !== undefined) {
      this.dropNext = false;
      // Nothing will answer: the client gives up after its timeout.
      this.queue.push({ time: now + CLIENT_TIMEOUT_MS, seq: 0, messageId: 0, kind, from: to, to: from, label, detail: undefined, exchange, payload: TIMEOUT, lost: undefined, bytes: 0 });
    }
    this.queue.push({ time: now + this.latencyMs, seq: 0, messageId, kind, from, to, label, detail, exchange, payload, lost, bytes });
  }

  delivered(envelope: Envelope): void {
    if (this.recorder.observed) this.recorder.delivered(envelope.messageId, envelope.exchange.id, envelope.kind, envelope.from, envelope.to, envelope.label, envelope.detail);
  }

  lost(envelope: Envelope, reason: LossReason): void {
    if (this.recorder.observed) this.recorder.lost(envelope.messageId, envelope.exchange.id, envelope.kind, envelope.from, envelope.to, envelope.label, envelope.detail, reason);
  }
}
