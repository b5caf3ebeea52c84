// Play / pause / step / speed / reset: buttons with labels for screen readers, and keys.
import type { ControlAction, PacingState } from '../src/protocol/messages';

export class Controls {
  private readonly playButton: HTMLButtonElement;
  private readonly speedLabel: HTMLElement;

  constructor(root: HTMLElement, private readonly send: (action: ControlAction) => void) {
    root.innerHTML = `
      <button type="button" data-action="toggle" aria-label="Pause" title="Pause (Space)">Pause</button>
      <button type="button" data-action="step" aria-label="Step one event" title="Step (→)">Step</button>
      <button type="button" data-action="slower" aria-label="Slower" title="Slower (-)">−</button>
      <span class="speed" aria-live="polite"></span>
      <button type="button" data-action="faster" aria-label="Faster" title="Faster (+)">+</button>
      <button type="button" data-action="reset" aria-label="Reset the run" title="Reset (R)">Reset</button>
      <label class="follow"><input type="checkbox" checked> Follow</label>`;
    this.playButton = root.querySelector('[data-action="toggle"]') as HTMLButtonElement;
    this.speedLabel = root.querySelector('.speed') as HTMLElement;
    root.addEventListener('click', (event) => {
      const button = (event.target as HTMLElement).closest('button');
      const action = button?.dataset['action'];
      if (action === 'toggle') this.send(this.playButton.dataset['playing'] === 'true' ? 'pause' : 'play');
      else if (action === 'step' || action === 'slower' || action === 'faster' || action === 'reset') this.send(action);
    });
    document.addEventListener('keydown', (event) => {
      if (event.target instanceof HTMLInputElement || event.ctrlKey || event.metaKey || event.altKey) return;
      const keys: Readonly<Record<string, ControlAction | 'toggle'>> = { ' ': 'toggle', ArrowRight: 'step', '+': 'faster', '-': 'slower', r: 'reset' };
      const action = keys[event.key];
      if (action === undefined) return;
      event.preventDefault();
      if (action === 'toggle') this.send(this.playButton.dataset['playing'] === 'true' ? 'pause' : 'play');
      else this.send(action);
    });
  }

  get following(): boolean {
    return document.querySelector<HTMLInputElement>('.follow input')?.checked ?? true;
  }

  show(pacing: PacingState): void {
    this.playButton.dataset['playing'] = String(pacing.playing);
    this.playButton.textContent = pacing.playing ? 'Pause' : 'Play';
    this.playButton.setAttribute('aria-label', pacing.playing ? 'Pause' : 'Play');
    this.playButton.title = pacing.playing ? 'Pause (Space)' : 'Play (Space)';
    this.speedLabel.textContent = `${pacing.speed}/s`;
  }
}
