// `npm test`: every layer, from nothing. Installs what is missing (npm packages, Debian's chromium,
// a VS Code server), builds, runs type checks, lint and all test layers, and ends with the totals line.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build, ensureNodeModules, ROOT } from './lib/setup.mjs';
import { ensureChromium, ensureRedisServer } from './lib/system-packages.mjs';
import { runEndToEndInEveryVSCode } from './lib/e2e.mjs';
import { codeServerVersion, VSCODE_SERVERS, vscodeServerEnv } from './lib/vscode-server.mjs';

const RESULTS = join(ROOT, 'test-results');
const started = Date.now();

console.log('[setup] checking npm packages, Chromium, redis-server and the VS Code server');
ensureNodeModules();
rmSync(RESULTS, { recursive: true, force: true });
build();
// Integration runs in the oldest VS Code we support; the end-to-end suite in the oldest and the newest.
for (const which of Object.keys(VSCODE_SERVERS)) vscodeServerEnv(which);
const env = { ...process.env, CHROMIUM_PATH: ensureChromium(), PROTOCOL_LAB_REDIS_SERVER: ensureRedisServer(), ...vscodeServerEnv('oldest') };
console.log(`[setup] VS Code servers ${Object.keys(VSCODE_SERVERS).map((which) => codeServerVersion(which)).join(' and ')} ready`);

function run(command, args) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env });
  return result.status === 0;
}

/** A check counts as one test: it passed or it failed. */
function check(name, command, args) {
  console.log(`\n=== ${name}`);
  const began = Date.now();
  const ok = run(command, args);
  return { name, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0, seconds: (Date.now() - began) / 1000 };
}

function layer(name, runner) {
  console.log(`\n=== ${name} tests`);
  const began = Date.now();
  run(process.execPath, [join(ROOT, 'out', 'test', 'support', runner), name]);
  const file = join(RESULTS, `${name}.json`);
  const seconds = (Date.now() - began) / 1000;
  if (!existsSync(file)) {
    console.error(`The ${name} layer did not run (no ${file}); counted as one failure.`);
    return { name, passed: 0, failed: 1, skipped: 0, seconds };
  }
  return { name, ...JSON.parse(readFileSync(file, 'utf8')), seconds };
}

const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const rows = [
  check('typecheck (host, engine, tests)', process.execPath, [tsc, '--noEmit', '-p', '.']),
  check('typecheck (core: no DOM, Node or vscode)', process.execPath, [tsc, '--noEmit', '-p', 'tsconfig.core.json']),
  check('typecheck (webview)', process.execPath, [tsc, '--noEmit', '-p', 'webview']),
  check('typecheck (browser tests)', process.execPath, [tsc, '--noEmit', '-p', 'test/webview']),
  check('typecheck (end-to-end tests)', process.execPath, [tsc, '--noEmit', '-p', 'test/e2e']),
  check('typecheck (benchmarks in Chromium)', process.execPath, [tsc, '--noEmit', '-p', 'bench/browser']),
  check('lint', process.execPath, [join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'), '.', '--max-warnings=0']),
  layer('unit', 'runLayer.js'),
  layer('webview', 'runLayer.js'),
  layer('integration', 'runIntegration.js'),
  ...(await runEndToEndInEveryVSCode(env)),
  layer('package', 'runLayer.js'),
];

const passed = rows.reduce((sum, row) => sum + row.passed, 0);
const failed = rows.reduce((sum, row) => sum + row.failed, 0);
const skipped = rows.reduce((sum, row) => sum + row.skipped, 0);
console.log('\n=== summary');
for (const row of rows) console.log(`${row.failed > 0 ? 'FAIL' : 'ok  '} ${row.name.padEnd(32)} ${row.passed} passed, ${row.failed} failed${row.skipped > 0 ? `, ${row.skipped} skipped` : ''}  (${row.seconds.toFixed(1)} s)`);
console.log(`took ${Math.round((Date.now() - started) / 1000)} s`);
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exitCode = failed > 0 ? 1 : 0;
