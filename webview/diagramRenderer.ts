// Draws Mermaid text into the page. Renders never queue up: a newer request wins.
import mermaid from 'mermaid';

export type RenderOutcome =
  | { readonly kind: 'rendered'; readonly svgLength: number; readonly elapsedMs: number }
  | { readonly kind: 'failed'; readonly error: string }
  | { readonly kind: 'stale' };

function themeFromBody(): 'dark' | 'default' {
  const classes = document.body.classList;
  return classes.contains('vscode-dark') || classes.contains('vscode-high-contrast') ? 'dark' : 'default';
}

export class DiagramRenderer {
  private generation = 0;
  private counter = 0;

  constructor(private readonly target: HTMLElement) {
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: themeFromBody() });
  }

  async render(text: string): Promise<RenderOutcome> {
    const generation = ++this.generation;
    const started = performance.now();
    try {
      await mermaid.parse(text);
      const { svg } = await mermaid.render(`protocol-lab-diagram-${++this.counter}`, text);
      if (generation !== this.generation) return { kind: 'stale' };
      this.target.innerHTML = svg;
      return { kind: 'rendered', svgLength: svg.length, elapsedMs: performance.now() - started };
    } catch (error) {
      if (generation !== this.generation) return { kind: 'stale' };
      return { kind: 'failed', error: error instanceof Error ? error.message : String(error) };
    }
  }
}
