// Looking inside the run: a picked arrow's details beside the diagram, and the timeline that shows
// the diagram and the inspector as they were at any moment. The state at a moment is replayed from
// the trace (History); at the present the host's own snapshot is shown.
import { MessageInspector } from '../src/diagram/messageDetails';
import { History } from '../src/engine/history';
import type { RunMetrics } from '../src/engine/metrics';
import type { LabSnapshot } from '../src/engine/snapshot';
import type { Language } from '../src/engine/text';
import type { TraceEvent } from '../src/engine/trace';
import { DiagramMarks } from './diagramMarks';
import { DetailsPane } from './messageDetails';
import type { MessageList } from './messageList';
import type { SegmentedDiagram } from './segmentedDiagram';
import { Timeline } from './timeline';

export interface LookInsidePage {
  readonly layout: HTMLElement;
  readonly inspector: HTMLElement;
  readonly diagram: HTMLElement;
  readonly scroller: HTMLElement;
  readonly controls: HTMLElement;
  /** Shows the state at a moment (the inspector, the topology picture). */
  readonly showState: (lab: LabSnapshot, metrics: RunMetrics, language: Language) => void;
  /** Told whether the look is at the present (Step's meaning depends on it). */
  readonly onLook?: (live: boolean) => void;
  /** Told first when an event's details are asked for (a folded exchange opens then). */
  readonly onOpen?: (eventIndex: number) => void;
}

export class LookInside {
  private readonly pane: DetailsPane;
  private readonly marks: DiagramMarks;
  private readonly timeline: Timeline;
  private history: History | undefined;
  private present: { lab: LabSnapshot; metrics: RunMetrics } | undefined;
  private events: readonly TraceEvent[] = [];
  private language: Language = 'en';
  /** The list line or arrow that opened the details: focus goes back there when they close. */
  private opener: HTMLElement | undefined;
  /** What to scroll to once the segment it is in is drawn (it was out of view, not on the page). */
  private pending: { readonly index: number; readonly kind: 'look' | 'pick' } | undefined;
  private picked: readonly number[] = [];

  constructor(private readonly page: LookInsidePage, private readonly diagram: SegmentedDiagram, private readonly messages: () => MessageList) {
    this.pane = new DetailsPane(page.layout, page.inspector, () => { this.closed(); });
    this.marks = new DiagramMarks(page.diagram, diagram, (eventIndex) => { this.open(eventIndex); });
    this.timeline = new Timeline(page.layout, page.controls, (end) => { this.moved(end); });
  }

  /** Following the present (not looking back). */
  get live(): boolean {
    return this.timeline.end === undefined;
  }

  /** A segment drawn anew. */
  shown(index: number, holder: Element): void {
    this.marks.shown(index, holder);
    if (this.pending?.index !== index) return;
    const kind = this.pending.kind;
    this.pending = undefined;
    const target = kind === 'look' ? this.marks.lookBack(this.timeline.end) : this.marks.pick(this.picked);
    target?.scrollIntoView(kind === 'look' ? { block: 'center', inline: 'nearest' } : { block: 'nearest', inline: 'nearest' });
  }

  /** Scrolls to segment `index`, which is not drawn yet; `kind` says what to scroll to once it is. */
  private revealLater(index: number, kind: 'look' | 'pick'): void {
    this.pending = { index, kind };
    this.diagram.reveal(index);
  }

  /** A new run (a snapshot): details closed, back to the present. */
  reset(lab: LabSnapshot, metrics: RunMetrics, language: Language): void {
    this.language = language;
    this.history = new History(lab);
    this.present = { lab, metrics };
    this.timeline.reset();
    this.pane.close();
  }

  /** The run grew: the present moves on; a look back stays where it is. */
  grew(events: readonly TraceEvent[], lab: LabSnapshot, metrics: RunMetrics): void {
    this.events = events;
    this.history?.know(lab);
    this.present = { lab, metrics };
    this.timeline.sync(events, this.language);
    if (this.live) this.page.showState(lab, metrics, this.language);
  }

  /** Step pressed (→): one moment forwards when looking back; false when Step should move the run. */
  stepForward(): boolean {
    return this.timeline.forward();
  }

  stepBack(): void {
    this.timeline.back();
  }

  goLive(): void {
    this.timeline.live();
  }

  /** Opens the details of the trace event at `eventIndex` (an arrow clicked, a list line chosen). */
  open(eventIndex: number): void {
    this.page.onOpen?.(eventIndex);
    const lab = this.present?.lab;
    if (lab === undefined) return;
    const details = new MessageInspector(lab.participants, this.events, this.language, lab.protocol).details(eventIndex);
    if (details === undefined) return;
    const active = document.activeElement;
    if (active instanceof HTMLElement && active !== document.body && !this.pane.element.contains(active)) this.opener = active;
    this.pane.show(details);
    this.picked = this.candidates(eventIndex);
    const arrow = this.marks.pick(this.picked);
    if (arrow !== undefined) {
      arrow.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      return;
    }
    // Its segment is out of view: scrolled to, drawn, then highlighted.
    const index = this.picked.map((candidate) => this.diagram.segmentOf(candidate)).find((found) => found !== undefined);
    if (index !== undefined) this.revealLater(index, 'pick');
  }

  /** The drawn arrow for an event: itself, else the nearest of its exchange (a hop the relay folds into one arrow). */
  private candidates(eventIndex: number): number[] {
    const event = this.events[eventIndex];
    const requestId = event !== undefined && 'requestId' in event ? event.requestId : undefined;
    const others: number[] = [];
    if (requestId !== undefined && requestId > 0) {
      this.events.forEach((candidate, index) => {
        if (index !== eventIndex && 'requestId' in candidate && candidate.requestId === requestId && (candidate.type === 'message-delivered' || candidate.type === 'message-lost')) others.push(index);
      });
      // Later hops first: a folded request is drawn at its last hop.
      others.sort((a, b) => (a > eventIndex ? a - eventIndex : 1e9 + eventIndex - a) - (b > eventIndex ? b - eventIndex : 1e9 + eventIndex - b));
    }
    return [eventIndex, ...others];
  }

  private closed(): void {
    this.picked = [];
    this.marks.pick([]);
    const opener = this.opener;
    this.opener = undefined;
    if (opener?.isConnected === true) opener.focus();
  }

  private moved(end: number | undefined): void {
    const last = this.marks.lookBack(end);
    const present = this.present;
    if (end === undefined || this.history === undefined) {
      if (present !== undefined) this.page.showState(present.lab, present.metrics, this.language);
    } else {
      const moment = this.history.at(this.events, end);
      this.page.showState(moment.lab, moment.metrics, this.language);
    }
    this.page.diagram.classList.toggle('looking-back', end !== undefined);
    this.page.onLook?.(end === undefined);
    if (end !== undefined) this.messages().markLater(end);
    else this.messages().markLater(Number.POSITIVE_INFINITY);
    if (last !== undefined) last.scrollIntoView({ block: 'center', inline: 'nearest' });
    // The moment's segment is out of view (not on the page): scrolled to, drawn, then centred.
    else if (end !== undefined) this.revealLater(Math.max(0, this.marks.lookedSegment), 'look');
  }
}
