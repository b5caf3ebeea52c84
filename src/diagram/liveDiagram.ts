// A growing run's diagram, part by part. Finished parts keep their text; each update draws only
// the events since the live tail began, so a batch costs the size of the tail, not of the run.
import type { Language } from '../engine/text';
import type { Participant, TraceEvent } from '../engine/trace';
import { HOP_DETAIL, type Detail } from './detail';
import { sequenceDiagramFrom } from './sequenceDiagram';

export interface LivePart {
  readonly heading: string;
  readonly mermaid: string;
  /** The trace index of each arrow and each note, in drawing order (see DiagramPart). */
  readonly arrowEvents: readonly number[];
  readonly noteEvents: readonly number[];
  /** Requests whose exchange is folded into one arrow here (story detail): a click opens them. */
  readonly folded: readonly number[];
}

const PART_WORD: Readonly<Record<Language, (index: number, first: number, last: number) => string>> = {
  en: (index, first, last) => `Part ${index} · messages ${first}–${last}`,
  ko: (index, first, last) => `${index}부 · 메시지 ${first}–${last}`,
};

/**
 * How many parts may wait for an open request before the oldest is finished anyway: a request
 * that stays open for long (a lost message waiting for its timeout) must not make every update
 * redraw a growing tail.
 */
const MAX_WAITING_PARTS = 3;

export class LiveDiagram {
  private finished: LivePart[] = [];
  private tailStart = 0;
  private messagesBeforeTail = 0;
  /** Requests started and not yet ended, with the trace index where each started (in order). */
  private readonly open = new Map<number, number>();
  private scanned = 0;

  constructor(
    private participants: readonly Participant[],
    private readonly language: Language,
    private readonly maxMessages: number,
    private readonly detail: Detail = HOP_DETAIL,
  ) {}

  /** Everyone in the lab now: a server added mid-run is drawn by its name (Server4), never by its id. */
  meet(participants: readonly Participant[]): void {
    if (participants.length > this.participants.length) this.participants = participants;
  }

  /** How many of the parts last returned are finished: they will not change as the run grows. */
  get finishedParts(): number {
    return this.finished.length;
  }

  /** The parts for this trace, which must extend the one given last time. */
  update(trace: readonly TraceEvent[]): readonly LivePart[] {
    this.followRequests(trace);
    const parts = sequenceDiagramFrom(this.participants, trace, { language: this.language, maxMessages: this.maxMessages, partTitles: false, maxPartHeight: Number.POSITIVE_INFINITY, detail: this.detail }, this.tailStart, this.messagesBeforeTail + 1);
    // A part is finished once no request drawn in it is still open: a failure that comes later
    // tints the request's messages, and a finished part could no longer show that.
    const openSince = this.open.values().next().value ?? Number.POSITIVE_INFINITY;
    const settled = (index: number): boolean => (parts[index + 1]?.firstEvent ?? 0) <= openSince;
    const waitedTooLong = (index: number): boolean => parts.length - 1 - index > MAX_WAITING_PARTS;
    // The last part is always the live tail; the ones before it finish in order.
    let finishing = 0;
    while (finishing < parts.length - 1 && (settled(finishing) || waitedTooLong(finishing))) finishing++;
    for (const part of parts.slice(0, finishing)) {
      this.finished.push({ heading: this.heading(this.finished.length + 1, this.messagesBeforeTail, part.messages), mermaid: part.mermaid, arrowEvents: part.arrowEvents, noteEvents: part.noteEvents, folded: part.folded });
      this.messagesBeforeTail += part.messages;
    }
    const waiting = parts.slice(finishing);
    this.tailStart = waiting[0]?.firstEvent ?? this.tailStart;
    let messagesBefore = this.messagesBeforeTail;
    return [...this.finished, ...waiting.map((part, index) => {
      const heading = this.heading(this.finished.length + 1 + index, messagesBefore, part.messages);
      messagesBefore += part.messages;
      return { heading, mermaid: part.mermaid, arrowEvents: part.arrowEvents, noteEvents: part.noteEvents, folded: part.folded };
    })];
  }

  private followRequests(trace: readonly TraceEvent[]): void {
    for (; this.scanned < trace.length; this.scanned++) {
      const event = trace[this.scanned];
      if (event?.type === 'request-started') this.open.set(event.requestId, this.scanned);
      else if (event?.type === 'request-outcome') this.open.delete(event.requestId);
    }
  }

  private heading(index: number, messagesBefore: number, messages: number): string {
    const first = messagesBefore + 1;
    return PART_WORD[this.language](index, first, first + Math.max(0, messages - 1));
  }
}
