// One of a TCP story's servers as a real `net.Server` on a loopback port. The kernel accepts
// connections and does their handshakes; what the server knows of them (its connection table) is
// the engine server's books. A crash is a machine going down: the port stops listening and the
// books are forgotten, but the connections it had accepted are not closed (a dead machine sends no
// FIN), so the client's next segment reaches a server that no longer knows it, and is answered
// with a real RST. A restart listens again on the same port, with nothing in its books.
import { once } from 'node:events';
import { createServer, type Server as NetServer, type Socket } from 'node:net';
import type { Server } from '../engine/server';

/** What the real server tells of what reaches it: bytes, a FIN, on the socket from a client's port. */
export interface TcpArrivals {
  data(server: TcpStoryServer, clientPort: number, chunk: Buffer): void;
  end(server: TcpStoryServer, clientPort: number): void;
}

export class TcpStoryServer {
  private listener: NetServer | undefined;
  private port = 0;
  /** Every connection the kernel accepted, by the client's port, kept through a crash. */
  private readonly accepted = new Map<number, Socket>();
  private readonly awaited = new Map<number, (socket: Socket) => void>();

  constructor(readonly server: Server, private readonly arrivals: TcpArrivals) {}

  get address(): { readonly host: string; readonly port: number } {
    return { host: '127.0.0.1', port: this.port };
  }

  get listening(): boolean {
    return this.listener?.listening === true;
  }

  /** Listens on a port the OS picks, or (a restart) on the port it had. */
  async listen(): Promise<void> {
    // Half-open allowed: a FIN from the client is the story's `close`, answered by the books, not by Node.
    const listener = createServer({ allowHalfOpen: true }, (socket) => { this.accept(socket); });
    this.listener = listener;
    listener.listen(this.port, '127.0.0.1');
    await once(listener, 'listening');
    const address = listener.address();
    if (address !== null && typeof address !== 'string') this.port = address.port;
  }

  /** The machine goes down: the port closes; the accepted connections are left as they are (no FIN). */
  crash(): void {
    // close() stops accepting at once; its callback would wait for the orphaned connections, so it is not awaited.
    this.listener?.close();
    this.listener = undefined;
  }

  /** The socket of the connection from `clientPort`, once the kernel handed it over (it may come just after the client's `connect`). */
  socketFrom(clientPort: number): Promise<Socket> {
    const socket = this.accepted.get(clientPort);
    if (socket !== undefined) return Promise.resolve(socket);
    return new Promise((resolve) => this.awaited.set(clientPort, resolve));
  }

  /** The end of the run: every connection closed, then the port. */
  async close(): Promise<void> {
    for (const socket of this.accepted.values()) socket.destroy();
    this.accepted.clear();
    const listener = this.listener;
    this.listener = undefined;
    if (listener === undefined) return;
    const closed = once(listener, 'close');
    listener.close();
    await closed;
  }

  private accept(socket: Socket): void {
    const clientPort = socket.remotePort;
    if (clientPort === undefined) {
      socket.destroy();
      return;
    }
    this.accepted.set(clientPort, socket);
    socket.on('data', (chunk: Buffer) => { this.arrivals.data(this, clientPort, chunk); });
    socket.on('end', () => { this.arrivals.end(this, clientPort); });
    // A connection the server reset or the client cut: nothing more to tell (the client's side says what happened).
    socket.on('error', () => undefined);
    socket.once('close', () => {
      if (this.accepted.get(clientPort) === socket) this.accepted.delete(clientPort);
    });
    const waiting = this.awaited.get(clientPort);
    this.awaited.delete(clientPort);
    waiting?.(socket);
  }
}
