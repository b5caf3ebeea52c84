// The timeline under the diagram: a slider over the run's moments with its faults marked, Step
// back beside Step, and Live. Looking back moves only the view: the run keeps its place, and what
// a person does meanwhile happens at the present, which the bar says.
import * as l10n from '@vscode/l10n';
import type { Language } from '../src/engine/text';
import type { TraceEvent } from '../src/engine/trace';

/** A moment is an event the diagram or the inspector shows: an arrow, a note, a fault. */
function isMoment(event: TraceEvent): boolean {
  switch (event.type) {
    case 'message-delivered':
    case 'message-lost':
    case 'internal-step':
      return true;
    case 'fault':
      return event.fault !== 'drop-next' && event.fault !== 'error-next';
    case 'state':
      return event.action === 'stored' || event.action === 'deleted' || event.action === 'lost';
    default:
      return false;
  }
}

/** About this many fault marks at most, however long the run: the slider is a few hundred pixels wide. */
const MAX_MARKS = 200;

const FAULT_MARKS: ReadonlySet<string> = new Set(['crash', 'restart', 'add-server', 'remove-server', 'store-down', 'store-up']);

export class Timeline {
  /** The trace index of each moment, in order. */
  private moments: number[] = [];
  private faults: { readonly moment: number; readonly label: string }[] = [];
  private scanned = 0;
  private total = 0;
  private marksBuilt = { faults: -1, group: 0 };
  /** The moment looked at (how many moments are shown), or undefined when following the present. */
  private looking: number | undefined;
  private readonly bar: HTMLElement;
  private readonly slider: HTMLInputElement;
  private readonly marks: HTMLElement;
  private readonly position: HTMLElement;
  private readonly liveButton: HTMLButtonElement;
  private readonly note: HTMLElement;
  private readonly backButton: HTMLButtonElement;

