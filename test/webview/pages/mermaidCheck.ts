// Shared by the Mermaid 12 and Mermaid 10 check pages: parse many diagrams, render one.
export interface MermaidLike {
  initialize(config: Record<string, unknown>): void;
  parse(text: string): Promise<unknown>;
  render(id: string, text: string): Promise<{ svg: string }>;
}

export interface ParseFailure {
  readonly index: number;
  readonly error: string;
}

export function installChecks(mermaid: MermaidLike, version: string): void {
  // A high limit: the benchmark's naive view draws a whole long run; our own parts stay under 50,000 (unit-tested).
  const base = { startOnLoad: false, securityLevel: 'strict', maxTextSize: 10_000_000 };
  mermaid.initialize(base);
  let counter = 0;
  Object.assign(window, {
    mermaidVersion: version,
    /** Renders from now on with these settings on top of the defaults (the panel's, say). */
    configure(config: Record<string, unknown>): void {
      mermaid.initialize({ ...base, ...config });
    },
    async parseAll(texts: string[]): Promise<ParseFailure[]> {
      const failures: ParseFailure[] = [];
      for (const [index, text] of texts.entries()) {
        try {
          await mermaid.parse(text);
        } catch (error) {
          failures.push({ index, error: error instanceof Error ? error.message : String(error) });
        }
      }
      return failures;
    },
    /** Renders at Mermaid's defaults and leaves the picture in the page; returns its natural size in px (the viewBox). */
    async renderShown(text: string): Promise<{ width: number; height: number }> {
      const { svg } = await mermaid.render(`shown-${++counter}`, text);
      document.body.innerHTML = `<div id="shown" style="display:inline-block;background:#fff;padding:8px">${svg}</div>`;
      const box = document.querySelector('#shown svg')?.getAttribute('viewBox')?.split(/\s+/).map(Number) ?? [0, 0, 0, 0];
      return { width: Math.round(box[2] ?? 0), height: Math.round(box[3] ?? 0) };
    },
    /** Each diagram's SVG as Mermaid returns it (ids numbered from 1 on each call), or its error. */
    async renderAll(texts: string[]): Promise<string[]> {
      const svgs: string[] = [];
      for (const [index, text] of texts.entries()) {
        try {
          svgs.push((await mermaid.render(`all-${index + 1}`, text)).svg);
        } catch (error) {
          svgs.push(`error: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      return svgs;
    },
    /** Renders into the page; returns the SVG's visible text and how many active elements it holds. */
    async renderTexts(text: string): Promise<{ text: string; active: number }> {
      const { svg } = await mermaid.render(`check-${++counter}`, text);
      const holder = document.createElement('div');
      holder.innerHTML = svg;
      document.body.append(holder);
      const visible = [...holder.querySelectorAll('text')].map((node) => node.textContent).join('\n');
      const active = holder.querySelectorAll('script, img, iframe, object, embed, a[href], [onerror], [onload], [onclick]').length;
      holder.remove();
      return { text: visible, active };
    },
  });
}
