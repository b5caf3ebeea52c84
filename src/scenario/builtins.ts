// The stories of the two notes, one click each. They are written in the scenario file format and
// go through the same validator as a user's file. The names are the notes' own (고객, 점원A),
// each with its English name, so a diagram is in one language whichever is chosen.
import type { Topology } from '../engine/model';
import { say, type Text } from '../engine/text';
import type { Scenario } from './scenario';
import { validateScenario } from './validate';

export interface BuiltinScenario {
  readonly id: string;
  readonly story: number;
  /** The one thing the story teaches, in the seed's words where there is one: every message serves it. */
  readonly lesson: Text;
  readonly scenario: Scenario;
}

/** What a story draws besides its file: names in both languages, and whether the relay is part of the story. */
interface Drawing {
  readonly names?: Topology['names'];
  readonly drawRelay?: false;
  readonly drawSteps?: false;
  readonly comparison?: Scenario['comparison'];
}

const CLERKS: Drawing = {
  names: { 고객: say('Customer', '고객'), 점원: say('Clerk', '점원'), 점원A: say('Clerk A', '점원A'), 점원B: say('Clerk B', '점원B'), 점원C: say('Clerk C', '점원C') },
  // The notes' clerk stories are a customer and the clerk on duty; who changes shifts is not the story.
  drawRelay: false,
};

/** The relay stories' own names: client A as the seed writes it, the servers as our defaults are said. */
const RELAY_NAMES: Topology['names'] = { 'Client A': say('Client A', '클라이언트A'), Server1: say('Server1', '서버1'), Server2: say('Server2', '서버2') };

