// The lab's state at any moment of a run, replayed from its trace alone (the trace is the single
// source): each server up or down with the sessions and connections it holds, the store, the
// relay's pins, the metrics so far. Looking back in the panel reads this; the present is the lab's own.
import { MetricsCollector, type RunMetrics } from './metrics';
import type { Context } from './model';
import type { LabSnapshot, ServerView, SessionView } from './snapshot';
import type { Participant, StateField, TraceEvent } from './trace';

export interface Moment {
  readonly lab: LabSnapshot;
  readonly metrics: RunMetrics;
}

/** A connection's key is the client's id and a number (c1:1); a session's is anything else. */
const CONNECTION_KEY = /^c\d+:/;

/** A replay keeps a copy of its state this often, so that looking back never replays the whole run. */
const CHECKPOINT_EVERY = 1000;

interface ServerState {
  readonly participant: Participant;
  up: boolean;
  served: number;
  readonly sessions: Map<string, readonly StateField[]>;
  readonly connections: Map<string, readonly StateField[]>;
}

/** Everything a replay has built after its first `replayed` events. */
interface Replay {
  replayed: number;
  readonly servers: Map<string, ServerState>;
  readonly store: Map<string, { readonly fields: readonly StateField[]; readonly writtenAt: number }>;
  storeUp: boolean;
  readonly pins: Map<string, string>;
  readonly open: Set<number>;
  readonly metrics: MetricsCollector;
}

function copyOf(replay: Replay): Replay {
  const servers = new Map<string, ServerState>();
  for (const [id, server] of replay.servers) servers.set(id, { ...server, sessions: new Map(server.sessions), connections: new Map(server.connections) });
  return { replayed: replay.replayed, servers, store: new Map(replay.store), storeUp: replay.storeUp, pins: new Map(replay.pins), open: new Set(replay.open), metrics: replay.metrics.copy() };
}

/** A field's value by its English name (what a connection's fields are called: Peer, State, Bytes received). */
function fieldValue(fields: readonly StateField[], english: string): string | number | undefined {
  return fields.find((field) => field.name.en === english)?.value;
}

function contextOf(fields: readonly StateField[]): Context {
  const context: Record<string, string | number> = {};
  for (const field of fields) context[field.name.en] = field.value;
  return context;
}

/**
 * Replays a run forwards. `at(end)` is the state after the first `end` events; moving forwards
 * continues from where the last call stopped, moving back continues from the nearest checkpoint
 * before the point asked for.
 */
export class History {
  private replay: Replay;
  private checkpoints: Replay[] = [];
  /** Which client sent each request (a request's client never changes: shared by every checkpoint). */
  private readonly clientOf = new Map<number, string>();

  /**
   * `present` is the lab as it is now: what does not change over a run (protocol, where state lives,
   * the relay's policy, the store's TTL) and the names of everyone in it.
   */
  constructor(private present: LabSnapshot) {
    this.replay = this.fresh();
  }

  /** The lab as it is now, after more events: a server added since is known by its name from here on. */
  know(present: LabSnapshot): void {
    const grew = present.participants.length !== this.present.participants.length;
    this.present = present;
    if (!grew) return;
    this.replay = this.fresh();
    this.checkpoints = [];
  }

  private fresh(): Replay {
    return { replayed: 0, servers: new Map(), store: new Map(), storeUp: true, pins: new Map(), open: new Set(), metrics: new MetricsCollector() };
  }

  /** The state after the first `end` events of `trace` (which only ever grows). */
  at(trace: readonly TraceEvent[], end: number): Moment {
    const target = Math.max(0, Math.min(end, trace.length));
    if (target < this.replay.replayed) {
      const checkpoint = this.checkpoints[Math.floor(target / CHECKPOINT_EVERY) - 1];
      this.replay = checkpoint === undefined ? this.fresh() : copyOf(checkpoint);
    }
    const replay = this.replay;
    if (replay.replayed === 0) this.seedServers(trace);
    for (; replay.replayed < target; replay.replayed++) {
      this.apply(trace[replay.replayed] as TraceEvent);
      const done = replay.replayed + 1;
      if (done % CHECKPOINT_EVERY === 0 && this.checkpoints.length < done / CHECKPOINT_EVERY) this.checkpoints.push(copyOf({ ...replay, replayed: done }));
    }
    return { lab: this.snapshot(trace[target - 1]?.time ?? 0), metrics: replay.metrics.result() };
  }

