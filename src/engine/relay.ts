// The relay (load balancer): picks a server for each request by its policy. It learns of a
// crash at once (as if its health check had already run) and never picks a server that is down.
import { failure, type Envelope } from './envelope';
import type { Exchanges } from './exchanges';
import type { RelayPolicy } from './model';
import type { Network } from './network';
import type { SeededRandom } from './random';
import type { TraceRecorder } from './recorder';
import { routeWords, type RouteDecision } from './routing';
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

export class Relay {
  /** Round-robin: the server picked last and where it stood; the next turn is the one after it (a server that joins takes the next turn). */
  private lastPicked: Server | undefined;
  private lastIndex = -1;
  /** sticky: client → the server it is pinned to. */
  private readonly pins = new Map<string, Server>();
  /** Requests forwarded and not yet answered, per server (least-connections). */
  private readonly active = new Map<Server, number>();
  /** TCP connections: connection id → the server its packets go to. */
  readonly connections = new Map<string, Server>();
  /** Round-robin: the downed server whose turn it was, in the pick just made (said every time its turn comes). */
  private skipped: Server | undefined;
  /** Servers that joined and have not had a turn yet. */
  private readonly newcomers = new Set<Server>();
  /** Why the last `choose` picked what it did. */
  decision: RouteDecision | undefined;

  constructor(
    readonly id: string,
    readonly name: string,
    readonly policy: RelayPolicy,
    private readonly random: SeededRandom,
  ) {}

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

  /**
   * Chooses a server for a request from `client`; undefined when none is up. `pinned` continues a
   * TCP connection, `opening` starts one. `decision` says why.
   */
  choose(servers: readonly Server[], client: string, pinned?: Server, opening = false): Server | undefined {
    const sticky = this.policy === 'sticky' ? this.pins.get(client) : undefined;
    const previous = pinned ?? sticky;
    this.decision = undefined;
    if (previous !== undefined && previous.up && servers.includes(previous)) {
      this.decision = { reason: pinned !== undefined ? 'connection' : 'pinned', to: previous.label };
      return previous;
    }
    this.skipped = undefined;
    const server = this.pick(servers);
    if (server === undefined) return undefined;
    if (this.policy === 'sticky') this.pins.set(client, server);
    const joined = this.newcomers.delete(server);
    // A new client's pin and a new connection are said as such, even when a downed server's turn was passed over.
    const down = previous ?? (opening || this.policy === 'sticky' ? undefined : this.skipped);
    this.decision = down !== undefined
      ? { reason: 'rerouted', to: server.label, from: down.label, pinned: sticky !== undefined && pinned === undefined }
      : { reason: opening ? 'new-connection' : this.policy === 'sticky' ? 'pin' : joined ? 'joined' : 'policy', to: server.label };
    return server;
  }

  /** A server that joins: its first turn is said as such. */
  welcome(server: Server): void {
    this.newcomers.add(server);
  }

  private pick(servers: readonly Server[]): Server | undefined {
    const count = servers.length;
    switch (this.policy) {
      case 'none':
        return servers[0]?.up === true ? servers[0] : undefined;
      case 'random': {
        const up = servers.filter((server) => server.up);
        return up[this.random.below(up.length)];
      }
      case 'least-connections': {
        let best: Server | undefined;
        let bestLoad = Infinity;
        for (const server of servers) {
          const load = this.active.get(server) ?? 0;
          if (server.up && load < bestLoad) {
            best = server;
            bestLoad = load;
          }
        }
        return best;
      }
      case 'round-robin':
      case 'sticky': {
        // The turn after the last server picked; it is looked up again only when a removal moved it (-1: start over).
        const last = servers[this.lastIndex] === this.lastPicked ? this.lastIndex : this.lastPicked === undefined ? -1 : servers.indexOf(this.lastPicked);
        const start = last + 1;
        for (let tried = 0; tried < count; tried++) {
          const server = servers[(start + tried) % count];
          if (server === undefined) continue;
          if (server.up) {
            this.lastPicked = server;
            this.lastIndex = (start + tried) % count;
            return server;
          }
          if (tried === 0) this.skipped = server;
        }
        return undefined;
      }
    }
  }

  opened(server: Server): void {
    this.active.set(server, (this.active.get(server) ?? 0) + 1);
  }

  closed(server: Server): void {
    this.active.set(server, Math.max(0, (this.active.get(server) ?? 0) - 1));
  }

  /** A removed server: no more load to count. Pins stay, so the next request shows the re-route. */
  forget(server: Server): void {
    this.active.delete(server);
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
