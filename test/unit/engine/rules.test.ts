// Each rule of the domain as its own test: where state lives, what the relay does, what faults do.
import * as assert from 'node:assert/strict';
import { LabError } from '../../../src/engine/lab';
import { MetricsCollector } from '../../../src/engine/metrics';
import { displayName } from '../../../src/engine/names';
import { loginProtocol } from '../../../src/engine/protocols/login';
import { shopProtocol } from '../../../src/engine/protocols/shop';
import { same, say } from '../../../src/engine/text';
import { eventsOf, makeLab, purchase, request, serverNameOf } from '../../support/labs';

describe('where state lives', () => {
  it('server + round-robin: the conversation is lost when the relay picks another server', () => {
    const lab = makeLab({ state: 'server', relay: 'round-robin' });
    const [price, order, pay] = purchase(lab);
    assert.equal(price.ok, true);
    assert.equal(order.ok, false);
    assert.equal(order.reason, 'missing-state');
    assert.equal(pay.reason, 'missing-state');
    assert.deepEqual([price, order, pay].map((outcome) => serverNameOf(lab, outcome.server)), ['Server1', 'Server2', 'Server3']);
  });

  it('server + sticky: kept on one server until it dies, then re-routed and lost', () => {
    const lab = makeLab({ state: 'server', relay: 'sticky' });
    const [price, order] = [request(lab, 'price', { item: 'laptop' }), request(lab, 'order', { quantity: 2 })];
    assert.equal(price.ok, true);
    assert.equal(order.ok, true);
    lab.crash('Server1');
    const pay = request(lab, 'pay', { method: 'card' });
    assert.equal(pay.ok, false);
    assert.equal(pay.reason, 'missing-state');
    assert.equal(serverNameOf(lab, pay.server), 'Server2');
    // The relay says each choice on the hop it forwards: the pin, the pinned server, and the moment the pin breaks.
    const choices = eventsOf(lab.trace, 'internal-step').filter((step) => step.actor === 'relay');
    assert.deepEqual(choices.map((step) => step.label.en), ['first request: pin Client to Server1', 'pinned: Server1', 'pinned Server1 is down: send on to Server2, pin there']);
    assert.deepEqual(choices.map((step) => step.rerouted === true), [false, false, true]);
    assert.equal(choices[2]?.label.ko, '고정된 Server1 장애: Server2로 보냄 (새로 고정)');
  });

  it('server: a crash loses the sessions it held, and a restart comes back empty', () => {
    const lab = makeLab({ state: 'server', servers: ['Only'] });
    request(lab, 'price', { item: 'laptop' });
    lab.crash('Only');
    const lost = eventsOf(lab.trace, 'state').filter((event) => event.action === 'lost');
    assert.equal(lost.length, 1);
    lab.restart('Only');
    assert.equal(lab.snapshot().servers[0]?.sessions.length, 0);
    assert.equal(request(lab, 'order', { quantity: 2 }).reason, 'missing-state');
  });

  it('store: the conversation survives a switch of server and a crash', () => {
    const lab = makeLab({ state: 'store', relay: 'round-robin' });
    request(lab, 'price', { item: 'laptop' });
    lab.crash('Server1');
    const order = request(lab, 'order', { quantity: 2 });
    const pay = request(lab, 'pay', { method: 'card' });
    assert.equal(order.ok, true);
    assert.equal(pay.ok, true);
    assert.notEqual(order.server, pay.server);
  });

  it('store: requests fail while the store is down and work again when it is back', () => {
    const lab = makeLab({ state: 'store' });
    request(lab, 'price', { item: 'laptop' });
    lab.setStore(false);
    const down = request(lab, 'order', { quantity: 2 });
    assert.equal(down.reason, 'store-down');
    assert.equal(down.status, 503);
    lab.setStore(true);
    assert.equal(request(lab, 'order', { quantity: 2 }).ok, true);
  });

  it('store: a session expires after its TTL', () => {
    const lab = makeLab({ state: 'store', sessionTtlMs: 60_000 });
    request(lab, 'price', { item: 'laptop' });
    lab.wait(59_000);
    assert.equal(request(lab, 'order', { quantity: 2 }).ok, true);
    lab.wait(61_000);
    const expired = request(lab, 'pay', { method: 'card' });
    assert.equal(expired.reason, 'session-expired');
    assert.ok(eventsOf(lab.trace, 'state').some((event) => event.action === 'expired' && event.holder === 'store'));
  });

  it('token: survives any switch and any crash (the key is configuration, not memory)', () => {
    const lab = makeLab({ state: 'token', relay: 'round-robin' });
    request(lab, 'price', { item: 'laptop' });
    lab.crash('Server2');
    lab.crash('Server3');
    lab.restart('Server2');
    const outcomes = [request(lab, 'order', { quantity: 2 }), request(lab, 'pay', { method: 'card' })];
    assert.deepEqual(outcomes.map((outcome) => outcome.ok), [true, true]);
    assert.equal(lab.snapshot().servers.every((server) => server.sessions.length === 0), true);
  });

  it('client: survives everything, and sends more bytes per request than server', () => {
    const stateless = makeLab({ state: 'client' });
    const stateful = makeLab({ state: 'server', relay: 'sticky' });
    const [statelessRun, statefulRun] = [stateless, stateful].map((lab) => {
      const metrics = new MetricsCollector();
      lab.subscribe(metrics.observe);
      request(lab, 'price', { item: 'laptop' });
      lab.crash('Server1');
      lab.crash('Server2');
      return { outcomes: [request(lab, 'order', { quantity: 2 }), request(lab, 'pay', { method: 'card' })], metrics: metrics.result() };
    });
    assert.ok(statelessRun && statefulRun);
    assert.deepEqual(statelessRun.outcomes.map((outcome) => outcome.ok), [true, true]);
    assert.deepEqual(statefulRun.outcomes.map((outcome) => outcome.ok), [false, false]);
    const perRequest = [statelessRun.metrics.bytesPerRequest, statefulRun.metrics.bytesPerRequest];
    assert.ok(statelessRun.metrics.bytesPerRequest > statefulRun.metrics.bytesPerRequest, JSON.stringify(perRequest));
  });
});

