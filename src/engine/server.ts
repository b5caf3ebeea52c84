// A server: up or down, and whatever it keeps in memory (sessions, TCP connections).
import type { Context } from './model';
import type { Text } from './text';

export interface Connection {
  readonly id: string;
  readonly client: string;
  status: 'SYN-RECEIVED' | 'ESTABLISHED' | 'LAST-ACK';
  bytes: number;
  /** The data received so far, in order (what the connection's note shows). */
  readonly received: string[];
}

export class Server {
  up = true;
  /** Conversations kept in memory (state: server), by session id. */
  readonly sessions = new Map<string, Context>();
  readonly connections = new Map<string, Connection>();
  /** Requests this server answered. */
  served = 0;

  constructor(
    readonly id: string,
    readonly name: string,
    readonly label: Text,
  ) {}

  /** Crash or restart: memory does not survive. Returns what was lost. */
  forgetEverything(): { sessions: [string, Context][]; connections: Connection[] } {
    const lost = { sessions: [...this.sessions], connections: [...this.connections.values()] };
    this.sessions.clear();
    this.connections.clear();
    return lost;
  }
}
