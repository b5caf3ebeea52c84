// Real mode's TCP wire: where the engine's clients and servers put their segments when a TCP story
// runs over real sockets. The engine's actors keep the rules (the client's SYN, DATA and FIN, the
// server's connection table and its answers); the wire does each segment for real on a loopback
// socket and hands it over when the real socket says it arrived. Segments the kernel makes by
// itself (SYN-ACK, the ACKs) cannot be seen from Node: they are drawn at the real moment that
// proves they were sent.
import { connect, type Socket } from 'node:net';
import { segmentPayload, type Envelope, type Exchange, type Payload, type SegmentPayload } from '../engine/envelope';
import { LabError } from '../engine/lab';
import type { Transmitter } from '../engine/network';
import type { Segment } from '../engine/protocols/tcp';
import type { TraceRecorder, VirtualClock } from '../engine/recorder';
import type { Text } from '../engine/text';
import type { MessageKind } from '../engine/trace';
import type { TcpArrivals, TcpStoryServer } from './tcpServer';

/** A segment as the trace and the engine's actors see it. */
export type SegmentEnvelope = Envelope & { readonly payload: SegmentPayload };

/** What the wire works with: the trace, the real servers, and the lab that hands segments to its actors. */
export interface TcpHall {
  readonly recorder: TraceRecorder;
  readonly clock: VirtualClock;
  messageId(): number;
  serverOf(serverId: string): TcpStoryServer | undefined;
  /** A segment reached its actor (the engine's server or client takes it). */
  arrived(envelope: SegmentEnvelope): void;
  /** Nothing listens where the segment went: the connection is refused. */
  refused(envelope: SegmentEnvelope): void;
  /** Something went wrong in the real part (not in the story). */
  failed(error: unknown): void;
}

/** What a client's socket reported: ECONNRESET is a real RST, ECONNREFUSED a closed port. */
export interface SocketError {
  readonly client: string;
  readonly connection: string;
  readonly code: string;
}

/** A client's side of one connection, and the segments on their way over it. */
interface ClientEnd {
  readonly socket: Socket;
  readonly server: TcpStoryServer;
  readonly syn: SegmentEnvelope;
  clientPort: number | undefined;
  connected: boolean;
  data: { readonly envelope: SegmentEnvelope; readonly expected: number; readonly chunks: Buffer[]; received: number } | undefined;
  fin: SegmentEnvelope | undefined;
  finAck: SegmentEnvelope | undefined;
  rst: SegmentEnvelope | undefined;
}

/**
 * Bytes on the wire as Linux sends them over loopback: IPv4 (20) and TCP (20) headers, plus the
 * options: MSS, SACK, timestamps and window scale on a SYN or SYN-ACK (20), timestamps on the rest (12).
 */
const HANDSHAKE_HEADER_BYTES = 60;
const HEADER_BYTES = 52;

export class TcpWire implements Transmitter, TcpArrivals {
  /** What the clients' sockets reported, in order. */
  readonly socketErrors: SocketError[] = [];
  private readonly ends = new Map<string, ClientEnd>();
  private readonly endsByPort = new Map<number, ClientEnd>();
  private readonly arriving: SegmentEnvelope[] = [];
  private draining = false;
  private closed = false;

  constructor(private readonly hall: TcpHall) {}

  transmit(from: string, to: string, kind: MessageKind, exchange: Exchange, label: Text, payload: Payload): void {
    if (payload.type !== 'segment') throw new LabError(`the real TCP wire carries TCP segments, not a ${payload.type}`);
    const { hall } = this;
    const { segment } = payload;
    // Only DATA carries the data (the ACK of it names the data for its label, not on the wire).
    const bytes = segment === 'SYN' || segment === 'SYN-ACK' ? HANDSHAKE_HEADER_BYTES : HEADER_BYTES + (segment === 'DATA' ? Buffer.byteLength(payload.data ?? '') : 0);
    const envelope: SegmentEnvelope = { time: hall.clock.now, seq: 0, messageId: hall.messageId(), kind, from, to, label, detail: undefined, exchange, payload, lost: undefined, bytes };
    hall.recorder.sent(envelope.messageId, exchange.id, kind, from, to, label, undefined, bytes);
    switch (segment) {
      case 'SYN':
        this.open(envelope);
        return;
      case 'DATA':
        this.write(envelope);
        return;
      case 'FIN':
        this.endFromClient(envelope);
        return;
      case 'FIN-ACK':
        this.fromServer(envelope, (socket) => socket.end());
        return;
      case 'RST':
        this.fromServer(envelope, (socket) => socket.resetAndDestroy());
        return;
      default:
        // SYN-ACK and the ACKs are the kernel's: they were sent before the real event that drew them.
        this.arrive(envelope);
    }
  }

  /** Bytes reached a server on the connection from `clientPort`: the story's data arrives once all of it is read (TCP is a stream). */
  data(server: TcpStoryServer, clientPort: number, chunk: Buffer): void {
    const pending = this.endsByPort.get(clientPort)?.data;
    if (pending === undefined) {
      // Bytes the story did not send (someone else on the port): the server knows no such connection.
      void server.socketFrom(clientPort).then((socket) => socket.resetAndDestroy());
      return;
    }
    pending.chunks.push(chunk);
    pending.received += chunk.length;
    if (pending.received < pending.expected) return;
    const end = this.endsByPort.get(clientPort);
    if (end !== undefined) end.data = undefined;
    const { envelope } = pending;
    // The server's books count what really arrived.
    const received = Buffer.concat(pending.chunks).toString('utf8');
    this.arrive({ ...envelope, payload: segmentPayload(envelope.payload.client, 'DATA', envelope.payload.connection, received) });
  }

