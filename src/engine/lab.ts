// The lab: a deterministic discrete-event simulation of clients, a relay, servers and a session
// store. Drive it step by step (live lab) or run it until idle (scenarios, CLI, benchmarks).
import { Client } from './client';
import { estimateBytes, failure, segmentPayload, success, type Envelope, type Exchange, type Payload, type RequestPayload, type ResponsePayload, type SegmentPayload, type TimeoutPayload } from './envelope';
import { EventQueue } from './eventQueue';
import { CLIENT_TIMEOUT_MS, defaultServerNames, type Context, type FailureReason, type Params, type Topology } from './model';
import { conversationProtocols, requestsOf } from './protocols/registry';
import type { ConversationProtocol } from './protocols/protocol';
import { describeConnection, segmentLabel, tcpFieldNames, type Segment } from './protocols/tcp';
import { SeededRandom } from './random';
import { Relay } from './relay';
import { Server, type Connection } from './server';
import { SessionStore } from './sessionStore';
import { stateHeader, type CarriedState } from './headers';
import { withParticle } from './korean';
import { displayName, namesActor, RELAY_LABEL, STORE_LABEL } from './names';
import { say, same, type Text } from './text';
import { signToken, verifyToken } from './token';
import { contextFields, type FaultKind, type LossReason, type Participant, type StateAction, type StateField, type TraceEvent } from './trace';
import type { LabSnapshot } from './snapshot';
import { takeSnapshot } from './snapshot';

/** A call the lab cannot carry out (unknown server, unknown request…): the message says why. */
export class LabError extends Error {
  override readonly name = 'LabError';
}

export interface LabOptions {
  /** Keep every trace event in memory (`lab.trace`). Off for long runs that stream instead. */
  readonly record?: boolean;
}

type Listener = (event: TraceEvent) => void;

const STATUS: Readonly<Record<FailureReason, number>> = {
  'missing-state': 409, 'session-expired': 401, 'store-down': 503, 'no-server': 503, 'server-down': 502,
  timeout: 0, 'connection-reset': 0, 'invalid-token': 401, 'server-error': 500, 'not-logged-in': 401, rejected: 400,
};

const SERVER_ERROR = say('Server Error', '서버 오류');
const STORE_DOWN = say('503 Session store unavailable', '503 세션 저장소 장애');

export class Lab {
  readonly topology: Topology;
  private readonly record: boolean;
  private readonly latencyMs: number;
  private queue = new EventQueue<Envelope>();
  /** An array, not a Set: emit runs for every event, and iterating a Set allocates. */
  private listeners: Listener[] = [];
  private recorded: TraceEvent[] = [];
  private random!: SeededRandom;
  private servers: Server[] = [];
  private readonly serversById = new Map<string, Server>();
  private clients: Client[] = [];
  private readonly clientsByName = new Map<string, Client>();
  private relay: Relay | undefined;
  private store: SessionStore | undefined;
  private participantList: Participant[] = [];
  /** Requests sent and not yet answered. */
  private openRequests = 0;
  private protocol: ConversationProtocol | undefined;
  /** What messages show of the state they carry: the session cookie (login with a session) or the token. */
  private carried: CarriedState | undefined;
  private traceSeq = 0;
  private messageSeq = 0;
  private requestSeq = 0;
  private serverSeq = 0;
  private sessionSeq = 0;
  private dropNextMessage = false;
  private failNextRequest = false;
  /** Virtual time in milliseconds. */
  now = 0;
  /** Queue events handled so far (messages and timers). */
  eventsProcessed = 0;

  constructor(topology: Topology, options: LabOptions = {}) {
    this.topology = topology;
    this.record = options.record ?? true;
    this.latencyMs = topology.latencyMs;
    this.reset();
  }

