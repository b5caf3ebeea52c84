// The lab: a deterministic discrete-event simulation of clients, a relay, servers and a session
// store. It keeps the virtual clock and the network's queue, wires the actors together and offers
// the faults; the actors own their behaviour (client.ts, relay.ts, server.ts, storeClient.ts), and
// where state lives is a strategy (placements/). Drive it step by step (live lab) or run it until
// idle (scenarios, CLI, benchmarks).
import { Client, type ClientWork } from './client';
import type { Envelope } from './envelope';
import { Exchanges } from './exchanges';
import type { CarriedState } from './headers';
import { displayName, inventedName, namesActor, RELAY_LABEL, STORE_LABEL } from './names';
import { defaultServerNames, type Params, type Topology } from './model';
import { Network } from './network';
import type { StatePlacementStrategy } from './placements/placement';
import { statePlacement } from './placements/registry';
import type { ConversationProtocol } from './protocols/protocol';
import { conversationProtocols, requestsOf } from './protocols/registry';
import { SeededRandom } from './random';
import { TraceRecorder, type VirtualClock } from './recorder';
import { Relay, type RelayWork } from './relay';
import { Desk, Server, type Workplace } from './server';
import { SessionStore } from './sessionStore';
import { takeSnapshot, type LabSnapshot } from './snapshot';
import { StoreClient } from './storeClient';
import { say, type Text } from './text';
import type { Participant, TraceEvent } from './trace';

/** A call the lab cannot carry out (unknown server, unknown request…): the message says why. */
export class LabError extends Error {
  override readonly name = 'LabError';
}

export interface LabOptions {
  /** Keep every trace event in memory (`lab.trace`). Off for long runs that stream instead. */
  readonly record?: boolean;
  /** The clock events are stamped with: virtual time by default; real mode's counts real milliseconds plus the waits. */
  readonly clock?: VirtualClock;
}

/** As scenario files: servers at the start and added, in all. */
const MAX_SERVERS = 100;
const MAX_WAIT_MS = 365 * 24 * 60 * 60 * 1000;
export const CONNECTION_REFUSED = say('Connection refused: the server is down', '연결 거부: 서버가 죽어 있음');
export const TIMED_OUT = say('No answer (timed out)', '응답 없음 (시간 초과)');

export class Lab implements Workplace, ClientWork, RelayWork {
  readonly topology: Topology;
  readonly clock: VirtualClock;
  readonly recorder: TraceRecorder;
  readonly protocol: ConversationProtocol | undefined;
  readonly placement: StatePlacementStrategy;
  network!: Network;
  exchanges!: Exchanges;
  /** What messages show of the state they carry: the session cookie, the token, or nothing. */
  carried: CarriedState | undefined;
  desk!: Desk;
  store: StoreClient | undefined;
  servers: Server[] = [];
  private readonly serversById = new Map<string, Server>();
  private clients: Client[] = [];
  private readonly clientsByName = new Map<string, Client>();
  private relay: Relay | undefined;
  private sessionStore: SessionStore | undefined;
  private participantList: Participant[] = [];
  private random!: SeededRandom;
  private serverSeq = 0;
  private sessionSeq = 0;
  private serverErrorNext = false;
  /** Queue events handled so far (messages and timers). */
  eventsProcessed = 0;

  constructor(topology: Topology, options: LabOptions = {}) {
    this.topology = topology;
    this.clock = options.clock ?? { now: 0 };
    this.protocol = topology.protocol === 'tcp' ? undefined : conversationProtocols[topology.protocol];
    this.placement = statePlacement(topology.state);
    this.recorder = new TraceRecorder(this.clock, options.record ?? true, this.protocol, topology.names);
    this.reset();
  }

