// The shared session store as a real Redis: each server has its own connection, as app instances
// do; a session is a key with the story's TTL as Redis's own PX; a second key remembers that the
// session existed, so an expired session is told from one that never was (401 log in again, not
// 409). Calls and replies are drawn as the lab's store draws them (GET session, session found…).
import { createClient } from 'redis';
import type { Context } from '../engine/model';
import type { StoreAccess, StoreReading } from '../engine/placements/placement';
import { STORE_WORDS, storeMessageBytes } from '../engine/storeClient';
import type { Text } from '../engine/text';
import type { Hops } from './hops';
import { contextOf } from './wire';

/** A connection to Redis that fails a call at once while it is down (no queue of calls to replay later). */
function newConnection(url: string) {
  const connection = createClient({ url, disableOfflineQueue: true, socket: { connectTimeout: 2000, reconnectStrategy: (retries) => (retries > 20 ? false : 50) } });
  // A dropped connection is an outage the next call sees as one: nothing to print.
  connection.on('error', () => undefined);
  return connection;
}

type Connection = ReturnType<typeof newConnection>;

const STORE = 'store';
/** How long after its TTL a session's "it existed" mark stays: long past any wait a story makes is not needed. */
const SEEN_FOR_MS = 24 * 60 * 60 * 1000;

export class RedisSessions {
  private readonly connections = new Map<string, Connection>();
  private cutOff = false;

  constructor(
    private readonly url: string,
    /** Every key of this run starts with it: nothing else in the Redis is read, aged or removed. */
    private readonly prefix: string,
    private readonly ttlMs: number,
    private readonly hops: Hops,
  ) {}

  /** Opens a server's connection (a server that starts, or joins). */
  async open(serverId: string): Promise<void> {
    const connection = newConnection(this.url);
    this.connections.set(serverId, connection);
    if (!this.cutOff) await connection.connect();
  }

  /** The store as one server reaches it while serving one request. */
  access(serverId: string, requestId: number): StoreAccess {
    return new RedisAccess(this, serverId, requestId);
  }

  connectionOf(serverId: string): Connection | undefined {
    return this.connections.get(serverId);
  }

  sessionKey(key: string): string {
    return `${this.prefix}session:${key}`;
  }

  seenKey(key: string): string {
    return `${this.prefix}seen:${key}`;
  }

  get ttl(): number {
    return this.ttlMs;
  }

  get trace(): Hops {
    return this.hops;
  }

  /**
   * store: down. Every server's connection is closed and stays closed until store: up; Redis keeps
   * running with the sessions in it, as the story's store comes back with them (stopping a
   * redis-server that saves nothing would lose them).
   */
  async cut(): Promise<void> {
    this.cutOff = true;
    await Promise.all([...this.connections.values()].map(async (connection) => {
      if (connection.isOpen) connection.destroy();
      await Promise.resolve();
    }));
  }

  /** store: up. */
  async rejoin(): Promise<void> {
    this.cutOff = false;
    await Promise.all([...this.connections.values()].map(async (connection) => {
      if (!connection.isOpen) await connection.connect();
    }));
  }

  /** A server that crashed or left: its connection goes with it. */
  async close(serverId: string): Promise<void> {
    const connection = this.connections.get(serverId);
    this.connections.delete(serverId);
    if (connection?.isOpen === true) connection.destroy();
    await Promise.resolve();
  }

  /**
   * A story's `wait`: the sessions age by the virtual time, in Redis itself. Each key's remaining
   * PTTL is cut by `ms` with PEXPIRE, and Redis deletes a key whose time is up (a PEXPIRE of zero
   * or less), exactly as if the time had passed.
   */
  async age(ms: number): Promise<void> {
    const connection = await this.anyConnection();
    for await (const keys of connection.scanIterator({ MATCH: `${this.prefix}*`, COUNT: 100 })) {
      for (const key of keys) {
        const left = await connection.pTTL(key);
        if (left >= 0) await connection.pExpire(key, left - ms);
      }
    }
  }