  /** Back to the start: same topology, same seed, empty memory, empty trace. */
  reset(): void {
    const topology = this.topology;
    this.queue.clear();
    this.recorded = [];
    this.openRequests = 0;
    this.now = 0;
    this.eventsProcessed = this.traceSeq = this.messageSeq = this.requestSeq = this.serverSeq = this.sessionSeq = 0;
    this.dropNextMessage = false;
    this.failNextRequest = false;
    this.random = new SeededRandom(topology.seed);
    this.protocol = topology.protocol === 'tcp' ? undefined : conversationProtocols[topology.protocol];
    const cookies = topology.cookies !== false && topology.protocol === 'login' && (topology.state === 'server' || topology.state === 'store');
    this.carried = topology.state === 'token' ? 'token' : cookies ? 'cookie' : undefined;
    this.clients = topology.clients.map((name, index) => new Client(`c${index + 1}`, name, displayName(name, topology.names)));
    this.relay = topology.relay === 'none' ? undefined : new Relay('relay', 'Relay', topology.relay, this.random);
    this.servers = (topology.servers.length > 0 ? topology.servers : defaultServerNames(1)).map((name) => new Server(`s${++this.serverSeq}`, name, displayName(name, topology.names)));
    this.serversById.clear();
    for (const server of this.servers) this.serversById.set(server.id, server);
    this.clientsByName.clear();
    for (const client of this.clients) this.clientsByName.set(client.name, client);
    this.store = topology.state === 'store' ? new SessionStore('store', 'Session Store', topology.sessionTtlMs) : undefined;
    this.participantList = [
      ...this.clients.map((client): Participant => ({ id: client.id, kind: 'client', name: client.name, label: client.label })),
      ...(this.relay ? [{ id: this.relay.id, kind: 'relay', name: this.relay.name, label: RELAY_LABEL, ...(topology.drawRelay === false ? { hidden: true } : {}) } satisfies Participant] : []),
      ...this.servers.map((server): Participant => ({ id: server.id, kind: 'server', name: server.name, label: server.label })),
      ...(this.store ? [{ id: this.store.id, kind: 'store', name: this.store.name, label: STORE_LABEL } satisfies Participant] : []),
    ];
  }

  // ---- observing -------------------------------------------------------------------------

  subscribe(listener: Listener): () => void {
    this.listeners = [...this.listeners, listener];
    return () => {
      this.listeners = this.listeners.filter((candidate) => candidate !== listener);
    };
  }

  /** Every event so far (empty when the lab was created with `record: false`). */
  get trace(): readonly TraceEvent[] {
    return this.recorded;
  }

  /** Everyone who has taken part, in a stable order (servers added later come last). */
  get participants(): readonly Participant[] {
    return this.participantList;
  }

  get idle(): boolean {
    return this.queue.size === 0;
  }

  get pendingRequests(): number {
    return this.openRequests;
  }

  snapshot(): LabSnapshot {
    return takeSnapshot({ now: this.now, topology: this.topology, servers: this.servers, clients: this.clients, relay: this.relay, store: this.store, participants: this.participantList, pendingRequests: this.openRequests });
  }

  private get observed(): boolean {
    return this.record || this.listeners.length > 0;
  }

  /**
   * Hands an event to the trace and the listeners. Every event literal numbers itself
   * (`seq: ++this.traceSeq, time: this.now`) right where it is made and emitted: stamping it
   * here instead would write to nine event shapes from one place, which V8 handles slowly.
   */
  private emit(event: TraceEvent): void {
    if (this.record) this.recorded.push(event);
    const listeners = this.listeners;
    for (let index = 0; index < listeners.length; index++) (listeners[index] as Listener)(event);
  }

  // ---- running ---------------------------------------------------------------------------

  /** Handles the next event; false when there is nothing left to do. */
  step(): boolean {
    const envelope = this.queue.pop();
    if (envelope === undefined) return false;
    this.now = envelope.time;
    this.eventsProcessed++;
    this.handle(envelope);
    return true;
  }

  /** Runs until nothing is scheduled (or `maxEvents` were handled); returns how many were. */
  runUntilIdle(maxEvents = Number.POSITIVE_INFINITY): number {
    let handled = 0;
    while (handled < maxEvents && this.step()) handled++;
    return handled;
  }

  // ---- requests --------------------------------------------------------------------------

  /** A client sends a request; returns its id. Nothing moves until the lab steps. */
  send(clientName: string, request: string, params: Params = {}): number {
    const client = this.clientNamed(clientName);
    const known = requestsOf(this.topology.protocol);
    if (!known.some((spec) => spec.name === request)) {
      throw new LabError(`"${request}" is not a request of protocol "${this.topology.protocol}" (expected ${known.map((spec) => spec.name).join(', ')})`);
    }
    const requestId = ++this.requestSeq;
    const exchange: Exchange = { id: requestId, client, request, routedTo: undefined, done: false };
    this.openRequests++;
    client.sent++;
    if (this.observed) this.emit({ type: 'request-started', requestId, client: client.id, request, params, seq: ++this.traceSeq, time: this.now });
    if (this.protocol === undefined) this.sendSegmentRequest(exchange, params);
    else this.sendConversationRequest(this.protocol, exchange, params);
    return requestId;
  }

