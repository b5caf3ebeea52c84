// Trace → Mermaid sequenceDiagram parts: the statements (statements.ts) cut into parts that fit a
// note pane and Mermaid's text limit, each with its participants (a server added mid-run is created
// where it first takes part).
import type { Language, Text } from '../engine/text';
import type { Participant, TraceEvent } from '../engine/trace';
import type { Detail } from './detail';
import { escapeLabel } from './escape';
import { HEIGHT, MAX_PART_HEIGHT, statements, type Statement } from './statements';
import { clip, MAX_LABEL_SHOWN, MAX_NAME_SHOWN } from './words';

export interface DiagramOptions {
  readonly language: Language;
  readonly autonumber?: boolean;
  readonly title?: string;
  /** Messages per diagram before the run is split into parts. */
  readonly maxMessages?: number;
  /** Mermaid refuses longer diagrams (its maxTextSize); parts stay under this. */
  readonly maxTextSize?: number;
  /** Put "Part i of n" into each part's diagram title (exports); off for the live view, where a
   * finished part must keep the same text while the run grows. The heading is returned either way. */
  readonly partTitles?: boolean;
  /** Roughly how tall a part may draw, in px; a note's parts stay legible in a note pane. The live view's segments need no cap. */
  readonly maxPartHeight?: number;
  /** Every hop (the default), each request as one arrow, or the story with its handshakes and logins folded. */
  readonly detail?: Detail;
}

export interface DiagramPart {
  readonly heading: string;
  readonly mermaid: string;
  readonly messages: number;
  /** The trace index where this part begins: drawing from here again gives this part and those after it. */
  readonly firstEvent: number;
  /** The trace index each arrow draws, in the order Mermaid draws them (a click on the n-th arrow finds its message). */
  readonly arrowEvents: readonly number[];
  /** The trace index each note draws, in order. */
  readonly noteEvents: readonly number[];
  /** Requests whose whole exchange is one arrow in this part (story detail), in drawing order. */
  readonly folded: readonly number[];
}

export const DEFAULT_MAX_MESSAGES = 200;
export const MERMAID_MAX_TEXT_SIZE = 50_000;

/** What a diagram calls a participant, in its language, clipped so that a diagram's header stays small. */
export function participantLabel(participant: Participant, language: Language): string {
  return clip((participant.label as Text | undefined)?.[language] ?? participant.name, MAX_NAME_SHOWN);
}

function header(participants: readonly Participant[], options: DiagramOptions, title: string | undefined, startNumber: number): string[] {
  const lines = ['sequenceDiagram'];
  // A diagram's title is one line: Mermaid draws a `<br/>` in it as those characters.
  if (title !== undefined && title !== '') lines.push(`    title ${escapeLabel(clip(title, MAX_LABEL_SHOWN).replace(/[\r\n\u2028\u2029]+/g, ' '))}`);
  if (options.autonumber === true) lines.push(startNumber > 1 ? `    autonumber ${startNumber}` : '    autonumber');
  for (const participant of participants) lines.push(`    participant ${participant.id} as ${escapeLabel(participantLabel(participant, options.language))}`);
  return lines;
}

function render(participants: readonly Participant[], declared: readonly Participant[], body: readonly Statement[], options: DiagramOptions, title: string | undefined, startNumber: number): string {
  const lines = header(declared, options, title, startNumber);
  const byId = new Map(participants.map((participant) => [participant.id, participant]));
  /** Kept-state notes this part has drawn in full: "the same as above" only refers to one of them. */
  const fullNotes = new Set<string>();
  let depth = 0;
  for (const statement of body) {
    const closing = statement.line === 'end' || statement.line.startsWith('else ');
    const indent = '    '.repeat(1 + Math.max(0, closing ? depth - 1 : depth));
    const created = statement.creates === undefined ? undefined : byId.get(statement.creates);
    if (created !== undefined) lines.push(`${indent}create participant ${created.id} as ${escapeLabel(participantLabel(created, options.language))}`);
    const line = statement.unfolded !== undefined && statement.noteKey !== undefined && !fullNotes.has(statement.noteKey) ? statement.unfolded : statement.line;
    if (statement.noteKey !== undefined) fullNotes.add(statement.noteKey);
    lines.push(`${indent}${line}`);
    depth = statement.depth;
  }
  return lines.join('\n');
}