  /** The end of the run: this run's keys are removed and every connection closed. */
  async end(): Promise<void> {
    if (this.connections.size === 0) return;
    const connection = await this.anyConnection().catch(() => undefined);
    if (connection !== undefined) {
      for await (const keys of connection.scanIterator({ MATCH: `${this.prefix}*`, COUNT: 100 })) if (keys.length > 0) await connection.del(keys);
    }
    for (const connection of this.connections.values()) if (connection.isOpen) connection.destroy();
    this.connections.clear();
  }

  private async anyConnection(): Promise<Connection> {
    const ready = [...this.connections.values()].find((candidate) => candidate.isReady);
    if (ready !== undefined) return ready;
    // Every server is down or cut off: the lab ages the sessions over a connection of its own.
    const own = newConnection(this.url);
    await own.connect();
    this.connections.set('lab', own);
    return own;
  }
}

/** One request's calls to the store, drawn as messages between the server and the store. */
class RedisAccess implements StoreAccess {
  constructor(private readonly sessions: RedisSessions, private readonly serverId: string, private readonly requestId: number) {}

  async read(key: string): Promise<StoreReading> {
    const { sessions } = this;
    const call = this.call(STORE_WORDS.get);
    let values: (string | null)[];
    try {
      values = await this.connection().mGet([sessions.sessionKey(key), sessions.seenKey(key)]);
    } catch {
      sessions.trace.lost(call, 'store-down');
      return { kind: 'down' };
    }
    sessions.trace.arrived(call);
    const [value, seen] = values;
    const context = value === null || value === undefined ? undefined : contextOf(parseJson(value));
    const recorder = sessions.trace.recorder;
    if (context !== undefined) {
      this.reply(STORE_WORDS.found);
      recorder.conversationState('read', STORE, key, context, this.requestId);
      return { kind: 'found', context };
    }
    const expired = seen !== null && seen !== undefined;
    // As the lab's store: an expired session is said once, then it is simply gone.
    if (expired) await this.connection().del(sessions.seenKey(key)).catch(() => 0);
    this.reply(expired ? STORE_WORDS.expired : STORE_WORDS.missing);
    recorder.conversationState(expired ? 'expired' : 'missing', STORE, key, undefined, this.requestId);
    return { kind: expired ? 'expired' : 'missing' };
  }

  async write(key: string, context: Context | null): Promise<boolean> {
    const { sessions } = this;
    const call = this.call(context === null ? STORE_WORDS.del : STORE_WORDS.set);
    try {
      const connection = this.connection();
      if (context === null) await connection.del([sessions.sessionKey(key), sessions.seenKey(key)]);
      else {
        await connection.multi()
          .set(sessions.sessionKey(key), JSON.stringify(context), { expiration: { type: 'PX', value: sessions.ttl } })
          .set(sessions.seenKey(key), '1', { expiration: { type: 'PX', value: sessions.ttl + SEEN_FOR_MS } })
          .exec();
      }
    } catch {
      sessions.trace.lost(call, 'store-down');
      return false;
    }
    sessions.trace.arrived(call);
    if (context !== null) sessions.trace.recorder.conversationState('stored', STORE, key, context, this.requestId);
    this.reply(STORE_WORDS.ok);
    return true;
  }

  private connection(): Connection {
    const connection = this.sessions.connectionOf(this.serverId);
    if (connection === undefined) throw new Error(`no store connection for ${this.serverId}`);
    return connection;
  }

  private call(label: Text): ReturnType<Hops['sent']> {
    return this.sessions.trace.sent(this.requestId, 'store-call', this.serverId, STORE, label, undefined, storeMessageBytes(label));
  }

  private reply(label: Text): void {
    this.sessions.trace.passed(this.requestId, 'store-reply', STORE, this.serverId, label, undefined, storeMessageBytes(label));
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