  private sendConversationRequest(protocol: ConversationProtocol, exchange: Exchange, params: Params): void {
    const { client, request } = exchange;
    const state = this.topology.state;
    const payload: RequestPayload = {
      type: 'request', client: client.id, request, params,
      context: state === 'client' ? client.context : undefined,
      sessionId: state === 'server' || state === 'store' ? client.sessionId : undefined,
      token: state === 'token' ? client.token : undefined,
    };
    const label = this.observed ? protocol.requestLabel(request, params, state === 'client' ? client.context : undefined) : NO_LABEL;
    this.transmit(client.id, this.entryFor(), 'request', exchange, label, payload);
  }

  private sendSegmentRequest(exchange: Exchange, params: Params): void {
    const { client, request } = exchange;
    if (request === 'connect') {
      const connection = `${client.id}:${client.sent}`;
      this.sendSegment(client.id, this.entryFor(), exchange, segmentPayload(client.id, 'SYN', connection));
      return;
    }
    if (client.connectionId === undefined) {
      this.finish(exchange, false, 'rejected', say('Not connected: connect first', '연결되어 있지 않음: 먼저 connect'));
      return;
    }
    const segment: Segment = request === 'send' ? 'DATA' : 'FIN';
    const data = request === 'send' ? String(params['data'] ?? '') : undefined;
    this.sendSegment(client.id, this.entryFor(), exchange, segmentPayload(client.id, segment, client.connectionId, data));
  }

  private sendSegment(from: string, to: string, exchange: Exchange, payload: SegmentPayload): void {
    this.transmit(from, to, 'packet', exchange, this.observed ? segmentLabel(payload.segment, payload.data) : NO_LABEL, payload);
  }

  /** Where a client's messages go first: the relay, or the only server. */
  private entryFor(): string {
    return this.relay?.id ?? (this.servers[0]?.id ?? 's1');
  }

  /** Puts a message on the wire. `bytes` is passed on when a relay forwards the same payload. */
  private transmit(from: string, to: string, kind: Envelope['kind'], exchange: Exchange, label: Text, payload: Payload, knownBytes = -1): void {
    const messageId = ++this.messageSeq;
    const lost: LossReason | undefined = this.dropNextMessage ? 'dropped' : undefined;
    const observed = this.observed;
    const bytes = knownBytes >= 0 || !observed ? knownBytes : estimateBytes(payload);
    const detail = observed && this.carried !== undefined ? stateHeader(payload, this.carried) : undefined;
    if (observed) this.emit({ type: 'message-sent', messageId, requestId: exchange.id, kind, from, to, label, detail, bytes, seq: ++this.traceSeq, time: this.now });
    if (lost !== undefined) {
      this.dropNextMessage = false;
      // Nothing will answer: the client gives up after its timeout.
      this.queue.push({ time: this.now + CLIENT_TIMEOUT_MS, seq: 0, messageId: 0, kind, from: to, to: from, label, detail: undefined, exchange, payload: TIMEOUT, lost: undefined, bytes: 0 });
    }
    this.queue.push({ time: this.now + this.latencyMs, seq: 0, messageId, kind, from, to, label, detail, exchange, payload, lost, bytes });
  }

  private handle(envelope: Envelope): void {
    const { payload } = envelope;
    if (payload.type === 'timeout') {
      this.finish(envelope.exchange, false, 'timeout', say('No answer (timed out)', '응답 없음 (시간 초과)'));
      return;
    }
    if (envelope.lost !== undefined) {
      this.lose(envelope, envelope.lost);
      return;
    }
    const server = this.serversById.get(envelope.to);
    if (server === undefined ? envelope.to.startsWith('s') && envelope.to !== 'store' : !server.up) {
      this.lose(envelope, 'server-down');
      this.answerForDeadServer(envelope, payload);
      return;
    }
    if (this.observed) this.emit({ type: 'message-delivered', messageId: envelope.messageId, requestId: envelope.exchange.id, kind: envelope.kind, from: envelope.from, to: envelope.to, label: envelope.label, detail: envelope.detail, seq: ++this.traceSeq, time: this.now });
    if (server !== undefined) this.serverReceives(server, envelope, payload);
    else if (envelope.to === this.relay?.id) this.relayReceives(this.relay, envelope, payload);
    else this.clientReceives(envelope, payload);
  }

  private lose(envelope: Envelope, reason: LossReason): void {
    if (this.observed) this.emit({ type: 'message-lost', messageId: envelope.messageId, requestId: envelope.exchange.id, kind: envelope.kind, from: envelope.from, to: envelope.to, label: envelope.label, detail: envelope.detail, reason, seq: ++this.traceSeq, time: this.now });
  }