  constructor(after: Element, controls: HTMLElement, private readonly onMove: (end: number | undefined) => void) {
    this.bar = document.createElement('div');
    this.bar.className = 'timeline';
    this.bar.setAttribute('role', 'group');
    this.bar.setAttribute('aria-label', l10n.t('Timeline'));
    const track = document.createElement('div');
    track.className = 'timeline-track';
    this.slider = document.createElement('input');
    this.slider.type = 'range';
    this.slider.min = '0';
    this.slider.max = '0';
    this.slider.value = '0';
    this.slider.className = 'timeline-slider';
    this.slider.setAttribute('aria-label', l10n.t('Moment of the run shown'));
    this.marks = document.createElement('div');
    this.marks.className = 'fault-marks';
    this.marks.setAttribute('aria-hidden', 'true');
    track.append(this.marks, this.slider);
    this.position = document.createElement('span');
    this.position.className = 'timeline-position';
    this.liveButton = document.createElement('button');
    this.liveButton.type = 'button';
    this.liveButton.className = 'timeline-live';
    this.liveButton.textContent = l10n.t('Live');
    this.liveButton.title = l10n.t('Back to the present (End)');
    this.note = document.createElement('p');
    this.note.className = 'timeline-note';
    this.note.setAttribute('role', 'status');
    this.bar.append(track, this.position, this.liveButton, this.note);
    after.after(this.bar);
    this.backButton = document.createElement('button');
    this.backButton.type = 'button';
    this.backButton.className = 'step-back';
    this.backButton.textContent = l10n.t('Step back');
    this.backButton.title = l10n.t('Step back (←)');
    this.backButton.setAttribute('aria-label', l10n.t('Step back one moment'));
    const step = controls.querySelector('[data-action="step"]');
    if (step !== null) step.before(this.backButton);
    else controls.append(this.backButton);
    this.backButton.addEventListener('click', () => { this.back(); });
    this.liveButton.addEventListener('click', () => { this.live(); });
    this.slider.addEventListener('input', () => { this.lookAt(Number(this.slider.value)); });
    document.addEventListener('keydown', (event) => {
      if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === 'ArrowLeft') {
        event.preventDefault();
        this.back();
      } else if (event.key === 'End' && this.looking !== undefined) {
        event.preventDefault();
        this.live();
      }
    });
    this.render();
  }

  /** The trace count shown (events before it are done), or undefined when following the present. */
  get end(): number | undefined {
    return this.looking === undefined ? undefined : this.endOf(this.looking);
  }

  private endOf(moment: number): number {
    if (moment >= this.moments.length) return this.total;
    return moment === 0 ? 0 : (this.moments[moment - 1] ?? -1) + 1;
  }

  /** A new run (a snapshot): back to the present, moments counted again. */
  reset(): void {
    this.moments = [];
    this.faults = [];
    this.scanned = 0;
    this.total = 0;
    this.looking = undefined;
    this.marksBuilt = { faults: -1, group: 0 };
  }

  /** Takes in the events the run has now (the trace only grows between resets). */
  sync(trace: readonly TraceEvent[], language: Language): void {
    for (; this.scanned < trace.length; this.scanned++) {
      const event = trace[this.scanned] as TraceEvent;
      if (!isMoment(event)) continue;
      this.moments.push(this.scanned);
      if (event.type === 'fault' && FAULT_MARKS.has(event.fault)) this.faults.push({ moment: this.moments.length, label: event.label[language] });
    }
    this.total = trace.length;
    this.render();
  }

  /** One moment back; from the present, the last one before it. */
  back(): void {
    const from = this.looking ?? this.moments.length;
    if (from === 0) return;
    this.lookAt(from - 1);
  }

  /** One moment forwards when looking back (true), else false: Step then moves the run itself. */
  forward(): boolean {
    if (this.looking === undefined) return false;
    this.lookAt(this.looking + 1);
    return true;
  }

  live(): void {
    this.lookAt(this.moments.length);
  }

  private lookAt(moment: number): void {
    const clamped = Math.max(0, Math.min(moment, this.moments.length));
    this.looking = clamped >= this.moments.length ? undefined : clamped;
    this.render();
    this.onMove(this.end);
  }

  private render(): void {
    const count = this.moments.length;
    const shown = this.looking ?? count;
    this.slider.max = String(count);
    this.slider.value = String(shown);
    this.slider.setAttribute('aria-valuetext', l10n.t('Moment {0} of {1}', shown, count));
    this.position.textContent = `${shown} / ${count}`;
    this.liveButton.disabled = this.looking === undefined;
    this.backButton.disabled = shown === 0;
    this.bar.classList.toggle('looking-back', this.looking !== undefined);
    this.note.textContent = this.looking === undefined ? '' : l10n.t('Looking back at moment {0} of {1}. The run keeps its place: a request or a crash you make now happens at the present, after moment {1}, and changes nothing shown here. Live returns to the present.', shown, count);
    this.renderMarks(count);
  }

  /**
   * Fault marks, at most about MAX_MARKS of them: faults close together share a mark (its tooltip
   * names them). Marks sit at their moment through CSS (--moment / --moments), so a growing run
   * moves them by one property, and they are rebuilt only when faults come or the grouping widens.
   */
  private renderMarks(count: number): void {
    this.marks.style.setProperty('--moments', String(Math.max(1, count)));
    let group = 1;
    while (count / group > MAX_MARKS) group *= 2;
    if (this.marksBuilt.faults === this.faults.length && this.marksBuilt.group === group) return;
    this.marksBuilt = { faults: this.faults.length, group };
    const groups = new Map<number, { moment: number; labels: string[] }>();
    for (const fault of this.faults) {
      const key = Math.floor(fault.moment / group);
      const found = groups.get(key);
      if (found === undefined) groups.set(key, { moment: fault.moment, labels: [fault.label] });
      else found.labels.push(fault.label);
    }
    const marks = [...groups.values()].map(({ moment, labels }) => {
      const mark = document.createElement('span');
      mark.className = 'fault-mark';
      mark.style.setProperty('--moment', String(moment));
      mark.title = labels.length <= 3 ? labels.join('\n') : `${labels.slice(0, 3).join('\n')}\n…`;
      return mark;
    });
    this.marks.replaceChildren(...marks);
  }
}
