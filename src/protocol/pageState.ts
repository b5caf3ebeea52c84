// What the lab page keeps in VS Code's webview state (getState / setState). The story playing: the
// serializer replays it after a window reload. Its last drawing: a panel shown again is a new page,
// which shows that drawing at once, before its script and Mermaid have loaded, until it draws its own.
export interface LabPageState {
  readonly scenarioId: string;
  readonly firstPaint?: FirstPaint;
}

export interface FirstPaint {
  /** The live tail's SVG as the page showed it, its Mermaid ids renamed to FIRST_PAINT_ID. */
  readonly svg: string;
  readonly title: string;
  /** The theme it was drawn in (as webview/diagramRenderer.ts reads VS Code's): another theme's is not painted. */
  readonly theme: 'dark' | 'default';
}

/** The kept drawing's id: never one a new render uses, so Mermaid never finds it instead of its own. */
export const FIRST_PAINT_ID = 'protocol-lab-first-paint';
/** A larger tail is not kept (the state travels through VS Code at every save). */
export const FIRST_PAINT_MAX_CHARACTERS = 400_000;
