// The run as consecutive diagram segments, virtualised: every segment has a section on the page,
// but only the ones near the view hold their drawing; the rest are placeholders of their drawn (or
// estimated) size, so a 100,000-message run keeps a few thousand elements, not millions. Drawings
// are kept as SVG text (SvgCache): a segment scrolled back into view is put back, not redrawn.
// Renders never queue up: while one runs, later updates just mark the page dirty.
import * as l10n from '@vscode/l10n';
import type { DiagramRenderer, RenderOutcome } from './diagramRenderer';
import { SvgCache } from './svgCache';

export interface Segment {
  readonly heading: string;
  readonly mermaid: string;
  /** The trace index of each arrow and note, in drawing order: what a click or a look back finds. */
  readonly arrowEvents?: readonly number[];
  readonly noteEvents?: readonly number[];
}

export interface RenderReport {
  /** The live tail (the last segment) was drawn: a page following the run scrolls to it. */
  readonly tail: boolean;
  readonly svgLength: number;
  readonly elapsedMs: number;
  readonly error?: string;
}

/** How far beyond the view (in views) segments are drawn: scrolling a little never shows a gap. */
const NEAR_MARGIN = '100% 0px';
/** SVG text kept for segments out of view (characters): ~20 MB, a 10,000-message run's worth. */
const CACHE_CHARACTERS = 12_000_000;
/** Quiet time before segments out of view are drawn ahead into the cache (never while a run streams). */
const DRAW_AHEAD_AFTER_MS = 1000;
/** A segment never drawn is estimated at this height per arrow or note until one has been drawn. */
const FIRST_GUESS_PX_PER_ITEM = 38;
const PLACEHOLDER_BASE_PX = 120;

interface Size {
  readonly width: number;
  readonly height: number;
}

/** Resolves in a later task (a message round trip: not throttled like timers). */
function nextTask(): Promise<void> {
  return new Promise((resolveTask) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolveTask();
    };
    channel.port2.postMessage(null);
  });
}

function itemCount(segment: Segment): number {
  return (segment.arrowEvents?.length ?? 0) + (segment.noteEvents?.length ?? 0);
}

