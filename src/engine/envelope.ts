// What travels through the event queue: messages between actors, and client timers.
import type { Scheduled } from './eventQueue';
import type { Context, FailureReason, Params } from './model';
import type { Segment } from './protocols/tcp';
import type { LossReason, MessageKind } from './trace';
import type { Text } from './text';

export interface RequestPayload {
  readonly type: 'request';
  readonly client: string;
  readonly request: string;
  readonly params: Params;
  readonly sessionId?: string;
  /** The repeated conversation (state: client). */
  readonly context?: Context;
  readonly token?: string;
}

export interface ResponsePayload {
  readonly type: 'response';
  readonly client: string;
  readonly ok: boolean;
  readonly status: number;
  readonly reason?: FailureReason;
  readonly server?: string;
  readonly sessionId?: string;
  /** The conversation handed back to the client (state: client); null ends it. */
  readonly context?: Context | null;
  readonly token?: string | null;
}

export interface SegmentPayload {
  readonly type: 'segment';
  readonly client: string;
  readonly segment: Segment;
  readonly connection: string;
  readonly data?: string;
  readonly server?: string;
}

export interface TimeoutPayload {
  readonly type: 'timeout';
}

export type Payload = RequestPayload | ResponsePayload | SegmentPayload | TimeoutPayload;

export interface Envelope extends Scheduled {
  readonly messageId: number;
  readonly requestId: number;
  readonly kind: MessageKind;
  readonly from: string;
  readonly to: string;
  readonly label: Text;
  readonly payload: Payload;
  /** Set when the message will not arrive (drop: next). */
  readonly lost?: LossReason;
}

/** Rough wire size: a fixed header plus the characters of every key and value carried. */
export function estimateBytes(payload: Payload): number {
  let bytes = 40;
  for (const key in payload) {
    const value = (payload as unknown as Record<string, unknown>)[key];
    bytes += key.length;
    if (typeof value === 'string') bytes += value.length;
    else if (typeof value === 'number') bytes += 4;
    else if (typeof value === 'object' && value !== null) {
      for (const inner in value) {
        const innerValue = (value as Record<string, unknown>)[inner];
        bytes += inner.length + (typeof innerValue === 'string' ? innerValue.length : 4);
      }
    }
  }
  return bytes;
}
