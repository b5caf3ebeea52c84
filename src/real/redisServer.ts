// A redis-server of the lab's own, when no --redis is given: on a free loopback port (`--port 0`
// would turn TCP off, not pick a port), saving nothing, stopped by its pid at the end.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { createClient } from 'redis';

/** What to do when there is no redis-server to start. */
export const REDIS_MISSING = 'redis-server is not installed: install it (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis), or point the lab at a Redis with --redis redis://HOST:PORT';

const READY_WITHIN_MS = 10_000;

export class RedisServerMissing extends Error {
  override readonly name = 'RedisServerMissing';
  constructor() {
    super(REDIS_MISSING);
  }
}

export interface OwnRedis {
  readonly url: string;
  stop(): Promise<void>;
}

/** A port no one listens on right now (the OS picks it). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const address = probe.address();
  probe.close();
  await once(probe, 'close');
  if (address === null || typeof address === 'string') throw new Error('no loopback port');
  return address.port;
}

/** Starts redis-server on a free loopback port and waits until it answers PING. */
export async function startRedis(command = process.env['PROTOCOL_LAB_REDIS_SERVER'] ?? 'redis-server'): Promise<OwnRedis> {
  const port = await freePort();
  const child = spawn(command, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString('utf8')).slice(-2000); });
  const failed = new Promise<never>((_resolve, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) => { reject(error.code === 'ENOENT' ? new RedisServerMissing() : error); });
    child.once('exit', (code) => { reject(new Error(`redis-server stopped at once (exit ${String(code)}): ${stderr.trim().split('\n').pop() ?? ''}`)); });
  });
  const url = `redis://127.0.0.1:${port}`;
  try {
    await Promise.race([answersPing(url), failed]);
  } catch (error) {
    await stop(child);
    throw error;
  }
  failed.catch(() => undefined);
  return { url, stop: () => stop(child) };
}

async function answersPing(url: string): Promise<void> {
  const deadline = Date.now() + READY_WITHIN_MS;
  for (;;) {
    const client = createClient({ url, socket: { reconnectStrategy: false, connectTimeout: 500 } });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.ping();
      client.destroy();
      return;
    } catch {
      if (client.isOpen) client.destroy();
      if (Date.now() > deadline) throw new Error(`redis-server did not answer PING on ${url} within ${READY_WITHIN_MS / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}
