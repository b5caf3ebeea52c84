// Mermaid, set up once for the page: strict security, the theme of VS Code's body class.
import mermaid from 'mermaid';
import * as l10n from '@vscode/l10n';
import { NOTE_LOOK } from '../src/diagram/mermaidLook';

/** Our parts stay under Mermaid's 50,000; a little room for a diagram sent whole (showDiagram). */
const MAX_TEXT = 60_000;

export type RenderOutcome =
  | { readonly kind: 'rendered'; readonly svg: string; readonly elapsedMs: number }
  | { readonly kind: 'failed'; readonly error: string };

export function themeFromBody(): 'dark' | 'default' {
  const classes = document.body.classList;
  // High contrast light is a light theme, whatever other high-contrast class comes with it.
  if (classes.contains('vscode-high-contrast-light')) return 'default';
  return classes.contains('vscode-dark') || classes.contains('vscode-high-contrast') ? 'dark' : 'default';
}

export class DiagramRenderer {
  private counter = 0;
  private theme: 'dark' | 'default' = themeFromBody();

  constructor() {
    this.configure();
  }

  private configure(): void {
    // Errors are shown by the page as text; Mermaid need not draw its own error diagram first.
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: this.theme, ...NOTE_LOOK, maxTextSize: MAX_TEXT, suppressErrorRendering: true });
  }

  /** True when VS Code switched between light and dark since the last call. */
  themeChanged(): boolean {
    const theme = themeFromBody();
    if (theme === this.theme) return false;
    this.theme = theme;
    this.configure();
    return true;
  }

  async render(text: string): Promise<RenderOutcome> {
    const started = performance.now();
    // Mermaid refuses longer text with an error diagram of its own (which needs the layouts left out
    // of this bundle): say it plainly instead.
    if (text.length > MAX_TEXT) return { kind: 'failed', error: l10n.t('The diagram is {0} characters long; Mermaid draws at most {1}.', text.length, MAX_TEXT) };
    try {
      // render() parses too and throws the same errors: no separate parse pass.
      const { svg } = await mermaid.render(`protocol-lab-diagram-${++this.counter}`, text);
      return { kind: 'rendered', svg, elapsedMs: performance.now() - started };
    } catch (error) {
      return { kind: 'failed', error: error instanceof Error ? error.message : String(error) };
    }
  }
}
