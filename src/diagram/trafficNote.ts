// Real traffic (the proxy's exchanges, as trace events) as a diagram and as a note: the same
// drawing as a simulated run, a heading that says what was in front of what, and a table of
// who answered how often with which status.
import type { Language } from '../engine/text';
import type { Participant, TraceEvent } from '../engine/trace';
import { markdownText, mermaidFence } from './markdown';
import { sequenceDiagram } from './sequenceDiagram';

/** What the proxy saw, counted over every exchange (the drawing may fold or leave out some). */
export interface TrafficTally {
  readonly exchanges: number;
  /** Upstream id → exchanges it answered. */
  readonly byUpstream: Readonly<Record<string, number>>;
  /** Status → how often it was answered. */
  readonly byStatus: Readonly<Record<string, number>>;
}

export interface TrafficDrawing {
  readonly participants: readonly Participant[];
  readonly events: readonly TraceEvent[];
  readonly tally: TrafficTally;
  /** The policy the proxy routed by at the end. */
  readonly policy: string;
}

const WORDS = {
  en: { title: 'Real traffic through the proxy', policy: 'policy', item: 'Item', value: 'Value', exchanges: 'Exchanges', answered: 'Answered by', statuses: 'Statuses', proxy: 'the proxy itself' },
  ko: { title: '프록시를 지난 실제 트래픽', policy: '정책', item: '항목', value: '값', exchanges: '요청', answered: '응답한 서버', statuses: '상태 코드', proxy: '프록시 자신' },
} as const;

/** The whole picture as one Mermaid diagram (the drawing is bounded by the traffic log, not cut in parts). */
export function trafficDiagram(drawing: TrafficDrawing, language: Language): string {
  const [only] = sequenceDiagram(drawing.participants, drawing.events, { language, maxMessages: 100_000, maxPartHeight: Number.POSITIVE_INFINITY, partTitles: false });
  return only?.mermaid ?? 'sequenceDiagram';
}

/** A note: heading, the diagram(s) in parts a note pane holds, and the tally. */
export function trafficMarkdown(drawing: TrafficDrawing, language: Language): string {
  const words = WORDS[language];
  const parts = sequenceDiagram(drawing.participants, drawing.events, { language, partTitles: false });
  const name = (id: string): string => (id === '' ? words.proxy : drawing.participants.find((participant) => participant.id === id)?.label[language] ?? id);
  const blocks = [`## ${markdownText(`${words.title} (${words.policy}: ${drawing.policy})`)}`];
  for (const part of parts) {
    if (parts.length > 1) blocks.push(`### ${markdownText(part.heading)}`);
    blocks.push(mermaidFence(part.mermaid));
  }
  const { tally } = drawing;
  const rows: [string, string][] = [
    [words.exchanges, String(tally.exchanges)],
    [words.answered, Object.entries(tally.byUpstream).map(([id, count]) => `${name(id)}: ${count}`).join(', ')],
    [words.statuses, Object.entries(tally.byStatus).map(([status, count]) => `${status} × ${count}`).join(', ')],
  ];
  blocks.push([`| ${words.item} | ${words.value} |`, '| --- | --- |', ...rows.map(([item, value]) => `| ${markdownText(item)} | ${markdownText(value)} |`)].join('\n'));
  return `${blocks.join('\n\n')}\n`;
}
