// The same steps under several architectures, summed up in the stateful note's own table (상태 유지 /
// 예시 / 확장성 / 복구 용이성, Stateless and Stateful) with the measured figure beside each word,
// and one diagram per architecture. Each is run the way the notes describe it: stateless behind a
// relay that sends each request to any server, stateful "always the same server" (a sticky relay).
import type { RelayPolicy, StatePlacement } from '../engine/model';
import { withParticle } from '../engine/korean';
import { displayName } from '../engine/names';
import { say, type Language, type Text } from '../engine/text';
import type { RequestOutcomeEvent } from '../engine/trace';
import { runScenario, type ScenarioRun } from '../scenario/run';
import type { Scenario } from '../scenario/scenario';
import { markdownText, mermaidFence } from './markdown';
import { sequenceDiagram } from './sequenceDiagram';

export interface Comparison {
  readonly runs: readonly ScenarioRun[];
  /** The table as plain text, for drawing it elsewhere than Markdown: the header row, then the rows. */
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Per run: its column's heading and how it is run, in words. */
  readonly columns: readonly { readonly heading: string; readonly how: string }[];
  readonly table: string;
  readonly markdown: string;
}

const COLUMNS: Readonly<Record<StatePlacement, Text>> = {
  client: say('Stateless', 'Stateless'),
  server: say('Stateful', 'Stateful'),
  store: say('Stateful (session store)', 'Stateful (세션 저장소)'),
  token: say('Stateless (token)', 'Stateless (토큰)'),
};

const HOW: Readonly<Record<StatePlacement, Text>> = {
  client: say('The client sends the whole context every time; the relay sends each request to any server.', '클라이언트가 필요한 정보를 매번 보내고, 중계 서버는 아무 서버나 호출한다.'),
  server: say('The server keeps the context; the relay always sends the client to the same server.', '서버가 상태를 유지하고, 중계 서버는 항상 같은 서버로 보낸다.'),
  store: say('Servers keep the session in a shared store; the relay sends each request to any server.', '서버가 세션을 외부 저장소에 두고, 중계 서버는 아무 서버나 호출한다.'),
  token: say('The server signs the context into a token the client carries; any server can check it.', '서버가 상태를 서명된 토큰에 담아 주고, 클라이언트가 매번 가져온다.'),
};

/** The seed's examples, with its wiki links kept (they are the vault's notes): not escaped. */
const EXAMPLES: Readonly<Record<StatePlacement, string>> = { client: '[[HTTP]]', server: '[[TCP]]', store: '[[HTTP]] + Redis', token: '[[HTTP]] + JWT' };

/** The seed's table reads Stateless, then Stateful. */
const SEED_ORDER: readonly StatePlacement[] = ['client', 'token', 'server', 'store'];

const ROWS = {
  en: { item: 'Item', kept: 'State kept', example: 'Example', scale: 'Scalability', recovery: 'Ease of recovery' },
  ko: { item: '항목', kept: '상태 유지', example: '예시', scale: '확장성', recovery: '복구 용이성' },
} as const;

/** How an architecture is run: where state lives, and the relay the notes give it. */
function architectureOf(scenario: Scenario, state: StatePlacement): { state: StatePlacement; relay: RelayPolicy } {
  if (scenario.servers.length < 2) return { state, relay: scenario.relay };
  return { state, relay: state === 'server' ? 'sticky' : scenario.relay === 'sticky' || scenario.relay === 'none' ? 'round-robin' : scenario.relay };
}

/** The steps that make sense where state lives here (a store outage only where there is a store). */
function stepsFor(scenario: Scenario, state: StatePlacement): Scenario {
  return state === 'store' ? scenario : { ...scenario, steps: scenario.steps.filter((step) => step.kind !== 'store') };
}

function serverName(run: ScenarioRun, id: string, language: Language): string {
  const participant = run.participants.find((candidate) => candidate.id === id);
  return participant === undefined ? id : (participant.label as Text | undefined)?.[language] ?? displayName(participant.name, run.topology.names)[language];
}

/** 상태 유지: whether servers kept and reused state, and what each request carried. */
function keptCell(run: ScenarioRun, language: Language): string {
  let stored = 0;
  let reused = 0;
  for (const event of run.trace) {
    if (event.type !== 'state' || !/^(s\d+|store)$/.test(event.holder)) continue;
    if (event.action === 'stored') stored++;
    else if (event.action === 'read') reused++;
  }
  const bytes = run.metrics.bytesPerRequest;
  if (stored === 0) {
    return language === 'en' ? `❌ (each request stands alone) · ${bytes} bytes per request on average` : `❌ (요청마다 독립적) · 요청당 평균 ${bytes}바이트`;
  }
  return language === 'en'
    ? `✅ (state stored and reused) · stored ${times(stored)}, reused ${times(reused)}; ${bytes} bytes per request on average`
    : `✅ (상태 저장 및 재사용 가능) · 저장 ${stored}번, 재사용 ${reused}번 · 요청당 평균 ${bytes}바이트`;
}

