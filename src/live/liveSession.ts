// The live lab: one Lab, paced in the extension host (webview timers are throttled when hidden),
// streaming its trace in numbered batches. No vscode here: the panel adapts it.
import { Lab } from '../engine/lab';
import { MetricsCollector, type RunMetrics } from '../engine/metrics';
import type { Params, Topology } from '../engine/model';
import type { LabSnapshot } from '../engine/snapshot';
import type { Participant, TraceEvent } from '../engine/trace';
import { scenarioRunOf, type ScenarioRun } from '../scenario/run';
import { ScenarioRunner } from '../scenario/runner';
import type { Scenario, Step } from '../scenario/scenario';

/** Timers, injected so that tests drive time themselves. */
export interface Clock {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => { clearTimeout(handle as ReturnType<typeof setTimeout>); },
};

export interface Pacing {
  readonly playing: boolean;
  /** Queue events handled per second while playing. */
  readonly speed: number;
}

/** The pacing as the panel shows it: finished when every step has run and nothing is in flight. */
export interface PacingView extends Pacing {
  readonly finished: boolean;
}

export interface EventBatch {
  /** Sequence number of the first event in the batch (the trace's own seq). */
  readonly fromSeq: number;
  readonly events: readonly TraceEvent[];
}

export interface LiveState {
  readonly participants: readonly Participant[];
  readonly events: readonly TraceEvent[];
  readonly lab: LabSnapshot;
  readonly metrics: RunMetrics;
  readonly pacing: PacingView;
}

export const SPEEDS = [1, 2, 5, 10, 20, 50] as const;
const DEFAULT_SPEED = 5;

export class LiveSession {
  private lab: Lab;
  private metrics = new MetricsCollector();
  private pending: TraceEvent[] = [];
  private timer: unknown;
  private flushScheduled = false;
  private pacing: Pacing = { playing: true, speed: DEFAULT_SPEED };
  /** The loaded scenario's steps, with the meaning every surface gives them; this session only paces it. */
  private runner: ScenarioRunner;
  private steps: readonly Step[] = [];
  private readonly batchListeners = new Set<(batch: EventBatch) => void>();
  private readonly resetListeners = new Set<() => void>();
  private readonly stepErrorListeners = new Set<(message: string) => void>();
  private readonly finishedListeners = new Set<() => void>();
  /** What finished listeners were last told. */
  private finishedTold = false;

  constructor(private topology: Topology, private readonly clock: Clock = systemClock) {
    this.lab = this.createLab();
    this.runner = new ScenarioRunner(this.lab, this.steps);
  }

  private createLab(): Lab {
    const lab = new Lab(this.topology);
    this.metrics = new MetricsCollector();
    lab.subscribe(this.metrics.observe);
    lab.subscribe((event) => { this.queue(event); });
    return lab;
  }

  /** Batches of new events, in order, each starting where the last ended. */
  onBatch(listener: (batch: EventBatch) => void): () => void {
    this.batchListeners.add(listener);
    return () => this.batchListeners.delete(listener);
  }

  /** The run started over: listeners should take a fresh state. */
  onReset(listener: () => void): () => void {
    this.resetListeners.add(listener);
    return () => this.resetListeners.delete(listener);
  }

  /** A step the lab could not carry out: the session pauses on it, says why, and the rest can still play. */
  onStepError(listener: (message: string) => void): () => void {
    this.stepErrorListeners.add(listener);
    return () => this.stepErrorListeners.delete(listener);
  }

  /** The run finished (every step ran, nothing in flight), or went on after finishing. */
  onFinishedChange(listener: () => void): () => void {
    this.finishedListeners.add(listener);
    return () => this.finishedListeners.delete(listener);
  }

  state(): LiveState {
    this.flush();
    return { participants: this.lab.participants, events: this.lab.trace, lab: this.lab.snapshot(), metrics: this.metrics.result(), pacing: this.pacingState };
  }

  /** The run so far, as notes and exports use it. */
  runSoFar(scenario: Scenario): ScenarioRun {
    this.flush();
    return scenarioRunOf(scenario, this.topology, this.lab, this.metrics.result());
  }

