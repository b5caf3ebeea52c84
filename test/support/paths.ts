// Where the tests find the repository, the build output and the tools the runner installed.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root: the nearest folder above this file with a package.json (works compiled or bundled). */
function findRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'esbuild.js'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no repository root above ${start}`);
  }
}

export const REPO_ROOT = findRoot(__dirname);
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

/** The Node that runs the VS Code server: code-server for VS Code 1.139 needs Node 24 (see scripts/lib/vscode-server.mjs). */
export function codeServerNode(): string {
  const node = process.env['PROTOCOL_LAB_CODE_SERVER_NODE'];
  return node === undefined || node === '' ? process.execPath : node;
}