/** The whole run as one or more diagrams, each within the message and size limits. */
export function sequenceDiagram(participants: readonly Participant[], trace: readonly TraceEvent[], options: DiagramOptions): DiagramPart[] {
  return sequenceDiagramFrom(participants, trace, options, 0, 1);
}

/** The parts of a run from trace index `from` on (a live view redraws only its tail this way). */
export function sequenceDiagramFrom(participants: readonly Participant[], trace: readonly TraceEvent[], options: DiagramOptions, from: number, firstNumber: number): DiagramPart[] {
  const { body, plan } = statements(participants, trace, options.language, from, options.detail);
  const maxMessages = Math.max(1, options.maxMessages ?? DEFAULT_MAX_MESSAGES);
  const maxText = options.maxTextSize ?? MERMAID_MAX_TEXT_SIZE;
  const chunks: Statement[][] = [];
  let current: Statement[] = [];
  let arrows = 0;
  let size = 0;
  let height = 0;
  const headerSize = header(participants, options, options.title, 1).join('\n').length + 64;
  // A story too tall for one picture is cut into parts of about the same height, not a full one and a stub.
  const totalHeight = body.reduce((sum, statement) => sum + statement.height, 0);
  const budget = (options.maxPartHeight ?? MAX_PART_HEIGHT) - HEIGHT.frame;
  const partHeight = Math.min(budget, (totalHeight / Math.ceil(totalHeight / budget)) * 1.1);
  for (const statement of body) {
    const previous = current[current.length - 1];
    const full = previous !== undefined && (arrows + statement.arrows > maxMessages || headerSize + size + statement.line.length + 12 > maxText || height + statement.height > partHeight);
    const atBoundary = previous === undefined || (previous.depth === 0 && previous.eventIndex !== statement.eventIndex);
    if (full && atBoundary) {
      chunks.push(current);
      current = [];
      arrows = 0;
      size = 0;
      height = 0;
    }
    current.push(statement);
    arrows += statement.arrows;
    size += statement.line.length + 12;
    height += statement.height;
  }
  if (current.length > 0 || chunks.length === 0) chunks.push(current);
  let numberedSoFar = firstNumber - 1;
  /** Added servers already in the picture before the part being rendered. */
  const inPicture = new Set<string>();
  const declared = (participant: Participant): boolean => participant.id !== plan.hiddenRelay && (!plan.added.has(participant.id) || inPicture.has(participant.id));
  return chunks.map((chunk, index) => {
    const part = chunks.length === 1 ? undefined : { en: `Part ${index + 1} of ${chunks.length}`, ko: `${index + 1}부 (총 ${chunks.length}부)` }[options.language];
    const title = part === undefined ? options.title : options.title === undefined ? part : `${options.title} (${part})`;
    const messages = chunk.reduce((sum, statement) => sum + statement.arrows, 0);
    // No lifeline without an arrow or a note in its part (a server down and silent for a whole part is left out).
    const used = new Set(chunk.flatMap((statement) => statement.actors ?? []));
    const shown = participants.filter((participant) => declared(participant) && (chunk.length === 0 || used.has(participant.id)));
    const mermaid = render(participants, shown, chunk, options, options.partTitles === false ? options.title : title, numberedSoFar + 1);
    for (const statement of chunk) if (statement.creates !== undefined) inPicture.add(statement.creates);
    numberedSoFar += messages;
    const arrowEvents = chunk.filter((statement) => statement.arrows > 0).map((statement) => statement.eventIndex);
    const noteEvents = chunk.filter((statement) => statement.line.startsWith('Note ')).map((statement) => statement.eventIndex);
    const folded = chunk.flatMap((statement) => (statement.folds === undefined ? [] : [statement.folds]));
    return { heading: title ?? '', mermaid, messages, firstEvent: chunk[0]?.eventIndex ?? from, arrowEvents, noteEvents, folded };
  });
}