  /** The server went away while the message travelled: the relay says 502, a direct client gets "connection refused". */
  private answerForDeadServer(envelope: Envelope, payload: Payload): void {
    if (payload.type === 'timeout') return;
    if (this.relay !== undefined && envelope.from === this.relay.id) {
      // The dead server no longer carries this request's load; the 502 is the relay's own answer.
      this.releaseLoad(envelope.exchange);
      this.respond(this.relay.id, payload.client, envelope.exchange, failure(payload.client, 502, 'server-down'), say('502 Bad Gateway', '502 Bad Gateway (서버 응답 없음)'));
      return;
    }
    this.finish(envelope.exchange, false, 'server-down', say('Connection refused: the server is down', '연결 거부: 서버가 죽어 있음'));
  }

  // ---- relay -----------------------------------------------------------------------------

  private relayReceives(relay: Relay, envelope: Envelope, payload: Payload): void {
    if (payload.type === 'timeout') return;
    if (payload.type === 'response' || (payload.type === 'segment' && envelope.from !== payload.client)) {
      // On the way back: pass it to the client.
      this.transmit(relay.id, payload.client, envelope.kind, envelope.exchange, envelope.label, payload, envelope.bytes);
      return;
    }
    const connection = payload.type === 'segment' ? payload.connection : undefined;
    const pinned = connection === undefined || (payload.type === 'segment' && payload.segment === 'SYN') ? undefined : relay.connections.get(connection);
    const chosen = relay.choose(this.servers, payload.client, pinned);
    if (chosen === undefined) {
      this.respond(relay.id, payload.client, envelope.exchange, failure(payload.client, 503, 'no-server'), say('503 Service Unavailable', '503 Service Unavailable (살아 있는 서버 없음)'));
      return;
    }
    const rerouted = relay.reroutedFrom;
    if (rerouted !== undefined && this.observed) {
      this.emit({ type: 'internal-step', actor: relay.id, requestId: envelope.exchange.id, label: say(`${rerouted.label.en} is down: re-route to ${chosen.label.en}`, `${rerouted.label.ko} 장애: ${withParticle(chosen.label.ko, '으로/로')} 재연결`), seq: ++this.traceSeq, time: this.now });
    }
    if (connection !== undefined) relay.connections.set(connection, chosen);
    const { exchange } = envelope;
    if (!exchange.done && exchange.routedTo === undefined) {
      exchange.routedTo = chosen;
      relay.opened(chosen);
    }
    this.transmit(relay.id, chosen.id, envelope.kind, exchange, envelope.label, payload, envelope.bytes);
  }

  // ---- servers ---------------------------------------------------------------------------

  private serverReceives(server: Server, envelope: Envelope, payload: Payload): void {
    if (payload.type === 'segment') this.serveSegment(server, envelope, payload);
    else if (payload.type === 'request' && this.protocol !== undefined) this.serveConversation(this.protocol, server, envelope, payload);
  }

