// Marks on the drawn diagram: the arrow picked for its details, and, when looking back, what
// comes later dimmed. A click on an arrow (its text or its line) says which trace event it draws.
import { drawnItems, type DrawnItem } from './drawnItems';
import type { SegmentedDiagram } from './segmentedDiagram';

/** A press that moved further than this was a pan, not a click. */
const CLICK_SLOP_PX = 4;

export class DiagramMarks {
  private items = new WeakMap<Element, DrawnItem[]>();
  private picked: readonly number[] = [];
  private end: number | undefined;
  /** Segments whose single elements are dimmed (the one the moment looked at falls in). */
  private split = new Set<number>();
  /** The first segment dimmed as a whole (all of them are after it too). */
  private laterFrom = Number.POSITIVE_INFINITY;
  /** The segment that holds the moment looked at (-1: before the first). */
  lookedSegment = -1;

  constructor(private readonly container: HTMLElement, private readonly diagram: SegmentedDiagram, onPick: (eventIndex: number) => void) {
    let pressed: { x: number; y: number } | undefined;
    container.addEventListener('pointerdown', (event) => { pressed = { x: event.clientX, y: event.clientY }; });
    container.addEventListener('click', (event) => {
      if (pressed !== undefined && Math.hypot(event.clientX - pressed.x, event.clientY - pressed.y) > CLICK_SLOP_PX) return;
      const found = this.itemAt(event.target as Element);
      if (found !== undefined) onPick(found.eventIndex);
    });
  }

  private holder(index: number): Element | null {
    return this.container.children[index]?.querySelector('.segment-svg') ?? null;
  }

  private itemsOf(index: number): DrawnItem[] {
    const holder = this.holder(index);
    const segment = this.diagram.shownSegment(index);
    // A segment out of view is a placeholder: nothing of it is on the page to mark.
    if (holder === null || segment === undefined || !(holder.firstElementChild instanceof SVGSVGElement)) return [];
    let items = this.items.get(holder);
    if (items === undefined) {
      items = drawnItems(holder, segment);
      this.items.set(holder, items);
    }
    return items;
  }

  private itemAt(target: Element): DrawnItem | undefined {
    const part = target.closest('.messageText, .messageLine0, .messageLine1, rect.note, .noteText');
    const section = target.closest('.segment');
    if (part === null || section === null) return undefined;
    const index = [...this.container.children].indexOf(section);
    return this.itemsOf(index).find((item) => item.kind === 'arrow' && item.elements.includes(part));
  }

  /** A segment was drawn anew: its marks are put back on the new drawing. */
  shown(index: number, holder: Element): void {
    this.items.delete(holder);
    holder.parentElement?.classList.toggle('later', index >= this.laterFrom);
    this.split.delete(index);
    this.applyLookBack(index);
    this.applyPick(index);
  }

  /**
   * Highlights the drawn arrow of the first of `candidates` (trace indexes, best first) that is
   * drawn; returns its element for scrolling to, if any.
   */
  pick(candidates: readonly number[]): Element | undefined {
    for (const element of this.container.querySelectorAll('.picked')) element.classList.remove('picked');
    this.picked = candidates;
    let found: Element | undefined;
    for (let index = 0; index < this.diagram.length && found === undefined; index++) found = this.applyPick(index);
    return found;
  }

  private applyPick(index: number): Element | undefined {
    const segment = this.diagram.shownSegment(index);
    if (this.picked.length === 0 || segment?.arrowEvents === undefined) return undefined;
    const wanted = this.picked.find((candidate) => segment.arrowEvents?.includes(candidate));
    if (wanted === undefined) return undefined;
    const item = this.itemsOf(index).find((candidate) => candidate.kind === 'arrow' && candidate.eventIndex === wanted);
    for (const element of item?.elements ?? []) element.classList.add('picked');
    return item?.elements[0];
  }

  /** Shows the run up to `end` events (undefined: all of it); returns the last drawn item shown, for scrolling to. */
  lookBack(end: number | undefined): Element | undefined {
    this.end = end;
    // Whole segments after the moment are dimmed by one rule (a long run has hundreds of them).
    let later = this.diagram.length;
    if (end !== undefined) {
      later = 0;
      while (later < this.diagram.length && this.firstEvent(later) < end) later++;
    }
    // Only the segments whose side of the moment changed are touched: a style sheet rewritten
    // would restyle every drawn segment.
    const sections = this.container.children;
    for (let index = Math.min(later, this.laterFrom); index < Math.max(later, this.laterFrom) && index < sections.length; index++) sections[index]?.classList.toggle('later', index >= later);
    this.laterFrom = later;
    this.lookedSegment = later - 1;
    let last: Element | undefined;
    for (const index of new Set([...this.split, later - 1])) last = this.applyLookBack(index) ?? last;
    // At a segment's end nothing in it is dimmed: its last arrow is where the look is.
    return last ?? (end === undefined ? undefined : this.itemsOf(later - 1).at(-1)?.elements[0]);
  }

  private firstEvent(index: number): number {
    const segment = this.diagram.shownSegment(index);
    return Math.min(segment?.arrowEvents?.[0] ?? Number.POSITIVE_INFINITY, segment?.noteEvents?.[0] ?? Number.POSITIVE_INFINITY);
  }

  private applyLookBack(index: number): Element | undefined {
    const section = this.container.children[index];
    const segment = this.diagram.shownSegment(index);
    if (section === undefined || segment === undefined) return undefined;
    const end = this.end;
    const events = [...(segment.arrowEvents ?? []), ...(segment.noteEvents ?? [])];
    const first = Math.min(...events);
    const last = Math.max(...events);
    if (end === undefined || events.length === 0) {
      if (this.split.delete(index)) for (const element of section.querySelectorAll('.later')) element.classList.remove('later');
      return undefined;
    }
    const straddles = first < end && last >= end;
    if (!straddles && !this.split.has(index)) return undefined;
    let lastShown: Element | undefined;
    let lastShownIndex = -1;
    for (const item of this.itemsOf(index)) {
      const dim = straddles && item.eventIndex >= end;
      for (const element of item.elements) element.classList.toggle('later', dim);
      if (!dim && item.eventIndex > lastShownIndex) {
        lastShownIndex = item.eventIndex;
        lastShown = item.elements[0];
      }
    }
    if (straddles) this.split.add(index);
    else this.split.delete(index);
    return straddles ? lastShown : undefined;
  }
}