  /** Back to the start: same topology, same seed, empty memory, empty trace (listeners stay). */
  reset(): void {
    const { topology, placement } = this;
    this.clock.now = 0;
    this.recorder.clear();
    this.eventsProcessed = this.serverSeq = this.sessionSeq = 0;
    this.serverErrorNext = false;
    this.random = new SeededRandom(topology.seed);
    // The session cookie shows in a login's messages only where the story uses it (cookies: false otherwise).
    const header = placement.header === 'cookie' && (topology.cookies === false || topology.protocol !== 'login') ? undefined : placement.header;
    this.carried = header;
    this.network = new Network(this.clock, this.recorder, topology.latencyMs, header);
    this.exchanges = new Exchanges(this.recorder, () => this.relay);
    this.clients = topology.clients.map((name, index) => new Client(`c${index + 1}`, name, displayName(name, topology.names)));
    this.relay = topology.relay === 'none' ? undefined : new Relay('relay', 'Relay', topology.relay, this.random);
    this.servers = topology.servers.length > 0
      ? topology.servers.map((name) => new Server(`s${++this.serverSeq}`, name, displayName(name, topology.names)))
      : defaultServerNames(1).map((name) => new Server(`s${++this.serverSeq}`, name, inventedName(name)));
    this.serversById.clear();
    for (const server of this.servers) this.serversById.set(server.id, server);
    this.clientsByName.clear();
    for (const client of this.clients) this.clientsByName.set(client.name, client);
    this.sessionStore = placement.needsStore ? new SessionStore('store', 'Session Store', topology.sessionTtlMs) : undefined;
    this.store = this.sessionStore === undefined ? undefined : new StoreClient(this.sessionStore, this.network, this.recorder, this.clock);
    this.desk = new Desk(this, this.store);
    this.participantList = [
      ...this.clients.map((client): Participant => ({ id: client.id, kind: 'client', name: client.name, label: client.label })),
      ...(this.relay ? [{ id: this.relay.id, kind: 'relay', name: this.relay.name, label: RELAY_LABEL, ...(topology.drawRelay === false ? { hidden: true } : {}) } satisfies Participant] : []),
      ...this.servers.map((server): Participant => this.serverParticipant(server)),
      ...(this.sessionStore ? [{ id: this.sessionStore.id, kind: 'store', name: this.sessionStore.name, label: STORE_LABEL } satisfies Participant] : []),
    ];
  }

  // ---- observing -------------------------------------------------------------------------

  subscribe(listener: (event: TraceEvent) => void): () => void {
    return this.recorder.subscribe(listener);
  }

  /** Every event so far (empty when the lab was created with `record: false`). */
  get trace(): readonly TraceEvent[] {
    return this.recorder.trace;
  }

  /** Everyone who has taken part, in a stable order (servers added later come last). */
  get participants(): readonly Participant[] {
    return this.participantList;
  }

  /** Virtual time in milliseconds. */
  get now(): number {
    return this.clock.now;
  }

  get idle(): boolean {
    return this.network.idle;
  }

  get pendingRequests(): number {
    return this.exchanges.open;
  }

  snapshot(): LabSnapshot {
    return takeSnapshot({ now: this.clock.now, topology: this.topology, servers: this.servers, clients: this.clients, relay: this.relay, store: this.sessionStore, participants: this.participantList, pendingRequests: this.exchanges.open });
  }

  // ---- running ---------------------------------------------------------------------------

  /** Handles the next event; false when there is nothing left to do. */
  step(): boolean {
    const envelope = this.network.next();
    if (envelope === undefined) return false;
    this.clock.now = envelope.time;
    this.eventsProcessed++;
    this.arrive(envelope);
    return true;
  }

  /** Runs until nothing is scheduled (or `maxEvents` were handled); returns how many were. */
  runUntilIdle(maxEvents = Number.POSITIVE_INFINITY): number {
    let handled = 0;
    while (handled < maxEvents && this.step()) handled++;
    return handled;
  }

  /** A client sends a request; returns its id. Nothing moves until the lab steps. */
  send(clientName: string, request: string, params: Params = {}): number {
    const client = this.clientNamed(clientName);
    this.checkRequest(request);
    const exchange = this.exchanges.start(client, request, params);
    client.request(exchange, params, this);
    return exchange.id;
  }