  private serveConversation(protocol: ConversationProtocol, server: Server, envelope: Envelope, payload: RequestPayload): void {
    server.served++;
    const requestId = envelope.exchange.id;
    const state = this.topology.state;

    // 1. Find the conversation, wherever it lives.
    let context: Context = {};
    let expired = false;
    const sessionId = payload.sessionId ?? (state === 'server' || state === 'store' || protocol.name === 'login' ? this.newSessionId() : '');
    if (state === 'server' && payload.sessionId !== undefined) {
      const kept = server.sessions.get(payload.sessionId);
      if (kept === undefined) this.contextEvent('missing', server.id, payload.sessionId, undefined, requestId);
      else {
        context = kept;
        this.contextEvent('read', server.id, payload.sessionId, kept, requestId);
      }
    } else if (state === 'store' && payload.sessionId !== undefined) {
      const read = this.storeRead(server, payload.sessionId, requestId);
      if (read === 'down') {
        this.refuse(server, envelope, payload, 'store-down', STORE_DOWN);
        return;
      }
      if (read === 'expired') expired = true;
      else if (read !== undefined) context = read;
    } else if (state === 'client') {
      context = payload.context ?? {};
    } else if (state === 'token' && payload.token !== undefined) {
      const verified = verifyToken(payload.token);
      if (verified === undefined) {
        this.refuse(server, envelope, payload, 'invalid-token', say('401 Invalid token', '401 잘못된 토큰'));
        return;
      }
      context = verified;
    }

    // 2. Do the work.
    const resumed = payload.sessionId !== undefined || payload.token !== undefined || Object.keys(payload.context ?? {}).length > 0;
    const result = protocol.serve({ request: payload.request, params: payload.params, context, carried: state === 'client', resumed, sessionId, now: this.now });
    if (this.observed) for (const step of result.steps) this.emit({ type: 'internal-step', actor: server.id, requestId, label: step, seq: ++this.traceSeq, time: this.now });
    if (this.failNextRequest) {
      this.failNextRequest = false;
      this.group('start', SERVER_ERROR);
      this.refuse(server, envelope, payload, 'server-error', protocol.name === 'login' ? say('Login Failed', '로그인 실패') : say('500 Internal Server Error', '500 서버 오류'));
      return;
    }
    if (!result.ok) {
      this.refuse(server, envelope, payload, result.missingState ? (expired ? 'session-expired' : 'missing-state') : result.unauthenticated === true ? 'not-logged-in' : 'rejected', result.reply);
      return;
    }

    // 3. Keep the new state where it lives, and answer.
    const next = result.context;
    let response: ResponsePayload;
    const unchanged = next === context;
    // The session cookie is set when the session is new, and cleared when it ends.
    const cookie = payload.sessionId === sessionId ? undefined : sessionId;
    if ((state === 'server' || state === 'store') && unchanged) {
      // Nothing new to keep (a profile read): no write.
      response = success(payload.client, server.id, cookie);
    } else if (state === 'server' || state === 'store') {
      if (next === null) {
        if (state === 'server') server.sessions.delete(sessionId);
        else if (!this.storeWrite(server, sessionId, null, requestId)) {
          this.refuse(server, envelope, payload, 'store-down', STORE_DOWN);
          return;
        }
        this.contextEvent('deleted', state === 'server' ? server.id : (this.store?.id ?? 'store'), sessionId, undefined, requestId);
        this.respond(server.id, envelope.from, envelope.exchange, success(payload.client, server.id, ''), result.reply);
        return;
      } else {
        if (result.storeStep !== undefined && this.observed) this.emit({ type: 'internal-step', actor: server.id, requestId, label: result.storeStep, seq: ++this.traceSeq, time: this.now });
        if (state === 'server') {
          server.sessions.set(sessionId, next);
          this.contextEvent('stored', server.id, sessionId, next, requestId);
        } else if (!this.storeWrite(server, sessionId, next, requestId)) {
          this.refuse(server, envelope, payload, 'store-down', STORE_DOWN);
          return;
        }
      }
      response = success(payload.client, server.id, cookie);
    } else if (state === 'client') {
      response = success(payload.client, server.id, undefined, next);
    } else {
      response = success(payload.client, server.id, undefined, undefined, next === null ? null : signToken(next));
    }
    this.respond(server.id, envelope.from, envelope.exchange, response, result.reply);
  }

  private refuse(server: Server, envelope: Envelope, payload: RequestPayload, reason: FailureReason, reply: Text): void {
    this.respond(server.id, envelope.from, envelope.exchange, failure(payload.client, STATUS[reason], reason, server.id), reply);
  }

  private serveSegment(server: Server, envelope: Envelope, payload: SegmentPayload): void {
    const requestId = envelope.exchange.id;
    const connection = server.connections.get(payload.connection);
    const reply = (segment: Segment, data?: string): void => {
      this.sendSegment(server.id, envelope.from, envelope.exchange, segmentPayload(payload.client, segment, payload.connection, data, server.id));
    };
    const answer = this.segmentAnswer(server, payload, connection, requestId);
    if (answer !== undefined) reply(answer, answer === 'DATA-ACK' ? payload.data : undefined);
  }

  /** What a server answers to a TCP segment (undefined: nothing, as for the handshake's last ACK). */
  private segmentAnswer(server: Server, payload: SegmentPayload, connection: Connection | undefined, requestId: number): Segment | undefined {
    if (this.failNextRequest && payload.segment !== 'ACK') {
      this.failNextRequest = false;
      this.group('start', SERVER_ERROR);
      return 'RST';
    }
    switch (payload.segment) {
      case 'SYN':
        server.served++;
        server.connections.set(payload.connection, { id: payload.connection, client: payload.client, status: 'SYN-RECEIVED', bytes: 0, received: [] });
        return 'SYN-ACK';
      case 'ACK':
        if (connection === undefined) return 'RST';
        if (connection.status === 'LAST-ACK') {
          // The last ACK of the close: the connection is gone.
          server.connections.delete(connection.id);
          this.contextEvent('deleted', server.id, connection.id, undefined, requestId);
          return undefined;
        }
        connection.status = 'ESTABLISHED';
        this.connectionEvent('stored', server.id, connection, requestId);
        return undefined;
      case 'DATA':
        server.served++;
        if (connection?.status !== 'ESTABLISHED') {
          this.contextEvent('missing', server.id, payload.connection, undefined, requestId);
          return 'RST';
        }
        connection.bytes += (payload.data ?? '').length;
        if (this.observed) connection.received.push(payload.data ?? '');
        this.connectionEvent('stored', server.id, connection, requestId);
        return 'DATA-ACK';
      case 'FIN':
        server.served++;
        if (connection === undefined) return 'RST';
        connection.status = 'LAST-ACK';
        return 'FIN-ACK';
      default:
        return undefined;
    }
  }