  /** The servers of the topology are there from the start; added ones join with their fault. */
  private seedServers(trace: readonly TraceEvent[]): void {
    const addedLater = new Set<string>();
    for (const event of trace) if (event.type === 'fault' && event.fault === 'add-server' && event.target !== undefined) addedLater.add(event.target);
    for (const participant of this.present.participants) {
      if (participant.kind === 'server' && !addedLater.has(participant.id)) this.replay.servers.set(participant.id, this.serverState(participant));
    }
  }

  private serverState(participant: Participant): ServerState {
    return { participant, up: true, served: 0, sessions: new Map(), connections: new Map() };
  }

  private apply(event: TraceEvent): void {
    const replay = this.replay;
    replay.metrics.observe(event);
    switch (event.type) {
      case 'request-started':
        this.clientOf.set(event.requestId, event.client);
        replay.open.add(event.requestId);
        return;
      case 'request-outcome':
        replay.open.delete(event.requestId);
        return;
      case 'message-sent': {
        // A sticky relay pins a client to the server it forwards the client's request to.
        const client = this.clientOf.get(event.requestId);
        if (this.present.relay?.policy === 'sticky' && event.kind === 'request' && event.from === this.relayId && client !== undefined && replay.servers.has(event.to)) replay.pins.set(client, event.to);
        return;
      }
      case 'message-delivered': {
        const server = replay.servers.get(event.to);
        // A server counts what it serves: requests, and the segments it answers (not a handshake's or a close's last ACK).
        if (server !== undefined && (event.kind === 'request' || (event.kind === 'packet' && event.label.en !== 'ACK'))) server.served++;
        return;
      }
      case 'fault':
        this.fault(event.fault, event.target);
        return;
      case 'state':
        this.state(event);
        return;
      default:
        return;
    }
  }

  private fault(fault: string, target: string | undefined): void {
    if (target === undefined) return;
    const replay = this.replay;
    const server = replay.servers.get(target);
    switch (fault) {
      case 'crash':
        if (server !== undefined) server.up = false;
        return;
      case 'restart':
        if (server !== undefined) server.up = true;
        return;
      case 'add-server': {
        const participant = this.present.participants.find((candidate) => candidate.id === target);
        if (participant !== undefined) replay.servers.set(target, this.serverState(participant));
        return;
      }
      case 'remove-server':
        replay.servers.delete(target);
        return;
      case 'store-down':
        replay.storeUp = false;
        return;
      case 'store-up':
        replay.storeUp = true;
        return;
      default:
        return;
    }
  }

  private state(event: Extract<TraceEvent, { type: 'state' }>): void {
    const replay = this.replay;
    const server = replay.servers.get(event.holder);
    if (server !== undefined) {
      const held = CONNECTION_KEY.test(event.key) ? server.connections : server.sessions;
      if (event.action === 'stored') held.set(event.key, event.fields);
      else if (event.action === 'deleted' || event.action === 'lost' || event.action === 'expired') held.delete(event.key);
      return;
    }
    if (this.present.store === undefined || event.holder !== this.storeId) return;
    if (event.action === 'stored') replay.store.set(event.key, { fields: event.fields, writtenAt: event.time });
    else if (event.action === 'deleted' || event.action === 'expired') replay.store.delete(event.key);
  }

  private get storeId(): string | undefined {
    return this.present.participants.find((participant) => participant.kind === 'store')?.id;
  }

  private get relayId(): string | undefined {
    return this.present.participants.find((participant) => participant.kind === 'relay')?.id;
  }

  private snapshot(time: number): LabSnapshot {
    const { present, replay } = this;
    const servers: ServerView[] = [...replay.servers.values()].map((server) => ({
      id: server.participant.id,
      name: server.participant.name,
      label: server.participant.label,
      up: server.up,
      served: server.served,
      sessions: [...server.sessions].map(([key, fields]): SessionView => ({ key, context: contextOf(fields) })),
      connections: [...server.connections].map(([key, fields]) => ({ id: key, client: String(fieldValue(fields, 'Peer') ?? ''), status: String(fieldValue(fields, 'State') ?? ''), bytes: Number(fieldValue(fields, 'Bytes received') ?? 0) })),
    }));
    const store = present.store;
    return {
      time,
      protocol: present.protocol,
      state: present.state,
      participants: present.participants,
      ...(present.relay !== undefined ? { relay: { policy: present.relay.policy, pins: [...replay.pins], active: [], connections: [] } } : {}),
      servers,
      ...(store !== undefined ? { store: { up: replay.storeUp, ttlMs: store.ttlMs, sessions: [...replay.store].filter(([, entry]) => time - entry.writtenAt <= store.ttlMs).map(([key, entry]) => ({ key, context: contextOf(entry.fields) })) } } : {}),
      clients: present.clients.map((client) => ({ id: client.id, name: client.name, context: {} })),
      pendingRequests: replay.open.size,
    };
  }
}
