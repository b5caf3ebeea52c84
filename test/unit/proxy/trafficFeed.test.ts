// The feed between the real proxy and the lab panel, over real loopback sockets in front of the
// in-memory-session app: the picture grows by appended events, comes whole again when the traffic
// log folds it, shows the app's own 401 behind round-robin, and hears policy switches and upstreams
// taken out of the turn.
import * as assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import type { RequestOutcomeEvent, TraceEvent } from '../../../src/engine/trace';
import { TrafficFeed, type TrafficChange } from '../../../src/proxy/trafficFeed';
import { startSessionApp, type SessionApp } from '../../support/sessionApp';

function send(url: string, method: string, cookie?: string): Promise<{ status: number; cookie: string | undefined }> {
  return new Promise((resolveAnswer, rejectAnswer) => {
    const outgoing = httpRequest(url, { method, headers: cookie === undefined ? {} : { cookie }, agent: false }, (res) => {
      res.resume();
      res.on('end', () => { resolveAnswer({ status: res.statusCode ?? 0, cookie: res.headers['set-cookie']?.[0]?.split(';')[0] }); });
    });
    outgoing.on('error', rejectAnswer);
    outgoing.end();
  });
}

function outcomes(events: readonly TraceEvent[]): RequestOutcomeEvent[] {
  return events.filter((event): event is RequestOutcomeEvent => event.type === 'request-outcome');
}

describe('the traffic feed (real proxy → lab panel)', () => {
  let apps: SessionApp[] = [];
  let feed: TrafficFeed | undefined;
  let changes: TrafficChange[] = [];

  async function start(): Promise<{ url: string; feed: TrafficFeed }> {
    apps = [await startSessionApp('A'), await startSessionApp('B')];
    const started = new TrafficFeed({ upstreams: apps.map((app) => ({ url: app.url })), policy: 'round-robin', listen: { host: '127.0.0.1', port: 0 }, coalesceMs: 10 });
    feed = started;
    changes = [];
    started.onChange((change) => { changes.push(change); });
    const { url } = await started.start();
    return { url, feed: started };
  }

  /** Waits (at most 5 s: the machine may be busy) until the feed's changes so far satisfy `done`. */
  async function changesUntil(done: () => boolean, what: string): Promise<void> {
    for (let waited = 0; !done(); waited += 10) {
      if (waited > 5000) throw new Error(`${what} within 5 s: ${JSON.stringify(changes.map((change) => change.kind))}`);
      await new Promise((resolveWait) => setTimeout(resolveWait, 10));
    }
  }

  /** Waits until the feed told its listener something after the `seen` changes it had told before. */
  async function changeAfter(seen: number): Promise<void> {
    await changesUntil(() => changes.length > seen, 'no change');
  }

  afterEach(async () => {
    await feed?.stop();
    feed = undefined;
    await Promise.all(apps.map((app) => app.close()));
    apps = [];
  });

  it('shows the app\'s own 401 behind round-robin: the login went to Server1, the profile to Server2', async () => {
    const { url, feed: running } = await start();
    const login = await send(`${url}/login`, 'POST');
    assert.equal(login.status, 200);
    const profile = await send(`${url}/profile`, 'GET', login.cookie);
    assert.equal(profile.status, 401);
    // The two exchanges may come in one change or two.
    await changesUntil(() => outcomes(running.state().events).length === 2, 'not both exchanges');
    const state = running.state();
    assert.deepEqual(outcomes(state.events).map((outcome) => [outcome.status, outcome.server]), [[200, 's1'], [401, 's2']]);
    assert.deepEqual(state.participants.map((participant) => participant.id), ['c1', 'relay', 's1', 's2']);
    assert.deepEqual(state.inspector.servers.map((server) => [server.name, server.served, server.up]), [['Server1', 1, true], ['Server2', 1, true]]);
    assert.equal(state.inspector.relay?.policy, 'round-robin');
    assert.equal(state.metrics.requests, 2);
    assert.equal(state.metrics.failed, 1);
  });

  it('appends what is new while the picture only grows, and says "replace" when a client joins or the log folds', async () => {
    const { url, feed: running } = await start();
    await send(`${url}/profile`, 'GET');
    await changeAfter(0);
    // The first exchange brought the first client: the panel needs the participants again.
    assert.deepEqual(changes.map((change) => change.kind), ['replace']);
    const drawn = running.state().events.length;
    await send(`${url}/headers`, 'GET');
    await changeAfter(1);
    const appended = changes[1];
    if (appended?.kind !== 'append') throw new Error(`expected an append, got ${JSON.stringify(appended)}`);
    assert.equal(appended.fromSeq, drawn + 1);
    assert.deepEqual(running.state().events.slice(drawn).map((event) => event.seq), appended.events.map((event) => event.seq));
    // Alike exchanges fold into "× N more like this": the count changes in place, so the whole picture is sent again.
    // Each request waits for its change: requests all answered within one coalescing window would
    // arrive as one append, the fold already in it, and the count never seen changing.
    for (let index = 0; index < 6; index++) {
      const seen = changes.length;
      await send(`${url}/headers`, 'GET');
      await changeAfter(seen);
    }
    assert.ok(changes.some((change, index) => index > 1 && change.kind === 'replace'), JSON.stringify(changes.map((change) => change.kind)));
    const folded = running.state().events.filter((event) => event.type === 'folded');
    assert.ok(folded.length >= 1);
    assert.match(folded[folded.length - 1]?.label.en ?? '', /more like this \(GET \/headers\)/);
  });

  it('draws a policy switch and an upstream taken out of the turn, and routes by them from the next request', async () => {
    const { url, feed: running } = await start();
    running.setPolicy('sticky');
    running.markDown('Server1');
    const first = await send(`${url}/login`, 'POST');
    const second = await send(`${url}/profile`, 'GET', first.cookie);
    assert.equal(second.status, 200, 'only Server2 is in the turn: it has the session');
    // The proxy writes an exchange's outcome when the upstream's answer ends, beside the client reading it.
    await changesUntil(() => outcomes(running.state().events).length === 2, 'not both exchanges');
    const state = running.state();
    assert.deepEqual(outcomes(state.events).map((outcome) => outcome.server), ['s2', 's2']);
    assert.ok(state.events.some((event) => event.type === 'fault' && event.fault === 'crash' && event.target === 's1'));
    assert.equal(state.inspector.servers[0]?.up, false);
    assert.equal(running.drawing().policy, 'sticky');
  });

  it('stops listening on stop, and keeps the picture for a note', async () => {
    const { url, feed: running } = await start();
    await send(`${url}/profile`, 'GET');
    await changeAfter(0);
    await running.stop();
    assert.equal(running.address, undefined);
    await assert.rejects(send(`${url}/profile`, 'GET'), /ECONNREFUSED/);
    assert.equal(outcomes(running.drawing().events).length, 1);
  });
});