  private respond(from: string, to: string, exchange: Exchange, payload: ResponsePayload, label: Text): void {
    this.transmit(from, to, 'response', exchange, label, payload);
  }

  // ---- the session store -------------------------------------------------------------------

  /** The store is called synchronously: its messages are recorded, not queued. Returns the context, undefined, 'expired' or 'down'. */
  private storeRead(server: Server, key: string, requestId: number): Context | undefined | 'expired' | 'down' {
    const store = this.store;
    if (store === undefined) return undefined;
    if (!this.storeCall(server, store, say('GET session', '세션 조회'), requestId)) return 'down';
    const read = store.read(key, this.now);
    const label = read.kind === 'found' ? say('session found', '세션 있음') : read.kind === 'expired' ? say('session expired', '세션 만료') : say('no such session', '세션 없음');
    this.storeReply(server, store, label, requestId);
    if (read.kind === 'found') {
      this.contextEvent('read', store.id, key, read.context, requestId);
      return read.context;
    }
    this.contextEvent(read.kind === 'expired' ? 'expired' : 'missing', store.id, key, undefined, requestId);
    return read.kind === 'expired' ? 'expired' : undefined;
  }

  private storeWrite(server: Server, key: string, context: Context | null, requestId: number): boolean {
    const store = this.store;
    if (store === undefined) return false;
    if (!this.storeCall(server, store, context === null ? say('DEL session', '세션 삭제') : say('SET session', '세션 저장'), requestId)) return false;
    if (context === null) store.delete(key);
    else {
      store.write(key, context, this.now);
      this.contextEvent('stored', store.id, key, context, requestId);
    }
    this.storeReply(server, store, say('OK', 'OK'), requestId);
    return true;
  }

  private storeCall(server: Server, store: SessionStore, label: Text, requestId: number): boolean {
    const messageId = ++this.messageSeq;
    if (this.observed) this.emit({ type: 'message-sent', messageId, requestId, kind: 'store-call', from: server.id, to: store.id, label, detail: undefined, bytes: 40 + label.en.length, seq: ++this.traceSeq, time: this.now });
    if (!store.up) {
      if (this.observed) this.emit({ type: 'message-lost', messageId, requestId, kind: 'store-call', from: server.id, to: store.id, label, detail: undefined, reason: 'store-down', seq: ++this.traceSeq, time: this.now });
      return false;
    }
    if (this.observed) this.emit({ type: 'message-delivered', messageId, requestId, kind: 'store-call', from: server.id, to: store.id, label, detail: undefined, seq: ++this.traceSeq, time: this.now });
    return true;
  }

  private storeReply(server: Server, store: SessionStore, label: Text, requestId: number): void {
    const messageId = ++this.messageSeq;
    if (!this.observed) return;
    this.emit({ type: 'message-sent', messageId, requestId, kind: 'store-reply', from: store.id, to: server.id, label, detail: undefined, bytes: 40 + label.en.length, seq: ++this.traceSeq, time: this.now });
    this.emit({ type: 'message-delivered', messageId, requestId, kind: 'store-reply', from: store.id, to: server.id, label, detail: undefined, seq: ++this.traceSeq, time: this.now });
  }

  // ---- clients ---------------------------------------------------------------------------

  private clientReceives(envelope: Envelope, payload: Payload): void {
    const { exchange } = envelope;
    // A late answer (after a timeout) finds nobody waiting.
    if (exchange.done) return;
    const { client } = exchange;
    if (payload.type === 'segment') {
      this.clientReceivesSegment(client, envelope, payload);
      return;
    }
    if (payload.type !== 'response') return;
    if (payload.ok) {
      if (payload.sessionId !== undefined) client.sessionId = payload.sessionId === '' ? undefined : payload.sessionId;
      if (payload.context !== undefined) this.clientKeeps(client, payload.context, exchange.id);
      if (payload.token !== undefined) {
        client.token = payload.token ?? undefined;
        const carried = payload.token === null ? undefined : verifyToken(payload.token);
        if (carried !== undefined) this.contextEvent('stored', client.id, 'token', carried, exchange.id);
      }
    } else if (payload.reason === 'missing-state' || payload.reason === 'session-expired' || payload.reason === 'invalid-token') {
      // The server lost the thread: the client has to start the conversation over.
      client.forgetConversation();
    }
    this.finish(exchange, payload.ok, payload.reason, envelope.label, payload.server);
  }

