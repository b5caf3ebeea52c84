// What travels through the event queue: messages between actors, and client timers.
import type { Client } from './client';
import type { Scheduled } from './eventQueue';
import type { Context, FailureReason, Params } from './model';
import type { Segment } from './protocols/tcp';
import type { Server } from './server';
import type { Text } from './text';
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
  /** A failure of state: what the server did not know (words for the diagram, not sent). */
  readonly lacks?: Text;
}

export interface SegmentPayload {
  readonly type: 'segment';
  readonly client: string;
  readonly segment: Segment;
  readonly connection: string;
  readonly data: string | undefined;
  readonly server: string | undefined;
  /** Why the server reset: a server error (`error: next`). Undefined for an RST that means "no such connection", and for every other segment. */
  readonly reason: 'server-error' | undefined;
}

// Payloads are always built with every field in the same order: one object shape per kind
// keeps property reads monomorphic in the hot loop.

export function failure(client: string, status: number, reason: FailureReason, server?: string, lacks?: Text): ResponsePayload {
  return { type: 'response', client, ok: false, status, reason, server, sessionId: undefined, context: undefined, token: undefined, ...(lacks !== undefined ? { lacks } : {}) };
}

/** A successful answer and whatever state it hands back (positional: this runs for every request). */
export function success(client: string, server: string, sessionId?: string, context?: Context | null, token?: string | null): ResponsePayload {
  return { type: 'response', client, ok: true, status: 200, reason: undefined, server, sessionId, context, token };
}

export function segmentPayload(client: string, segment: Segment, connection: string, data?: string, server?: string, reason?: 'server-error'): SegmentPayload {
  return { type: 'segment', client, segment, connection, data, server, reason };
}

export interface TimeoutPayload {
  readonly type: 'timeout';
}

export type Payload = RequestPayload | ResponsePayload | SegmentPayload | TimeoutPayload;

/**
 * One request, from the moment a client sends it until its outcome. Every message it causes
 * carries it, so nothing has to look it up (a table of open requests churned in long runs).
 */
export interface Exchange {
  readonly id: number;
  readonly client: Client;
  readonly request: string;
  /** The server the relay forwarded it to: counted as that server's load until the outcome. */
  routedTo: Server | undefined;
  /** Set by the outcome. Later messages of the exchange (a late answer, the handshake's last ACK) change nothing. */
  done: boolean;
}

/** A message in flight: its request id is its exchange's. */
export interface Envelope extends Scheduled, Omit<MessageFields, 'requestId'> {
  readonly exchange: Exchange;
  readonly payload: Payload;
  /** Set when the message will not arrive (drop: next). */
  readonly lost: LossReason | undefined;
  /** Wire size, computed once per payload (-1 when nobody observes the run). */
  readonly bytes: number;
}

/** Rough wire size: a fixed header plus the characters of every key and value carried. */
export function estimateBytes(payload: Payload): number {
  // One function per payload kind: each reads a single object shape, so this stays fast in long runs.
  switch (payload.type) {
    case 'request':
      return 40 + text('type', payload.type) + text('client', payload.client) + text('request', payload.request) + record('params', payload.params)
        + record('context', payload.context) + text('sessionId', payload.sessionId) + text('token', payload.token);
    case 'response':
      return 40 + text('type', payload.type) + text('client', payload.client) + 'ok'.length + 'status'.length + 4 + text('reason', payload.reason)
        + text('server', payload.server) + text('sessionId', payload.sessionId) + record('context', payload.context) + text('token', payload.token);
    case 'segment':
      return 40 + text('type', payload.type) + text('client', payload.client) + text('segment', payload.segment) + text('connection', payload.connection)
        + text('data', payload.data) + text('server', payload.server) + text('reason', payload.reason);
    case 'timeout':
      return 40 + text('type', payload.type);
  }
}

/** A string field: its name and its characters; nothing when absent, just the name when null. */
function text(key: string, value: string | null | undefined): number {
  return value === undefined ? 0 : key.length + (value === null ? 0 : value.length);
}

/** A record field (params, a conversation): its name, and each entry's name and value; null is just the name. */
function record(key: string, value: Readonly<Record<string, unknown>> | null | undefined): number {
  if (value === undefined) return 0;
  let bytes = key.length;
  if (value === null) return bytes;
  for (const inner in value) {
    const innerValue = value[inner];
    bytes += inner.length + (typeof innerValue === 'string' ? innerValue.length : 4);
  }
  return bytes;
}