const documents: readonly (Record<string, unknown> & { id: string; story: number; lesson: Text; drawing?: Drawing })[] = [
  {
    id: 'clerk-stateful', story: 1,
    lesson: say('Stateful: the clerk keeps the context, so "2" and "by card" are enough.', '상태 유지: 점원이 문맥을 기억하므로 "2개", "신용카드로"만 말해도 된다.'),
    title: { en: 'One clerk remembers the purchase (stateful)', ko: '상태 유지 - 한 점원이 문맥을 기억한다' },
    description: { en: 'The customer asks the laptop price, buys 2 and pays by card; the clerk keeps the context.', ko: '고객이 노트북 가격을 묻고, 2개를 사고, 신용카드로 결제한다. 점원이 문맥을 기억한다.' },
    protocol: 'shop', state: 'server', servers: ['점원'], clients: ['고객'], drawing: CLERKS,
    steps: [
      { from: '고객', send: 'price', item: 'laptop', expect: 'ok' },
      { from: '고객', send: 'order', quantity: 2, expect: 'ok' },
      { from: '고객', send: 'pay', method: 'card', expect: 'ok' },
    ],
  },
  {
    id: 'clerk-changes-stateful', story: 2,
    lesson: say('Stateful: when the clerk changes mid-purchase, the new clerk does not know the context and the purchase fails.', '상태 유지에서는 다른 점원으로 바뀌면 장애가 난다.'),
    title: { en: 'The clerk changes mid-purchase (stateful)', ko: '상태 유지 - 점원이 중간에 바뀌면?' },
    description: { en: 'Clerk B does not know what to sell 2 of; clerk C does not know what to charge.', ko: '점원B는 무엇을 2개 살지 모르고, 점원C는 무엇을 결제할지 모른다: 장애가 난다.' },
    protocol: 'shop', state: 'server', servers: ['점원A', '점원B', '점원C'], relay: 'round-robin', clients: ['고객'], drawing: CLERKS,
    steps: [
      { from: '고객', send: 'price', item: 'laptop', expect: 'ok' },
      { from: '고객', send: 'order', quantity: 2, expect: 'fail' },
      { from: '고객', send: 'pay', method: 'card', expect: 'fail' },
    ],
  },
  {
    id: 'clerk-stateless', story: 3,
    lesson: say('Stateless: the customer says everything needed every time ("2 laptops, by card").', '무상태: 고객이 필요한 데이터를 그때그때 모두 말한다 ("노트북 2개를 신용카드로").'),
    title: { en: 'The customer repeats the context (stateless)', ko: '무상태 - 고객이 필요한 정보를 매번 말한다' },
    description: { en: '"2 laptops, by card": every request carries the whole context.', ko: '"노트북 2개를 신용카드로": 요청마다 문맥 전체를 보낸다.' },
    protocol: 'shop', state: 'client', servers: ['점원'], clients: ['고객'], drawing: CLERKS,
    steps: [
      { from: '고객', send: 'price', item: 'laptop', expect: 'ok' },
      { from: '고객', send: 'order', quantity: 2, expect: 'ok' },
      { from: '고객', send: 'pay', method: 'card', expect: 'ok' },
    ],
  },
  {
    id: 'clerk-changes-stateless', story: 4,
    lesson: say('Stateless: the customer passes what is needed each time, so changing clerks mid-purchase is no problem.', '무상태에서는 고객이 필요한 데이터를 그때그때 넘기기 때문에 중간에 점원이 바뀌어도 아무 문제가 없다.'),
    title: { en: 'A different clerk every time (stateless)', ko: '무상태 - 점원이 중간에 바뀌어도 된다' },
    description: { en: 'Each clerk gets the whole context, so any clerk can answer. The price: every request carries more data.', ko: '필요한 데이터를 그때그때 넘기므로 점원이 바뀌어도 문제가 없다. 대신 요청마다 보내는 데이터가 많아진다.' },
    protocol: 'shop', state: 'client', servers: ['점원A', '점원B', '점원C'], relay: 'round-robin', clients: ['고객'], drawing: CLERKS,
    steps: [
      { from: '고객', send: 'price', item: 'laptop', expect: 'ok' },
      { from: '고객', send: 'order', quantity: 2, expect: 'ok' },
      { from: '고객', send: 'pay', method: 'card', expect: 'ok' },
    ],
  },
  {
    id: 'relay-stateful-server-dies', story: 5,
    lesson: say('Stateful: client A must always reach Server1; if Server1 dies, the client has to start over.', '상태 유지: 클라이언트A는 항상 서버1과 통신해야 한다. 서버1이 죽어버리면 클라이언트는 처음부터 다시 진행해야 한다.'),
    title: { en: 'Always the same server; it dies, start over (stateful)', ko: '상태 유지 - 항상 같은 서버, 서버1이 죽으면 처음부터' },
    description: { en: 'The relay pins client A to Server1, which keeps "laptop, 2". Server1 dies: the relay sends the payment on to Server2, which knows nothing, and the client starts over.', ko: '중계 서버가 클라이언트A를 서버1에 고정한다. 서버1이 죽으면 중계 서버는 결제 요청을 서버2로 보내지만, 서버2는 아무것도 모르므로 클라이언트는 처음부터 다시 진행해야 한다.' },
    protocol: 'shop', state: 'server', servers: ['Server1', 'Server2'], relay: 'sticky', clients: ['Client A'], drawing: { names: RELAY_NAMES },
    steps: [
      { from: 'Client A', send: 'price', item: 'laptop', expect: 'ok' },
      { from: 'Client A', send: 'order', quantity: 2, expect: 'ok' },
      // Mid-purchase: the pinned server dies with the conversation in it.
      { crash: 'Server1' },
      { from: 'Client A', send: 'pay', method: 'card', expect: 'fail' },
      { from: 'Client A', send: 'price', item: 'laptop', expect: 'ok' },
      { from: 'Client A', send: 'order', quantity: 2, expect: 'ok' },
      { from: 'Client A', send: 'pay', method: 'card', expect: 'ok' },
    ],
  },
  {
    id: 'relay-stateless-scale-out', story: 6,
    lesson: say('Stateless: any server will do; a new server takes requests at once, and if Server1 dies mid-purchase, talking to Server2 is fine.', '무상태: 아무 서버나 호출해도 된다. 증설한 서버도 바로 요청을 처리하고, 서버1이 장애가 나더라도 서버2랑 통신해도 된다.'),
    title: { en: 'Any server will do; add servers at will (stateless)', ko: '무상태 - 아무 서버나 호출해도 된다, 서버 증설' },
    description: { en: 'Server2 joins (scale-out) and takes the next request at once; Server1 dies mid-purchase and the relay sends the payment on to Server2, which can answer: the request carries everything.', ko: '서버2를 증설하면 바로 다음 요청을 처리한다. 구매 도중 서버1이 죽어도 중계 서버가 결제 요청을 서버2로 보내고, 요청에 필요한 정보가 다 있으므로 서버2가 응답한다.' },
    protocol: 'shop', state: 'client', servers: ['Server1'], relay: 'round-robin', clients: ['Client A'], drawing: { names: RELAY_NAMES },
    steps: [
      { from: 'Client A', send: 'price', item: 'laptop', expect: 'ok' },
      // Scale-out: the new server takes the next turn.
      { addServer: 'Server2' },
      { from: 'Client A', send: 'order', quantity: 2, expect: 'ok' },
      // Mid-purchase: Server1's turn comes next, and it is down.
      { crash: 'Server1' },
      { from: 'Client A', send: 'pay', method: 'card', expect: 'ok' },
    ],
  },
  {
    id: 'login-cookie-session', story: 7,
    lesson: say('Login needs state: the browser keeps a cookie, the server keeps the session; after logout the profile is refused.', '로그인한 사용자의 경우 로그인 했다는 상태를 서버에 유지해야 한다: 브라우저 쿠키와 서버 세션.'),
    title: { en: 'Login needs state: a cookie and a server session', ko: '실무 한계 - 로그인은 상태 유지가 필요하다 (쿠키 + 서버 세션)' },
    description: { en: 'The server keeps the login in a session; the browser keeps only the session cookie. After logout the profile is refused.', ko: '서버는 세션에 로그인 상태를 유지하고, 브라우저는 세션 쿠키만 가진다. 로그아웃 후에는 프로필을 볼 수 없다.' },
    protocol: 'login', state: 'server', servers: 1, clients: ['Browser'], drawing: { names: { Browser: say('Browser', '브라우저') } },
    steps: [
      { from: 'Browser', send: 'login', user: 'kim', password: 'secret', expect: 'ok' },
      { from: 'Browser', send: 'profile', expect: 'ok' },
      { from: 'Browser', send: 'logout', expect: 'ok' },
      { from: 'Browser', send: 'profile', expect: 'fail' },
    ],
  },
  {
    id: 'login-stateful', story: 8,
    lesson: say('Stateful: the server verifies the login and stores the client information, then answers.', '상태 유지: 서버가 요청을 검증하고 클라이언트 정보를 저장한 뒤 응답한다.'),
    title: { en: 'Login on a stateful server', ko: '상태유지 프로토콜의 동작 예시 - 로그인' },
    description: { en: 'The server verifies the request, stores the client information and responds.', ko: '서버가 요청을 검증하고, 클라이언트 정보를 저장한 뒤 응답한다.' },
    protocol: 'login', state: 'server', servers: 1,
    steps: [{ from: 'Client', send: 'login', user: 'kim', password: 'secret', expect: 'ok' }],
  },
  {
    id: 'login-server-error', story: 9,
    lesson: say('Stateful: when a server error strikes, the login is lost and the client has to log in again.', '로그인이 되어 있던 상태에서도 서버 오류가 발생하면, 다시 로그인을 요청해야 한다.'),
    title: { en: 'Login with a server error: log in again', ko: '장애 발생 시 상태 손실 - 다시 로그인' },
    description: { en: 'A server error after verifying: login failed, the client sends the login request again.', ko: '서버 오류가 발생하면 로그인이 실패하고, 다시 로그인을 요청해야 한다.' },
    protocol: 'login', state: 'server', servers: 1,
    steps: [
      { error: 'next' },
      { from: 'Client', send: 'login', user: 'kim', password: 'secret', retry: 1, expect: 'ok' },
    ],
  },
  {
    id: 'scaling-sticky-sessions', story: 10,
    lesson: say('Sticky sessions: the relay (a load balancer) pins each user to one server; when that server dies, its sessions die with it and the user logs in again.', '스티키 세션: 중계 서버(로드 밸런서)가 사용자를 한 서버에 고정한다. 그 서버가 죽으면 세션도 사라져 다시 로그인해야 한다.'),
    title: { en: 'Scaling stateful: sticky sessions lose the login when a server dies', ko: '수평 확장의 한계 - 스티키 세션: 서버가 죽으면 다시 로그인' },
    description: { en: 'The relay (a load balancer) pins each user to one server. When that server crashes, the sessions in it are gone: the user logs in again.', ko: '중계 서버(로드 밸런서)가 사용자를 한 서버에 고정한다. 그 서버가 죽으면 세션도 사라져 다시 로그인해야 한다.' },
    protocol: 'login', state: 'server', servers: 2, relay: 'sticky', clients: ['Alice'],
    // The pin and the session are the story; each server's routine Verify Request is not.
    drawing: { names: { Alice: say('Alice', '철수') }, drawSteps: false },
    steps: [
      { from: 'Alice', send: 'login', user: 'alice', password: 'a-pass', expect: 'ok' },
      { from: 'Alice', send: 'profile', expect: 'ok' },
      // The pinned server dies with the session in it.
      { crash: 'Server1' },
      { from: 'Alice', send: 'profile', expect: 'fail' },
      { from: 'Alice', send: 'login', user: 'alice', password: 'a-pass', expect: 'ok' },
      { from: 'Alice', send: 'profile', expect: 'ok' },
    ],
  },
  {
    id: 'scaling-shared-store', story: 10,
    lesson: say('A shared session store (Redis): any server finds the session, so a server crash does not matter; while the store is down nobody can read it, and an idle session ends with its TTL.', '외부 세션 저장소(Redis): 어느 서버든 세션을 찾으므로 서버 장애는 상관없다. 저장소가 죽어 있는 동안에는 아무도 세션을 못 읽고, 오래 쉬면 세션이 TTL로 만료된다.'),
    title: { en: 'Scaling stateful: a shared session store (Redis) survives server crashes, not its own outage', ko: '수평 확장 - 외부 세션 저장소(Redis): 서버 장애는 견디지만 저장소 장애는 못 견딘다' },
    description: { en: 'Any server reads the session from the store, so a server crash does not matter. While the store is down no server can read it (503); after the TTL (30 min) the session has expired.', ko: '어느 서버든 저장소에서 세션을 읽으므로 서버 장애는 문제없다. 저장소가 죽어 있는 동안에는 어느 서버도 세션을 못 읽고(503), TTL(30분)이 지나면 세션이 만료된다.' },
    protocol: 'login', state: 'store', servers: 2, relay: 'round-robin', sessionTtlMs: 1800000,
    // Each server's routine Verify Request is not the story: the store's calls and the relay's choices are.
    drawing: { drawSteps: false },
    steps: [
      { from: 'Client', send: 'login', user: 'kim', password: 'secret', expect: 'ok' },
      // Server1 dies with nothing lost: the session is in the store.
      { crash: 'Server1' },
      { from: 'Client', send: 'profile', expect: 'ok' },
      { store: 'down' },
      { from: 'Client', send: 'profile', expect: 'fail' },
      { store: 'up' },
      { from: 'Client', send: 'profile', expect: 'ok' },
      { wait: 1860000 },
      { from: 'Client', send: 'profile', expect: 'fail' },
    ],
  },
  {
    id: 'tcp-connection', story: 11,
    lesson: say('TCP is stateful: the connection lives in the server; when the server crashes and restarts, the connection is gone (RST) and the client connects again.', 'TCP는 상태 유지: 연결은 서버에 있다. 서버가 장애로 재시작하면 연결이 사라져 RST가 오고, 클라이언트는 처음부터 다시 연결해야 한다.'),
    title: { en: 'TCP: handshake, data, and a crash that resets the connection', ko: 'TCP 통신 - 3-way handshake, 데이터, 장애 시 연결 재설정(RST)' },
    description: { en: 'SYN / SYN-ACK / ACK, then data on the established connection. The server crashes and restarts empty: it answers the next segment with RST (no such connection), and the client connects again.', ko: 'SYN / SYN-ACK / ACK 후 연결된 상태로 데이터를 주고받는다. 서버가 장애로 재시작하면 연결 정보가 없어 다음 데이터에 RST(이 연결 없음)로 응답하고, 클라이언트는 다시 연결한다.' },
    protocol: 'tcp', state: 'server', servers: 1,
    drawing: { names: { hello: say('hello', '안녕하세요'), 'still there?': say('still there?', '아직 연결돼 있나요?') } },
    steps: [
      { from: 'Client', send: 'connect', expect: 'ok' },
      { from: 'Client', send: 'send', data: 'hello', expect: 'ok' },
      // Mid-connection: the server loses the connection with its memory.
      { crash: 'Server' },
      { restart: 'Server' },
      { from: 'Client', send: 'send', data: 'still there?', expect: 'fail' },
      { from: 'Client', send: 'connect', expect: 'ok' },
      { from: 'Client', send: 'send', data: 'still there?', expect: 'ok' },
    ],
  },
  {
    id: 'summary-comparison', story: 12,
    lesson: say('Stateless scales and recovers easily (any server answers after a crash); stateful keeps state but ties the client to one server, and a crash means starting over.', '무상태는 확장성이 뛰어나고 장애 복구가 쉽다(장애 후에도 아무 서버나 응답한다). 상태 유지는 상태를 재사용하지만 클라이언트가 한 서버에 묶이고, 장애 시 처음부터 다시 해야 한다.'),
    title: { en: 'Stateless vs stateful: the summary, measured', ko: '요약 - Stateless와 Stateful 비교 (측정값)' },
    description: { en: 'The same purchase, with Server1 crashing before the payment: stateless (any server) and stateful (always the same server).', ko: '같은 구매를 하다가 결제 전에 서버1이 죽는다: 무상태(아무 서버나)와 상태 유지(항상 같은 서버)를 비교한다.' },
    protocol: 'shop', state: 'server', servers: 2, relay: 'round-robin',
    // Both architectures run these steps, so none is marked ok or fail: the table says what happened.
    steps: [
      { from: 'Client', send: 'price', item: 'laptop' },
      { from: 'Client', send: 'order', quantity: 2 },
      { crash: 'Server1' },
      { from: 'Client', send: 'pay', method: 'card' },
    ],
    drawing: { comparison: ['client', 'server'] },
  },
];

let loaded: readonly BuiltinScenario[] | undefined;

/** Every built-in, validated like a user's file (a broken built-in is a bug, so it throws). */
export function builtinScenarios(): readonly BuiltinScenario[] {
  loaded ??= documents.map(({ id, lesson, drawing, ...document }) => {
    const result = validateScenario({ version: 1, ...document });
    if ('issues' in result) throw new Error(`built-in scenario ${id} is invalid: ${JSON.stringify(result.issues)}`);
    return { id, story: document.story, lesson, scenario: { ...result.scenario, ...drawing, names: { ...result.scenario.names, ...drawing?.names } } };
  });
  return loaded;
}

export function builtinScenario(id: string): BuiltinScenario | undefined {
  return builtinScenarios().find((builtin) => builtin.id === id);
}
