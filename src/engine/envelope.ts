// What travels through the event queue: messages between actors, and client timers.
import type { Scheduled } from './eventQueue';
import type { Context, FailureReason, Params } from './model';
import type { Segment } from './protocols/tcp';
import type { LossReason, MessageFields } from './trace';

export interface RequestPayload {
  readonly type: 'request';
  readonly client: string;
  readonly request: string;
  readonly params: Params;
  readonly sessionId?: string | undefined;
  /** The repeated conversation (state: client). */
  readonly context?: Context | undefined;
  readonly token?: string | undefined;
}

export interface ResponsePayload {
  readonly type: 'response';
  readonly client: string;
  readonly ok: boolean;
  readonly status: number;
  readonly reason: FailureReason | undefined;
  readonly server: string | undefined;
  readonly sessionId: string | undefined;
  /** The conversation handed back to the client (state: client); null ends it. */
  readonly context: Context | null | undefined;
  readonly token: string | null | undefined;
}

export interface SegmentPayload {
  readonly type: 'segment';
  readonly client: string;
  readonly segment: Segment;
  readonly connection: string;
  readonly data: string | undefined;
  readonly server: string | undefined;
}

// Payloads are always built with every field in the same order: one object shape per kind
// keeps property reads monomorphic in the hot loop.

export function failure(client: string, status: number, reason: FailureReason, server?: string): ResponsePayload {
  return { type: 'response', client, ok: false, status, reason, server, sessionId: undefined, context: undefined, token: undefined };
}

/** A successful answer and whatever state it hands back (positional: this runs for every request). */
export function success(client: string, server: string, sessionId?: string, context?: Context | null, token?: string | null): ResponsePayload {
  return { type: 'response', client, ok: true, status: 200, reason: undefined, server, sessionId, context, token };
}

export function segmentPayload(client: string, segment: Segment, connection: string, data?: string, server?: string): SegmentPayload {
  return { type: 'segment', client, segment, connection, data, server };
}

export interface TimeoutPayload {
  readonly type: 'timeout';
}

export type Payload = RequestPayload | ResponsePayload | SegmentPayload | TimeoutPayload;

export interface Envelope extends Scheduled, MessageFields {
  readonly payload: Payload;
  /** Set when the message will not arrive (drop: next). */
  readonly lost: LossReason | undefined;
  /** Wire size, computed once per payload (-1 when nobody observes the run). */
  readonly bytes: number;
}

/** Rough wire size: a fixed header plus the characters of every key and value carried. */
export function estimateBytes(payload: Payload): number {
  let bytes = 40;
  for (const key in payload) {
    const value = (payload as unknown as Record<string, unknown>)[key];
    if (value === undefined) continue;
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
