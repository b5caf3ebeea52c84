// Real mode over real loopback sockets and a real redis-server (started here on a free port):
// every built-in story reaches the outcomes of its simulation, with the same relay choices, state
// changes and faults; sessions live in Redis with the story's TTL; a store outage is a real 503.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createClient } from 'redis';
import { noteBlocks } from '../../../src/diagram/note';
import type { TraceEvent } from '../../../src/engine/trace';
import { RealLab } from '../../../src/real/realLab';
import { startRedis, type OwnRedis } from '../../../src/real/redisServer';
import { runScenarioReal } from '../../../src/real/runReal';
import { builtinScenario, builtinScenarios } from '../../../src/scenario/builtins';
import { parseScenario } from '../../../src/scenario/parse';
import { runScenario, topologyOf } from '../../../src/scenario/run';
import { DIST_DIR, REPO_ROOT } from '../../support/paths';

/** What a run comes to, request by request: ok, or why not, and the status. */
function outcomes(trace: readonly TraceEvent[]): string[] {
  return trace.flatMap((event) => (event.type === 'request-outcome' ? [`${event.request}: ${event.ok ? 'ok' : `${event.reason ?? '?'} ${event.status}`}`] : []));
}

/** The relay's choices, the state kept, read and lost, the faults and alternatives, in Korean words (messages differ only in session ids and bytes). */
function happenings(trace: readonly TraceEvent[]): string[] {
  return trace.flatMap((event) => {
    switch (event.type) {
      case 'internal-step':
        return [`${event.actor} ${event.label.ko}`];
      case 'state':
        return [`${event.holder} ${event.action} ${event.shown.ko}`];
      case 'fault':
      case 'group':
        return [`${event.type} ${event.label.ko}`];
      default:
        return [];
    }
  });
}

/** An event without what real time and real headers change (its time, its bytes). */
function shape(event: TraceEvent): unknown {
  return { ...event, time: undefined, ...('bytes' in event ? { bytes: undefined } : {}) };
}

/** Session ids are random over real sockets: their few shown digits are not compared. */
function withoutSessionIds(block: string): string {
  return block.replace(/SID=[0-9a-f]{4}…/g, 'SID=…');
}

const DROPPED_AT_THE_RELAY = `version: 1
title: A request lost before the relay
protocol: shop
state: client
servers: 2
relay: round-robin
clients: [Customer]
steps:
  - { from: Customer, send: price, item: laptop, expect: ok }
  - { drop: next }
  - { from: Customer, send: order, quantity: 2, expect: fail }
  - { from: Customer, send: order, quantity: 2, expect: ok }
`;

const DROPPED_AT_THE_SERVER = `version: 1
title: A request lost before the server
protocol: login
state: server
servers: 1
clients: [Client]
steps:
  - { from: Client, send: login, user: kim, password: secret, expect: ok }
  - { drop: next }
  - { from: Client, send: profile, expect: fail }
  - { from: Client, send: profile, expect: ok }
`;

