// Golden files: compare with the stored copy; UPDATE_GOLDEN=1 rewrites it; a mismatch writes `.actual`.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from './paths';

export function assertGolden(relativePath: string, actual: string): void {
  const file = join(REPO_ROOT, 'test', 'golden', relativePath);
  const actualFile = `${file}.actual`;
  if (process.env['UPDATE_GOLDEN'] === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    rmSync(actualFile, { force: true });
    return;
  }
  assert.ok(existsSync(file), `golden file test/golden/${relativePath} is missing: run with UPDATE_GOLDEN=1 to create it`);
  const expected = readFileSync(file, 'utf8');
  if (expected === actual) {
    rmSync(actualFile, { force: true });
    return;
  }
  writeFileSync(actualFile, actual);
  assert.fail(`test/golden/${relativePath} differs; the new output is in ${relativePath}.actual (UPDATE_GOLDEN=1 accepts it)`);
}
