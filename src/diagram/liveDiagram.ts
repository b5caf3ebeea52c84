// A growing run's diagram, part by part. Finished parts keep their text; each update draws only
// the events since the live tail began, so a batch costs the size of the tail, not of the run.
import type { Language } from '../engine/text';
import type { Participant, TraceEvent } from '../engine/trace';
import { sequenceDiagramFrom } from './sequenceDiagram';

export interface LivePart {
  readonly heading: string;
  readonly mermaid: string;
}

const PART_WORD: Readonly<Record<Language, (index: number, first: number, last: number) => string>> = {
  en: (index, first, last) => `Part ${index} · messages ${first}–${last}`,
  ko: (index, first, last) => `${index}부 · 메시지 ${first}–${last}`,
};

export class LiveDiagram {
  private finished: LivePart[] = [];
  private tailStart = 0;
  private messagesBeforeTail = 0;

  constructor(
    private readonly participants: readonly Participant[],
    private readonly language: Language,
    private readonly maxMessages: number,
  ) {}

  /** The parts for this trace, which must extend the one given last time. */
  update(trace: readonly TraceEvent[]): readonly LivePart[] {
    const parts = sequenceDiagramFrom(this.participants, trace, { language: this.language, maxMessages: this.maxMessages, partTitles: false }, this.tailStart, this.messagesBeforeTail + 1);
    const tail = parts[parts.length - 1];
    if (tail === undefined) return this.finished;
    for (const part of parts.slice(0, -1)) {
      this.finished.push({ heading: this.heading(part.messages), mermaid: part.mermaid });
      this.messagesBeforeTail += part.messages;
    }
    this.tailStart = tail.firstEvent;
    return [...this.finished, { heading: this.heading(tail.messages), mermaid: tail.mermaid }];
  }

  /** The heading of the part that follows the finished ones. */
  private heading(messages: number): string {
    const first = this.messagesBeforeTail + 1;
    return PART_WORD[this.language](this.finished.length + 1, first, first + Math.max(0, messages - 1));
  }
}