describe('the relay', () => {
  it('never routes to a crashed server', () => {
    const lab = makeLab({ state: 'client', relay: 'round-robin' });
    lab.crash('Server2');
    const servers = Array.from({ length: 6 }, () => serverNameOf(lab, request(lab, 'price', { item: 'laptop' }).server));
    assert.deepEqual(servers, ['Server1', 'Server3', 'Server1', 'Server3', 'Server1', 'Server3']);
  });

  it('answers 503 when no server is up', () => {
    const lab = makeLab({ state: 'client' });
    for (const name of ['Server1', 'Server2', 'Server3']) lab.crash(name);
    const outcome = request(lab, 'price', { item: 'laptop' });
    assert.equal(outcome.status, 503);
    assert.equal(outcome.reason, 'no-server');
  });

  it('answers 502 when the server dies while the request travels', () => {
    const lab = makeLab({ state: 'client' });
    lab.send('Client', 'price', { item: 'laptop' });
    lab.step(); // client → relay arrives; the relay forwards to Server1
    lab.crash('Server1');
    lab.runUntilIdle();
    const outcome = eventsOf(lab.trace, 'request-outcome')[0];
    assert.equal(outcome?.status, 502);
    assert.ok(eventsOf(lab.trace, 'message-lost').some((lost) => lost.reason === 'server-down' && lost.to === 's1'));
    assert.equal(eventsOf(lab.trace, 'message-delivered').some((delivered) => delivered.to === 's1'), false);
  });

  it('without a relay, a dead server refuses the connection', () => {
    const lab = makeLab({ servers: ['Server'], relay: 'none', state: 'client' });
    lab.crash('Server');
    const outcome = request(lab, 'price', { item: 'laptop' });
    assert.equal(outcome.reason, 'server-down');
  });

  it('random picks with the seed: same seed, same choices; another seed, other choices', () => {
    const choices = (seed: number): (string | undefined)[] => {
      const lab = makeLab({ state: 'client', relay: 'random', seed, servers: ['A', 'B', 'C', 'D'] });
      return Array.from({ length: 12 }, () => serverNameOf(lab, request(lab, 'price', { item: 'laptop' }).server));
    };
    assert.deepEqual(choices(5), choices(5));
    assert.notDeepEqual(choices(5), choices(6));
    assert.ok(new Set(choices(5)).size > 1);
  });

  it('least-connections sends concurrent requests to the least busy servers', () => {
    const lab = makeLab({ state: 'client', relay: 'least-connections', clients: ['A', 'B', 'C'] });
    for (const client of ['A', 'B', 'C']) lab.send(client, 'price', { item: 'laptop' });
    lab.runUntilIdle();
    const servers = eventsOf(lab.trace, 'request-outcome').map((outcome) => outcome.server);
    assert.deepEqual([...servers].sort(), ['s1', 's2', 's3']);
  });

  it('uses servers added while running, and stops using removed ones', () => {
    const lab = makeLab({ state: 'client', servers: ['Server1', 'Server2'] });
    lab.addServer('서버3 🚀');
    lab.removeServer('Server1');
    const servers = Array.from({ length: 4 }, () => serverNameOf(lab, request(lab, 'price', { item: 'laptop' }).server));
    assert.deepEqual(servers, ['Server2', '서버3 🚀', 'Server2', '서버3 🚀']);
    assert.throws(() => { lab.crash('Server1'); }, LabError);
  });
});