  /** A client's FIN reached the server. */
  end(_server: TcpStoryServer, clientPort: number): void {
    const end = this.endsByPort.get(clientPort);
    const fin = end?.fin;
    if (end === undefined || fin === undefined) return;
    end.fin = undefined;
    this.arrive(fin);
  }

  /** The end of the run: every client socket closed. */
  close(): void {
    this.closed = true;
    for (const end of this.ends.values()) end.socket.destroy();
    this.ends.clear();
    this.endsByPort.clear();
  }

  /** A real connect. The kernel does SYN, SYN-ACK and ACK before `connect` fires and Node sees none of them, so the handshake is drawn when it fires, in the engine's order. */
  private open(syn: SegmentEnvelope): void {
    const server = this.hall.serverOf(syn.to);
    if (server === undefined) throw new LabError(`no real server ${syn.to}`);
    const socket = connect({ ...server.address, allowHalfOpen: true });
    const end: ClientEnd = { socket, server, syn, clientPort: undefined, connected: false, data: undefined, fin: undefined, finAck: undefined, rst: undefined };
    const { connection } = syn.payload;
    this.ends.set(connection, end);
    socket.once('connect', () => {
      end.connected = true;
      end.clientPort = socket.localPort;
      if (end.clientPort !== undefined) this.endsByPort.set(end.clientPort, end);
      this.arrive(syn);
    });
    // The story's servers send no data (their ACKs are the kernel's); reading keeps the socket flowing so a FIN is seen.
    socket.on('data', () => undefined);
    socket.on('end', () => {
      const finAck = end.finAck;
      end.finAck = undefined;
      if (finAck !== undefined) this.arrive(finAck);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => { this.socketFailed(end, error); });
    socket.once('close', () => {
      if (this.ends.get(connection) === end) this.ends.delete(connection);
      if (end.clientPort !== undefined && this.endsByPort.get(end.clientPort) === end) this.endsByPort.delete(end.clientPort);
    });
  }

  private write(envelope: SegmentEnvelope): void {
    const end = this.endOf(envelope);
    const bytes = Buffer.from(envelope.payload.data ?? '', 'utf8');
    if (bytes.length === 0) {
      // Nothing to write: no segment carries it, and there is nothing to wait for.
      this.arrive(envelope);
      return;
    }
    end.data = { envelope, expected: bytes.length, chunks: [], received: 0 };
    end.socket.write(bytes);
  }

  private endFromClient(fin: SegmentEnvelope): void {
    const end = this.endOf(fin);
    end.fin = fin;
    end.socket.end();
  }

  /** The server's FIN or RST: done on the server's real socket, seen when the client's socket reports it. */
  private fromServer(envelope: SegmentEnvelope, act: (socket: Socket) => void): void {
    const end = this.endOf(envelope);
    if (envelope.payload.segment === 'RST') end.rst = envelope;
    else end.finAck = envelope;
    const { clientPort } = end;
    if (clientPort === undefined) throw new LabError(`connection ${envelope.payload.connection} has no client port yet`);
    void end.server.socketFrom(clientPort).then(act);
  }

  private socketFailed(end: ClientEnd, error: NodeJS.ErrnoException): void {
    if (this.closed) return;
    const code = error.code ?? error.message;
    const { payload } = end.syn;
    this.socketErrors.push({ client: payload.client, connection: payload.connection, code });
    if (!end.connected && code === 'ECONNREFUSED') {
      this.hall.refused(end.syn);
      return;
    }
    const rst = end.rst;
    if (code === 'ECONNRESET' && rst !== undefined) {
      // The kernel's word for a real RST from the server.
      end.rst = undefined;
      this.arrive(rst);
      return;
    }
    this.hall.failed(new LabError(`${payload.client}'s connection ${payload.connection}: the socket said ${code} (${segmentsAwaited(end)})`));
  }

  private endOf(envelope: SegmentEnvelope): ClientEnd {
    const end = this.ends.get(envelope.payload.connection);
    if (end === undefined) throw new LabError(`no real socket for connection ${envelope.payload.connection}`);
    return end;
  }

  /** Segments reach their actors one at a time, in the order they arrived (as on the simulated network). */
  private arrive(envelope: SegmentEnvelope): void {
    this.arriving.push(envelope);
    if (this.draining) return;
    this.draining = true;
    try {
      for (let next = this.arriving.shift(); next !== undefined; next = this.arriving.shift()) this.hall.arrived(next);
    } catch (error) {
      this.arriving.length = 0;
      this.hall.failed(error);
    } finally {
      this.draining = false;
    }
  }
}

/** What a connection was waiting for when its socket failed, for the error message. */
function segmentsAwaited(end: ClientEnd): string {
  const awaited: Segment[] = [];
  if (!end.connected) awaited.push('SYN-ACK');
  if (end.data !== undefined) awaited.push('DATA-ACK');
  if (end.finAck !== undefined) awaited.push('FIN-ACK');
  return awaited.length === 0 ? 'nothing awaited' : `awaiting ${awaited.join(', ')}`;
}