  private clientKeeps(client: Client, context: Context | null, requestId: number): void {
    client.context = context ?? {};
    if (context === null) this.contextEvent('deleted', client.id, 'context', undefined, requestId);
    else this.contextEvent('stored', client.id, 'context', context, requestId);
  }

  private clientReceivesSegment(client: Client, envelope: Envelope, payload: SegmentPayload): void {
    const { exchange } = envelope;
    switch (payload.segment) {
      case 'SYN-ACK':
        client.connectionId = payload.connection;
        this.sendSegment(client.id, envelope.from, exchange, segmentPayload(client.id, 'ACK', payload.connection));
        this.finish(exchange, true, undefined, say('Connected', '연결됨'), payload.server);
        return;
      case 'RST':
        client.connectionId = undefined;
        this.finish(exchange, false, 'connection-reset', say('Connection reset: start over', '연결 재설정(RST): 처음부터 다시'), payload.server);
        return;
      case 'FIN-ACK':
        // The close's last ACK (FIN, FIN-ACK, ACK).
        this.sendSegment(client.id, envelope.from, exchange, segmentPayload(client.id, 'ACK', payload.connection));
        client.connectionId = undefined;
        this.finish(exchange, true, undefined, say('Closed', '연결 종료'), payload.server);
        return;
      default:
        this.finish(exchange, true, undefined, envelope.label, payload.server);
    }
  }

  /** Every request ends exactly once: answered, refused, or timed out. */
  private finish(exchange: Exchange, ok: boolean, reason: FailureReason | undefined, label: Text, server?: string): void {
    if (exchange.done) return;
    exchange.done = true;
    this.openRequests--;
    this.releaseLoad(exchange);
    if (!this.observed) return;
    const status = ok ? 200 : STATUS[reason ?? 'rejected'];
    // Absent fields stay undefined rather than spread in: one object shape for every outcome.
    this.emit({ type: 'request-outcome', requestId: exchange.id, client: exchange.client.id, request: exchange.request, ok, status, label, reason, server, seq: ++this.traceSeq, time: this.now });
  }

  /** The relay stops counting the request against the server it went to (least-connections). */
  private releaseLoad(exchange: Exchange): void {
    if (exchange.routedTo === undefined) return;
    this.relay?.closed(exchange.routedTo);
    exchange.routedTo = undefined;
  }

  // ---- faults and operations ---------------------------------------------------------------

  crash(serverName: string): void {
    const server = this.serverNamed(serverName);
    if (!server.up) throw new LabError(`${server.name} is already down`);
    server.up = false;
    this.fault('crash', server.id, say(`${server.label.en} crashes`, `${server.label.ko} 장애 발생`));
    this.forgetMemory(server);
  }

  restart(serverName: string): void {
    const server = this.serverNamed(serverName);
    if (server.up) this.forgetMemory(server);
    server.up = true;
    this.fault('restart', server.id, say(`${server.label.en} restarts (empty memory)`, `${server.label.ko} 재시작 (메모리 비어 있음)`));
  }

  addServer(name?: string): string {
    const chosen = name ?? this.freshServerName();
    if (this.servers.some((server) => namesActor(chosen, server.name, server.label))) throw new LabError(`There is already a server named "${chosen}"`);
    const server = new Server(`s${++this.serverSeq}`, chosen, displayName(chosen, this.topology.names));
    this.servers.push(server);
    this.serversById.set(server.id, server);
    this.participantList.push({ id: server.id, kind: 'server', name: server.name, label: server.label });
    this.fault('add-server', server.id, say(`${server.label.en} joins (scale-out)`, `${server.label.ko} 증설`));
    return chosen;
  }

  removeServer(serverName: string): void {
    const server = this.serverNamed(serverName);
    this.servers = this.servers.filter((candidate) => candidate !== server);
    server.up = false;
    this.relay?.forget(server);
    this.fault('remove-server', server.id, say(`${server.label.en} is removed`, `${server.label.ko} 제거`));
    this.forgetMemory(server);
  }

  setStore(up: boolean): void {
    const store = this.store;
    if (store === undefined) throw new LabError(`There is no session store: state lives in the ${this.topology.state}, not in a store`);
    store.up = up;
    this.fault(up ? 'store-up' : 'store-down', store.id, up ? say('Session store is back', '세션 저장소 복구') : say('Session store goes down', '세션 저장소 장애'));
  }

