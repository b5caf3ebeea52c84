// What a scenario's steps mean, written once: a step starts when everything before it has
// settled; a request is retried while it fails and it has retries left; a retry after a server
// error is drawn as the other branch of the seed's alternative (alt 서버 오류 … else 성공 … end);
// an alternative a server opened (alt 서버 오류) always ends when its request settles, whatever the
// protocol answered with (a 500, a TCP RST); `expect` marks are checked against each request's final outcome. The batch run (CLI, notes,
// comparisons, tests) takes every step at once; the live lab takes one unit at a time at its pace.
import { say } from '../engine/text';
import type { RequestOutcomeEvent, TraceEvent } from '../engine/trace';
import { applyOperation } from './operations';
import type { Step } from './scenario';
import type { StoryLab } from './storyLab';

type RequestStep = Extract<Step, { kind: 'request' }>;

export interface Expectation {
  readonly step: number;
  readonly expected: 'ok' | 'fail';
  readonly actual: 'ok' | 'fail';
  readonly held: boolean;
  readonly outcome: RequestOutcomeEvent;
}

/** The scripted request in flight, with its retries. */
interface InFlight {
  readonly step: RequestStep;
  readonly index: number;
  requestId: number;
  attempts: number;
  outcome: RequestOutcomeEvent | undefined;
  /** The attempt in flight follows a server error: its alternative ends when it settles. */
  afterServerError: boolean;
  /** The attempt in flight hit a server error, which opened an alternative (alt Server Error) that must end. */
  openedAlternative: boolean;
}

const SUCCESS = say('Success', '성공');

/** A step the lab could not carry out (crash a server that is already down, a store there is not): which step, and why. */
export class StepError extends Error {
  override readonly name = 'StepError';
  constructor(readonly step: number, cause: unknown) {
    super(`steps[${step}]: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

export class ScenarioRunner {
  private next = 0;
  private current: InFlight | undefined;
  /** The retry whose arrival at a server switches the alternative to its "else" branch. */
  private elseFor = -1;
  /** A server error hit a request the script did not send (one sent by hand in the live lab): its alternative ends with the next outcome. */
  private strayAlternative = false;
  /** The last outcome heard: a request the client refuses itself (TCP data with no connection) ends before `send` returns its id. */
  private lastOutcome: RequestOutcomeEvent | undefined;
  private readonly found: Expectation[] = [];
  private readonly stopWatching: () => void;

  constructor(private readonly lab: StoryLab, private readonly steps: readonly Step[]) {
    this.stopWatching = lab.subscribe(this.watch);
  }

  /** The expect marks checked so far, in step order. */
  get expectations(): readonly Expectation[] {
    return this.found;
  }

  /** True when every step has started and settled. */
  get done(): boolean {
    return this.lab.idle && this.current === undefined && this.next >= this.steps.length;
  }

  /** One unit of progress: an event in flight, else the script's next move. False when there is nothing left, or (real mode) until what is in flight settles. */
  advance(): boolean {
    if (this.lab.step()) return true;
    if (!this.lab.idle) return false;
    return this.nextMove();
  }

  /** Every step at once (the batch run). */
  runToEnd(): void {
    while (this.advance()) { /* each call handles one event or starts one step */ }
  }

  /** Every step, on a lab whose events arrive by themselves (real mode): `settled` resolves when what is in flight has. */
  async runToEndOver(settled: () => Promise<void>): Promise<void> {
    for (;;) {
      if (this.advance()) continue;
      if (this.done) return;
      await settled();
    }
  }

  dispose(): void {
    this.stopWatching();
  }

  private readonly watch = (event: TraceEvent): void => {
    if (event.type === 'group' && event.phase === 'start') {
      // A server error opened an alternative: whoever's request it was, it ends when that request settles.
      const current = this.current;
      if (current !== undefined && current.outcome === undefined) current.openedAlternative = true;
      else this.strayAlternative = true;
    } else if (event.type === 'request-outcome') {
      this.lastOutcome = event;
      if (event.requestId === this.current?.requestId) this.current.outcome = event;
      else if (this.strayAlternative) {
        this.strayAlternative = false;
        this.lab.group('end', SUCCESS);
      }
    } else if (event.type === 'message-delivered' && event.requestId === this.elseFor && /^s\d+$/.test(event.to)) {
      this.elseFor = -1;
      this.lab.group('else', SUCCESS);
    }
  };

  /** The lab is idle: settle the request in flight (retry it, or close it), or start the next step. */
  private nextMove(): boolean {
    const current = this.current;
    if (current !== undefined) {
      if (current.afterServerError) {
        current.afterServerError = false;
        this.lab.group('end', SUCCESS);
      }
      const { outcome } = current;
      const opened = current.openedAlternative;
      current.openedAlternative = false;
      if (outcome !== undefined && !outcome.ok && current.attempts < current.step.retry) {
        current.attempts++;
        current.afterServerError = opened;
        this.sendAttempt(current);
        if (current.afterServerError) this.elseFor = current.requestId;
        return true;
      }
      if (opened) this.lab.group('end', SUCCESS);
      this.settle(current);
      this.current = undefined;
    }
    const step = this.steps[this.next];
    if (step === undefined) return current !== undefined;
    const index = this.next++;
    try {
      if (step.kind === 'request') {
        this.current = { step, index, requestId: -1, attempts: 0, outcome: undefined, afterServerError: false, openedAlternative: false };
        this.sendAttempt(this.current);
      } else {
        applyOperation(this.lab, step);
      }
    } catch (error) {
      this.current = undefined;
      throw new StepError(index, error);
    }
    return true;
  }

  private sendAttempt(request: InFlight): void {
    request.outcome = undefined;
    this.lastOutcome = undefined;
    request.requestId = this.lab.send(request.step.from, request.step.send, request.step.params);
    request.outcome = this.outcomeHeard(request.requestId);
  }

  private outcomeHeard(requestId: number): RequestOutcomeEvent | undefined {
    return this.lastOutcome?.requestId === requestId ? this.lastOutcome : undefined;
  }

  private settle(request: InFlight): void {
    const { step, outcome } = request;
    if (step.expect === undefined || outcome === undefined) return;
    const actual = outcome.ok ? 'ok' : 'fail';
    this.found.push({ step: request.index, expected: step.expect, actual, held: actual === step.expect, outcome });
  }
}
