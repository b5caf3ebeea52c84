// One of a story's clients as a real HTTP client: a real cookie jar (tough-cookie) keeps the
// session cookie as a browser does, and what it keeps otherwise (the context, a token) and what it
// makes of an answer are the engine client's own rules (placement.carry, Client.keepAnswer).
import { Agent, request } from 'node:http';
import { CookieJar } from 'tough-cookie';
import type { Client } from '../engine/client';
import { failure, success, type RequestPayload } from '../engine/envelope';
import type { Exchange } from '../engine/envelope';
import type { Exchanges } from '../engine/exchanges';
import { stateHeader, type CarriedState } from '../engine/headers';
import { TIMED_OUT } from '../engine/lab';
import { CLIENT_TIMEOUT_MS, type FailureReason, type Params } from '../engine/model';
import type { StatePlacementStrategy } from '../engine/placements/placement';
import type { ConversationProtocol } from '../engine/protocols/protocol';
import { same, say, type Text } from '../engine/text';
import type { Hops } from './hops';
import { CLIENT_HEADER, parseAnswerBody, readBody, REQUEST_ID_HEADER, requestPath, SESSION_COOKIE, sessionOf, wireBytes } from './wire';

/** What a real client works with. */
export interface ClientHall {
  readonly protocol: ConversationProtocol;
  readonly placement: StatePlacementStrategy;
  readonly hops: Hops;
  readonly exchanges: Exchanges;
  readonly carried: CarriedState | undefined;
  /** Where requests go first (the relay, or the only server): its trace id and its address. */
  entry(): { readonly id: string; readonly url: string };
}

const CONNECTION_REFUSED = say('Connection refused: the server is down', '연결 거부: 서버가 죽어 있음');
/** An answer that is not the story's (the relay's own 502 / 503, or something else on the port). */
const OWN_ANSWERS: Readonly<Record<number, { readonly reason: FailureReason; readonly words: Text }>> = {
  502: { reason: 'server-down', words: say('502 Bad Gateway', '502 Bad Gateway (서버 응답 없음)') },
  503: { reason: 'no-server', words: say('503 Service Unavailable', '503 Service Unavailable (살아 있는 서버 없음)') },
};

export class StoryClient {
  private readonly jar = new CookieJar();
  /** Keeps its connection open between requests, as a browser does. */
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });

  constructor(readonly client: Client, private readonly hall: ClientHall) {}

  /** Sends one request of the story and settles when its outcome is in the trace. */
  async send(exchange: Exchange, params: Params): Promise<void> {
    const { client, hall } = this;
    const entry = hall.entry();
    const url = `${entry.url}${requestPath(exchange.request)}`;
    const carried = hall.placement.carry(client);
    const cookie = await this.jar.getCookieString(url);
    const payload: RequestPayload = { type: 'request', client: client.id, request: exchange.request, params, context: carried.context, sessionId: sessionOf(cookie), token: carried.token };
    const body = JSON.stringify(carried.context === undefined ? { params } : { params, context: carried.context });
    const target = new URL(url);
    const headers: Record<string, string> = {
      host: target.host, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), [REQUEST_ID_HEADER]: String(exchange.id), [CLIENT_HEADER]: client.id,
    };
    if (cookie !== '') headers['cookie'] = cookie;
    if (carried.token !== undefined) headers['authorization'] = `Bearer ${carried.token}`;
    const detail = hall.carried === undefined ? undefined : stateHeader(payload, hall.carried);
    const label = hall.protocol.requestLabel(exchange.request, params, carried.context);
    hall.hops.leave(exchange.id, 'request', client.id, entry.id, label, detail, wireBytes(`POST ${target.pathname} HTTP/1.1`, { ...headers, connection: 'keep-alive' }, body));

    let response: Answer;
    try {
      response = await post(target, headers, body, this.agent);
    } catch (error) {
      if (error instanceof NoAnswer) {
        // Nothing came back within the client's timeout (a request lost on its way): the simulation's words.
        hall.exchanges.finish(exchange, false, 'timeout', TIMED_OUT);
        return;
      }
      // Nothing listens on the server's port: connection refused.
      hall.hops.lose(exchange.id, 'server-down');
      hall.exchanges.finish(exchange, false, 'server-down', CONNECTION_REFUSED);
      return;
    }
    for (const setCookie of response.setCookies) await this.jar.setCookie(setCookie, url);
    const answer = parseAnswerBody(response.text);
    if (answer === undefined) {
      const own = OWN_ANSWERS[response.status] ?? { reason: 'rejected', words: same(`${response.status} ${response.statusText}`) };
      this.arrived(exchange.id, own.words, response.bytes);
      hall.exchanges.finish(exchange, false, own.reason, own.words);
      return;
    }
    this.arrived(exchange.id, answer.reply, response.bytes);
    const handedSession = response.setCookies.length > 0 ? (await this.sessionCookie(url)) ?? '' : undefined;
    const kept = answer.ok
      ? success(client.id, answer.server, handedSession, answer.context, answer.token)
      : failure(client.id, response.status, answer.reason ?? 'rejected', answer.server, answer.lacks);
    client.keepAnswer(kept, hall.hops.recorder, exchange.id);
    // A client that starts over forgets its session cookie too (not the relay's own cookies).
    if (client.sessionId === undefined && (await this.sessionCookie(url)) !== undefined) await this.jar.setCookie(`${SESSION_COOKIE}=; Path=/; Max-Age=0`, url);
    hall.exchanges.finish(exchange, answer.ok, answer.reason, answer.reply, answer.server, answer.lacks);
  }

  /** The answer arrived; an answer nobody recorded leaving (the relay's own) is drawn from the entry. */
  private arrived(requestId: number, label: Text, bytes: number): void {
    const { hops } = this.hall;
    if (hops.travellingTo(requestId) === this.client.id) hops.arrive(requestId);
    else {
      hops.arrive(requestId);
      hops.passed(requestId, 'response', this.hall.entry().id, this.client.id, label, undefined, bytes);
    }
  }

  /** Closes the client's kept-open connection. */
  close(): void {
    this.agent.destroy();
  }

  private async sessionCookie(url: string): Promise<string | undefined> {
    const cookies = await this.jar.getCookies(url);
    return cookies.find((cookie) => cookie.key === SESSION_COOKIE)?.value;
  }
}

interface Answer {
  readonly status: number;
  readonly statusText: string;
  readonly setCookies: readonly string[];
  readonly text: string;
  readonly bytes: number;
}

/** The client gave up waiting for an answer (as the simulated client does after CLIENT_TIMEOUT_MS). */
class NoAnswer extends Error {
  override readonly name = 'NoAnswer';
}

/** One POST with exactly these headers; rejects when the connection is refused or cut, or nothing comes back in time. */
function post(target: URL, headers: Readonly<Record<string, string>>, body: string, agent: Agent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers, agent }, (incoming) => {
      readBody(incoming).then((text) => {
        const setCookies = incoming.headers['set-cookie'] ?? [];
        const head: Record<string, string | readonly string[]> = {};
        for (const [name, value] of Object.entries(incoming.headers)) if (value !== undefined) head[name] = value;
        const status = incoming.statusCode ?? 0;
        const statusText = incoming.statusMessage ?? '';
        resolve({ status, statusText, setCookies, text, bytes: wireBytes(`HTTP/1.1 ${status} ${statusText}`, head, text) });
      }, reject);
    });
    outgoing.setTimeout(CLIENT_TIMEOUT_MS, () => { outgoing.destroy(new NoAnswer(`no answer within ${CLIENT_TIMEOUT_MS} ms`)); });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