/** 확장성: which servers shared the requests that succeeded; a stateful client is tied to the one it started on. */
function scaleCell(run: ScenarioRun, language: Language): string {
  const servers = [...new Set(outcomes(run).filter((outcome) => outcome.ok && outcome.server !== undefined).map((outcome) => outcome.server as string))];
  const names = servers.map((id) => serverName(run, id, language));
  const listed = names.length > 3 ? `${names.slice(0, 3).join(', ')} …` : names.join(', ');
  if (run.topology.state === 'server') {
    const first = outcomes(run).find((outcome) => outcome.server !== undefined)?.server;
    const tied = first === undefined ? (language === 'en' ? 'one server' : '한 서버') : serverName(run, first, language);
    return language === 'en' ? `limited · the client is tied to ${tied} (always the same server)` : `제한적 · 클라이언트가 ${tied}에 묶임 (항상 같은 서버)`;
  }
  if (servers.length > 1) return language === 'en' ? `excellent · ${listed} shared the work` : `뛰어남 · ${withParticle(listed, '이/가')} 나눠 처리`;
  const only = names[0] ?? (language === 'en' ? 'one server' : '한 서버');
  return language === 'en' ? `excellent · any server may answer (${only} did)` : `뛰어남 · 아무 서버나 응답 가능 (${withParticle(only, '이/가')} 처리)`;
}

/** 복구 용이성: of the requests after the first crash, how many still succeeded. */
function recoveryCell(run: ScenarioRun, language: Language): string {
  const crash = run.trace.find((event) => event.type === 'fault' && (event.fault === 'crash' || event.fault === 'store-down'));
  if (crash === undefined) return language === 'en' ? '— (nothing failed in this run)' : '— (이 실행에는 장애가 없음)';
  const after = outcomes(run).filter((outcome) => outcome.seq > crash.seq);
  const ok = after.filter((outcome) => outcome.ok).length;
  const who = crash.type === 'fault' && crash.target !== undefined ? serverName(run, crash.target, language) : '';
  if (ok === after.length) {
    // A shared store survives a server's crash, not its own: the cell says so, as the store story shows.
    const store = run.topology.state === 'store' ? (language === 'en' ? ' (while the store is down, no server can read a session)' : ' (저장소가 죽으면 어느 서버도 세션을 못 읽음)') : '';
    return language === 'en' ? `relatively easy · after ${who} failed, ${ok} of ${after.length} ${after.length === 1 ? 'request' : 'requests'} succeeded${store}` : `상대적으로 쉬움 · ${who} 장애 후 요청 ${after.length}개 중 ${ok}개 성공${store}`;
  }
  return language === 'en'
    ? `hard after a failure · after ${who} failed, ${ok} of ${after.length} ${after.length === 1 ? 'request' : 'requests'} succeeded: start over`
    : `장애 시 복구 어려움 · ${who} 장애 후 요청 ${after.length}개 중 ${ok}개 성공: 처음부터 다시`;
}

function times(count: number): string {
  return count === 1 ? 'once' : count === 2 ? 'twice' : `${count} times`;
}

function outcomes(run: ScenarioRun): RequestOutcomeEvent[] {
  return run.trace.filter((event): event is RequestOutcomeEvent => event.type === 'request-outcome');
}

export function compareStates(scenario: Scenario, states: readonly StatePlacement[], language: Language): Comparison {
  const ordered = [...new Set(states)].sort((a, b) => SEED_ORDER.indexOf(a) - SEED_ORDER.indexOf(b));
  const runs = ordered.map((state) => runScenario(stepsFor(scenario, state), architectureOf(scenario, state)));
  const words = ROWS[language];
  const header = [words.item, ...runs.map((run) => COLUMNS[run.topology.state][language])];
  const rows = [
    [words.kept, ...runs.map((run) => keptCell(run, language))],
    [words.example, ...runs.map((run) => EXAMPLES[run.topology.state])],
    [words.scale, ...runs.map((run) => scaleCell(run, language))],
    [words.recovery, ...runs.map((run) => recoveryCell(run, language))],
  ];
  // The examples are the seed's wiki links, kept as they are; every other cell is escaped.
  const line = (cells: readonly string[], raw = false): string => `| ${cells.map((cell, index) => (raw && index > 0 ? cell : markdownText(cell))).join(' | ')} |`;
  const table = [
    line(header),
    `| --- | ${runs.map(() => '---').join(' | ')} |`,
    ...rows.map((cells) => line(cells, cells[0] === words.example)),
  ].join('\n');
  const sections = runs.map((run) => {
    const state = run.topology.state;
    const parts = sequenceDiagram(run.participants, run.trace, { language, partTitles: false });
    const blocks = parts.flatMap((part) => [...(parts.length > 1 ? [`#### ${markdownText(part.heading)}`] : []), mermaidFence(part.mermaid)]);
    return [`### ${markdownText(COLUMNS[state][language])}`, markdownText(HOW[state][language]), ...blocks].join('\n\n');
  });
  const description = scenario.description === undefined ? [] : [markdownText(scenario.description[language])];
  const markdown = [`## ${markdownText(scenario.title[language])}`, ...description, table, ...sections].join('\n\n');
  const columns = runs.map((run) => ({ heading: COLUMNS[run.topology.state][language], how: HOW[run.topology.state][language] }));
  return { runs, header, rows, columns, table, markdown: `${markdown}\n` };
}
