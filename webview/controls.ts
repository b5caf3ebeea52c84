// Play / pause / step / speed / reset: buttons with labels for screen readers, and keys. Real
// traffic and a real-sockets run are not paced: the speed is hidden, Play and Step say why they
// rest (Step still walks forward after Step back), and Reset stays only where it goes back to the simulation.
import type { ControlAction, PacingState, RealSource } from '../src/protocol/messages';
import * as l10n from '@vscode/l10n';

/** The pane's shortcuts (a Map: a key's name is never looked up on Object.prototype). */
const KEYS: ReadonlyMap<string, ControlAction | 'toggle'> = new Map([[' ', 'toggle'], ['ArrowRight', 'step'], ['+', 'faster'], ['-', 'slower'], ['r', 'reset']]);

export class Controls {
  private readonly playButton: HTMLButtonElement;
  private readonly stepButton: HTMLButtonElement;
  private readonly speedLabel: HTMLElement;
  /** The speed's −, its label and + (pacing only a simulation has). */
  private readonly speedParts: readonly HTMLElement[];
  private readonly resetButton: HTMLButtonElement;
  /** Says the run has finished: Pause and Step have nothing to do then. */
  private readonly runState: HTMLElement;
  private finished = false;
  /** Looking back at an earlier moment: Step walks forwards through the past, even in a finished run. */
  private lookingBack = false;
  /** Real traffic or a real-sockets run; undefined for a simulated story. */
  private real: RealSource | undefined;

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
      '<span class="run-state" role="status" hidden></span>',
    ].join('');
    this.playButton = root.querySelector('[data-action="toggle"]') as HTMLButtonElement;
    this.stepButton = root.querySelector('[data-action="step"]') as HTMLButtonElement;
    this.speedLabel = root.querySelector('.speed') as HTMLElement;
    this.speedParts = [root.querySelector('[data-action="slower"]') as HTMLElement, this.speedLabel, root.querySelector('[data-action="faster"]') as HTMLElement];
    this.resetButton = root.querySelector('[data-action="reset"]') as HTMLButtonElement;
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
      if (action === undefined || !this.applies(action)) return;
      event.preventDefault();
      if (action === 'toggle') this.send(this.playButton.dataset['playing'] === 'true' ? 'pause' : 'play');
      else this.send(action);
    });
  }

  get following(): boolean {
    return document.querySelector<HTMLInputElement>('.follow input')?.checked ?? true;
  }

  /** The pacing changed (a simulated story: real runs are not paced). */
  paced(pacing: PacingState): void {
    this.show(pacing, this.real);
  }

  /** A new run: its pacing, and whether it is real (traffic, or a run over real sockets). */
  show(pacing: PacingState, real: RealSource | undefined): void {
    this.real = real;
    this.playButton.dataset['playing'] = String(pacing.playing);
    this.playButton.textContent = pacing.playing ? l10n.t('Pause') : l10n.t('Play');
    this.playButton.setAttribute('aria-label', pacing.playing ? l10n.t('Pause') : l10n.t('Play'));
    this.playButton.title = real === 'traffic' ? l10n.t('Real traffic is drawn as it comes: there is nothing to pause or play. Stop Proxy stops it.')
      : real === 'sockets' ? l10n.t('This run went over real sockets and is shown as it came out: there is nothing to play. Reset plays the story in the simulation again.')
      : pacing.playing ? l10n.t('Pause (Space)') : l10n.t('Play (Space)');
    this.speedLabel.textContent = `${pacing.speed}/s`;
    for (const part of this.speedParts) part.hidden = real !== undefined;
    // Reset goes back to the simulation from a real-sockets run; real traffic has nothing to reset.
    this.resetButton.hidden = real === 'traffic';
    this.resetButton.title = real === 'sockets' ? l10n.t('Play the story in the simulation again (R)') : l10n.t('Reset (R)');
    this.finished = pacing.finished;
    this.playButton.disabled = this.finished || real !== undefined;
    this.runState.hidden = !this.finished && real === undefined;
    this.runState.textContent = real === 'traffic' ? l10n.t('Real traffic') : real === 'sockets' ? l10n.t('Real sockets') : l10n.t('Finished');
    this.runState.title = real === 'traffic' ? l10n.t('Drawn from real requests through the proxy as they happen. Step back and the timeline look at earlier moments.')
      : real === 'sockets' ? l10n.t('The story ran over real sockets; this is what came out. Step back and the timeline look at earlier moments.')
      : l10n.t('The story has run to its end: send a request or crash a server to go on, or Reset to start over.');
    this.enableStep();
  }

  /** The timeline moved: at an earlier moment Step has somewhere to go. */
  lookBack(back: boolean): void {
    this.lookingBack = back;
    this.enableStep();
  }

  private enableStep(): void {
    // Unpaced, Step only walks forward through what Step back went back over.
    const resting = (this.finished || this.real !== undefined) && !this.lookingBack;
    this.stepButton.disabled = resting;
    this.stepButton.title = resting && this.real !== undefined ? l10n.t('Step walks forward after Step back. A real run is not stepped: it happens by itself.') : l10n.t('Step (→)');
  }

  /** Whether a key's action does something now. */
  private applies(action: ControlAction | 'toggle'): boolean {
    if (action === 'toggle') return !this.finished && this.real === undefined;
    if (action === 'step') return this.lookingBack || (!this.finished && this.real === undefined);
    if (action === 'reset') return this.real !== 'traffic';
    return this.real === undefined;
  }
}
