// A server: up or down, what it keeps in memory (sessions, TCP connections), and how it serves.
// A request: find the conversation wherever it lives, do the protocol's work, keep the new state
// where it lives, answer. A TCP segment: move the connection along its states, answer.
import { failure, segmentPayload, success, type Envelope, type RequestPayload, type SegmentPayload } from './envelope';
import { STATUS } from './exchanges';
import type { Context, FailureReason } from './model';
import type { Network } from './network';
import type { Carried, ServerSide, StatePlacementStrategy, StoreAccess } from './placements/placement';
import type { ConversationProtocol } from './protocols/protocol';
import { segmentLabel, type Segment } from './protocols/tcp';
import { NO_LABEL, type TraceRecorder, type VirtualClock } from './recorder';
import type { StoreClient } from './storeClient';
import { say, type Text } from './text';
import type { StateAction } from './trace';

export interface Connection {
  readonly id: string;
  readonly client: string;
  status: 'SYN-RECEIVED' | 'ESTABLISHED' | 'LAST-ACK';
  bytes: number;
  /** The data received so far, in order (what the connection's note shows). */
  readonly received: string[];
}

/** What servers work with: the lab's protocol, where state lives, the network, the trace. */
export interface Workplace {
  readonly protocol: ConversationProtocol | undefined;
  readonly placement: StatePlacementStrategy;
  readonly network: Network;
  readonly recorder: TraceRecorder;
  readonly clock: VirtualClock;
  readonly store: StoreClient | undefined;
  /** The server's side of the placement's operations. */
  readonly desk: Desk;
  /** True once for the request after `error: next`. */
  takeServerError(): boolean;
  newSessionId(): string;
  /** A client's name, for a connection's note. */
  peerName(clientId: string): string;
}

const SERVER_ERROR = say('Server Error', '서버 오류');
const LOGIN_FAILED = say('Login Failed', '로그인 실패');
const INTERNAL_ERROR = say('500 Internal Server Error', '500 서버 오류');

/** The server's side of a placement's operations, one per lab, reused for every request (no allocation per request). */
export class Desk implements ServerSide {
  server!: Server;
  requestId = 0;

  constructor(private readonly recorder: TraceRecorder, readonly store: StoreAccess | undefined) {}

  get memory(): Map<string, Context> {
    return this.server.sessions;
  }

  get serverId(): string {
    return this.server.id;
  }

  report(action: StateAction, holder: string, key: string, context?: Context): void {
    this.recorder.conversationState(action, holder, key, context, this.requestId);
  }

  step(label: Text): void {
    this.recorder.step(this.server.id, this.requestId, label);
  }
}

export class Server {
  up = true;
  /** Conversations kept in memory (state: server), by session id. */
  readonly sessions = new Map<string, Context>();
  readonly connections = new Map<string, Connection>();
  /** Requests this server answered. */
  served = 0;

  constructor(
    readonly id: string,
    readonly name: string,
    readonly label: Text,
  ) {}

  /** Crash or restart: memory does not survive. Returns what was lost. */
  forgetEverything(): { sessions: [string, Context][]; connections: Connection[] } {
    const lost = { sessions: [...this.sessions], connections: [...this.connections.values()] };
    this.sessions.clear();
    this.connections.clear();
    return lost;
  }

  receive(envelope: Envelope, work: Workplace): void {
    const { payload } = envelope;
    if (payload.type === 'segment') this.serveSegment(envelope, payload, work);
    else if (payload.type === 'request' && work.protocol !== undefined) this.serveConversation(work.protocol, envelope, payload, work);
  }

