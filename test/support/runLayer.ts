// Runs one Node-side test layer (unit, webview, e2e, package) with mocha and records its counts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findTestFiles, runMocha } from './mochaRun';
import { REPO_ROOT, RESULTS_DIR } from './paths';

const timeouts: Readonly<Record<string, number>> = { unit: 20_000, webview: 60_000, e2e: 180_000, package: 180_000 };

async function main(): Promise<void> {
  const layer = process.argv[2] ?? '';
  // The same layer may run more than once (the end-to-end suite in each VS Code): each run has its own results file.
  const resultsName = process.argv[3] ?? layer;
  const timeoutMs = timeouts[layer];
  if (timeoutMs === undefined) throw new Error(`unknown test layer "${layer}" (expected ${Object.keys(timeouts).join(', ')})`);
  const files = findTestFiles(join(REPO_ROOT, 'out', 'test', layer));
  const grep = process.env['PROTOCOL_LAB_GREP'];
  const result = await runMocha(files, grep === undefined ? { timeoutMs } : { timeoutMs, grep });
  const counted = files.length === 0 ? { passed: 0, failed: 1, skipped: 0 } : result;
  if (files.length === 0) console.error(`No test files in out/test/${layer}; counted as one failure.`);
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, `${resultsName}.json`), JSON.stringify(counted));
  process.exitCode = counted.failed > 0 ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
