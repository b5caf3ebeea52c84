// A run as a Markdown block for notes (Obsidian style): front matter, heading, the mermaid
// fence(s), and a summary table with measured numbers.
import { Document, isSeq } from 'yaml';
import type { DetailLevel } from '../engine/model';
import { STORE_LABEL } from '../engine/names';
import { say, type Language, type Text } from '../engine/text';
import type { RequestOutcomeEvent } from '../engine/trace';
import type { ScenarioRun } from '../scenario/run';
import { compareStates } from './comparison';
import { markdownText, mermaidFence } from './markdown';
import { sequenceDiagram, type DiagramPart } from './sequenceDiagram';
import { failureWords, isOrdinaryRefusal, outcomeWords, refusedByClient } from './words';

export interface NoteOptions {
  readonly language: Language;
  readonly frontMatter?: boolean;
  readonly summary?: boolean;
  readonly autonumber?: boolean;
  readonly maxMessages?: number;
  /** How much the diagrams draw: every hop (the default), requests, or the story. */
  readonly detail?: DetailLevel;
  /** When the note is made (front matter `created`); passed in so output is reproducible. */
  readonly created?: Date;
}

const WORDS = {
  en: { item: 'Item', value: 'Value', requests: 'Requests', operations: 'Operations', succeeded: 'Succeeded', refused: 'Refused as expected', failed: 'Failed', bytes: 'Sent per request, headers included', bytesTcp: 'Sent per operation, headers included', held: 'State held at the end', nothing: 'nothing' },
  ko: { item: '항목', value: '값', requests: '요청', operations: '작업', succeeded: '성공', refused: '정상적인 거절', failed: '실패', bytes: '요청 하나에 보낸 양 (헤더 포함)', bytesTcp: '작업 하나에 보낸 양 (헤더 포함)', held: '끝났을 때 남은 상태', nothing: '없음' },
} as const;

/** A count with its noun: 3개 / 3 requests. */
function count(value: number, language: Language, noun: Text): string {
  return language === 'en' ? `${value} ${value === 1 ? noun.en : `${noun.en}s`}` : `${noun.ko} ${value}개`;
}

/** Tags in the seeds' style, in the note's language (the seed writes Stateful, 상태유지). */
const STATE_TAGS: Readonly<Record<string, Text>> = {
  server: say('Stateful', 'Stateful, 상태유지'),
  client: say('Stateless', 'Stateless, 무상태'),
  store: say('Stateful, SessionStore', 'Stateful, 세션관리'),
  token: say('Stateless, Token', 'Stateless, 토큰'),
};
const PROTOCOL_TAGS: Readonly<Record<string, Text>> = { tcp: say('TCP', 'TCP'), login: say('HTTP, Login', 'HTTP, 로그인'), shop: say('HTTP', 'HTTP') };

function tagsOf(run: ScenarioRun, language: Language): string[] {
  // A comparison's note is about every architecture it compares, and the examples its table names.
  const states = run.scenario.comparison ?? [run.topology.state];
  const protocols = run.scenario.comparison === undefined ? [PROTOCOL_TAGS[run.topology.protocol]] : [say('HTTP, TCP', 'HTTP, TCP')];
  const tags = ['ProtocolLab', ...states.map((state) => STATE_TAGS[state]), ...protocols, say('Protocol', '프로토콜')].flatMap((tag) => (typeof tag === 'string' ? [tag] : (tag?.[language] ?? '').split(', ')));
  return [...new Set(tags.filter((tag) => tag !== ''))];
}

