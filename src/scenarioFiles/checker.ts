// Checks scenario files off the extension host's thread, within a time budget: a worker thread
// parses and validates. The host never parses a scenario file itself (a file that is slow to check
// would freeze the editor): a check that overruns its budget, or finds no worker, gets a one-line
// problem instead, and the checks after it go to a fresh worker.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ParsedScenario, ScenarioFormat } from '../scenario/parse';

/** The longest a check may take before it is given up (the largest allowed file takes well under a second). */
const BUDGET_MS = 10_000;

export interface CheckerOptions {
  /** Tests give a tiny budget or a worker of their own. */
  readonly budgetMs?: number;
  readonly workerFile?: string;
}

interface Waiting {
  readonly settle: (parsed: ParsedScenario) => void;
  timer?: ReturnType<typeof setTimeout>;
  readonly text: string;
  readonly format: ScenarioFormat;
}

function problem(message: string): ParsedScenario {
  return { ok: false, total: 1, issues: [{ path: [], message, span: { start: 0, end: 1 } }] };
}

export class ScenarioChecker {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();
  private readonly budgetMs: number;
  private readonly workerFile: string;

  /** `bundleDir` holds checkWorker.js (next to extension.js). */
  constructor(bundleDir: string, options: CheckerOptions = {}) {
    this.budgetMs = options.budgetMs ?? BUDGET_MS;
    this.workerFile = options.workerFile ?? join(bundleDir, 'checkWorker.js');
  }

  check(text: string, format: ScenarioFormat): Promise<ParsedScenario> {
    const id = this.nextId++;
    return new Promise((settle) => {
      const waiting: Waiting = { settle, text, format };
      this.waiting.set(id, waiting);
      this.send(id, waiting);
    });
  }

  /** Hands a check to the worker (a fresh one if there is none) and starts its budget. */
  private send(id: number, waiting: Waiting): void {
    clearTimeout(waiting.timer);
    const worker = this.started();
    if (worker === undefined) {
      this.finish(id, problem('the file could not be checked: the checker could not start'));
      return;
    }
    waiting.timer = setTimeout(() => { this.overran(id, worker); }, this.budgetMs);
    worker.postMessage({ id, text: waiting.text, format: waiting.format });
  }

  private finish(id: number, parsed: ParsedScenario): void {
    const waiting = this.waiting.get(id);
    if (waiting === undefined) return;
    this.waiting.delete(id);
    clearTimeout(waiting.timer);
    waiting.settle(parsed);
  }

  /** A check that overran its budget: its worker is stopped, and the checks queued behind it go to a fresh one. */
  private overran(id: number, worker: Worker): void {
    this.finish(id, problem(`the file could not be checked within ${this.budgetMs / 1000} s`));
    this.retire(worker);
    for (const [other, waiting] of [...this.waiting]) this.send(other, waiting);
  }

  private retire(worker: Worker): void {
    if (this.worker === worker) this.worker = undefined;
    void worker.terminate();
  }

  private started(): Worker | undefined {
    if (this.worker !== undefined) return this.worker;
    try {
      const worker = new Worker(this.workerFile);
      worker.on('message', (answer: { id: number; parsed: ParsedScenario }) => { this.finish(answer.id, answer.parsed); });
      worker.on('error', (error: Error) => { this.failed(worker, error.message); });
      worker.on('exit', (code) => { this.failed(worker, `it ended with code ${code}`); });
      worker.unref();
      this.worker = worker;
      return worker;
    } catch {
      return undefined;
    }
  }

  /** A worker that failed on its own (its file missing, say): what it was asked gets a problem saying so, never a check here. */
  private failed(worker: Worker, why: string): void {
    // A worker stopped for overrunning its budget ends after a fresh one started: those checks are not its own.
    if (this.worker !== worker) return;
    this.worker = undefined;
    for (const id of [...this.waiting.keys()]) this.finish(id, problem(`the file could not be checked: the checker stopped (${why})`));
  }

  dispose(): void {
    for (const waiting of this.waiting.values()) clearTimeout(waiting.timer);
    this.waiting.clear();
    if (this.worker !== undefined) this.retire(this.worker);
  }
}