  private serveConversation(protocol: ConversationProtocol, envelope: Envelope, payload: RequestPayload, work: Workplace): void {
    this.served++;
    const requestId = envelope.exchange.id;
    const { placement, recorder, desk } = work;
    desk.server = this;
    desk.requestId = requestId;
    if (work.store !== undefined) {
      work.store.serverId = this.id;
      work.store.requestId = requestId;
    }
    const carried: Carried = payload;

    // 1. Find the conversation, wherever it lives.
    const sessionId = payload.sessionId ?? (placement.usesSessions || protocol.name === 'login' ? work.newSessionId() : '');
    const found = placement.find(carried, desk);
    if (found.kind === 'refused') {
      this.refuse(envelope, payload, found.reason, found.reply, work);
      return;
    }
    const { context } = found;

    // 2. Do the work.
    const resumed = payload.sessionId !== undefined || payload.token !== undefined || Object.keys(payload.context ?? {}).length > 0;
    const result = protocol.serve({ request: payload.request, params: payload.params, context, carried: payload.context !== undefined, resumed, sessionId, now: work.clock.now });
    if (recorder.observed) for (const step of result.steps) recorder.step(this.id, requestId, step);
    if (work.takeServerError()) {
      recorder.group('start', SERVER_ERROR);
      this.refuse(envelope, payload, 'server-error', protocol.name === 'login' ? LOGIN_FAILED : INTERNAL_ERROR, work);
      return;
    }
    if (!result.ok) {
      this.refuse(envelope, payload, result.missingState ? (found.expired ? 'session-expired' : 'missing-state') : result.unauthenticated === true ? 'not-logged-in' : 'rejected', result.reply, work, result.lacks);
      return;
    }

    // 3. Keep the new state where it lives, and answer.
    const next = result.context;
    const kept = next === null ? placement.forget(carried, sessionId, desk) : placement.keep(next, next !== context, carried, sessionId, desk, result.storeStep);
    if (kept.kind === 'refused') {
      this.refuse(envelope, payload, kept.reason, kept.reply, work);
      return;
    }
    const { handed } = kept;
    work.network.transmit(this.id, envelope.from, 'response', envelope.exchange, result.reply, success(payload.client, this.id, handed.sessionId, handed.context, handed.token));
  }

  private refuse(envelope: Envelope, payload: RequestPayload, reason: FailureReason, reply: Text, work: Workplace, lacks?: Text): void {
    work.network.transmit(this.id, envelope.from, 'response', envelope.exchange, reply, failure(payload.client, STATUS[reason], reason, this.id, lacks));
  }

  private serveSegment(envelope: Envelope, payload: SegmentPayload, work: Workplace): void {
    const answer = this.segmentAnswer(payload, envelope.exchange.id, work);
    if (answer === undefined) return;
    const data = answer === 'DATA-ACK' ? payload.data : undefined;
    work.network.transmit(this.id, envelope.from, 'packet', envelope.exchange, work.recorder.observed ? segmentLabel(answer, data, work.recorder.words) : NO_LABEL, segmentPayload(payload.client, answer, payload.connection, data, this.id));
  }

  /** What a server answers to a TCP segment (undefined: nothing, as for the handshake's last ACK). */
  private segmentAnswer(payload: SegmentPayload, requestId: number, work: Workplace): Segment | undefined {
    const { recorder } = work;
    const connection = this.connections.get(payload.connection);
    if (payload.segment !== 'ACK' && work.takeServerError()) {
      recorder.group('start', SERVER_ERROR);
      return 'RST';
    }
    switch (payload.segment) {
      case 'SYN':
        this.served++;
        this.connections.set(payload.connection, { id: payload.connection, client: payload.client, status: 'SYN-RECEIVED', bytes: 0, received: [] });
        return 'SYN-ACK';
      case 'ACK':
        if (connection === undefined) return 'RST';
        if (connection.status === 'LAST-ACK') {
          // The last ACK of the close: the connection is gone.
          this.connections.delete(connection.id);
          recorder.conversationState('deleted', this.id, connection.id, undefined, requestId);
          return undefined;
        }
        connection.status = 'ESTABLISHED';
        if (recorder.observed) recorder.connectionState('stored', this.id, connection, work.peerName(connection.client), requestId);
        return undefined;
      case 'DATA':
        this.served++;
        if (connection?.status !== 'ESTABLISHED') {
          recorder.conversationState('missing', this.id, payload.connection, undefined, requestId);
          return 'RST';
        }
        connection.bytes += (payload.data ?? '').length;
        if (recorder.observed) {
          connection.received.push(payload.data ?? '');
          recorder.connectionState('stored', this.id, connection, work.peerName(connection.client), requestId);
        }
        return 'DATA-ACK';
      case 'FIN':
        this.served++;
        if (connection === undefined) return 'RST';
        connection.status = 'LAST-ACK';
        return 'FIN-ACK';
      default:
        return undefined;
    }
  }
}