describe('protocols', () => {
  it('shop: items named after JavaScript object members are refused like any unknown item', () => {
    const words = (item: string): string[] => {
      const lab = makeLab({ servers: ['Clerk'], relay: 'none' });
      request(lab, 'price', { item });
      request(lab, 'order', { quantity: 2 });
      return eventsOf(lab.trace, 'request-outcome').map((outcome) => `${String(outcome.ok)} ${outcome.reason ?? ''}`)
        .concat(eventsOf(lab.trace, 'message-delivered').map((message) => message.label.en.replaceAll(item, 'ITEM')));
    };
    const unknown = words('banana');
    assert.match(unknown.join('\n'), /We do not sell "ITEM"/);
    for (const item of ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf']) assert.deepEqual(words(item), unknown, item);
  });

  it('names and fields called after object members are shown as written', () => {
    assert.deepEqual(displayName('constructor', { Server1: say('One', '하나') }), same('constructor'));
    assert.deepEqual(displayName('toString', {}), same('toString'));
    assert.deepEqual(shopProtocol.fieldName('constructor'), say('constructor', 'constructor'));
    assert.deepEqual(loginProtocol.fieldName('__proto__'), say('__proto__', '__proto__'));
  });

  it('login stores the six fields of the stateful note, in its order', () => {
    const lab = makeLab({ protocol: 'login', servers: ['Server'], relay: 'none' });
    request(lab, 'login', { user: 'kim', password: 'secret' });
    const stored = eventsOf(lab.trace, 'state').find((event) => event.action === 'stored');
    assert.deepEqual(stored?.fields.map((field) => field.name.en), ['User ID', 'Username', 'Password (hashed)', 'Email', 'Last Login Time', 'Session Token']);
    assert.deepEqual(eventsOf(lab.trace, 'internal-step').map((step) => step.label.en), ['Verify Request', 'Store Client Information']);
    assert.equal(request(lab, 'profile').ok, true);
    assert.equal(request(lab, 'logout').ok, true);
    // Logout deletes the session and the browser drops the cookie: the next profile is an ordinary 401.
    assert.ok(eventsOf(lab.trace, 'state').some((event) => event.action === 'deleted'));
    const after = request(lab, 'profile');
    assert.deepEqual([after.reason, after.status], ['not-logged-in', 401]);
  });

  it('login: the session cookie is set by the login, sent back by later requests and cleared by logout', () => {
    const lab = makeLab({ protocol: 'login', servers: ['Server'], relay: 'none' });
    request(lab, 'login', { user: 'kim', password: 'secret' });
    request(lab, 'profile');
    request(lab, 'logout');
    request(lab, 'profile');
    const headers = eventsOf(lab.trace, 'message-delivered').map((message) => `${message.label.en} | ${message.detail?.en ?? ''}`);
    assert.deepEqual(headers.map((line) => line.replace(/SID=[0-9a-f]{4}…/, 'SID=x')), [
      'Login Request | ', 'Login Response | Set-Cookie: SID=x', 'Profile Request | Cookie: SID=x', 'Profile Response | ',
      'Logout Request | Cookie: SID=x', 'Logged out | Set-Cookie: SID=; Max-Age=0', 'Profile Request | ', '401 Login required | ',
    ]);
  });

  it('token: the signed token travels in the messages (token in the answer, Authorization: Bearer in the next request)', () => {
    const lab = makeLab({ state: 'token', servers: ['A', 'B'], relay: 'round-robin' });
    purchase(lab);
    const headers = eventsOf(lab.trace, 'message-delivered').filter((message) => message.from !== 'relay').map((message) => message.detail?.en.replace(/[0-9a-f]{4}…/, 'x') ?? '');
    assert.deepEqual(headers, ['', 'token: x', 'Authorization: Bearer x', 'token: x', 'Authorization: Bearer x', 'token: x']);
  });

  it('login: a session the server lost is a failure of state, not an ordinary 401', () => {
    const lab = makeLab({ protocol: 'login', servers: ['Server'], relay: 'none' });
    request(lab, 'login', { user: 'kim', password: 'secret' });
    lab.restart('Server');
    assert.equal(request(lab, 'profile').reason, 'missing-state');
  });

  it('tcp: the handshake establishes a connection that carries data; close ends it', () => {
    const lab = makeLab({ protocol: 'tcp', servers: ['Server'], relay: 'none' });
    assert.equal(request(lab, 'connect').ok, true);
    const labels = eventsOf(lab.trace, 'message-sent').map((message) => message.label.en);
    assert.deepEqual(labels, ['SYN', 'SYN-ACK', 'ACK']);
    assert.equal(lab.snapshot().servers[0]?.connections[0]?.status, 'ESTABLISHED');
    assert.equal(request(lab, 'send', { data: 'hi' }).ok, true);
    assert.match(eventsOf(lab.trace, 'state').at(-1)?.shown.en ?? '', /^ESTABLISHED\nreceived “hi” \(2 bytes\)$/);
    assert.equal(request(lab, 'close').ok, true);
    // The close is FIN, FIN-ACK and the client's last ACK.
    assert.deepEqual(eventsOf(lab.trace, 'message-sent').slice(-3).map((message) => message.label.en), ['FIN', 'FIN-ACK', 'ACK']);
    assert.equal(lab.snapshot().servers[0]?.connections.length, 0);
  });

  it('tcp: data after a crash and re-route gets RST', () => {
    const lab = makeLab({ protocol: 'tcp', relay: 'round-robin' });
    request(lab, 'connect');
    lab.crash('Server1');
    const outcome = request(lab, 'send', { data: 'again' });
    assert.equal(outcome.reason, 'connection-reset');
    assert.ok(eventsOf(lab.trace, 'message-sent').some((message) => message.label.en.startsWith('RST')));
  });

  it('tcp: data without a connection is refused without a packet', () => {
    const lab = makeLab({ protocol: 'tcp', servers: ['Server'], relay: 'none' });
    const outcome = request(lab, 'send', { data: 'x' });
    assert.equal(outcome.reason, 'rejected');
    assert.equal(eventsOf(lab.trace, 'message-sent').length, 0);
  });
});

describe('faults and the interactive lab', () => {
  it('drop: next loses one message and the client times out', () => {
    const lab = makeLab({ state: 'client' });
    lab.dropNext();
    const outcome = request(lab, 'price', { item: 'laptop' });
    assert.equal(outcome.reason, 'timeout');
    assert.equal(eventsOf(lab.trace, 'message-lost')[0]?.reason, 'dropped');
    assert.equal(request(lab, 'price', { item: 'laptop' }).ok, true);
  });

  it('error: next fails one request with a server error inside a "Server Error" group', () => {
    const lab = makeLab({ protocol: 'login', servers: ['Server'], relay: 'none' });
    lab.failNext();
    const outcome = request(lab, 'login', { user: 'kim', password: 'pw' });
    assert.equal(outcome.status, 500);
    assert.equal(outcome.label.en, 'Login Failed');
    assert.deepEqual(eventsOf(lab.trace, 'group').map((group) => [group.phase, group.label.en]), [['start', 'Server Error']]);
  });

  it('every request ends with exactly one outcome, even when interleaved', () => {
    const lab = makeLab({ state: 'server', clients: ['A', 'B'] });
    const ids = [lab.send('A', 'price', { item: 'laptop' }), lab.send('B', 'price', { item: 'mouse' }), lab.send('A', 'order', { quantity: 1 })];
    lab.runUntilIdle();
    const outcomes = eventsOf(lab.trace, 'request-outcome').map((outcome) => outcome.requestId).sort();
    assert.deepEqual(outcomes, ids);
    assert.equal(lab.pendingRequests, 0);
  });

  it('subscribers see each event once; reset replays the same run', () => {
    const lab = makeLab();
    const seen: number[] = [];
    const unsubscribe = lab.subscribe((event) => seen.push(event.seq));
    purchase(lab);
    const first = JSON.stringify(lab.trace);
    assert.deepEqual(seen, lab.trace.map((event) => event.seq));
    unsubscribe();
    lab.reset();
    assert.equal(lab.trace.length, 0);
    purchase(lab);
    assert.equal(JSON.stringify(lab.trace), first);
  });

  it('snapshots the whole state for the inspector', () => {
    const lab = makeLab({ state: 'server', relay: 'sticky', clients: ['고객 1'] });
    request(lab, 'price', { item: 'laptop' }, '고객 1');
    const snapshot = lab.snapshot();
    assert.equal(snapshot.relay?.policy, 'sticky');
    assert.deepEqual(snapshot.relay.pins, [['c1', 's1']]);
    assert.deepEqual(snapshot.servers[0]?.sessions[0]?.context, { item: 'laptop', unitPrice: 1_000_000 });
    assert.equal(snapshot.clients[0]?.name, '고객 1');
    assert.ok(snapshot.clients[0].sessionId?.startsWith('sess-'));
  });

  it('names are free text: any characters, any language', () => {
    const names = ['서버 #1; "end"', 'S:1 -->> <b>x</b>', 'end', '🦄'];
    const lab = makeLab({ servers: names, clients: ['클라이언트 %% A'], state: 'client' });
    const served = names.map(() => serverNameOf(lab, request(lab, 'price', { item: 'laptop' }, '클라이언트 %% A').server));
    assert.deepEqual(served, names);
  });

  it('explains a wrong call instead of doing something odd', () => {
    const lab = makeLab();
    assert.throws(() => lab.send('Nobody', 'price', { item: 'laptop' }), /No client named "Nobody" \(clients: Client\)/);
    assert.throws(() => lab.send('Client', 'buy'), /"buy" is not a request of protocol "shop" \(expected price, order, pay\)/);
    assert.throws(() => { lab.setStore(false); }, /no session store/);
    assert.throws(() => { lab.crash('Server9'); }, /No server named "Server9"/);
    assert.throws(() => { lab.wait(-1); }, /from 0 ms to a year/);
    assert.throws(() => { lab.wait(1e20); }, /from 0 ms to a year/);
  });
});
