// One of a story's servers as a real HTTP server on a loopback port. It serves with the same rules
// as the simulated one (serveRequest, the protocol's handlers, the placement), and its memory is
// the engine server's own: a crash destroys its sockets and forgets that memory, a restart listens
// again on the same port with nothing in it.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { failure, success, type ResponsePayload } from '../engine/envelope';
import { STATUS } from '../engine/exchanges';
import { stateHeader, type CarriedState } from '../engine/headers';
import type { Context, FailureReason } from '../engine/model';
import type { Handed, StatePlacementStrategy, StoreAccess } from '../engine/placements/placement';
import type { ConversationProtocol } from '../engine/protocols/protocol';
import type { Server } from '../engine/server';
import { serveRequest, type ServingDesk } from '../engine/serving';
import type { Text } from '../engine/text';
import type { StateAction } from '../engine/trace';
import type { Hops } from './hops';
import { CLIENT_HEADER, parseRequestBody, readBody, REQUEST_ID_HEADER, requestOfPath, sessionCookie, sessionOf, wireBytes, type AnswerBody } from './wire';

/** What a real server works with: the story's protocol and placement, the trace, the store, the lab's faults. */
export interface ServingHall {
  readonly protocol: ConversationProtocol;
  readonly placement: StatePlacementStrategy;
  readonly hops: Hops;
  /** What messages show of the state they carry (the cookie, the token), as the lab's network shows it. */
  readonly carried: CarriedState | undefined;
  now(): number;
  storeFor(serverId: string, requestId: number): StoreAccess | undefined;
  takeServerError(): boolean;
  newSessionId(): string;
  /** Who a server's answer goes back to: the relay, or the client itself. */
  backTo(clientId: string): string;
}

export class StoryServer {
  private readonly http: HttpServer;
  private readonly sockets = new Set<Socket>();
  private port = 0;
  private discarding = false;

  constructor(readonly server: Server, private readonly hall: ServingHall) {
    this.http = createServer((request, response) => {
      this.serve(request, response).catch((error: unknown) => {
        // A fault of the lab's own (not of the story): said in the answer, never a hung client.
        if (!response.headersSent) respond(response, 500, { error: `the lab's server failed: ${error instanceof Error ? error.message : 'unknown error'}` });
      });
    });
    this.http.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get listening(): boolean {
    return this.http.listening;
  }

  /** Listens on a port the OS picks, or (a restart) on the port it had. */
  async listen(): Promise<void> {
    this.http.listen(this.port, '127.0.0.1');
    await once(this.http, 'listening');
    const address = this.http.address();
    if (address !== null && typeof address !== 'string') this.port = address.port;
  }

  /** The next request is lost here (drop: next with no relay in front): read, never served, never answered. */
  discardNext(): void {
    this.discarding = true;
  }

  /** A crash: every connection cut at once, nothing answered, the port closed. */
  async crash(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    if (!this.http.listening) return;
    const closed = once(this.http, 'close');
    this.http.close();
    this.http.closeAllConnections();
    await closed;
  }

  private async serve(message: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestId = Number(message.headers[REQUEST_ID_HEADER]);
    const client = message.headers[CLIENT_HEADER];
    let text: string;
    try {
      text = await readBody(message);
    } catch (error) {
      respond(response, 413, { error: error instanceof Error ? error.message : String(error) });
      return;
    }
    const body = parseRequestBody(text);
    if (message.method !== 'POST' || body === undefined || !Number.isSafeInteger(requestId) || requestId <= 0 || typeof client !== 'string') {
      respond(response, 400, { error: `not a request of this story: POST /<request> with ${REQUEST_ID_HEADER}, ${CLIENT_HEADER} and a JSON body { params, context? }` });
      return;
    }
    const { hall, server } = this;
    if (this.discarding) {
      // Lost on its way: the client hears nothing and gives up after its timeout.
      this.discarding = false;
      hall.hops.lose(requestId, 'dropped');
      return;
    }
    hall.hops.arrive(requestId);
    server.served++;
    const sessionId = sessionOf(message.headers.cookie);
    const authorization = message.headers.authorization;
    const token = authorization?.startsWith('Bearer ') === true ? authorization.slice('Bearer '.length) : undefined;
    const desk = new RealDesk(hall, server, requestId, client, response);
    await serveRequest(hall.protocol, hall.placement, { request: requestOfPath(message.url), params: body.params, context: body.context, sessionId, token }, desk);
  }
}

/** A real server's side of one request: the placement's operations, the trace, and the HTTP answer. */
class RealDesk implements ServingDesk {
  readonly store: StoreAccess | undefined;

  constructor(private readonly hall: ServingHall, private readonly server: Server, private readonly requestId: number, private readonly client: string, private readonly response: ServerResponse) {
    this.store = hall.storeFor(server.id, requestId);
  }

  get memory(): Map<string, Context> {
    return this.server.sessions;
  }

  get serverId(): string {
    return this.server.id;
  }

  get now(): number {
    return this.hall.now();
  }

  report(action: StateAction, holder: string, key: string, context?: Context): void {
    this.hall.hops.recorder.conversationState(action, holder, key, context, this.requestId);
  }

  step(label: Text): void {
    this.hall.hops.recorder.step(this.server.id, this.requestId, label);
  }

  takeServerError(): boolean {
    return this.hall.takeServerError();
  }

  newSessionId(): string {
    return this.hall.newSessionId();
  }

  alternative(label: Text): void {
    this.hall.hops.recorder.group('start', label);
  }

  answered(reply: Text, handed: Handed): void {
    const { server, client } = this;
    const body: AnswerBody = { ok: true, reply, server: server.id, ...(handed.context !== undefined ? { context: handed.context } : {}), ...(handed.token !== undefined ? { token: handed.token } : {}) };
    this.send(200, body, success(client, server.id, handed.sessionId, handed.context, handed.token), handed.sessionId);
  }

  refused(reason: FailureReason, reply: Text, lacks?: Text): void {
    const { server, client } = this;
    const status = STATUS[reason];
    const body: AnswerBody = { ok: false, reply, server: server.id, reason, ...(lacks !== undefined ? { lacks } : {}) };
    this.send(status, body, failure(client, status, reason, server.id, lacks), undefined);
  }

  private send(status: number, body: AnswerBody, payload: ResponsePayload, sessionId: string | undefined): void {
    const { hall, response } = this;
    const json = JSON.stringify(body);
    const detail = hall.carried === undefined ? undefined : stateHeader(payload, hall.carried);
    if (sessionId !== undefined) response.setHeader('set-cookie', sessionCookie(sessionId));
    const head = { ...response.getHeaders(), ...jsonHeaders(json) } as Record<string, string | number | string[]>;
    hall.hops.leave(this.requestId, 'response', this.server.id, hall.backTo(this.client), body.reply, detail, wireBytes(`HTTP/1.1 ${status}`, head, json));
    respond(response, status, json);
  }
}

function jsonHeaders(json: string): Record<string, string | number> {
  return { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) };
}

function respond(response: ServerResponse, status: number, body: unknown): void {
  const json = typeof body === 'string' ? body : JSON.stringify(body);
  response.writeHead(status, jsonHeaders(json));
  response.end(json);
}
