// What a real lab is still waiting for: real work in flight (a server starting, Redis being cut off,
// a request on its way) and the first thing that went wrong in it. The runner waits for it to
// settle before the next step, as it lets the simulated lab run until idle.
export class InFlight {
  private work = 0;
  private waiting: (() => void)[] = [];
  private failure: unknown;

  /** `alsoBusy`: what else keeps a lab from settling (the TCP lab's requests still open). */
  constructor(private readonly alsoBusy: () => boolean = () => false) {}

  get idle(): boolean {
    return this.work === 0 && !this.alsoBusy();
  }

  /** Real work the lab waits for; what it throws fails the run. */
  track(work: Promise<void>): void {
    this.work++;
    work.catch((error: unknown) => { this.failure ??= error; }).finally(() => {
      this.work--;
      this.wake();
    });
  }

  /** Something went wrong in the real part (not in the story): whoever waits hears of it at once. */
  failed(error: unknown): void {
    this.failure ??= error;
    this.wake();
  }

  /** Wakes whoever waits, once nothing is in flight any more (or something failed). */
  wake(): void {
    if (!this.idle && this.failure === undefined) return;
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
  }

  /** Resolves when nothing is in flight any more; rejects with what went wrong. */
  async settled(): Promise<void> {
    if (!this.idle && this.failure === undefined) await new Promise<void>((resolve) => this.waiting.push(resolve));
    if (this.failure === undefined) return;
    const failure = this.failure;
    this.failure = undefined;
    throw failure instanceof Error ? failure : new Error('the real part of the run failed');
  }
}