  /** Refuses a request the lab's protocol does not have. */
  checkRequest(request: string): void {
    const known = requestsOf(this.topology.protocol);
    if (!known.some((spec) => spec.name === request)) {
      throw new LabError(`"${request}" is not a request of protocol "${this.topology.protocol}" (expected ${known.map((spec) => spec.name).join(', ')})`);
    }
  }

  /** A message (or a client's timer) arrives where it was sent. */
  private arrive(envelope: Envelope): void {
    const { exchange } = envelope;
    if (envelope.payload.type === 'timeout') {
      this.exchanges.finish(exchange, false, 'timeout', TIMED_OUT);
      return;
    }
    if (envelope.lost !== undefined) {
      this.network.lost(envelope, envelope.lost);
      return;
    }
    const server = this.serversById.get(envelope.to);
    if (server === undefined ? envelope.to.startsWith('s') && envelope.to !== 'store' : !server.up) {
      this.network.lost(envelope, 'server-down');
      // Behind a relay the relay answers 502; a client that called the server itself is refused.
      if (this.relay !== undefined && envelope.from === this.relay.id) this.relay.answerForDeadServer(envelope, this);
      else this.exchanges.finish(exchange, false, 'server-down', CONNECTION_REFUSED);
      return;
    }
    this.network.delivered(envelope);
    if (server !== undefined) server.receive(envelope, this);
    else if (envelope.to === this.relay?.id) this.relay.forward(envelope, this);
    else exchange.client.receive(envelope, this);
  }

  // ---- what servers and clients need from the lab -------------------------------------

  /** Where a client's messages go first: the relay, or the only server. */
  get entry(): string {
    return this.relay?.id ?? (this.servers[0]?.id ?? 's1');
  }

  takeServerError(): boolean {
    const next = this.serverErrorNext;
    this.serverErrorNext = false;
    return next;
  }

  newSessionId(): string {
    return `sess-${(++this.sessionSeq).toString().padStart(3, '0')}-${this.random.below(0x10000).toString(16).padStart(4, '0')}`;
  }

  peerName(clientId: string): string {
    return this.clients.find((client) => client.id === clientId)?.name ?? clientId;
  }

  // ---- faults and operations ---------------------------------------------------------------

  crash(serverName: string): void {
    const server = this.serverNamed(serverName);
    if (!server.up) throw new LabError(`${server.name} is already down`);
    server.up = false;
    this.recorder.fault('crash', server.id, say(`${server.label.en} crashes`, `${server.label.ko} 장애 발생`));
    this.forgetMemory(server);
  }

  restart(serverName: string): void {
    const server = this.serverNamed(serverName);
    if (server.up) this.forgetMemory(server);
    server.up = true;
    this.recorder.fault('restart', server.id, say(`${server.label.en} restarts (empty memory)`, `${server.label.ko} 재시작 (메모리 비어 있음)`));
  }

  addServer(name?: string): string {
    const chosen = name ?? this.freshServerName();
    if (this.serverSeq >= MAX_SERVERS) throw new LabError(`A lab may have at most ${MAX_SERVERS} servers in all, counting the ones added`);
    if (this.servers.some((server) => namesActor(chosen, server.name, server.label))) throw new LabError(`There is already a server named "${chosen}"`);
    const server = new Server(`s${++this.serverSeq}`, chosen, name === undefined ? inventedName(chosen) : displayName(chosen, this.topology.names));
    this.servers.push(server);
    this.serversById.set(server.id, server);
    this.participantList.push(this.serverParticipant(server));
    this.relay?.welcome(server);
    this.recorder.fault('add-server', server.id, say(`${server.label.en} joins (scale-out)`, `${server.label.ko} 증설`));
    return chosen;
  }

  removeServer(serverName: string): void {
    const server = this.serverNamed(serverName);
    this.servers = this.servers.filter((candidate) => candidate !== server);
    server.up = false;
    this.relay?.forget(server);
    this.recorder.fault('remove-server', server.id, say(`${server.label.en} is removed`, `${server.label.ko} 제거`));
    this.forgetMemory(server);
  }

