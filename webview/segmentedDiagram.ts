// The run as consecutive diagram segments: finished ones are drawn once and kept, only the
// live tail is redrawn. Renders never queue up: while one runs, later updates just mark it dirty.
import type { DiagramRenderer } from './diagramRenderer';

export interface Segment {
  readonly heading: string;
  readonly mermaid: string;
}

export interface RenderReport {
  readonly svgLength: number;
  readonly elapsedMs: number;
  readonly error?: string;
}

export class SegmentedDiagram {
  private drawn: string[] = [];
  private rendering = false;
  private dirty = false;
  private latest: readonly Segment[] = [];

  constructor(
    private readonly container: HTMLElement,
    private readonly renderer: DiagramRenderer,
    private readonly onRendered: (report: RenderReport) => void,
  ) {}

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
    let last: RenderReport | undefined;
    for (const [index, segment] of segments.entries()) {
      const section = this.section(index);
      const heading = section.querySelector('.segment-heading');
      if (heading) heading.textContent = segments.length > 1 ? segment.heading : '';
      if (this.drawn[index] === segment.mermaid) continue;
      const outcome = await this.renderer.render(segment.mermaid);
      // A newer update arrived while this one rendered: start over with it (drop the stale work).
      if (this.updatedMeanwhile()) return;
      const holder = section.querySelector('.segment-svg');
      if (holder === null) continue;
      if (outcome.kind === 'rendered') {
        holder.innerHTML = outcome.svg;
        holder.classList.remove('error');
        this.drawn[index] = segment.mermaid;
        last = { svgLength: outcome.svg.length, elapsedMs: outcome.elapsedMs };
      } else {
        holder.textContent = `This part of the diagram could not be drawn: ${outcome.error}`;
        holder.classList.add('error');
        last = { svgLength: 0, elapsedMs: 0, error: outcome.error };
      }
    }
    if (last !== undefined) this.onRendered(last);
  }
}
