// Requests to the webview that an answer with the same id settles: each waits at most so long,
// and an answer nobody waits for is reported, not acted on.
export class PendingReplies<T> {
  private nextId = 1;
  private readonly waiting = new Map<number, { settle: (value: T) => void; fail: (error: Error) => void; timer: ReturnType<typeof setTimeout> }>();

  constructor(private readonly timeoutMs: number, private readonly timeoutMessage: () => string) {}

  /** Sends a request (through `post`, with a fresh id) and waits for its answer. */
  request(post: (id: number) => void): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((settle, fail) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        fail(new Error(this.timeoutMessage()));
      }, this.timeoutMs);
      this.waiting.set(id, { settle, fail, timer });
      post(id);
    });
  }

  /** Hands an answer to its request; false when nobody waits for this id. */
  settle(id: number, value: T): boolean {
    const entry = this.waiting.get(id);
    if (entry === undefined) return false;
    this.waiting.delete(id);
    clearTimeout(entry.timer);
    entry.settle(value);
    return true;
  }

  /** The panel went away: every request fails now rather than at its timeout. */
  failAll(reason: string): void {
    for (const [id, entry] of this.waiting) {
      clearTimeout(entry.timer);
      entry.fail(new Error(reason));
      this.waiting.delete(id);
    }
  }
}
