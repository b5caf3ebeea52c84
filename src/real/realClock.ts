// Real mode's clock: real milliseconds since the run began, plus the virtual time the story's
// waits let pass (a wait of 31 minutes is not slept: the store's sessions are aged instead).
import type { VirtualClock } from '../engine/recorder';

export class RealClock implements VirtualClock {
  private started = performance.now();
  private waited = 0;

  get now(): number {
    return Math.round(performance.now() - this.started) + this.waited;
  }

  /** The lab sets the clock to 0 (reset) or moves it on (wait): the real part keeps running. */
  set now(value: number) {
    const real = Math.round(performance.now() - this.started);
    if (value === 0) {
      this.started = performance.now();
      this.waited = 0;
    } else {
      this.waited = value - real;
    }
  }
}