export class SegmentedDiagram {
  /** The Mermaid text drawn in each section now (undefined: a placeholder). */
  private drawn: (string | undefined)[] = [];
  private shown: (Segment | undefined)[] = [];
  /** Each segment's size as Mermaid drew it (kept when it leaves the page: its placeholder's size). */
  private sizes: (Size | undefined)[] = [];
  private headings: string[] = [];
  /** Text that Mermaid refused, per section: not tried again until it changes. */
  private failed: (string | undefined)[] = [];
  private rendering = false;
  private dirty = false;
  private latest: readonly Segment[] = [];
  private readonly cache = new SvgCache(CACHE_CHARACTERS);
  /** The cache entry of the live tail: replaced, not piled up, as the tail grows. */
  private tailKey: string | undefined;
  /** Sections near the view (drawn), and those in it (drawn first). */
  private readonly near = new Set<number>();
  private readonly visible = new Set<number>();
  private readonly nearObserver: IntersectionObserver;
  private readonly visibleObserver: IntersectionObserver;
  private pxPerItem = FIRST_GUESS_PX_PER_ITEM;
  /** The widest drawing so far (Mermaid's size): placeholders never drawn are this wide, and Fit scales it. */
  private widest = 0;
  private lastUpdate = 0;
  private drawAheadTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly container: HTMLElement,
    private readonly renderer: DiagramRenderer,
    private readonly onRendered: (report: RenderReport) => void,
    /** Called with each segment drawn anew (its SVG replaced): marks on the old drawing are gone. */
    private readonly onShown: (index: number, holder: Element) => void = () => undefined,
    /** The element that scrolls the diagram: what "near the view" is measured against. */
    scroller: Element | null = container.parentElement,
  ) {
    this.nearObserver = new IntersectionObserver((entries) => { this.observed(entries, this.near); }, { root: scroller, rootMargin: NEAR_MARGIN });
    this.visibleObserver = new IntersectionObserver((entries) => { this.observed(entries, this.visible); }, { root: scroller });
  }

  /** The segment drawn at `index`, or for a placeholder the one that will be (a drawing may lag the latest update). */
  shownSegment(index: number): Segment | undefined {
    return this.shown[index] ?? this.latest[index];
  }

  /** The live tail's drawing as the page shows it, if it is drawn now. */
  tailSvg(): string | undefined {
    const last = this.latest.length - 1;
    const segment = this.latest[last];
    if (segment === undefined || this.drawn[last] !== segment.mermaid) return undefined;
    return this.container.children[last]?.lastElementChild?.innerHTML;
  }

  /** How many segments the page has (drawn or not). */
  get length(): number {
    return this.container.children.length;
  }

  /** The segment that draws trace event `eventIndex` (an arrow or a note), if any. */
  segmentOf(eventIndex: number): number | undefined {
    let low = 0;
    let high = this.latest.length - 1;
    // Segments hold consecutive stretches of the trace: find the last one starting at or before it.
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.firstEvent(middle) <= eventIndex) low = middle;
      else high = middle - 1;
    }
    const segment = this.latest[low];
    if (segment === undefined) return undefined;
    return segment.arrowEvents?.includes(eventIndex) === true || segment.noteEvents?.includes(eventIndex) === true ? low : undefined;
  }

  private firstEvent(index: number): number {
    const segment = this.latest[index];
    return Math.min(segment?.arrowEvents?.[0] ?? Number.POSITIVE_INFINITY, segment?.noteEvents?.[0] ?? Number.POSITIVE_INFINITY);
  }

  /** Scrolls segment `index` into view; its drawing follows (onShown says when). */
  reveal(index: number): void {
    this.container.children[index]?.scrollIntoView({ block: 'center', inline: 'nearest' });
    const segment = this.latest[index];
    if (segment === undefined || this.drawn[index] === segment.mermaid) return;
    // It is in view now: the observers would only say so a frame later. From the cache it is drawn
    // at once, in this task, so the look and its marks are painted in the next frame.
    this.near.add(index);
    this.visible.add(index);
    const cached = this.cache.get(segment.mermaid);
    if (cached !== undefined) this.show(index, segment, { kind: 'rendered', svg: cached, elapsedMs: 0 });
    this.wake();
  }

  /**
   * Shows these segments; coalesces with any render in progress. `draw` false: only their sections
   * (placeholders) for now, as more pieces of the run follow at once; the next update draws.
   */
  update(segments: readonly Segment[], draw = true): void {
    this.latest = segments;
    this.lastUpdate = performance.now();
    // The sections are there at once (placeholders): a page following the run can scroll to the tail now.
    this.syncSections(segments);
    if (draw) this.wake();
  }

  /** Forget what was drawn (theme change): everything is redrawn. */
  invalidate(): void {
    // Drawings on the page stay until redrawn (or let go when out of view), but match no text now.
    this.drawn = this.drawn.map((text) => (text === undefined ? undefined : ''));
    this.failed = [];
    this.cache.clear();
    this.tailKey = undefined;
    this.wake();
  }

  /**
   * Every segment's drawing as SVG text, in order (exports take the whole run, not the part on the
   * page): from the cache, else drawn now. A segment Mermaid refuses is left out.
   */
  async wholeSvgs(): Promise<string[]> {
    const svgs: string[] = [];
    for (const segment of this.latest) {
      let svg = this.cache.get(segment.mermaid);
      if (svg === undefined) {
        await nextTask();
        const outcome = await this.renderer.render(segment.mermaid);
        if (outcome.kind === 'failed') continue;
        svg = outcome.svg;
      }
      svgs.push(svg);
    }
    return svgs;
  }

  private wake(): void {
    if (this.rendering) {
      this.dirty = true;
      return;
    }
    void this.renderLoop();
  }

  private observed(entries: readonly IntersectionObserverEntry[], set: Set<number>): void {
    let changed = false;
    for (const entry of entries) {
      const index = Number((entry.target as HTMLElement).dataset['index']);
      if (entry.isIntersecting === set.has(index)) continue;
      if (entry.isIntersecting) set.add(index);
      else set.delete(index);
      changed = true;
    }
    if (changed) this.wake();
  }

  private async renderLoop(): Promise<void> {
    this.rendering = true;
    try {
      for (;;) {
        this.dirty = false;
        await this.renderOnce(this.latest);
        if (!this.updatedMeanwhile()) break;
      }
    } finally {
      this.rendering = false;
    }
    this.scheduleDrawAhead();
  }

  /** Read through a method: `dirty` changes while a render is awaited. */
  private updatedMeanwhile(): boolean {
    return this.dirty;
  }

  private section(index: number): HTMLElement {
    let section = this.container.children[index] as HTMLElement | undefined;
    if (section === undefined) {
      section = document.createElement('section');
      section.className = 'segment';
      section.dataset['index'] = String(index);
      section.innerHTML = '<h2 class="segment-heading"></h2><div class="segment-svg placeholder"></div>';
      this.container.append(section);
      this.nearObserver.observe(section);
      this.visibleObserver.observe(section);
    }
    return section;
  }

  /** One section per segment, headed; new ones start as placeholders. */
  private syncSections(segments: readonly Segment[]): void {
    while (this.container.children.length > segments.length) {
      const last = this.container.lastElementChild;
      if (last === null) break;
      this.nearObserver.unobserve(last);
      this.visibleObserver.unobserve(last);
      last.remove();
      const index = this.container.children.length;
      this.near.delete(index);
      this.visible.delete(index);
    }
    for (const list of [this.drawn, this.shown, this.sizes, this.headings, this.failed]) list.length = Math.min(list.length, segments.length);
    for (const [index, segment] of segments.entries()) {
      const headingText = segments.length > 1 ? segment.heading : '';
      const fresh = index >= this.container.children.length;
      const section = this.section(index);
      if (fresh) this.placeholder(section, index, segment);
      // Only when it changes: rewriting 2,000 unchanged headings per update costs style and layout work.
      if (this.headings[index] === headingText) continue;
      this.headings[index] = headingText;
      const heading = section.firstElementChild;
      if (heading !== null) heading.textContent = headingText;
    }
  }

  /** The sections to draw, those in view first, then those near it; the live tail's side first. */
  private wanted(): number[] {
    const order = (set: Set<number>): number[] => [...set].sort((a, b) => b - a);
    // The two observers report apart: what is in view is near it too, whichever spoke last.
    const visible = order(this.visible).filter((index) => this.near.has(index));
    return [...visible, ...order(this.near).filter((index) => !this.visible.has(index))];
  }

  private async renderOnce(segments: readonly Segment[]): Promise<void> {
    this.syncSections(segments);
    // Segments that left the view give their drawing back (it stays in the cache).
    for (const [index, text] of this.drawn.entries()) {
      const segment = segments[index];
      if (text !== undefined && segment !== undefined && !this.near.has(index)) this.placeholder(this.section(index), index, segment);
    }
    for (const index of this.wanted()) {
      const segment = segments[index];
      if (segment === undefined || this.drawn[index] === segment.mermaid || this.failed[index] === segment.mermaid) continue;
      const cached = this.cache.get(segment.mermaid);
      if (cached !== undefined) {
        this.show(index, segment, { kind: 'rendered', svg: cached, elapsedMs: 0 });
        continue;
      }
      // Mermaid's render is one long synchronous stretch: each gets a task of its own, apart from the
      // message that asked for it and from the render before it, so no task freezes the page for long.
      await nextTask();
      // A newer update came in during the wait: start over with it.
      if (this.updatedMeanwhile()) return;
      const outcome = await this.renderer.render(segment.mermaid);
      this.remember(index, segment, outcome);
      // Keep the drawing if a newer update still wants it here (a finished segment does not change).
      if (this.latest[index]?.mermaid === segment.mermaid && this.near.has(index)) this.show(index, segment, outcome);
      // A newer update arrived meanwhile: start over with it rather than finish stale work.
      if (this.updatedMeanwhile()) return;
    }
  }

  private remember(index: number, segment: Segment, outcome: RenderOutcome): void {
    if (outcome.kind === 'failed') {
      this.failed[index] = segment.mermaid;
      return;
    }
    const isTail = index === this.latest.length - 1;
    if (isTail && this.tailKey !== undefined && this.tailKey !== segment.mermaid) this.cache.drop(this.tailKey);
    if (isTail) this.tailKey = segment.mermaid;
    this.cache.put(segment.mermaid, outcome.svg);
  }

  private show(index: number, segment: Segment, outcome: RenderOutcome): void {
    const holder = this.section(index).lastElementChild;
    if (holder === null) return;
    if (outcome.kind === 'rendered') {
      holder.innerHTML = outcome.svg;
      holder.classList.remove('error', 'placeholder');
      (holder as HTMLElement).style.removeProperty('height');
      (holder as HTMLElement).style.removeProperty('width');
      this.drawn[index] = segment.mermaid;
      this.shown[index] = segment;
      this.measure(index, segment, holder);
      this.onShown(index, holder);
      this.onRendered({ tail: index === this.latest.length - 1, svgLength: outcome.svg.length, elapsedMs: outcome.elapsedMs });
    } else {
      holder.textContent = l10n.t('This part of the diagram could not be drawn: {0}', outcome.error);
      holder.classList.add('error');
      holder.classList.remove('placeholder');
      this.drawn[index] = undefined;
      this.onRendered({ tail: false, svgLength: 0, elapsedMs: 0, error: outcome.error });
    }
  }

  /** Notes the size Mermaid drew at, for the placeholder and for guessing the size of segments never drawn. */
  private measure(index: number, segment: Segment, holder: Element): void {
    const svg = holder.firstElementChild;
    if (!(svg instanceof SVGSVGElement)) return;
    const box = svg.viewBox.baseVal as DOMRect | null;
    if (box === null || box.height <= 0) return;
    const firstMeasure = this.sizes.every((size) => size === undefined);
    this.sizes[index] = { width: box.width, height: box.height };
    if (box.width > this.widest) {
      this.widest = box.width;
      this.container.dataset['widest'] = String(box.width);
    }
    const items = itemCount(segment);
    if (items >= 10) this.pxPerItem = firstMeasure ? Math.max(0, box.height - PLACEHOLDER_BASE_PX) / items : (this.pxPerItem + Math.max(0, box.height - PLACEHOLDER_BASE_PX) / items) / 2;
    // The first drawing tells what the guesses should have been: placeholders never drawn take it.
    if (!firstMeasure) return;
    for (const [other, text] of this.drawn.entries()) {
      const section = this.container.children[other];
      const shown = this.latest[other];
      if (text === undefined && other !== index && section instanceof HTMLElement && shown !== undefined) this.placeholder(section, other, shown);
    }
  }

  /** Empties a section down to a placeholder of its drawing's size, at the page's zoom. */
  private placeholder(section: HTMLElement, index: number, segment: Segment): void {
    const holder = section.lastElementChild as HTMLElement | null;
    if (holder === null) return;
    const known = this.sizes[index];
    const height = known?.height ?? PLACEHOLDER_BASE_PX + itemCount(segment) * this.pxPerItem;
    const width = known?.width ?? this.widest;
    holder.replaceChildren();
    holder.classList.add('placeholder');
    holder.classList.remove('error');
    holder.style.height = `calc(${height.toFixed(0)}px * var(--diagram-scale, 1))`;
    holder.style.width = `calc(${width.toFixed(0)}px * var(--diagram-scale, 1))`;
    this.drawn[index] = undefined;
    this.shown[index] = undefined;
  }

  /** After a quiet spell, segments out of view are drawn into the cache, nearest the view first. */
  private scheduleDrawAhead(): void {
    if (this.drawAheadTimer !== undefined || !this.cache.roomy) return;
    this.drawAheadTimer = setTimeout(() => {
      this.drawAheadTimer = undefined;
      void this.drawAhead();
    }, DRAW_AHEAD_AFTER_MS);
  }

  private async drawAhead(): Promise<void> {
    if (this.rendering) return;
    if (performance.now() - this.lastUpdate < DRAW_AHEAD_AFTER_MS) {
      this.scheduleDrawAhead();
      return;
    }
    const index = this.nextToDrawAhead();
    const segment = index === undefined ? undefined : this.latest[index];
    if (index === undefined || segment === undefined) return;
    this.rendering = true;
    try {
      const outcome = await this.renderer.render(segment.mermaid);
      if (this.latest[index]?.mermaid === segment.mermaid) this.remember(index, segment, outcome);
    } finally {
      this.rendering = false;
    }
    // Anything asked for meanwhile (a scroll, an update) comes first.
    if (this.dirty) void this.renderLoop();
    else {
      await nextTask();
      void this.drawAhead();
    }
  }

  /** The finished segment nearest the view whose drawing is in neither the page nor the cache. */
  private nextToDrawAhead(): number | undefined {
    if (!this.cache.roomy) return undefined;
    const around = Math.max(0, ...this.visible);
    // The live tail changes with every update: it is drawn when it is seen.
    const last = this.latest.length - 2;
    for (let distance = 0; distance <= last; distance++) {
      for (const index of [around - distance, around + distance]) {
        const segment = this.latest[index];
        if (index < 0 || index > last || segment === undefined) continue;
        if (!this.cache.has(segment.mermaid) && this.failed[index] !== segment.mermaid) return index;
      }
    }
    return undefined;
  }
}
