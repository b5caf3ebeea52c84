// `npm test`: every layer, from nothing. Installs what is missing (npm packages, Debian's chromium,
// a VS Code server), builds, runs type checks, lint and all test layers, and ends with the totals line.
// The VS Code servers install (the first time) while the checks, unit and webview layers run.
import { spawn, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
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
const env = { ...process.env, CHROMIUM_PATH: ensureChromium(), PROTOCOL_LAB_REDIS_SERVER: ensureRedisServer() };
// Integration runs in the oldest VS Code we support; the end-to-end suite in the oldest and the newest.
// Their install (minutes, once) goes on beside the checks and the first layers, which do not need it.
const serversInstalled = installVSCodeServersBeside();

/** Runs scripts/install-vscode-servers.mjs in the background; its output is printed whole when it ends. */
function installVSCodeServersBeside() {
  const began = Date.now();
  const child = spawn(process.execPath, [join(ROOT, 'scripts', 'install-vscode-servers.mjs')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => { output += chunk; });
  child.stderr.on('data', (chunk) => { output += chunk; });
  return new Promise((resolveInstall) => {
    child.on('close', (code) => { resolveInstall({ ok: code === 0, output, seconds: (Date.now() - began) / 1000 }); });
  });
}

/** Waits for the servers' install; says how it went. False when it failed (the layers that need it cannot run). */
async function vscodeServersReady() {
  const installed = await serversInstalled;
  if (installed.output.trim() !== '') {
    console.log(`\n=== VS Code servers (installed beside the layers above, ${installed.seconds.toFixed(0)} s)`);
    process.stdout.write(installed.output.endsWith('\n') ? installed.output : `${installed.output}\n`);
  }
  if (!installed.ok) {
    console.error('[setup] the VS Code servers did not install (output above): integration, end-to-end and package tests cannot run');
    return false;
  }
  Object.assign(env, vscodeServerEnv('oldest'));
  console.log(`[setup] VS Code servers ${Object.keys(VSCODE_SERVERS).map((which) => codeServerVersion(which)).join(' and ')} ready`);
  return true;
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env });
  return result.status === 0;
}

/**
 * Checks run side by side, as many at once as there are cores; each one's output printed whole when
 * it ends. A check counts as one test: it passed or it failed.
 */
async function checksSideBySide(checks) {
  const results = new Array(checks.length);
  let next = 0;
  const worker = async () => {
    while (next < checks.length) {
      const index = next++;
      const [name, command, args] = checks[index];
      const began = Date.now();
      const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk) => { output += chunk; });
      child.stderr.on('data', (chunk) => { output += chunk; });
      const code = await new Promise((resolveExit) => { child.on('close', resolveExit); });
      console.log(`\n=== ${name}`);
      if (output !== '') process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
      results[index] = { name, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0, seconds: (Date.now() - began) / 1000 };
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(availableParallelism(), checks.length)) }, worker));
  return results;
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
  // Type checks and lint are single-threaded and independent: side by side they take half the time.
  ...(await checksSideBySide([
    ['lint', process.execPath, [join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'), '.', '--max-warnings=0']],
    ['typecheck (host, engine, tests)', process.execPath, [tsc, '--noEmit', '-p', '.']],
    ['typecheck (core: no DOM, Node or vscode)', process.execPath, [tsc, '--noEmit', '-p', 'tsconfig.core.json']],
    ['typecheck (webview)', process.execPath, [tsc, '--noEmit', '-p', 'webview']],
    ['typecheck (browser tests)', process.execPath, [tsc, '--noEmit', '-p', 'test/webview']],
    ['typecheck (end-to-end tests)', process.execPath, [tsc, '--noEmit', '-p', 'test/e2e']],
    ['typecheck (benchmarks in Chromium)', process.execPath, [tsc, '--noEmit', '-p', 'bench/browser']],
  ])),
  layer('unit', 'runLayer.js'),
  layer('webview', 'runLayer.js'),
  ...(await vscodeServersReady()
    ? [layer('integration', 'runIntegration.js'), ...(await runEndToEndInEveryVSCode(env)), layer('package', 'runLayer.js')]
    : [{ name: 'VS Code servers install', passed: 0, failed: 1, skipped: 0, seconds: 0 }]),
];

const passed = rows.reduce((sum, row) => sum + row.passed, 0);
const failed = rows.reduce((sum, row) => sum + row.failed, 0);
const skipped = rows.reduce((sum, row) => sum + row.skipped, 0);
console.log('\n=== summary');
for (const row of rows) console.log(`${row.failed > 0 ? 'FAIL' : 'ok  '} ${row.name.padEnd(32)} ${row.passed} passed, ${row.failed} failed${row.skipped > 0 ? `, ${row.skipped} skipped` : ''}  (${row.seconds.toFixed(1)} s)`);
// The failed tests by name, last: a log cut to its tail still says which failed.
for (const row of rows) for (const title of row.failures ?? []) console.log(`failed in ${row.name}: ${title}`);
console.log(`took ${Math.round((Date.now() - started) / 1000)} s`);
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exitCode = failed > 0 ? 1 : 0;