/** A YAML flow sequence written by a YAML library: a title such as null, true or " spaced" reads back as written. */
function yamlList(items: readonly string[]): string {
  const document = new Document([...items]);
  if (isSeq(document.contents)) document.contents.flow = true;
  return document.toString({ flowCollectionPadding: false, lineWidth: 0 }).trim();
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

export function frontMatter(run: ScenarioRun, language: Language, created: Date): string {
  const title = run.scenario.title[language];
  const tags = tagsOf(run, language);
  const stamp = `${created.getFullYear()}-${pad(created.getMonth() + 1)}-${pad(created.getDate())} ${pad(created.getHours())}:${pad(created.getMinutes())}`;
  // An alias is one line: a title's line breaks become spaces (they also trip the flow style's folding).
  const alias = title.replace(/[\r\n\u2028\u2029]+/g, ' ');
  return ['---', `tags: ${yamlList(tags)}`, `aliases: ${yamlList([alias])}`, `created: ${stamp}`, '---'].join('\n');
}

/** What happened, in words and counts with their nouns, in the story's own words (a clerk story speaks of clerks). */
export function summaryTable(run: ScenarioRun, language: Language): string {
  const words = WORDS[language];
  const { metrics } = run;
  const tcp = run.topology.protocol === 'tcp';
  const outcomes = run.trace.filter((event): event is RequestOutcomeEvent => event.type === 'request-outcome');
  const labelOf = (id: string | undefined): Text | undefined => (id === undefined ? undefined : run.participants.find((participant) => participant.id === id)?.label);
  // Each failure in the words its diagram says it, with the server that answered.
  const said = (chosen: readonly RequestOutcomeEvent[]): string => {
    const counted = new Map<string, number>();
    for (const outcome of chosen) {
      const text = outcomeWords(outcome, labelOf(outcome.server))[language];
      counted.set(text, (counted.get(text) ?? 0) + 1);
    }
    return [...counted].map(([text, times]) => (times === 1 ? text : `${text} (${language === 'en' ? `${times}×` : `${times}건`})`)).join(', ');
  };
  const failures = outcomes.filter((outcome) => !outcome.ok && !isOrdinaryRefusal(outcome.reason));
  const refusals = outcomes.filter((outcome) => !outcome.ok && isOrdinaryRefusal(outcome.reason));
  const number = (value: number): string => (language === 'en' ? String(value) : `${value}개`);
  const held = run.final.servers.flatMap((server) => {
    const sessions = server.sessions.length;
    const connections = server.connections.length;
    const name = (server.label as Text | undefined)?.[language] ?? server.name;
    const kept = run.topology.protocol === 'shop' ? say('conversation remembered', '기억한 대화') : say('session', '세션');
    const things = [...(sessions > 0 ? [count(sessions, language, kept)] : []), ...(connections > 0 ? [count(connections, language, say('connection', '연결'))] : [])];
    return things.length > 0 ? [`${name}: ${things.join(', ')}`] : [];
  });
  if (run.final.store !== undefined) held.push(`${STORE_LABEL[language]}: ${count(run.final.store.sessions.length, language, say('session', '세션'))}`);
  const rows: [string, string][] = [
    [tcp ? `${words.operations} (${operationsOf(run, language)})` : words.requests, number(metrics.requests)],
    [words.succeeded, number(metrics.succeeded)],
    ...(refusals.length > 0 ? [[words.refused, `${number(refusals.length)}: ${refusals.map((outcome) => (refusedByClient(outcome) ? outcome.label[language] : `${failureWords(outcome.reason, undefined)[language]} → ${outcome.status}`)).join(', ')}`] satisfies [string, string]] : []),
    [words.failed, `${number(failures.length)}${failures.length > 0 ? `: ${said(failures)}` : ''}`],
    [`${tcp ? words.bytesTcp : words.bytes}, ${speakers(run, language)}`, language === 'en' ? `${metrics.bytesPerRequest} bytes on average` : `평균 ${metrics.bytesPerRequest}바이트`],
    [words.held, held.length > 0 ? held.join(', ') : words.nothing],
  ];
  return [`| ${words.item} | ${words.value} |`, '| --- | --- |', ...rows.map(([name, value]) => `| ${markdownText(name)} | ${markdownText(value)} |`)].join('\n');
}

/** The kinds of TCP operation the run has, in order: 연결, 전송 (a close only where there is one). */
function operationsOf(run: ScenarioRun, language: Language): string {
  const words: Readonly<Record<string, Text>> = { connect: say('connect', '연결'), send: say('send', '전송'), close: say('close', '종료') };
  const kinds = new Set(run.trace.flatMap((event) => (event.type === 'request-started' ? [event.request] : [])));
  return ['connect', 'send', 'close'].filter((kind) => kinds.has(kind)).map((kind) => words[kind]?.[language] ?? kind).join(language === 'en' ? ', ' : '·');
}

/** Who sends to whom, as the diagram calls them: 고객 → 점원, client → server. */
function speakers(run: ScenarioRun, language: Language): string {
  const of = (kind: 'client' | 'server'): string[] => run.participants.filter((participant) => participant.kind === kind).map((participant) => participant.label[language]);
  const clients = of('client');
  const client = clients.length === 1 ? (clients[0] ?? '') : language === 'en' ? 'clients' : '클라이언트';
  return `${client} → ${commonStem(of('server')) ?? (language === 'en' ? 'server' : '서버')}`;
}

/** What the servers have in common before their letter or number (점원A, 점원B → 점원; Server1 → Server), if anything. */
function commonStem(names: readonly string[]): string | undefined {
  const stems = new Set(names.map((name) => name.replace(/[\s\dA-Z]*$/u, '')));
  const [stem] = stems;
  return stems.size === 1 && stem !== undefined && stem !== '' ? stem : undefined;
}

/** The diagrams of a run as a note holds them, one per part. */
function noteParts(run: ScenarioRun, options: NoteOptions): DiagramPart[] {
  return sequenceDiagram(run.participants, run.trace, {
    // A note heads each part with its own heading: the pictures carry no title of their own.
    language: options.language, autonumber: options.autonumber ?? false, maxMessages: options.maxMessages ?? 200, partTitles: false, detail: { level: options.detail ?? run.scenario.detail ?? 'hop' },
  });
}

/** The Mermaid blocks of a run's note, at the default options, in order. */
export function noteBlocks(run: ScenarioRun, language: Language, detail: DetailLevel = 'hop'): string[] {
  return [...runToMarkdown(run, { language, detail }).matchAll(/^```mermaid\n([\s\S]*?)\n```$/gm)].map((match) => match[1] ?? '');
}

export function runToMarkdown(run: ScenarioRun, options: NoteOptions): string {
  const { language } = options;
  // The summary story is a comparison: its table and one diagram per architecture.
  const comparison = run.scenario.comparison;
  if (comparison !== undefined) {
    const compared = compareStates(run.scenario, comparison, language).markdown;
    return options.frontMatter === true ? `${frontMatter(run, language, options.created ?? new Date())}\n\n${compared}` : compared;
  }
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

/**
 * A relative path as a link target. Only what would end the link or change what it points at is
 * encoded (`#` starts a fragment, `?` a query): names keep their letters (Hangul too) for the reader.
 */
function linkPath(path: string): string {
  return path.replace(/[ ()<>%#?]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The note with an image link under each Mermaid block, in order (`images[i]` a path relative to the note). */
export function withImages(markdown: string, images: readonly string[], alt: string): string {
  let index = 0;
  return markdown.replace(/^```mermaid\n[\s\S]*?\n```$/gm, (block) => {
    const image = images[index++];
    if (image === undefined) return block;
    const label = images.length > 1 ? `${alt} (${index}/${images.length})` : alt;
    // Brackets would end the alt text: they are dropped before escaping (after, their backslashes would stay).
    return `${block}\n\n![${markdownText(label.replace(/[[\]]/g, ''))}](${linkPath(image)})`;
  });
}
