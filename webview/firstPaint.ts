// Keeps the page's state in VS Code (src/protocol/pageState.ts): the story playing, and the live
// tail's drawing, which a page shown again paints at once (src/panel/firstPaintScript.ts) and which
// this takes away as soon as the page has drawn for itself.
import { FIRST_PAINT_ID, FIRST_PAINT_MAX_CHARACTERS, type LabPageState } from '../src/protocol/pageState';
import { themeFromBody } from './diagramRenderer';
import type { VsCodeApi } from './vscodeApi';

/** At most one save a second while a run streams: each one travels through VS Code. */
const SAVE_AT_MOST_EVERY_MS = 1000;

/** The drawing with Mermaid's id (on the SVG, in its style and markers) renamed: no clash with a new render's. */
export function renamedForFirstPaint(svg: string): string | undefined {
  const id = /^<svg[^>]*\sid="([^"]+)"/.exec(svg)?.[1];
  if (id === undefined || id.length < 8) return undefined;
  return svg.split(id).join(FIRST_PAINT_ID);
}

export class FirstPaint {
  private state: LabPageState | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private latest: (() => { svg: string | undefined; title: string }) | undefined;

  constructor(private readonly host: Pick<VsCodeApi<unknown>, 'setState'>, private readonly shown: HTMLElement | null) {}

  /** The story now playing; another story's drawing is not kept for it. */
  story(scenarioId: string): void {
    this.state = this.state?.scenarioId === scenarioId ? this.state : { scenarioId };
    this.host.setState(this.state);
  }

  /** The page drew its live tail: keep it (read when the save comes, so the newest is kept). */
  tailDrawn(read: () => { svg: string | undefined; title: string }): void {
    this.latest = read;
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.save();
    }, SAVE_AT_MOST_EVERY_MS);
  }

  /** The page drew for itself: the kept drawing, if one was shown, goes. */
  drawn(): void {
    if (this.shown === null || this.shown.hidden) return;
    this.shown.hidden = true;
    this.shown.replaceChildren();
  }

  private save(): void {
    const tail = this.latest?.();
    if (this.state === undefined || tail?.svg === undefined) return;
    const svg = tail.svg.length <= FIRST_PAINT_MAX_CHARACTERS ? renamedForFirstPaint(tail.svg) : undefined;
    this.state = svg === undefined ? { scenarioId: this.state.scenarioId } : { scenarioId: this.state.scenarioId, firstPaint: { svg, title: tail.title, theme: themeFromBody() } };
    this.host.setState(this.state);
  }
}
