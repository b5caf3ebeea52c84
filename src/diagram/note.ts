// A run as a Markdown block for notes (Obsidian style): front matter, heading, the mermaid
// fence(s), and a summary table with measured numbers.
import { Document, isSeq } from 'yaml';
import type { FailureReason } from '../engine/model';
import { STORE_LABEL } from '../engine/names';
import { say, type Language, type Text } from '../engine/text';
import type { ScenarioRun } from '../scenario/run';
import { compareStates } from './comparison';
import { markdownText, mermaidFence } from './markdown';
import { sequenceDiagram, type DiagramPart } from './sequenceDiagram';
import { failureWords } from './words';

export interface NoteOptions {
  readonly language: Language;
  readonly frontMatter?: boolean;
  readonly summary?: boolean;
  readonly autonumber?: boolean;
  readonly maxMessages?: number;
  /** When the note is made (front matter `created`); passed in so output is reproducible. */
  readonly created?: Date;
}

const WORDS = {
  en: { item: 'Item', value: 'Value', requests: 'Requests', succeeded: 'Succeeded', failed: 'Failed', bytes: 'Sent per request (client → server)', held: 'State held at the end', nothing: 'nothing' },
  ko: { item: '항목', value: '값', requests: '요청', succeeded: '성공', failed: '실패', bytes: '요청 하나에 보낸 양 (클라이언트 → 서버)', held: '끝났을 때 남은 상태', nothing: '없음' },
} as const;

/** A count with its noun: 3개 / 3 requests. */
function count(value: number, language: Language, noun: Text): string {
  return language === 'en' ? `${value} ${value === 1 ? noun.en : `${noun.en}s`}` : `${noun.ko} ${value}개`;
}

const STATE_TAGS: Readonly<Record<string, readonly string[]>> = {
  server: ['Stateful', '상태유지'],
  client: ['Stateless', '무상태'],
  store: ['Stateful', 'SessionStore', '세션관리'],
  token: ['Stateless', 'Token', '토큰'],
};

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
  const tags = ['ProtocolLab', ...(STATE_TAGS[run.topology.state] ?? []), run.topology.protocol === 'tcp' ? 'TCP' : run.topology.protocol === 'login' ? '로그인' : 'HTTP', '프로토콜'];
  const stamp = `${created.getFullYear()}-${pad(created.getMonth() + 1)}-${pad(created.getDate())} ${pad(created.getHours())}:${pad(created.getMinutes())}`;
  // An alias is one line: a title's line breaks become spaces (they also trip the flow style's folding).
  const alias = title.replace(/[\r\n\u2028\u2029]+/g, ' ');
  return ['---', `tags: ${yamlList([...new Set(tags)])}`, `aliases: ${yamlList([alias])}`, `created: ${stamp}`, '---'].join('\n');
}

/** What happened, in words and counts with their nouns: no reason codes, no test marks. */
export function summaryTable(run: ScenarioRun, language: Language): string {
  const words = WORDS[language];
  const { metrics } = run;
  const request = say('request', '요청');
  const reasons = Object.entries(metrics.failedByReason).map(([reason, times]) => `${failureWords(reason as FailureReason, undefined)[language]} (${language === 'en' ? `${times}×` : `${times}건`})`);
  const failed = `${language === 'en' ? String(metrics.failed) : `${metrics.failed}개`}${reasons.length > 0 ? `: ${reasons.join(', ')}` : ''}`;
  const held = run.final.servers.flatMap((server) => {
    const sessions = server.sessions.length;
    const connections = server.connections.length;
    const name = (server.label as Text | undefined)?.[language] ?? server.name;
    const things = [...(sessions > 0 ? [count(sessions, language, say('session', '세션'))] : []), ...(connections > 0 ? [count(connections, language, say('connection', '연결'))] : [])];
    return things.length > 0 ? [`${name}: ${things.join(', ')}`] : [];
  });
  if (run.final.store !== undefined) held.push(`${STORE_LABEL[language]}: ${count(run.final.store.sessions.length, language, say('session', '세션'))}`);
  const rows: [string, string][] = [
    [words.requests, count(metrics.requests, language, request).replace(/^요청 /, '')],
    [words.succeeded, language === 'en' ? String(metrics.succeeded) : `${metrics.succeeded}개`],
    [words.failed, failed],
    [words.bytes, language === 'en' ? `${metrics.bytesPerRequest} bytes on average` : `평균 ${metrics.bytesPerRequest}바이트`],
    [words.held, held.length > 0 ? held.join(', ') : words.nothing],
  ];
  return [`| ${words.item} | ${words.value} |`, '| --- | --- |', ...rows.map(([name, value]) => `| ${markdownText(name)} | ${markdownText(value)} |`)].join('\n');
}

/** The diagrams of a run as a note holds them, one per part. */
function noteParts(run: ScenarioRun, options: NoteOptions): DiagramPart[] {
  return sequenceDiagram(run.participants, run.trace, {
    // A note heads each part with its own heading: the pictures carry no title of their own.
    language: options.language, autonumber: options.autonumber ?? false, maxMessages: options.maxMessages ?? 200, partTitles: false,
  });
}

/** The Mermaid blocks of a run's note, at the default options, in order. */
export function noteBlocks(run: ScenarioRun, language: Language): string[] {
  return [...runToMarkdown(run, { language }).matchAll(/^```mermaid\n([\s\S]*?)\n```$/gm)].map((match) => match[1] ?? '');
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
