// The messages between the extension host and the Compare Architectures view, checked at run
// time on both sides like the lab's (messages.ts).
import type { Language } from '../engine/text';
import { boundedText, flag, isRecord, listOf, oneOf, parseWith, text, type Check, type ParseResult } from './messages';

/** One architecture: its heading, how it is run, its diagram (in parts when long), and where it parts from the others. */
export interface ComparedColumn {
  readonly heading: string;
  readonly how: string;
  readonly diagrams: readonly string[];
  /** Arrows drawn before the first one of the request where the architectures part; -1 when they never do. */
  readonly arrowsBefore: number;
  /** What became of that request in this architecture ('' when they never part). */
  readonly outcome: string;
}

/** host → view: draw these architectures side by side. */
export interface ShowComparisonMessage {
  readonly type: 'showComparison';
  readonly title: string;
  readonly description: string;
  readonly language: Language;
  /** The summary table: its header row, then its rows, as plain text. */
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly columns: readonly ComparedColumn[];
  /** The request where they part, counted from 1; 0 when they never do. */
  readonly partsAt: number;
}

/** host → view: what became of Insert into note. */
export interface ComparisonInsertedMessage {
  readonly type: 'inserted';
  readonly ok: boolean;
  readonly text: string;
}

export type HostToCompareMessage = ShowComparisonMessage | ComparisonInsertedMessage;

/** view → host: the page listens. */
export interface CompareReadyMessage {
  readonly type: 'ready';
}

/** view → host: put the comparison (its Markdown) into a note. */
export interface InsertComparisonMessage {
  readonly type: 'insertIntoNote';
}

/** view → host: a diagram is drawn (or why not), for the log and the tests. */
export interface ComparisonRenderedMessage {
  readonly type: 'rendered';
  readonly error: string;
}

export type CompareToHostMessage = CompareReadyMessage | InsertComparisonMessage | ComparisonRenderedMessage;

const column: Check = {
  expected: 'a compared column',
  test: (value) => isRecord(value) && text.test(value['heading']) && text.test(value['how']) && listOf(text, 'Mermaid texts').test(value['diagrams'])
    && typeof value['arrowsBefore'] === 'number' && Number.isInteger(value['arrowsBefore']) && text.test(value['outcome']),
};
const row = listOf(text, 'cells');

export function parseCompareToHost(value: unknown): ParseResult<CompareToHostMessage> {
  return parseWith<CompareToHostMessage>({ ready: {}, insertIntoNote: {}, rendered: { error: boundedText(4000) } }, value);
}

export function parseHostToCompare(value: unknown): ParseResult<HostToCompareMessage> {
  return parseWith<HostToCompareMessage>({
    showComparison: {
      title: text, description: text, language: oneOf(['en', 'ko']), header: row, rows: listOf(row, 'rows'), columns: listOf(column, 'columns'),
      partsAt: { expected: 'a request number (0 for none)', test: (value) => typeof value === 'number' && Number.isInteger(value) && value >= 0 },
    },
    inserted: { ok: flag, text: boundedText(4000) },
  }, value);
}
