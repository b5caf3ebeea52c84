// The relay of a story over real sockets is the real reverse proxy (proxy.ts): it routes with the
// story's policy (the engine's Balancer, the same words), is told of crashes and restarts as the
// simulated relay is (its health check has run), and takes new servers. Its trace events are its
// own (its numbering, its request words); here they are put into the story's trace: the same hops,
// numbered as the story's requests, with the story's words for what travels.
import type { IncomingMessage } from 'node:http';
import { LabError } from '../engine/lab';
import type { Text } from '../engine/text';
import type { TraceEvent } from '../engine/trace';
import { PROXY_ID } from './exchangeTrace';
import type { Hops } from './hops';
import { createProxy, PROXY_POLICIES, type ProxyPolicy, type ReverseProxy } from './proxy';
import type { RealRelay, RelayStart } from './storyRelay';
import type { StoryServer } from './storyServer';
import type { Upstream } from './upstreams';
import { CLIENT_HEADER } from './wire';

function isProxyPolicy(policy: string): policy is ProxyPolicy {
  return (PROXY_POLICIES as readonly string[]).includes(policy);
}

export async function startProxyRelay(start: RelayStart): Promise<RealRelay> {
  const { policy } = start;
  if (!isProxyPolicy(policy)) throw new LabError(`the relay policy "${policy}" has no real proxy`);
  const relay = new ProxyRelay(start);
  await relay.begin(policy);
  return relay;
}

class ProxyRelay implements RealRelay {
  private proxy!: ReverseProxy;
  private address = '';
  /** The proxy's upstream ids and the story's server ids (both s1, s2 … but counted apart). */
  private readonly serverOf = new Map<string, string>();
  private readonly upstreamOf = new Map<string, Upstream>();
  /** The proxy's request numbers and the story's. */
  private readonly requestOf = new Map<number, number>();

  constructor(private readonly start: RelayStart) {}

  async begin(policy: ProxyPolicy): Promise<void> {
    const { servers, seed } = this.start;
    this.proxy = createProxy({
      upstreams: servers.map((server) => ({ name: server.server.name, label: server.server.label, url: server.url })),
      policy, seed, sink: this.translate,
      clientLabel: (req: IncomingMessage) => this.clientLabel(req),
    });
    this.proxy.upstreams.forEach((upstream, index) => {
      const server = servers[index];
      if (server !== undefined) this.pair(upstream, server);
    });
    this.address = (await this.proxy.start()).url;
  }

  get url(): string {
    return this.address;
  }

  down(serverId: string): void {
    this.proxy.markDown(this.upstream(serverId).id);
  }

  up(serverId: string): void {
    this.proxy.markUp(this.upstream(serverId).id);
  }

  add(server: StoryServer): Promise<void> {
    this.pair(this.proxy.addUpstream({ name: server.server.name, label: server.server.label, url: server.url }), server);
    return Promise.resolve();
  }

  remove(serverId: string): void {
    this.down(serverId);
  }

  stop(): Promise<void> {
    return this.proxy.stop();
  }

  discardNext(): void {
    const { hops } = this.start;
    this.proxy.discardNext(() => {
      const requestId = hops.requestTravellingTo(PROXY_ID);
      if (requestId !== undefined) hops.lose(requestId, 'dropped');
    });
  }

  private pair(upstream: Upstream, server: StoryServer): void {
    this.serverOf.set(upstream.id, server.server.id);
    this.upstreamOf.set(server.server.id, upstream);
  }

  private upstream(serverId: string): Upstream {
    const upstream = this.upstreamOf.get(serverId);
    if (upstream === undefined) throw new LabError(`the proxy has no upstream for ${serverId}`);
    return upstream;
  }

  private clientLabel(req: IncomingMessage): Text | undefined {
    const client = req.headers[CLIENT_HEADER];
    return typeof client === 'string' ? this.start.clientLabel(client) : undefined;
  }

  /**
   * The proxy's events as the story's: its request arriving and its choice, the request passed on
   * (a server's own arrival is said by the server), a hop that did not arrive, the answer coming
   * back and passed on (or the proxy's own 502/503). Its faults (marked down, back again) and
   * outcomes are the story's lab's to say, and are left out.
   */
  private readonly translate = (event: TraceEvent): void => {
    const hops: Hops = this.start.hops;
    if (event.type === 'request-started') {
      const travelling = hops.requestTravellingTo(PROXY_ID);
      if (travelling !== undefined) this.requestOf.set(event.requestId, travelling);
      return;
    }
    if (event.type === 'request-outcome') {
      this.requestOf.delete(event.requestId);
      return;
    }
    if (event.type !== 'message-sent' && event.type !== 'message-lost' && event.type !== 'internal-step') {
      if (event.type === 'message-delivered' && event.to === PROXY_ID) {
        const requestId = this.requestOf.get(event.requestId);
        if (requestId !== undefined) hops.arrive(requestId);
      }
      return;
    }
    const requestId = this.requestOf.get(event.requestId);
    if (requestId === undefined) return;
    if (event.type === 'internal-step') {
      hops.recorder.step(PROXY_ID, requestId, event.label, event.rerouted === true);
      return;
    }
    if (event.type === 'message-lost') {
      hops.lose(requestId, 'server-down');
      return;
    }
    if (event.from !== PROXY_ID) return;
    const said = hops.lastSaid(requestId);
    if (event.kind === 'request') {
      const server = this.serverOf.get(event.to);
      if (server !== undefined && said !== undefined) hops.leave(requestId, 'request', PROXY_ID, server, said.label, said.detail, event.bytes);
      return;
    }
    // An answer on its way back: the server's words, or the proxy's own (its 502 / 503) when no server answered.
    const client = hops.clientOf(requestId);
    if (client === undefined) return;
    const serverAnswered = said?.kind === 'response';
    hops.leave(requestId, 'response', PROXY_ID, client, serverAnswered ? said.label : event.label, serverAnswered ? said.detail : undefined, event.bytes);
  };
}