  setStore(up: boolean): void {
    const store = this.sessionStore;
    if (store === undefined) throw new LabError(`There is no session store: state lives in the ${this.topology.state}, not in a store`);
    store.up = up;
    this.recorder.fault(up ? 'store-up' : 'store-down', store.id, up ? say('Session store is back (sessions kept)', '세션 저장소 복구 (세션은 그대로)') : say('Session store goes down', '세션 저장소 장애'));
  }

  dropNext(): void {
    this.network.loseNext();
    this.recorder.fault('drop-next', undefined, say('The next message will be lost', '다음 메시지 유실'));
  }

  /** The next request a server handles fails with a server error after its checks. */
  failNext(): void {
    this.serverErrorNext = true;
    this.recorder.fault('error-next', undefined, say('The next request will hit a server error', '다음 요청에서 서버 오류'));
  }

  /** Marks an alternative in the trace ("Server Error" … "Success"), shown as alt/else in diagrams. */
  group(phase: 'start' | 'else' | 'end', label: Text): void {
    this.recorder.group(phase, label);
  }

  /** Lets virtual time pass (after everything in flight has arrived), e.g. for a session TTL. */
  wait(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0 || ms > MAX_WAIT_MS) throw new LabError(`wait needs a duration from 0 ms to a year (${MAX_WAIT_MS} ms), got ${ms}`);
    if (!Number.isSafeInteger(this.clock.now + ms)) throw new LabError('virtual time would run past what the lab can count');
    this.runUntilIdle();
    this.clock.now += ms;
    // A wait past the session TTL says so: that is why the next request finds no session.
    const ttl = this.topology.sessionTtlMs;
    const past = this.placement.usesSessions && ms > ttl;
    this.recorder.fault('wait', undefined, past
      ? say(`${formatDuration(ms, 'en')} pass: past the session TTL of ${formatDuration(ttl, 'en')}`, `${formatDuration(ms, 'ko')} 경과: 세션 TTL ${formatDuration(ttl, 'ko')} 지남`)
      : say(`${formatDuration(ms, 'en')} pass`, `${formatDuration(ms, 'ko')} 경과`));
  }

  private forgetMemory(server: Server): void {
    const lost = server.forgetEverything();
    for (const [key, context] of lost.sessions) this.recorder.conversationState('lost', server.id, key, context, 0);
    for (const connection of lost.connections) this.recorder.connectionState('lost', server.id, connection, this.peerName(connection.client), 0);
  }

  private serverParticipant(server: Server): Participant {
    return { id: server.id, kind: 'server', name: server.name, label: server.label, ...(this.topology.drawSteps === false ? { quiet: true } : {}) };
  }

  private freshServerName(): string {
    let index = this.servers.length + 1;
    while (this.servers.some((server) => server.name === `Server${index}`)) index++;
    return `Server${index}`;
  }

  clientNamed(name: string): Client {
    const client = this.clientsByName.get(name) ?? this.clients.find((candidate) => namesActor(name, candidate.name, candidate.label));
    if (client === undefined) throw new LabError(`No client named "${name}" (clients: ${this.clients.map((candidate) => candidate.name).join(', ')})`);
    return client;
  }

  serverNamed(name: string): Server {
    const server = this.servers.find((candidate) => candidate.name === name) ?? this.servers.find((candidate) => namesActor(name, candidate.name, candidate.label));
    if (server === undefined) throw new LabError(`No server named "${name}" (servers: ${this.servers.map((candidate) => candidate.name).join(', ') || 'none'})`);
    return server;
  }
}

export function formatDuration(ms: number, language: 'en' | 'ko'): string {
  const units: [number, string, string][] = [[3_600_000, 'h', '시간'], [60_000, 'min', '분'], [1000, 's', '초']];
  for (const [size, en, ko] of units) {
    if (ms >= size && ms % size === 0) return language === 'en' ? `${ms / size} ${en}` : `${ms / size}${ko}`;
  }
  return language === 'en' ? `${ms} ms` : `${ms}ms`;
}
