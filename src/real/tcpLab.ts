// A TCP story over real sockets: every server a real `net.Server` on a loopback port, every client
// connection a real `net.Socket`. The engine's Lab keeps the books (who takes part, the faults and
// their words, the trace), and the engine's own Client and Server keep the TCP rules (the
// handshake, the connection table, RST for a connection the server does not know); their segments
// travel on the real wire (tcpWire.ts) instead of the simulated network.
import type { ClientWork } from '../engine/client';
import { CONNECTION_REFUSED, LabError, TIMED_OUT } from '../engine/lab';
import { CLIENT_TIMEOUT_MS, type Params, type Topology } from '../engine/model';
import type { Server, Workplace } from '../engine/server';
import { RealStoryLab } from './realStoryLab';
import { TcpStoryServer } from './tcpServer';
import { TcpWire, type SegmentEnvelope, type SocketError, type TcpHall } from './tcpWire';

export class RealTcpLab extends RealStoryLab {
  private readonly wire: TcpWire;
  /** The engine's actors work with the lab's books and the real wire. */
  private readonly work: Workplace & ClientWork;
  private readonly servers = new Map<string, TcpStoryServer>();
  private closed = false;

  private constructor(topology: Topology) {
    // Real work in flight, and the requests still open: each settles when its outcome is drawn.
    super(topology, () => this.lab.exchanges.open > 0);
    if (topology.protocol !== 'tcp') throw new LabError(`a ${topology.protocol} story runs on RealLab, not on the TCP one`);
    if (topology.relay !== 'none') throw new LabError('a TCP story behind a relay is not played over real sockets: the real relay is an HTTP proxy, not a TCP one (play it in the simulation, or set relay: none to play it over real sockets)');
    const { lab } = this;
    this.wire = new TcpWire(this.hall());
    const { wire } = this;
    this.work = {
      protocol: undefined, placement: lab.placement, network: wire, recorder: lab.recorder, clock: lab.clock, store: undefined, desk: lab.desk, exchanges: lab.exchanges,
      get entry() { return lab.entry; },
      takeServerError: () => lab.takeServerError(),
      newSessionId: () => lab.newSessionId(),
      peerName: (clientId) => lab.peerName(clientId),
    };
    // A request is settled when its outcome is drawn (the handshake's last ACK and the close's are drawn before their outcome or at once after it).
    lab.subscribe((event) => { if (event.type === 'request-outcome') this.inFlight.wake(); });
  }

  /** Starts the story's servers, each on a loopback port of its own. */
  static async open(topology: Topology): Promise<RealTcpLab> {
    const real = new RealTcpLab(topology);
    try {
      for (const server of real.lab.servers) await real.startServer(server);
    } catch (error) {
      await real.close();
      throw error;
    }
    return real;
  }

  /** Where a server listens (127.0.0.1:PORT): a person may connect to it too. */
  addressOf(serverName: string): string {
    const { host, port } = this.serverOf(this.lab.serverNamed(serverName).id).address;
    return `${host}:${port}`;
  }

  /** What the clients' sockets reported (ECONNRESET for a real RST), in order. */
  get socketErrors(): readonly SocketError[] {
    return this.wire.socketErrors;
  }

  // ---- the story's steps ---------------------------------------------------------------------

  send(clientName: string, request: string, params: Params = {}): number {
    const client = this.lab.clientNamed(clientName);
    this.lab.checkRequest(request);
    const exchange = this.lab.exchanges.start(client, request, params);
    client.request(exchange, params, this.work);
    // As the simulated client, it gives up when nothing settles the request in time (a real socket that never answers).
    setTimeout(() => { this.lab.exchanges.finish(exchange, false, 'timeout', TIMED_OUT); }, CLIENT_TIMEOUT_MS).unref();
    return exchange.id;
  }

  crash(serverName: string): void {
    const server = this.lab.serverNamed(serverName);
    this.lab.crash(serverName);
    this.serverOf(server.id).crash();
  }

  restart(serverName: string): void {
    const server = this.lab.serverNamed(serverName);
    this.lab.restart(serverName);
    const real = this.serverOf(server.id);
    real.crash();
    this.track(real.listen());
  }

  addServer(name?: string): string {
    const chosen = this.lab.addServer(name);
    this.track(this.startServer(this.lab.serverNamed(chosen)).then(() => undefined));
    return chosen;
  }

  removeServer(serverName: string): void {
    const server = this.lab.serverNamed(serverName);
    this.lab.removeServer(serverName);
    this.serverOf(server.id).crash();
  }

  setStore(up: boolean): void {
    this.lab.setStore(up);
  }

  dropNext(): void {
    throw new LabError('drop: next is not played in a TCP story over real sockets: the kernel resends a lost segment by itself (run the story without --real)');
  }

  /** Closes every socket and port. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.wire.close();
    for (const server of this.servers.values()) await server.close();
  }

  // ---- what the real parts work with -----------------------------------------------------------

  private async startServer(server: Server): Promise<TcpStoryServer> {
    const real = new TcpStoryServer(server, this.wire);
    this.servers.set(server.id, real);
    await real.listen();
    return real;
  }

  private serverOf(serverId: string): TcpStoryServer {
    const server = this.servers.get(serverId);
    if (server === undefined) throw new LabError(`no real server ${serverId}`);
    return server;
  }

  private hall(): TcpHall {
    const lab = this.lab;
    return {
      recorder: lab.recorder,
      clock: lab.clock,
      messageId: () => lab.network.messageId(),
      serverOf: (serverId) => this.servers.get(serverId),
      arrived: (envelope) => { this.arrived(envelope); },
      refused: (envelope) => { this.refused(envelope); },
      failed: (error) => { this.inFlight.failed(error); },
    };
  }

  /** A segment arrives where it was sent, as on the lab's network: a server that is down takes nothing. */
  private arrived(envelope: SegmentEnvelope): void {
    const server = this.servers.get(envelope.to)?.server;
    if (server !== undefined && !server.up) {
      this.refused(envelope);
      return;
    }
    this.lab.recorder.delivered(envelope.messageId, envelope.exchange.id, envelope.kind, envelope.from, envelope.to, envelope.label, envelope.detail);
    if (server !== undefined) server.receive(envelope, this.work);
    else envelope.exchange.client.receive(envelope, this.work);
  }

  private refused(envelope: SegmentEnvelope): void {
    this.lab.recorder.lost(envelope.messageId, envelope.exchange.id, envelope.kind, envelope.from, envelope.to, envelope.label, envelope.detail, 'server-down');
    this.lab.exchanges.finish(envelope.exchange, false, 'server-down', CONNECTION_REFUSED);
  }

}
