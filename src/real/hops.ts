// Real traffic written as the trace the simulation writes: each hop a message sent and delivered
// (or lost), numbered like the lab's, so the diagram code draws a real run as it draws a simulated one.
import type { TraceRecorder } from '../engine/recorder';
import type { Text } from '../engine/text';
import type { LossReason, MessageFields, MessageKind } from '../engine/trace';

export class Hops {
  /** Each request's message on its way (HTTP carries one hop of a request at a time): the next actor to see it says it arrived. */
  private readonly travelling = new Map<number, MessageFields>();
  /** Each request's last message sent, and the client that sent it first. */
  private readonly last = new Map<number, MessageFields>();
  private readonly clients = new Map<number, string>();

  constructor(readonly recorder: TraceRecorder, private readonly nextMessageId: () => number) {}

  /** A request's next hop leaves (a request to the relay or a server, an answer on its way back). */
  leave(requestId: number, kind: MessageKind, from: string, to: string, label: Text, detail: Text | undefined, bytes: number): void {
    const message = this.sent(requestId, kind, from, to, label, detail, bytes);
    this.travelling.set(requestId, message);
    this.last.set(requestId, message);
    if (!this.clients.has(requestId)) this.clients.set(requestId, from);
  }

  /** The request whose hop on its way goes to `to` (requests of a story travel one at a time). */
  requestTravellingTo(to: string): number | undefined {
    for (const [requestId, message] of this.travelling) if (message.to === to) return requestId;
    return undefined;
  }

  /** The last hop a request made: what a relay passes on says the same. */
  lastSaid(requestId: number): MessageFields | undefined {
    return this.last.get(requestId);
  }

  /** The client that sent the request. */
  clientOf(requestId: number): string | undefined {
    return this.clients.get(requestId);
  }

  /** Where the request's hop on its way is going, if one is. */
  travellingTo(requestId: number): string | undefined {
    return this.travelling.get(requestId)?.to;
  }

  /** The request's hop on its way arrived. */
  arrive(requestId: number): void {
    const message = this.travelling.get(requestId);
    if (message === undefined) return;
    this.travelling.delete(requestId);
    this.arrived(message);
  }

  /** The request's hop on its way will not arrive (the server it went to is down). */
  lose(requestId: number, reason: LossReason): void {
    const message = this.travelling.get(requestId);
    if (message === undefined) return;
    this.travelling.delete(requestId);
    this.lost(message, reason);
  }

  /** A message that went out; `arrived` or `lost` says what became of it. */
  sent(requestId: number, kind: MessageKind, from: string, to: string, label: Text, detail: Text | undefined, bytes: number): MessageFields {
    const message: MessageFields = { messageId: this.nextMessageId(), requestId, kind, from, to, label, detail };
    this.recorder.sent(message.messageId, requestId, kind, from, to, label, detail, bytes);
    return message;
  }

  arrived(message: MessageFields): void {
    this.recorder.delivered(message.messageId, message.requestId, message.kind, message.from, message.to, message.label, message.detail);
  }

  lost(message: MessageFields, reason: LossReason): void {
    this.recorder.lost(message.messageId, message.requestId, message.kind, message.from, message.to, message.label, message.detail, reason);
  }

  /** A message seen as it arrived (sent and delivered are one moment on loopback). */
  passed(requestId: number, kind: MessageKind, from: string, to: string, label: Text, detail: Text | undefined, bytes: number): void {
    this.arrived(this.sent(requestId, kind, from, to, label, detail, bytes));
  }
}
