// A client: what it keeps between requests (where state lives decides what), how it sends a
// request, and what it does with the answer: keep the cookie, the context or the token; start
// over when the server lost the thread; finish a TCP handshake or close with its last ACK.
import { segmentPayload, type Envelope, type Exchange, type RequestPayload, type ResponsePayload, type SegmentPayload } from './envelope';
import type { Exchanges } from './exchanges';
import type { Context, Params } from './model';
import type { Transmitter } from './network';
import type { ClientMemory, StatePlacementStrategy } from './placements/placement';
import type { ConversationProtocol } from './protocols/protocol';
import { segmentLabel, type Segment } from './protocols/tcp';
import { NO_LABEL, type TraceRecorder } from './recorder';
import { withParticle } from './korean';
import { say, type Text } from './text';
import { verifyToken } from './token';

/** What clients work with. */
export interface ClientWork {
  readonly protocol: ConversationProtocol | undefined;
  readonly placement: StatePlacementStrategy;
  readonly network: Transmitter;
  readonly recorder: TraceRecorder;
  readonly exchanges: Exchanges;
  /** Where a client's messages go first: the relay, or the only server. */
  readonly entry: string;
}

const NOT_CONNECTED = say('Not connected: connect first', '연결되어 있지 않음: 먼저 connect');
/** Data after this side's own close: the lesson is that a closed connection carries nothing more. */
function closedHere(client: Text): Text {
  return say(`${client.en} closed the connection (FIN), so the data cannot be sent`, `${withParticle(client.ko, '이/가')} 연결을 닫아서(FIN) 데이터를 보낼 수 없음`);
}
const CONNECTED = say('Connected', '연결됨');
const RESET = say('Connection reset: start over', '연결 재설정(RST): 처음부터 다시');
const CLOSED = say('Closed', '연결 종료');

export class Client implements ClientMemory {
  /** Session cookie (state: server or store). */
  sessionId: string | undefined;
  /** The whole conversation (state: client). */
  context: Context = {};
  /** Signed state (state: token). */
  token: string | undefined;
  /** The open TCP connection, if any. */
  connectionId: string | undefined;
  /** This client closed its last connection itself (FIN) rather than lose it to a reset or never open one. */
  closedItself = false;
  /** Requests sent so far; numbers connection ids. */
  sent = 0;

  constructor(
    readonly id: string,
    readonly name: string,
    readonly label: Text,
  ) {}

  forgetConversation(): void {
    this.sessionId = undefined;
    this.context = {};
    this.token = undefined;
  }

  /** Sends a request with what this client carries (or, for TCP, the segment it means). */
  request(exchange: Exchange, params: Params, work: ClientWork): void {
    const protocol = work.protocol;
    if (protocol === undefined) {
      this.sendSegmentRequest(exchange, params, work);
      return;
    }
    const carried = work.placement.carry(this);
    const payload: RequestPayload = { type: 'request', client: this.id, request: exchange.request, params, context: carried.context, sessionId: carried.sessionId, token: carried.token };
    const label = work.recorder.observed ? protocol.requestLabel(exchange.request, params, carried.context) : NO_LABEL;
    work.network.transmit(this.id, work.entry, 'request', exchange, label, payload);
  }

  private sendSegmentRequest(exchange: Exchange, params: Params, work: ClientWork): void {
    const { request } = exchange;
    if (request === 'connect') {
      this.sendSegment(work.entry, exchange, segmentPayload(this.id, 'SYN', `${this.id}:${this.sent}`), work);
      return;
    }
    if (this.connectionId === undefined) {
      work.exchanges.finish(exchange, false, 'rejected', this.closedItself ? closedHere(this.label) : NOT_CONNECTED);
      return;
    }
    const segment: Segment = request === 'send' ? 'DATA' : 'FIN';
    const data = request === 'send' ? String(params['data'] ?? '') : undefined;
    this.sendSegment(work.entry, exchange, segmentPayload(this.id, segment, this.connectionId, data), work);
  }

  private sendSegment(to: string, exchange: Exchange, payload: SegmentPayload, work: ClientWork): void {
    work.network.transmit(this.id, to, 'packet', exchange, work.recorder.observed ? segmentLabel(payload.segment, payload.data, work.recorder.words) : NO_LABEL, payload);
  }

  receive(envelope: Envelope, work: ClientWork): void {
    const { exchange, payload } = envelope;
    // A late answer (after a timeout) finds nobody waiting.
    if (exchange.done) return;
    if (payload.type === 'segment') {
      this.receiveSegment(envelope, payload, work);
      return;
    }
    if (payload.type !== 'response') return;
    this.keepAnswer(payload, work.recorder, exchange.id);
    work.exchanges.finish(exchange, payload.ok, payload.reason, envelope.label, payload.server, payload.lacks);
  }

  /** Takes what an answer hands back (a cookie, the context, a token), or starts over when the server lost the thread. The real client does the same. */
  keepAnswer(payload: ResponsePayload, recorder: TraceRecorder, requestId: number): void {
    if (payload.ok) {
      if (payload.sessionId !== undefined) this.sessionId = payload.sessionId === '' ? undefined : payload.sessionId;
      if (payload.context !== undefined) {
        this.context = payload.context ?? {};
        if (payload.context === null) recorder.conversationState('deleted', this.id, 'context', undefined, requestId);
        else recorder.conversationState('stored', this.id, 'context', payload.context, requestId);
      }
      if (payload.token !== undefined) {
        this.token = payload.token ?? undefined;
        const carried = payload.token === null ? undefined : verifyToken(payload.token);
        if (carried !== undefined) recorder.conversationState('stored', this.id, 'token', carried, requestId);
      }
    } else if (payload.reason === 'missing-state' || payload.reason === 'session-expired' || payload.reason === 'invalid-token') {
      // The server lost the thread: the client has to start the conversation over.
      this.forgetConversation();
    }
  }

  private receiveSegment(envelope: Envelope, payload: SegmentPayload, work: ClientWork): void {
    const { exchange } = envelope;
    switch (payload.segment) {
      case 'SYN-ACK':
        this.connectionId = payload.connection;
        this.closedItself = false;
        this.sendSegment(envelope.from, exchange, segmentPayload(this.id, 'ACK', payload.connection), work);
        work.exchanges.finish(exchange, true, undefined, CONNECTED, payload.server);
        return;
      case 'RST':
        this.connectionId = undefined;
        this.closedItself = false;
        work.exchanges.finish(exchange, false, payload.reason ?? 'connection-reset', RESET, payload.server);
        return;
      case 'FIN-ACK':
        // The close's last ACK (FIN, FIN-ACK, ACK).
        this.sendSegment(envelope.from, exchange, segmentPayload(this.id, 'ACK', payload.connection), work);
        this.connectionId = undefined;
        this.closedItself = true;
        work.exchanges.finish(exchange, true, undefined, CLOSED, payload.server);
        return;
      default:
        work.exchanges.finish(exchange, true, undefined, envelope.label, payload.server);
    }
  }
}