  dropNext(): void {
    this.dropNextMessage = true;
    this.fault('drop-next', undefined, say('The next message will be lost', '다음 메시지 유실'));
  }

  /** The next request a server handles fails with a server error after its checks. */
  failNext(): void {
    this.failNextRequest = true;
    this.fault('error-next', undefined, say('The next request will hit a server error', '다음 요청에서 서버 오류'));
  }

  /** Marks an alternative in the trace ("Server Error" … "Success"), shown as alt/else in diagrams. */
  group(phase: 'start' | 'else' | 'end', label: Text): void {
    if (this.observed) this.emit({ type: 'group', phase, label, seq: ++this.traceSeq, time: this.now });
  }

  /** Lets virtual time pass (after everything in flight has arrived), e.g. for a session TTL. */
  wait(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new LabError(`wait needs a duration of 0 ms or more, got ${ms}`);
    this.runUntilIdle();
    this.now += ms;
    this.fault('wait', undefined, say(`${formatDuration(ms, 'en')} pass`, `${formatDuration(ms, 'ko')} 경과`));
  }

  private fault(fault: FaultKind, target: string | undefined, label: Text): void {
    if (this.observed) this.emit({ type: 'fault', fault, label, ...(target !== undefined ? { target } : {}), seq: ++this.traceSeq, time: this.now });
  }

  private forgetMemory(server: Server): void {
    const lost = server.forgetEverything();
    for (const [key, context] of lost.sessions) this.contextEvent('lost', server.id, key, context, 0);
    for (const connection of lost.connections) this.connectionEvent('lost', server.id, connection, 0);
  }

  // ---- helpers ---------------------------------------------------------------------------

  /** A conversation's state changed hands; `context` is what it held, when it matters. */
  private contextEvent(action: StateAction, holder: string, key: string, context: Context | undefined, requestId: number): void {
    if (!this.observed) return;
    const protocol = this.protocol;
    const fields = context === undefined ? NO_FIELDS : contextFields(context, protocol);
    const shown = context === undefined || protocol === undefined ? NO_LABEL : protocol.describeState(context);
    this.emit({ type: 'state', action, holder, key, fields, shown, requestId, seq: ++this.traceSeq, time: this.now });
  }

  private connectionEvent(action: StateAction, holder: string, connection: Connection, requestId: number): void {
    if (!this.observed) return;
    const peer = this.clients.find((client) => client.id === connection.client)?.name ?? connection.client;
    const values: Record<string, string | number> = { peer, connection: connection.id, status: connection.status, bytes: connection.bytes };
    const fields = Object.entries(values).map(([key, value]) => ({ name: tcpFieldNames[key] ?? same(key), value }));
    this.emit({ type: 'state', action, holder, key: connection.id, fields, shown: describeConnection(connection.status, connection.received), requestId, seq: ++this.traceSeq, time: this.now });
  }

  private newSessionId(): string {
    return `sess-${(++this.sessionSeq).toString().padStart(3, '0')}-${this.random.below(0x10000).toString(16).padStart(4, '0')}`;
  }

  private freshServerName(): string {
    let index = this.servers.length + 1;
    while (this.servers.some((server) => server.name === `Server${index}`)) index++;
    return `Server${index}`;
  }

  private clientNamed(name: string): Client {
    const client = this.clientsByName.get(name) ?? this.clients.find((candidate) => namesActor(name, candidate.name, candidate.label));
    if (client === undefined) throw new LabError(`No client named "${name}" (clients: ${this.clients.map((candidate) => candidate.name).join(', ')})`);
    return client;
  }

  private serverNamed(name: string): Server {
    const server = this.servers.find((candidate) => candidate.name === name) ?? this.servers.find((candidate) => namesActor(name, candidate.name, candidate.label));
    if (server === undefined) throw new LabError(`No server named "${name}" (servers: ${this.servers.map((candidate) => candidate.name).join(', ') || 'none'})`);
    return server;
  }
}

const NO_LABEL: Text = { en: '', ko: '' };
const NO_FIELDS: readonly StateField[] = [];
const TIMEOUT: TimeoutPayload = { type: 'timeout' };

export function formatDuration(ms: number, language: 'en' | 'ko'): string {
  const units: [number, string, string][] = [[3_600_000, 'h', '시간'], [60_000, 'min', '분'], [1000, 's', '초']];
  for (const [size, en, ko] of units) {
    if (ms >= size && ms % size === 0) return language === 'en' ? `${ms / size} ${en}` : `${ms / size}${ko}`;
  }
  return language === 'en' ? `${ms} ms` : `${ms}ms`;
}
