// The same steps under several `state` settings: one diagram each and a summary table in the
// spirit of the stateful note's, with measured numbers instead of adjectives.
import type { StatePlacement } from '../engine/model';
import type { Language } from '../engine/text';
import { runScenario, type ScenarioRun } from '../scenario/run';
import type { Scenario } from '../scenario/scenario';
import { markdownText, mermaidFence } from './note';
import { sequenceDiagram } from './sequenceDiagram';

export interface Comparison {
  readonly runs: readonly ScenarioRun[];
  readonly table: string;
  readonly markdown: string;
}

const STATE_NAMES: Readonly<Record<StatePlacement, { en: string; ko: string }>> = {
  server: { en: 'Stateful (server memory)', ko: 'Stateful (서버 메모리)' },
  client: { en: 'Stateless (client repeats)', ko: 'Stateless (클라이언트가 매번 전송)' },
  store: { en: 'Shared session store', ko: '외부 세션 저장소' },
  token: { en: 'Signed token', ko: '서명된 토큰' },
};

const ROWS = {
  en: { kept: 'State kept on the servers', succeeded: 'Requests that succeeded', faults: 'What a crash or a switch of server did', bytes: 'Bytes per request', next: 'Servers that could serve the next request', nothing: 'nothing', lost: 'lost the conversation', any: 'any', none: 'none: start over' },
  ko: { kept: '서버에 보관한 상태', succeeded: '성공한 요청', faults: '장애나 서버 교체의 영향', bytes: '요청당 바이트', next: '다음 요청을 처리할 수 있는 서버', nothing: '영향 없음', lost: '문맥 소실', any: '아무 서버나', none: '없음: 처음부터' },
} as const;

/** Which servers could continue the first client's conversation, from the run's end state. */
function nextServers(run: ScenarioRun, language: Language): string {
  const words = ROWS[language];
  const up = run.final.servers.filter((server) => server.up);
  const client = run.final.clients[0];
  switch (run.topology.state) {
    case 'server': {
      const holders = up.filter((server) => client?.sessionId !== undefined && server.sessions.some((session) => session.key === client.sessionId));
      const withConnections = up.filter((server) => client?.connectionId !== undefined && server.connections.some((connection) => connection.id === client.connectionId));
      const able = [...new Set([...holders, ...withConnections])];
      return able.length === 0 ? words.none : `${able.map((server) => server.name).join(', ')} (${able.length}/${run.final.servers.length})`;
    }
    case 'store':
      return run.final.store?.up === false ? words.none : `${words.any} (${up.length}/${run.final.servers.length})`;
    default:
      return `${words.any} (${up.length}/${run.final.servers.length})`;
  }
}

function faultEffect(run: ScenarioRun, language: Language): string {
  const words = ROWS[language];
  const reasons = Object.entries(run.metrics.failedByReason);
  if (reasons.length === 0) return words.nothing;
  return reasons.map(([reason, count]) => (reason === 'missing-state' ? `${words.lost} ×${count}` : `${reason} ×${count}`)).join(', ');
}

function keptOnServers(run: ScenarioRun): string {
  const onServers = Object.values(run.metrics.stateHeldPerServer).reduce((sum, count) => sum + count, 0);
  if (run.topology.state === 'server') return `✅ ${onServers}`;
  if (run.topology.state === 'store') return `❌ (store: ${run.metrics.stateHeldInStore})`;
  return '❌';
}

export function compareStates(scenario: Scenario, states: readonly StatePlacement[], language: Language): Comparison {
  const runs = states.map((state) => runScenario(scenario, { state }));
  const words = ROWS[language];
  const header = `| | ${runs.map((run) => markdownText(STATE_NAMES[run.topology.state][language])).join(' | ')} |`;
  const rule = `| --- | ${runs.map(() => '---').join(' | ')} |`;
  const row = (name: string, cell: (run: ScenarioRun) => string): string => `| ${markdownText(name)} | ${runs.map((run) => markdownText(cell(run))).join(' | ')} |`;
  const table = [
    header, rule,
    row(words.kept, keptOnServers),
    row(words.succeeded, (run) => `${run.metrics.succeeded}/${run.metrics.requests}`),
    row(words.faults, (run) => faultEffect(run, language)),
    row(words.bytes, (run) => String(run.metrics.bytesPerRequest)),
    row(words.next, (run) => nextServers(run, language)),
  ].join('\n');
  const sections = runs.map((run) => {
    const parts = sequenceDiagram(run.participants, run.trace, { language });
    return [`### ${markdownText(STATE_NAMES[run.topology.state][language])}`, ...parts.map((part) => mermaidFence(part.mermaid))].join('\n\n');
  });
  const markdown = [`## ${markdownText(scenario.title[language])}`, table, ...sections].join('\n\n');
  return { runs, table, markdown: `${markdown}\n` };
}
