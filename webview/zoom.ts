// Pan and zoom for the diagram. 100 % draws each diagram at Mermaid's own size, so its text is as
// large as Mermaid made it (never squeezed to fit the panel): a wide diagram scrolls sideways, and
// lifelines added mid-run do not shrink the text. *Fit* (a toggle) scales the widest part to the
// panel instead. Ctrl+wheel or the buttons zoom, dragging pans (the area scrolls).
import * as l10n from '@vscode/l10n';

const STEPS = [0.5, 0.67, 0.8, 1, 1.25, 1.5, 2, 3] as const;
/** Fit never blows a small diagram up past this. */
const MAX_FIT = 2;

/** The size Mermaid drew at: its viewBox (its width attribute is "100%"). */
function naturalSize(svg: SVGSVGElement): { readonly width: number; readonly height: number } | undefined {
  const box = svg.viewBox.baseVal as DOMRect | null;
  return box !== null && box.width > 0 && box.height > 0 ? { width: box.width, height: box.height } : undefined;
}

export class Zoom {
  private index: number = STEPS.indexOf(1);
  private fitting = false;
  private readonly level: HTMLButtonElement;
  private readonly fitButton: HTMLButtonElement;

  constructor(private readonly scroller: HTMLElement, private readonly content: HTMLElement, toolbar: HTMLElement) {
    const group = document.createElement('span');
    group.className = 'zoom';
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', l10n.t('Zoom'));
    const make = (step: string, text: string, label: string, title: string): HTMLButtonElement => {
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset['zoom'] = step;
      button.textContent = text;
      button.title = title;
      button.setAttribute('aria-label', label);
      group.append(button);
      return button;
    };
    make('-1', 'A−', l10n.t('Zoom out'), l10n.t('Zoom out (Ctrl+wheel)'));
    this.level = make('0', '100%', l10n.t('Reset zoom'), l10n.t('Reset zoom'));
    this.level.className = 'zoom-level';
    make('1', 'A+', l10n.t('Zoom in'), l10n.t('Zoom in (Ctrl+wheel)'));
    this.fitButton = make('fit', l10n.t('Fit'), l10n.t('Fit the diagram to the panel'), l10n.t('Fit the diagram to the panel\'s width (its text gets smaller)'));
    this.fitButton.setAttribute('aria-pressed', 'false');
    toolbar.append(group);
    group.addEventListener('click', (event) => {
      const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-zoom]');
      const step = button?.dataset['zoom'];
      if (step === 'fit') this.toggleFit();
      else if (step !== undefined) this.change(Number(step));
    });
    scroller.addEventListener('wheel', (event) => {
      if (!event.ctrlKey) return;
      event.preventDefault();
      this.change(event.deltaY < 0 ? 1 : -1);
    }, { passive: false });
    // Each part Mermaid draws arrives as a new <svg>: size it before it is painted (observers run
    // before the next frame). Fit also follows the panel's width.
    new MutationObserver(() => { this.apply(); }).observe(content, { childList: true, subtree: true });
    new ResizeObserver(() => { if (this.fitting) this.apply(); }).observe(scroller);
    this.enableDragToPan();
  }

  /** The scale drawn now: 1 is Mermaid's own size. */
  get scale(): number {
    return this.fitting ? this.fitScale() : STEPS[this.index] ?? 1;
  }

  /** -1 / +1 moves along the steps (leaving Fit); 0 goes back to 100%. */
  change(direction: number): void {
    if (this.fitting) {
      // Carry on from the step nearest to what Fit showed.
      const shown = this.fitScale();
      this.index = STEPS.reduce((best, step, at) => (Math.abs(step - shown) < Math.abs((STEPS[best] ?? 1) - shown) ? at : best), 0);
      this.fitting = false;
    }
    this.index = direction === 0 ? STEPS.indexOf(1) : Math.min(STEPS.length - 1, Math.max(0, this.index + Math.sign(direction)));
    this.apply();
  }

  toggleFit(): void {
    this.fitting = !this.fitting;
    this.apply();
  }

  private svgs(): SVGSVGElement[] {
    return [...this.content.querySelectorAll<SVGSVGElement>('.segment-svg > svg')];
  }

  /** The scale at which the widest part fills the panel's width. */
  private fitScale(): number {
    const style = getComputedStyle(this.scroller);
    const room = this.scroller.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    // Parts out of view are not on the page: the diagram keeps the widest it drew (segmentedDiagram.ts).
    const widest = Math.max(Number(this.content.dataset['widest'] ?? 0) || 0, ...this.svgs().map((svg) => naturalSize(svg)?.width ?? 0));
    return widest > 0 && room > 0 ? Math.min(MAX_FIT, room / widest) : 1;
  }

  private apply(): void {
    const scale = this.scale;
    // Placeholders of the parts out of view are sized by it too.
    const scaleText = String(scale);
    if (this.content.style.getPropertyValue('--diagram-scale') !== scaleText) this.content.style.setProperty('--diagram-scale', scaleText);
    for (const svg of this.svgs()) {
      const size = naturalSize(svg);
      if (size === undefined) continue;
      const width = `${(size.width * scale).toFixed(1)}px`;
      // Written only when it changes: a style write per part per update would cost layout work.
      if (svg.style.width === width) continue;
      svg.style.width = width;
      svg.style.height = `${(size.height * scale).toFixed(1)}px`;
      svg.style.maxWidth = 'none';
    }
    this.level.textContent = `${Math.round(scale * 100)}%`;
    this.fitButton.setAttribute('aria-pressed', String(this.fitting));
  }

  private enableDragToPan(): void {
    let start: { x: number; y: number; left: number; top: number } | undefined;
    this.scroller.addEventListener('pointerdown', (event) => {
      if (event.button !== 0 || (event.target as HTMLElement).closest('button, summary, input, a')) return;
      start = { x: event.clientX, y: event.clientY, left: this.scroller.scrollLeft, top: this.scroller.scrollTop };
      this.scroller.classList.add('panning');
    });
    this.scroller.addEventListener('pointermove', (event) => {
      if (start === undefined) return;
      this.scroller.scrollLeft = start.left - (event.clientX - start.x);
      this.scroller.scrollTop = start.top - (event.clientY - start.y);
    });
    const stop = (): void => {
      start = undefined;
      this.scroller.classList.remove('panning');
    };
    this.scroller.addEventListener('pointerup', stop);
    this.scroller.addEventListener('pointerleave', stop);
  }
}
