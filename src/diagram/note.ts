// A run as a Markdown block for notes (Obsidian style): front matter, heading, the mermaid
// fence(s), and a summary table with measured numbers.
import type { Language } from '../engine/text';
import type { ScenarioRun } from '../scenario/run';
import { sequenceDiagram, type DiagramOptions, type DiagramPart } from './sequenceDiagram';

export interface NoteOptions {
  readonly language: Language;
  readonly frontMatter?: boolean;
  readonly summary?: boolean;
  readonly autonumber?: boolean;
  readonly stateNotes?: DiagramOptions['stateNotes'];
  readonly maxMessages?: number;
  /** When the note is made (front matter `created`); passed in so output is reproducible. */
  readonly created?: Date;
}

const WORDS = {
  en: { requests: 'Requests', succeeded: 'Succeeded', failed: 'Failed', bytes: 'Bytes per request (client → server)', held: 'State held at the end', expectations: 'Expectations held', item: 'Item', value: 'Value', servers: 'servers', store: 'store', none: 'none' },
  ko: { requests: '요청 수', succeeded: '성공', failed: '실패', bytes: '요청당 바이트 (클라이언트 → 서버)', held: '끝났을 때 보관 중인 상태', expectations: '기대 결과 충족', item: '항목', value: '값', servers: '서버', store: '저장소', none: '없음' },
} as const;

const STATE_TAGS: Readonly<Record<string, readonly string[]>> = {
  server: ['Stateful', '상태유지'],
  client: ['Stateless', '무상태'],
  store: ['Stateful', 'SessionStore', '세션관리'],
  token: ['Stateless', 'Token', '토큰'],
};

/** Escapes text for a Markdown table cell or heading: no pipes, no line breaks, no HTML. */
export function markdownText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r?\n/g, ' ').replace(/^([#>*+-])/, '\\$1');
}

/** A YAML flow-sequence entry, quoted when it needs to be. */
function yamlItem(text: string): string {
  return /^[\p{L}\p{N} _.-]+$/u.test(text) && !/^[\d.-]/.test(text) ? text : JSON.stringify(text);
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

export function frontMatter(run: ScenarioRun, language: Language, created: Date): string {
  const title = run.scenario.title[language];
  const tags = ['ProtocolLab', ...(STATE_TAGS[run.topology.state] ?? []), run.topology.protocol === 'tcp' ? 'TCP' : run.topology.protocol === 'login' ? '로그인' : 'HTTP', '프로토콜'];
  const stamp = `${created.getFullYear()}-${pad(created.getMonth() + 1)}-${pad(created.getDate())} ${pad(created.getHours())}:${pad(created.getMinutes())}`;
  return ['---', `tags: [${[...new Set(tags)].map(yamlItem).join(', ')}]`, `aliases: [${yamlItem(title)}]`, `created: ${stamp}`, '---'].join('\n');
}

export function summaryTable(run: ScenarioRun, language: Language): string {
  const words = WORDS[language];
  const { metrics } = run;
  const failures = Object.entries(metrics.failedByReason).map(([reason, count]) => `${reason} ×${count}`).join(', ');
  const serverState = run.final.servers.map((server) => `${server.name}: ${metrics.stateHeldPerServer[server.id] ?? 0}`).join(', ');
  const held = [serverState === '' ? `${words.servers}: ${words.none}` : serverState, ...(run.final.store ? [`${words.store}: ${metrics.stateHeldInStore}`] : [])].join('; ');
  const rows: [string, string][] = [
    [words.requests, String(metrics.requests)],
    [words.succeeded, String(metrics.succeeded)],
    [words.failed, failures === '' ? String(metrics.failed) : `${metrics.failed} (${failures})`],
    [words.bytes, String(metrics.bytesPerRequest)],
    [words.held, held],
    ...(run.expectations.length > 0 ? [[words.expectations, `${metrics.expectationsHeld}/${run.expectations.length}`] as [string, string]] : []),
  ];
  return [`| ${words.item} | ${words.value} |`, '| --- | --- |', ...rows.map(([name, value]) => `| ${markdownText(name)} | ${markdownText(value)} |`)].join('\n');
}

/** A fenced block that cannot be closed early by its content. */
export function mermaidFence(mermaid: string): string {
  return ['```mermaid', mermaid, '```'].join('\n');
}

/** The diagrams of a run as a note holds them, one per part. */
function noteParts(run: ScenarioRun, options: NoteOptions): DiagramPart[] {
  return sequenceDiagram(run.participants, run.trace, {
    language: options.language, autonumber: options.autonumber ?? false, stateNotes: options.stateNotes ?? 'names', maxMessages: options.maxMessages ?? 200,
  });
}

/** The Mermaid blocks of a run's note, at the default options. */
export function noteBlocks(run: ScenarioRun, language: Language): string[] {
  return noteParts(run, { language }).map((part) => part.mermaid);
}

export function runToMarkdown(run: ScenarioRun, options: NoteOptions): string {
  const { language } = options;
  const title = run.scenario.title[language];
  const parts = noteParts(run, options);
  const blocks: string[] = [];
  if (options.frontMatter === true) blocks.push(frontMatter(run, language, options.created ?? new Date()));
  blocks.push(`## ${markdownText(title)}`);
  if (run.scenario.description !== undefined) blocks.push(markdownText(run.scenario.description[language]));
  for (const part of parts) {
    if (parts.length > 1) blocks.push(`### ${markdownText(part.heading)}`);
    blocks.push(mermaidFence(part.mermaid));
  }
  if (options.summary !== false) blocks.push(summaryTable(run, language));
  return `${blocks.join('\n\n')}\n`;
}
