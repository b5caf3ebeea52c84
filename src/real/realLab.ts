// A story over real sockets: every server a real HTTP server on a loopback port, every client a
// real HTTP client with a cookie jar, the relay a real reverse proxy, the session store a real
// Redis. The engine's Lab keeps the story's books (who takes part, what each server remembers,
// the faults and their words, the trace); this class does the real part of each step.
import { randomBytes } from 'node:crypto';
import { LabError } from '../engine/lab';
import type { Params, Topology } from '../engine/model';
import type { StatePlacementStrategy, StoreAccess } from '../engine/placements/placement';
import type { ConversationProtocol } from '../engine/protocols/protocol';
import type { Server } from '../engine/server';
import { Hops } from './hops';
import { RealStoryLab } from './realStoryLab';
import { RedisSessions } from './redisSessions';
import { startRedis, type OwnRedis } from './redisServer';
import { StoryClient } from './storyClient';
import { StoryServer } from './storyServer';
import { startProxyRelay } from './proxyRelay';
import type { RealRelay } from './storyRelay';

export interface RealLabOptions {
  /** A Redis to keep sessions in (redis://HOST:PORT); without it the lab starts its own redis-server. */
  readonly redisUrl?: string;
}

export class RealLab extends RealStoryLab {
  readonly hops: Hops;
  readonly protocol: ConversationProtocol;
  private readonly servers = new Map<string, StoryServer>();
  private readonly clients = new Map<string, StoryClient>();
  private sessions: RedisSessions | undefined;
  private ownRedis: OwnRedis | undefined;
  private relay: RealRelay | undefined;
  private closed = false;

  private constructor(topology: Topology) {
    super(topology);
    if (this.lab.protocol === undefined) throw new LabError('a TCP story runs on RealTcpLab (tcpLab.ts), not on the HTTP one');
    this.protocol = this.lab.protocol;
    this.hops = new Hops(this.lab.recorder, () => this.lab.network.messageId());
  }

  /** Starts everything the story needs: Redis (when state lives in a store), the servers, the relay. */
  static async open(topology: Topology, options: RealLabOptions = {}): Promise<RealLab> {
    const real = new RealLab(topology);
    try {
      await real.start(options);
    } catch (error) {
      await real.close();
      throw error;
    }
    return real;
  }

  private async start(options: RealLabOptions): Promise<void> {
    const { lab } = this;
    if (lab.placement.needsStore) {
      let url = options.redisUrl;
      if (url === undefined) {
        this.ownRedis = await startRedis();
        url = this.ownRedis.url;
      }
      this.sessions = new RedisSessions(url, `protocol-lab:${randomBytes(6).toString('hex')}:`, lab.topology.sessionTtlMs, this.hops);
    }
    for (const server of lab.servers) await this.startServer(server);
    if (lab.topology.relay !== 'none') {
      this.relay = await startProxyRelay({ policy: lab.topology.relay, servers: [...this.servers.values()], hops: this.hops, seed: lab.topology.seed, clientLabel: (id) => lab.participants.find((participant) => participant.id === id)?.label });
    }
    for (const client of this.lab.participants.filter((participant) => participant.kind === 'client')) {
      this.clients.set(client.id, new StoryClient(lab.clientNamed(client.name), this.clientHall()));
    }
  }

  private async startServer(server: Server): Promise<StoryServer> {
    const real = new StoryServer(server, this.servingHall());
    this.servers.set(server.id, real);
    await real.listen();
    await this.sessions?.open(server.id);
    return real;
  }

  /** Where a server listens (http://127.0.0.1:PORT): a person may call it too. */
  addressOf(serverName: string): string {
    return this.serverOf(this.lab.serverNamed(serverName).id).url;
  }

  // ---- the story's steps ---------------------------------------------------------------------

