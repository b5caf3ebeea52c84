// Runs mocha over compiled test files and counts the outcome, in Node or inside VS Code.
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';

export interface LayerResult {
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  /** The failed tests' full titles (the summary names them last, where a log's tail still shows them). */
  readonly failures?: readonly string[];
}

export function findTestFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.js'))
    .sort()
    .map((file) => join(dir, file));
}

export interface MochaRunOptions {
  readonly timeoutMs: number;
  readonly grep?: string;
}

export async function runMocha(files: readonly string[], options: MochaRunOptions): Promise<LayerResult> {
  // VS Code's extension host forwards console.log arguments unformatted; format them here.
  Mocha.reporters.Base.consoleLog = (...data: unknown[]): void => { console.log(format(...data)); };
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: options.timeoutMs });
  if (options.grep !== undefined) mocha.grep(options.grep);
  for (const file of files) mocha.addFile(file);
  await mocha.loadFilesAsync();
  const failures: string[] = [];
  return new Promise((resolveRun) => {
    const runner = mocha.run(() => {
      const stats = runner.stats;
      resolveRun({ passed: stats?.passes ?? 0, failed: stats?.failures ?? 0, skipped: stats?.pending ?? 0, failures });
    });
    runner.on('fail', (test: Mocha.Test) => { failures.push(test.fullTitle()); });
  });
}