  get labForCommands(): Lab {
    return this.lab;
  }

  // ---- what people do -----------------------------------------------------------------

  send(client: string, request: string, params: Params = {}): number {
    const id = this.lab.send(client, request, params);
    // A finished run goes on: the panel hears it even while paused.
    this.flushSoon();
    this.schedule();
    return id;
  }

  /** Runs an operation on the lab (crash, restart, …) and lets the pacing carry on from there. */
  operate(operation: (lab: Lab) => void): void {
    operation(this.lab);
    this.flushSoon();
    this.schedule();
  }

  play(): void {
    this.pacing = { ...this.pacing, playing: true };
    this.schedule();
  }

  pause(): void {
    this.pacing = { ...this.pacing, playing: false };
    this.cancel();
  }

  /** Plays a scenario's steps live from the start, on its own topology. */
  load(topology: Topology, steps: readonly Step[]): void {
    this.topology = topology;
    this.steps = steps;
    this.reset();
  }

  /** One event (or the next scripted step), whatever the pacing. */
  step(): boolean {
    const moved = this.advance();
    this.flush();
    return moved;
  }

  /** The next unit of progress: an event in flight, else the script's next move. */
  private advance(): boolean {
    try {
      return this.runner.advance();
    } catch (error) {
      // Stop here with the reason; play, step and reset still work (the failed step is behind us).
      this.pacing = { ...this.pacing, playing: false };
      this.cancel();
      const message = error instanceof Error ? error.message : String(error);
      for (const listener of this.stepErrorListeners) listener(message);
      return true;
    }
  }

  private get hasWork(): boolean {
    return !this.runner.done;
  }

  /** The next speed up or down the ladder of SPEEDS. */
  changeSpeed(direction: 1 | -1): void {
    const index = SPEEDS.findIndex((speed) => speed >= this.pacing.speed);
    const current = index < 0 ? SPEEDS.length - 1 : index;
    this.setSpeed(SPEEDS[Math.min(SPEEDS.length - 1, Math.max(0, current + direction))] ?? DEFAULT_SPEED);
  }

  get pacingState(): PacingView {
    return { ...this.pacing, finished: !this.hasWork };
  }

  setSpeed(speed: number): void {
    if (!Number.isFinite(speed) || speed <= 0) throw new RangeError(`speed must be a positive number of events per second, got ${speed}`);
    this.pacing = { ...this.pacing, speed };
    this.cancel();
    this.schedule();
  }

  reset(): void {
    this.cancel();
    this.pending = [];
    this.runner.dispose();
    this.lab = this.createLab();
    this.runner = new ScenarioRunner(this.lab, this.steps);
    this.finishedTold = false;
    for (const listener of this.resetListeners) listener();
    this.schedule();
  }

  dispose(): void {
    this.cancel();
    this.runner.dispose();
    this.batchListeners.clear();
    this.resetListeners.clear();
    this.stepErrorListeners.clear();
    this.finishedListeners.clear();
  }

  // ---- pacing ---------------------------------------------------------------------------

  private schedule(): void {
    if (!this.pacing.playing || this.timer !== undefined || !this.hasWork) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.advance();
      this.flush();
      this.schedule();
    }, 1000 / this.pacing.speed);
  }

  private cancel(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  // ---- batching -------------------------------------------------------------------------

  private queue(event: TraceEvent): void {
    this.pending.push(event);
  }

  /** Operations emit events outside a step: send them on the next tick, together. */
  private flushSoon(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    this.clock.setTimeout(() => {
      this.flushScheduled = false;
      this.flush();
    }, 0);
  }

  private flush(): void {
    if (this.pending.length > 0) {
      const events = this.pending;
      this.pending = [];
      const batch: EventBatch = { fromSeq: (events[0] as TraceEvent).seq, events };
      for (const listener of this.batchListeners) listener(batch);
    }
    // The last step settles in a move that may draw nothing: checked on every flush, not per batch.
    const finished = !this.hasWork;
    if (finished === this.finishedTold) return;
    this.finishedTold = finished;
    for (const listener of this.finishedListeners) listener();
  }
}