describe('real mode: the stories over real sockets and a real Redis', function () {
  // Servers, a proxy and Redis start for real: seconds on a busy machine.
  this.timeout(180_000);
  let redis: OwnRedis;

  before(async () => {
    redis = await startRedis();
  });

  after(async () => {
    await redis.stop();
  });

  it('reaches the simulated outcomes in every built-in story, with the same choices, state and faults', async () => {
    for (const builtin of builtinScenarios()) {
      const simulated = runScenario(builtin.scenario);
      const real = await runScenarioReal(builtin.scenario, { redisUrl: redis.url });
      assert.deepEqual(outcomes(real.trace), outcomes(simulated.trace), `${builtin.id}: outcomes`);
      assert.deepEqual(happenings(real.trace), happenings(simulated.trace), `${builtin.id}: what happened`);
      assert.deepEqual(real.expectations.map((mark) => mark.held), simulated.expectations.map((mark) => mark.held), `${builtin.id}: expect marks`);
      // A comparison's note re-runs its architectures in the simulation.
      if (builtin.scenario.comparison !== undefined) continue;
      if (builtin.scenario.protocol === 'tcp') {
        assert.deepEqual(real.trace.map(shape), simulated.trace.map(shape), `${builtin.id}: the same segments, states and outcomes, in the same order`);
      } else {
        const requests = real.trace.filter((event) => event.type === 'message-sent' && event.kind === 'request' && event.from.startsWith('c'));
        assert.ok(requests.length > 0 && requests.every((event) => event.type === 'message-sent' && event.bytes > 150), `${builtin.id}: every request went out as real HTTP, its headers counted`);
      }
      for (const language of ['en', 'ko'] as const) {
        assert.deepEqual(noteBlocks(real, language).map(withoutSessionIds), noteBlocks(simulated, language).map(withoutSessionIds), `${builtin.id}: the same diagram (${language})`);
      }
    }
  });

  it('loses the next request where it first arrives (drop: next), at the relay or the only server, and its client gives up as in the simulation', async () => {
    for (const text of [DROPPED_AT_THE_RELAY, DROPPED_AT_THE_SERVER]) {
      const parsed = parseScenario(text, 'yaml');
      assert.ok(parsed.ok, 'the scenario is valid');
      const simulated = runScenario(parsed.scenario);
      const real = await runScenarioReal(parsed.scenario, { redisUrl: redis.url });
      const title = parsed.scenario.title.en;
      assert.deepEqual(outcomes(real.trace), outcomes(simulated.trace), `${title}: outcomes`);
      assert.ok(outcomes(real.trace).includes(`${parsed.scenario.protocol === 'shop' ? 'order' : 'profile'}: timeout 0`), `${title}: the lost request timed out`);
      assert.deepEqual(happenings(real.trace), happenings(simulated.trace), `${title}: what happened`);
      assert.deepEqual(real.expectations.map((mark) => mark.held), simulated.expectations.map((mark) => mark.held), `${title}: expect marks`);
      for (const language of ['en', 'ko'] as const) {
        assert.deepEqual(noteBlocks(real, language).map(withoutSessionIds), noteBlocks(simulated, language).map(withoutSessionIds), `${title}: the same diagram (${language})`);
      }
    }
  });

  it('keeps the store story\'s session in Redis with its TTL, ages it by a wait, and answers a real 503 while the store is down', async () => {
    const scenario = builtinScenario('scaling-shared-store')?.scenario;
    assert.ok(scenario !== undefined);
    const real = await RealLab.open(topologyOf(scenario), { redisUrl: redis.url });
    const inspector = createClient({ url: redis.url });
    await inspector.connect();
    try {
      real.send('Client', 'login', { user: 'kim', password: 'secret' });
      await real.settled();
      const sessions = await inspector.keys('protocol-lab:*:session:*');
      assert.equal(sessions.length, 1, 'one session key in Redis');
      const [key] = sessions as [string];
      const ttl = await inspector.pTTL(key);
      assert.ok(ttl > scenario.sessionTtlMs - 60_000 && ttl <= scenario.sessionTtlMs, `PTTL ${ttl} is the story's TTL of ${scenario.sessionTtlMs} ms`);
      const cookie = `SID=${key.split(':session:')[1] ?? ''}`;

      real.setStore(false);
      await real.settled();
      const down = await fetch(`${real.addressOf('Server2')}/profile`, { method: 'POST', headers: { cookie, 'content-type': 'application/json', 'x-request-id': '99', 'x-lab-client': 'c1' }, body: '{"params":{}}' });
      assert.equal(down.status, 503);
      assert.deepEqual(await down.json(), { ok: false, reply: { en: '503 Session store unavailable', ko: '503 세션 저장소 장애' }, server: 's2', reason: 'store-down' });

      const garbled = await fetch(`${real.addressOf('Server2')}/profile`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"params":' });
      assert.equal(garbled.status, 400, 'a request that is not the story\'s is refused, not served');
      assert.match(((await garbled.json()) as { error: string }).error, /^not a request of this story: POST \/<request> with x-request-id, x-lab-client and a JSON body/);

      real.setStore(true);
      real.wait(scenario.sessionTtlMs + 60_000);
      await real.settled();
      assert.equal(await inspector.exists(key), 0, 'Redis expired the session once the wait passed its TTL');
      await real.close();
      assert.deepEqual(await inspector.keys('protocol-lab:*'), [], 'the run leaves no key behind');
    } finally {
      await real.close();
      inspector.destroy();
    }
  });

  it('runs from the command line with a redis-server of its own, and says what to install when there is none', () => {
    const cli = join(DIST_DIR, 'cli.js');
    const run = spawnSync(process.execPath, [cli, 'run', 'builtin:scaling-shared-store', '--real', '--format', 'json'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000 });
    assert.equal(run.status, 0, run.stderr);
    const trace = (JSON.parse(run.stdout) as { trace: TraceEvent[] }).trace;
    assert.deepEqual(outcomes(trace), ['login: ok', 'profile: ok', 'profile: store-down 503', 'profile: ok', 'profile: session-expired 401']);

    const tcp = spawnSync(process.execPath, [cli, 'run', 'builtin:tcp-connection', '--real', '--format', 'json'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });
    assert.equal(tcp.status, 0, tcp.stderr);
    assert.equal(tcp.stderr, '', 'TCP is played over real sockets, with nothing to warn of');
    assert.deepEqual(outcomes((JSON.parse(tcp.stdout) as { trace: TraceEvent[] }).trace), ['connect: ok', 'send: ok', 'send: connection-reset 0', 'connect: ok', 'send: ok']);

    const missing = spawnSync(process.execPath, [cli, 'run', 'builtin:scaling-shared-store', '--real'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, PROTOCOL_LAB_REDIS_SERVER: '/nonexistent/redis-server' } });
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /^protocol-lab: redis-server is not installed: install it \(Debian\/Ubuntu: sudo apt-get install redis-server.*--redis redis:\/\/HOST:PORT\n$/);
  });
});
