// A server: up or down, what it keeps in memory (sessions, TCP connections), and how it serves.
// A request: `serveRequest` (serving.ts, shared with the real HTTP server), answered on the lab's
// network. A TCP segment: move the connection along its states, answer.
import { failure, segmentPayload, success, type Envelope, type RequestPayload, type SegmentPayload } from './envelope';
import { STATUS } from './exchanges';
import type { Context, FailureReason } from './model';
import type { Transmitter } from './network';
import type { Handed, StatePlacementStrategy, StoreAccess } from './placements/placement';
import type { ConversationProtocol } from './protocols/protocol';
import { segmentLabel, SERVER_ERROR_RESET, type Segment } from './protocols/tcp';
import { NO_LABEL, type TraceRecorder, type VirtualClock } from './recorder';
import type { StoreClient } from './storeClient';
import { serveRequest, SERVER_ERROR, type ServingDesk } from './serving';
import type { Text } from './text';
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
  readonly network: Transmitter;
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

/** The server's side of serving a request, one per lab, reused for every request (no allocation per request). */
export class Desk implements ServingDesk {
  server!: Server;
  requestId = 0;
  /** The request being served: its answer goes back the way it came. */
  envelope!: Envelope;
  client = '';

  // The lab's parts this desk uses on every request, held here rather than looked up through the lab each time.
  private readonly network: Transmitter;
  private readonly recorder: TraceRecorder;
  private readonly clock: VirtualClock;

  constructor(private readonly work: Workplace, readonly store: StoreAccess | undefined) {
    this.network = work.network;
    this.recorder = work.recorder;
    this.clock = work.clock;
  }

  get memory(): Map<string, Context> {
    return this.server.sessions;
  }

  get serverId(): string {
    return this.server.id;
  }

  get now(): number {
    return this.clock.now;
  }

  report(action: StateAction, holder: string, key: string, context?: Context): void {
    this.recorder.conversationState(action, holder, key, context, this.requestId);
  }

  step(label: Text): void {
    this.recorder.step(this.server.id, this.requestId, label);
  }

  takeServerError(): boolean {
    return this.work.takeServerError();
  }

  newSessionId(): string {
    return this.work.newSessionId();
  }

  alternative(label: Text): void {
    this.recorder.group('start', label);
  }

  answered(reply: Text, handed: Handed): void {
    const { envelope } = this;
    this.network.transmit(this.server.id, envelope.from, 'response', envelope.exchange, reply, success(this.client, this.server.id, handed.sessionId, handed.context, handed.token));
  }

  refused(reason: FailureReason, reply: Text, lacks?: Text): void {
    const { envelope } = this;
    this.network.transmit(this.server.id, envelope.from, 'response', envelope.exchange, reply, failure(this.client, STATUS[reason], reason, this.server.id, lacks));
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
    const { desk } = work;
    desk.server = this;
    desk.requestId = requestId;
    desk.envelope = envelope;
    desk.client = payload.client;
    if (work.store !== undefined) {
      work.store.serverId = this.id;
      work.store.requestId = requestId;
    }
    // The lab's store answers at once: serving settles before this returns.
    void serveRequest(protocol, work.placement, payload, desk);
  }

  private serveSegment(envelope: Envelope, payload: SegmentPayload, work: Workplace): void {
    if (payload.segment !== 'ACK' && work.takeServerError()) {
      // error: next on TCP: the server fails while handling the segment and resets the connection.
      // The RST says so (not "no such connection"), and the client's outcome is the server error.
      work.recorder.group('start', SERVER_ERROR);
      // A reset ends the connection on the server's side too.
      if (this.connections.delete(payload.connection)) work.recorder.conversationState('deleted', this.id, payload.connection, undefined, envelope.exchange.id);
      work.network.transmit(this.id, envelope.from, 'packet', envelope.exchange, work.recorder.observed ? SERVER_ERROR_RESET : NO_LABEL, segmentPayload(payload.client, 'RST', payload.connection, undefined, this.id, 'server-error'));
      return;
    }
    const answer = this.segmentAnswer(payload, envelope.exchange.id, work);
    if (answer === undefined) return;
    const data = answer === 'DATA-ACK' ? payload.data : undefined;
    work.network.transmit(this.id, envelope.from, 'packet', envelope.exchange, work.recorder.observed ? segmentLabel(answer, data, work.recorder.words) : NO_LABEL, segmentPayload(payload.client, answer, payload.connection, data, this.id));
  }

  /** What a server answers to a TCP segment (undefined: nothing, as for the handshake's last ACK). */
  private segmentAnswer(payload: SegmentPayload, requestId: number, work: Workplace): Segment | undefined {
    const { recorder } = work;
    const connection = this.connections.get(payload.connection);
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