  send(clientName: string, request: string, params: Params = {}): number {
    const client = this.lab.clientNamed(clientName);
    this.lab.checkRequest(request);
    const exchange = this.lab.exchanges.start(client, request, params);
    const real = this.clients.get(client.id);
    if (real === undefined) throw new LabError(`no real client for ${clientName}`);
    this.track(real.send(exchange, params));
    return exchange.id;
  }

  crash(serverName: string): void {
    const server = this.lab.serverNamed(serverName);
    this.lab.crash(serverName);
    this.track(this.bringDown(server.id));
  }

  restart(serverName: string): void {
    const server = this.lab.serverNamed(serverName);
    const wasUp = server.up;
    this.lab.restart(serverName);
    this.track((async () => {
      if (wasUp) await this.bringDown(server.id);
      await this.serverOf(server.id).listen();
      await this.sessions?.open(server.id);
      this.relay?.up(server.id);
    })());
  }

  addServer(name?: string): string {
    const chosen = this.lab.addServer(name);
    const server = this.lab.serverNamed(chosen);
    this.track((async () => {
      const real = await this.startServer(server);
      await this.relay?.add(real);
    })());
    return chosen;
  }

  removeServer(serverName: string): void {
    const server = this.lab.serverNamed(serverName);
    this.lab.removeServer(serverName);
    this.track((async () => {
      await this.bringDown(server.id);
      this.relay?.remove(server.id);
    })());
  }

  setStore(up: boolean): void {
    this.lab.setStore(up);
    const sessions = this.sessions;
    if (sessions !== undefined) this.track(up ? sessions.rejoin() : sessions.cut());
  }

  /** The next request is lost where it first arrives (the relay, or the only server): nothing answers, and its client gives up after its timeout. */
  dropNext(): void {
    const entry = this.clientHall().entry();
    this.lab.dropNext();
    if (this.relay !== undefined) this.relay.discardNext();
    else this.serverOf(entry.id).discardNext();
  }

  override wait(ms: number): void {
    super.wait(ms);
    if (this.sessions !== undefined) this.track(this.sessions.age(ms));
  }

  /** Stops every server, the relay and the lab's own redis-server. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const client of this.clients.values()) client.close();
    await this.relay?.stop();
    for (const server of this.servers.values()) await server.crash();
    await this.sessions?.end();
    await this.ownRedis?.stop();
  }

  // ---- what the real actors work with ---------------------------------------------------------

  private async bringDown(serverId: string): Promise<void> {
    // As the simulated relay, the proxy learns of the crash at once (its health check has run).
    this.relay?.down(serverId);
    await this.serverOf(serverId).crash();
    await this.sessions?.close(serverId);
  }

  private serverOf(serverId: string): StoryServer {
    const server = this.servers.get(serverId);
    if (server === undefined) throw new LabError(`no real server ${serverId}`);
    return server;
  }

  private servingHall(): ConstructorParameters<typeof StoryServer>[1] {
    const { lab, hops, protocol } = this;
    return {
      protocol, placement: lab.placement, hops, carried: lab.carried,
      now: () => lab.clock.now,
      storeFor: (serverId, requestId): StoreAccess | undefined => this.sessions?.access(serverId, requestId),
      takeServerError: () => lab.takeServerError(),
      // A real server's session ids are random, as a real one's must be.
      newSessionId: () => randomBytes(12).toString('base64url'),
      backTo: (clientId) => (this.relay === undefined ? clientId : 'relay'),
    };
  }

  private clientHall(): ConstructorParameters<typeof StoryClient>[1] {
    const { lab, hops, protocol } = this;
    const placement: StatePlacementStrategy = lab.placement;
    return {
      protocol, placement, hops, exchanges: lab.exchanges, carried: lab.carried,
      entry: () => {
        if (this.relay !== undefined) return { id: 'relay', url: this.relay.url };
        const first = this.servers.values().next().value;
        if (first === undefined) throw new LabError('no server to send to');
        return { id: first.server.id, url: first.url };
      },
    };
  }
}
