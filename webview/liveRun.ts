// The live run as the webview knows it: participants and events in seq order. A batch that
// does not continue where the last ended means something was missed.
import type { Participant, TraceEvent } from '../src/engine/trace';

export type AppendResult = 'appended' | 'gap' | 'duplicate';

export class LiveRun {
  participants: readonly Participant[] = [];
  events: TraceEvent[] = [];

  get lastSeq(): number {
    return this.events[this.events.length - 1]?.seq ?? 0;
  }

  replace(participants: readonly Participant[], events: readonly TraceEvent[]): void {
    this.participants = participants;
    this.events = [...events];
  }

  append(fromSeq: number, events: readonly TraceEvent[]): AppendResult {
    if (fromSeq <= this.lastSeq) return 'duplicate';
    if (fromSeq !== this.lastSeq + 1) return 'gap';
    this.events.push(...events);
    return 'appended';
  }
}
