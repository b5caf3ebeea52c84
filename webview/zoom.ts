// Pan and zoom for the diagram: Ctrl+wheel or the buttons zoom, dragging pans (the area scrolls).
import * as l10n from '@vscode/l10n';
const STEPS = [0.5, 0.67, 0.8, 1, 1.25, 1.5, 2, 3] as const;

export class Zoom {
  private index: number = STEPS.indexOf(1);

  constructor(private readonly scroller: HTMLElement, private readonly content: HTMLElement, toolbar: HTMLElement) {
    const group = document.createElement('span');
    group.className = 'zoom';
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', l10n.t('Zoom'));
    for (const [step, text, label, title] of [
      ['-1', 'A−', l10n.t('Zoom out'), l10n.t('Zoom out (Ctrl+wheel)')], ['0', '100%', l10n.t('Reset zoom'), l10n.t('Reset zoom')], ['1', 'A+', l10n.t('Zoom in'), l10n.t('Zoom in (Ctrl+wheel)')],
    ] as const) {
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset['zoom'] = step;
      button.textContent = text;
      button.title = title;
      button.setAttribute('aria-label', label);
      if (step === '0') button.className = 'zoom-level';
      group.append(button);
    }
    toolbar.append(group);
    toolbar.addEventListener('click', (event) => {
      const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-zoom]');
      if (button) this.change(Number(button.dataset['zoom']));
    });
    scroller.addEventListener('wheel', (event) => {
      if (!event.ctrlKey) return;
      event.preventDefault();
      this.change(event.deltaY < 0 ? 1 : -1);
    }, { passive: false });
    this.enableDragToPan();
  }

  /** -1 / +1 moves along the steps; 0 goes back to 100%. */
  change(direction: number): void {
    this.index = direction === 0 ? STEPS.indexOf(1) : Math.min(STEPS.length - 1, Math.max(0, this.index + Math.sign(direction)));
    const scale = STEPS[this.index] ?? 1;
    this.content.style.setProperty('zoom', String(scale));
    this.content.classList.toggle('zoomed', scale !== 1);
    const level = document.querySelector('.zoom-level');
    if (level) level.textContent = `${Math.round(scale * 100)}%`;
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
