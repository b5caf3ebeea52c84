// The relay (load balancer): picks a server for each request by its policy (balancer.ts chooses). It learns of a
// crash at once (as if its health check had already run) and never picks a server that is down.
import { Balancer } from './balancer';
import { failure, type Envelope } from './envelope';
import type { Exchanges } from './exchanges';
import type { RelayPolicy } from './model';
import type { Network } from './network';
import type { SeededRandom } from './random';
import type { TraceRecorder } from './recorder';
import { routeWords } from './routing';
import type { Server } from './server';
import { lazy, say } from './text';

/** What the relay works with. */
export interface RelayWork {
  readonly servers: readonly Server[];
  readonly network: Network;
  readonly recorder: TraceRecorder;
  readonly exchanges: Exchanges;
}

const NO_SERVER = say('503 Service Unavailable', '503 Service Unavailable (살아 있는 서버 없음)');
const BAD_GATEWAY = say('502 Bad Gateway', '502 Bad Gateway (서버 응답 없음)');

export class Relay extends Balancer<Server> {
  /** TCP connections: connection id → the server its packets go to. */
  readonly connections = new Map<string, Server>();

  constructor(
    readonly id: string,
    readonly name: string,
    policy: RelayPolicy,
    random: SeededRandom,
  ) {
    super(policy, random);
  }

  /** Passes a message on: an answer back to its client, a request (or packet) to the server the policy picks. */
  forward(envelope: Envelope, work: RelayWork): void {
    const { payload, exchange } = envelope;
    const { network } = work;
    if (payload.type === 'timeout') return;
    if (payload.type === 'response' || (payload.type === 'segment' && envelope.from !== payload.client)) {
      // On the way back: pass it to the client.
      network.transmit(this.id, payload.client, envelope.kind, exchange, envelope.label, payload, envelope.bytes);
      return;
    }
    const segment = payload.type === 'segment' ? payload.segment : undefined;
    const connection = payload.type === 'segment' ? payload.connection : undefined;
    const pinned = connection === undefined || segment === 'SYN' ? undefined : this.connections.get(connection);
    const chosen = this.choose(work.servers, payload.client, pinned, segment === 'SYN');
    if (chosen === undefined) {
      network.transmit(this.id, payload.client, 'response', exchange, NO_SERVER, failure(payload.client, 503, 'no-server'));
      return;
    }
    const decision = this.decision;
    if (decision !== undefined && work.recorder.observed) {
      const client = exchange.client.label;
      work.recorder.step(this.id, exchange.id, lazy(() => routeWords(decision, this.policy, client)), decision.reason === 'rerouted');
    }
    if (connection !== undefined) this.connections.set(connection, chosen);
    if (!exchange.done && exchange.routedTo === undefined) {
      exchange.routedTo = chosen;
      this.opened(chosen);
    }
    network.transmit(this.id, chosen.id, envelope.kind, exchange, envelope.label, payload, envelope.bytes);
  }

  /** The server went away while the request travelled to it: the relay's own answer is a 502. */
  answerForDeadServer(envelope: Envelope, work: RelayWork): void {
    const { payload, exchange } = envelope;
    if (payload.type === 'timeout') return;
    // The dead server no longer carries this request's load.
    work.exchanges.releaseLoad(exchange);
    work.network.transmit(this.id, payload.client, 'response', exchange, BAD_GATEWAY, failure(payload.client, 502, 'server-down'));
  }

  /** The routing table for the inspector. */
  table(): { pins: [string, string][]; active: [string, number][]; connections: [string, string][] } {
    return {
      pins: [...this.pins].map(([client, server]) => [client, server.id]),
      active: [...this.active].map(([server, count]) => [server.id, count]),
      connections: [...this.connections].map(([connection, server]) => [connection, server.id]),
    };
  }
}
