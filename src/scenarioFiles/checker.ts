// Checks scenario files off the extension host's thread, within a time budget: a worker thread
// parses and validates; one that takes too long is stopped and the file gets a problem saying so.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { parseScenario, type ParsedScenario, type ScenarioFormat } from '../scenario/parse';

/** The longest a check may take before it is given up (the largest allowed file takes well under a second). */
const BUDGET_MS = 10_000;

interface Waiting {
  readonly settle: (parsed: ParsedScenario) => void;
  readonly timer: ReturnType<typeof setTimeout>;
  readonly text: string;
  readonly format: ScenarioFormat;
}

export class ScenarioChecker {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();

  /** `bundleDir` holds checkWorker.js (next to extension.js). */
  constructor(private readonly bundleDir: string) {}

  check(text: string, format: ScenarioFormat): Promise<ParsedScenario> {
    const worker = this.started();
    // Without a worker (it could not start), the check runs here: slower for the host, never lost.
    if (worker === undefined) return Promise.resolve(parseScenario(text, format));
    const id = this.nextId++;
    return new Promise((settle) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        // A check that overran its budget: stop the worker (the next check starts a fresh one).
        void this.worker?.terminate();
        this.worker = undefined;
        settle({ ok: false, total: 1, issues: [{ path: [], message: `the file could not be checked within ${BUDGET_MS / 1000} s`, span: { start: 0, end: 1 } }] });
      }, BUDGET_MS);
      this.waiting.set(id, { settle, timer, text, format });
      worker.postMessage({ id, text, format });
    });
  }

  private started(): Worker | undefined {
    if (this.worker !== undefined) return this.worker;
    try {
      const worker = new Worker(join(this.bundleDir, 'checkWorker.js'));
      worker.on('message', (answer: { id: number; parsed: ParsedScenario }) => {
        const waiting = this.waiting.get(answer.id);
        if (waiting === undefined) return;
        this.waiting.delete(answer.id);
        clearTimeout(waiting.timer);
        waiting.settle(answer.parsed);
      });
      // A worker that fails (its file missing, say): what it was asked is checked here instead.
      worker.on('error', () => { this.fallBack(worker); });
      worker.on('exit', () => { this.fallBack(worker); });
      worker.unref();
      this.worker = worker;
      return worker;
    } catch {
      return undefined;
    }
  }

  private fallBack(worker: Worker): void {
    // A worker stopped for overrunning its budget may end after a fresh one started: that one's checks are not its own.
    if (this.worker !== undefined && this.worker !== worker) return;
    this.worker = undefined;
    for (const [id, waiting] of this.waiting) {
      this.waiting.delete(id);
      clearTimeout(waiting.timer);
      waiting.settle(parseScenario(waiting.text, waiting.format));
    }
  }

  dispose(): void {
    for (const waiting of this.waiting.values()) clearTimeout(waiting.timer);
    this.waiting.clear();
    void this.worker?.terminate();
    this.worker = undefined;
  }
}
