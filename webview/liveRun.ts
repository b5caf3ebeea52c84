// The live run as the webview knows it: participants and events in seq order. A batch that
// does not continue where the last ended means something was missed.
import type { Participant, TraceEvent } from '../src/engine/trace';
import { TraceInterner } from './traceInterner';

export type AppendResult = 'appended' | 'gap' | 'duplicate';

export class LiveRun {
  participants: readonly Participant[] = [];
  events: TraceEvent[] = [];

  get lastSeq(): number {
    return this.events[this.events.length - 1]?.seq ?? 0;
  }

  /** One copy of each repeated word for the whole run (a new run starts a new table). */
  private interner = new TraceInterner();

  replace(participants: readonly Participant[], events: readonly TraceEvent[]): void {
    this.participants = participants;
    this.interner = new TraceInterner();
    this.events = events.map((event) => this.interner.event(event));
  }

  append(fromSeq: number, events: readonly TraceEvent[]): AppendResult {
    if (fromSeq <= this.lastSeq) return 'duplicate';
    if (fromSeq !== this.lastSeq + 1) return 'gap';
    // One at a time: spreading a batch of 100,000 events into push() would overflow the stack.
    for (const event of events) this.events.push(this.interner.event(event));
    return 'appended';
  }
}
