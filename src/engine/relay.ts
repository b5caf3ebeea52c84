// The relay (load balancer): picks a server for each request by its policy. It learns of a
// crash at once (as if its health check had already run) and never picks a server that is down.
import type { RelayPolicy } from './model';
import type { SeededRandom } from './random';
import type { Server } from './server';

export class Relay {
  private nextIndex = 0;
  /** sticky: client → the server it is pinned to. */
  private readonly pins = new Map<string, Server>();
  /** Requests forwarded and not yet answered, per server (least-connections). */
  private readonly active = new Map<Server, number>();
  /** TCP connections: connection id → the server its packets go to. */
  readonly connections = new Map<string, Server>();
  /** Round-robin: a downed server whose turn came, not yet said (the relay says a re-route once, where it happens). */
  private skipped: Server | undefined;
  private readonly knownDown = new Set<Server>();

  constructor(
    readonly id: string,
    readonly name: string,
    readonly policy: RelayPolicy,
    private readonly random: SeededRandom,
  ) {}

  /** After `choose`: the server the request would have gone to, had it been up (sticky or TCP re-route). */
  reroutedFrom: Server | undefined;

  /** Chooses a server for a request from `client`; undefined when none is up. `pinned` continues a TCP connection. */
  choose(servers: readonly Server[], client: string, pinned?: Server): Server | undefined {
    const previous = pinned ?? (this.policy === 'sticky' ? this.pins.get(client) : undefined);
    this.reroutedFrom = undefined;
    if (previous !== undefined && previous.up && servers.includes(previous)) return previous;
    this.skipped = undefined;
    const server = this.pick(servers);
    if (server === undefined) return undefined;
    if (this.policy === 'sticky') this.pins.set(client, server);
    this.reroutedFrom = previous ?? this.skipped;
    if (this.reroutedFrom !== undefined) this.knownDown.add(this.reroutedFrom);
    return server;
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
      case 'sticky':
        for (let tried = 0; tried < count; tried++) {
          const server = servers[(this.nextIndex + tried) % count];
          if (server === undefined) continue;
          if (server.up) {
            this.knownDown.delete(server);
            this.nextIndex = (this.nextIndex + tried + 1) % count;
            return server;
          }
          if (tried === 0 && !this.knownDown.has(server)) this.skipped = server;
          this.knownDown.add(server);
        }
        return undefined;
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
