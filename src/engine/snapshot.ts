// The whole state of a lab at one moment, as plain data for the inspector and the sidebar.
import type { Client } from './client';
import type { Context, Topology } from './model';
import type { Relay } from './relay';
import type { Server } from './server';
import type { SessionStore } from './sessionStore';
import type { Text } from './text';
import type { Participant } from './trace';

export interface SessionView {
  readonly key: string;
  readonly context: Context;
}

export interface ServerView {
  readonly id: string;
  readonly name: string;
  /** What diagrams call it, in each language. */
  readonly label: Text;
  readonly up: boolean;
  readonly served: number;
  readonly sessions: readonly SessionView[];
  readonly connections: readonly { readonly id: string; readonly client: string; readonly status: string; readonly bytes: number }[];
}

export interface LabSnapshot {
  readonly time: number;
  readonly protocol: Topology['protocol'];
  readonly state: Topology['state'];
  readonly participants: readonly Participant[];
  readonly relay?: { readonly policy: Topology['relay']; readonly pins: readonly [string, string][]; readonly active: readonly [string, number][]; readonly connections: readonly [string, string][] };
  readonly servers: readonly ServerView[];
  readonly store?: { readonly up: boolean; readonly ttlMs: number; readonly sessions: readonly SessionView[] };
  readonly clients: readonly { readonly id: string; readonly name: string; readonly sessionId?: string; readonly context: Context; readonly token?: string; readonly connectionId?: string }[];
  readonly pendingRequests: number;
}

export interface SnapshotSource {
  readonly now: number;
  readonly topology: Topology;
  readonly servers: readonly Server[];
  readonly clients: readonly Client[];
  readonly relay: Relay | undefined;
  readonly store: SessionStore | undefined;
  readonly participants: readonly Participant[];
  readonly pendingRequests: number;
}

export function takeSnapshot(source: SnapshotSource): LabSnapshot {
  const { relay, store } = source;
  return {
    time: source.now,
    protocol: source.topology.protocol,
    state: source.topology.state,
    participants: [...source.participants],
    ...(relay ? { relay: { policy: relay.policy, ...relay.table() } } : {}),
    servers: source.servers.map((server) => ({
      id: server.id,
      name: server.name,
      label: server.label,
      up: server.up,
      served: server.served,
      sessions: [...server.sessions].map(([key, context]) => ({ key, context: { ...context } })),
      connections: [...server.connections.values()].map((connection) => ({ ...connection, received: [...connection.received] })),
    })),
    ...(store ? { store: { up: store.up, ttlMs: store.ttlMs, sessions: store.live(source.now).map(([key, context]) => ({ key, context: { ...context } })) } } : {}),
    clients: source.clients.map((client) => ({
      id: client.id,
      name: client.name,
      context: { ...client.context },
      ...(client.sessionId !== undefined ? { sessionId: client.sessionId } : {}),
      ...(client.token !== undefined ? { token: client.token } : {}),
      ...(client.connectionId !== undefined ? { connectionId: client.connectionId } : {}),
    })),
    pendingRequests: source.pendingRequests,
  };
}
