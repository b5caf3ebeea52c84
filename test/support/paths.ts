// Where the tests find the repository, the build output and the tools the runner installed.
import { join, resolve } from 'node:path';

/** The repository root (tests run from out/test/..., two or three levels down). */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
export const DIST_DIR = join(REPO_ROOT, 'dist');
export const RESULTS_DIR = join(REPO_ROOT, 'test-results');

export function chromiumPath(): string {
  return process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
}

export function codeServerEntry(): string {
  const entry = process.env['PROTOCOL_LAB_CODE_SERVER'];
  if (entry === undefined || entry === '') {
    throw new Error('PROTOCOL_LAB_CODE_SERVER is not set: run this layer through `npm run test:integration` / `npm run test:e2e`, which install VS Code first.');
  }
  return entry;
}
