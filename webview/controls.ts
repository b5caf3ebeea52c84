// Play / pause / step / speed / reset: buttons with labels for screen readers, and keys.
import type { ControlAction, PacingState } from '../src/protocol/messages';
import * as l10n from '@vscode/l10n';

/** The pane's shortcuts (a Map: a key's name is never looked up on Object.prototype). */
const KEYS: ReadonlyMap<string, ControlAction | 'toggle'> = new Map([[' ', 'toggle'], ['ArrowRight', 'step'], ['+', 'faster'], ['-', 'slower'], ['r', 'reset']]);

export class Controls {
  private readonly playButton: HTMLButtonElement;
  private readonly stepButton: HTMLButtonElement;
  private readonly speedLabel: HTMLElement;
  /** Says the run has finished: Pause and Step have nothing to do then. */
  private readonly runState: HTMLElement;
  private finished = false;
  /** Looking back at an earlier moment: Step walks forwards through the past, even in a finished run. */
  private lookingBack = false;

  constructor(root: HTMLElement, private readonly send: (action: ControlAction) => void) {
    const button = (action: string, text: string, label: string, title: string): string =>
      `<button type="button" data-action="${action}" aria-label="${label}" title="${title}">${text}</button>`;
    // Only our own words go into this HTML (no run data): the translations are ours too.
    root.innerHTML = [
      button('toggle', l10n.t('Pause'), l10n.t('Pause'), l10n.t('Pause (Space)')),
      button('step', l10n.t('Step'), l10n.t('Step one event'), l10n.t('Step (→)')),
      button('slower', '−', l10n.t('Slower'), l10n.t('Slower (-)')),
      '<span class="speed" aria-live="polite"></span>',
      button('faster', '+', l10n.t('Faster'), l10n.t('Faster (+)')),
      button('reset', l10n.t('Reset'), l10n.t('Reset the run'), l10n.t('Reset (R)')),
      `<label class="follow"><input type="checkbox" checked> ${l10n.t('Follow')}</label>`,
      `<span class="run-state" role="status" hidden title="${l10n.t('The story has run to its end: send a request or crash a server to go on, or Reset to start over.')}">${l10n.t('Finished')}</span>`,
    ].join('');
    this.playButton = root.querySelector('[data-action="toggle"]') as HTMLButtonElement;
    this.stepButton = root.querySelector('[data-action="step"]') as HTMLButtonElement;
    this.speedLabel = root.querySelector('.speed') as HTMLElement;
    this.runState = root.querySelector('.run-state') as HTMLElement;
    root.addEventListener('click', (event) => {
      const button = (event.target as HTMLElement).closest('button');
      const action = button?.dataset['action'];
      if (action === 'toggle') this.send(this.playButton.dataset['playing'] === 'true' ? 'pause' : 'play');
      else if (action === 'step' || action === 'slower' || action === 'faster' || action === 'reset') this.send(action);
    });
    document.addEventListener('keydown', (event) => {
      if (event.target instanceof HTMLInputElement || event.ctrlKey || event.metaKey || event.altKey) return;
      const action = KEYS.get(event.key);
      if (action === undefined || (this.finished && (action === 'toggle' || (action === 'step' && !this.lookingBack)))) return;
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
    this.playButton.textContent = pacing.playing ? l10n.t('Pause') : l10n.t('Play');
    this.playButton.setAttribute('aria-label', pacing.playing ? l10n.t('Pause') : l10n.t('Play'));
    this.playButton.title = pacing.playing ? l10n.t('Pause (Space)') : l10n.t('Play (Space)');
    this.speedLabel.textContent = `${pacing.speed}/s`;
    this.finished = pacing.finished;
    this.playButton.disabled = this.finished;
    this.runState.hidden = !this.finished;
    this.enableStep();
  }

  /** The timeline moved: at an earlier moment Step has somewhere to go. */
  lookBack(back: boolean): void {
    this.lookingBack = back;
    this.enableStep();
  }

  private enableStep(): void {
    this.stepButton.disabled = this.finished && !this.lookingBack;
  }
}
