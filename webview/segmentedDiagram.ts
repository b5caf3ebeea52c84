// The run as consecutive diagram segments: finished ones are drawn once and kept, only the
// live tail is redrawn. Renders never queue up: while one runs, later updates just mark it dirty.
import * as l10n from '@vscode/l10n';
import type { DiagramRenderer, RenderOutcome } from './diagramRenderer';

export interface Segment {
  readonly heading: string;
  readonly mermaid: string;
  /** The trace index of each arrow and note, in drawing order: what a click or a look back finds. */
  readonly arrowEvents?: readonly number[];
  readonly noteEvents?: readonly number[];
}

export interface RenderReport {
  readonly svgLength: number;
  readonly elapsedMs: number;
  readonly error?: string;
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

export class SegmentedDiagram {
  private drawn: string[] = [];
  private shown: Segment[] = [];
  private rendering = false;
  private dirty = false;
  private latest: readonly Segment[] = [];

  constructor(
    private readonly container: HTMLElement,
    private readonly renderer: DiagramRenderer,
    private readonly onRendered: (report: RenderReport) => void,
    /** Called with each segment drawn anew (its SVG replaced): marks on the old drawing are gone. */
    private readonly onShown: (index: number, holder: Element) => void = () => undefined,
  ) {}

  /** The segment whose drawing is on screen at `index` (the drawing may lag the latest update). */
  shownSegment(index: number): Segment | undefined {
    return this.shown[index];
  }

  /** How many segments are on screen. */
  get length(): number {
    return this.container.children.length;
  }

  /** Shows these segments; coalesces with any render in progress. */
  update(segments: readonly Segment[]): void {
    this.latest = segments;
    if (this.rendering) {
      this.dirty = true;
      return;
    }
    void this.renderLoop();
  }

  /** Forget what was drawn (theme change): everything is redrawn. */
  invalidate(): void {
    this.drawn = [];
    this.update(this.latest);
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
      section.innerHTML = '<h2 class="segment-heading"></h2><div class="segment-svg"></div>';
      this.container.append(section);
    }
    return section;
  }

  private async renderOnce(segments: readonly Segment[]): Promise<void> {
    while (this.container.children.length > segments.length) this.container.lastElementChild?.remove();
    this.drawn.length = Math.min(this.drawn.length, segments.length);
    this.shown.length = Math.min(this.shown.length, segments.length);
    for (const [index, segment] of segments.entries()) {
      const section = this.section(index);
      const heading = section.querySelector('.segment-heading');
      const headingText = segments.length > 1 ? segment.heading : '';
      // Only when it changes: rewriting 200 unchanged headings per update costs style and layout work.
      if (heading && heading.textContent !== headingText) heading.textContent = headingText;
      if (this.drawn[index] === segment.mermaid) {
        this.shown[index] = segment;
        continue;
      }
      // Mermaid's render is one long synchronous stretch: each gets a task of its own, apart from the
      // message that asked for it and from the render before it, so no task freezes the page for long.
      await nextTask();
      // A newer update came in during the wait: start over with it.
      if (this.updatedMeanwhile()) return;
      const outcome = await this.renderer.render(segment.mermaid);
      // Keep the drawing if a newer update still wants it here (a finished segment does not change).
      if (this.latest[index]?.mermaid === segment.mermaid) this.show(section, index, segment, outcome);
      // A newer update arrived meanwhile: start over with it rather than finish stale work.
      if (this.updatedMeanwhile()) return;
    }
  }

  private show(section: HTMLElement, index: number, segment: Segment, outcome: RenderOutcome): void {
    const holder = section.querySelector('.segment-svg');
    if (holder === null) return;
    if (outcome.kind === 'rendered') {
      holder.innerHTML = outcome.svg;
      holder.classList.remove('error');
      this.drawn[index] = segment.mermaid;
      this.shown[index] = segment;
      this.onShown(index, holder);
      this.onRendered({ svgLength: outcome.svg.length, elapsedMs: outcome.elapsedMs });
    } else {
      holder.textContent = l10n.t('This part of the diagram could not be drawn: {0}', outcome.error);
      holder.classList.add('error');
      this.onRendered({ svgLength: 0, elapsedMs: 0, error: outcome.error });
    }
  }
}
