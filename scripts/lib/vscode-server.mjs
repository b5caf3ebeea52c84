// Installs a real VS Code (code-server from the npm registry) into .vscode-test/, offline.
// See README "Testing" for why: @vscode/test-electron downloads VS Code, which cannot happen here.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync, readFileSync, copyFileSync, chmodSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureKerberosHeaders } from './system-packages.mjs';

export const CODE_SERVER_VERSION = '4.100.3'; // VS Code 1.100, the newest that runs on Node 20
const RIPGREP_VERSION = '1.15.11';
const RIPGREP_ASSET = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const SERVER_DIR = join(ROOT, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
export const CODE_SERVER_BIN = join(SERVER_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const MARKER = join(SERVER_DIR, '.installed');

/** @vscode/ripgrep's postinstall downloads rg from GitHub unless this cache file exists. */
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

/** Installs code-server once; later calls reuse it. Returns the path of its entry script. */
export function ensureVSCodeServer() {
  if (existsSync(MARKER) && existsSync(CODE_SERVER_BIN)) return CODE_SERVER_BIN;
  console.log(`[setup] installing VS Code ${CODE_SERVER_VERSION} (code-server) into ${SERVER_DIR}; this takes about two minutes once`);
  ensureKerberosHeaders();
  seedRipgrepCache();
  mkdirSync(SERVER_DIR, { recursive: true });
  writeFileSync(join(SERVER_DIR, 'package.json'), JSON.stringify({ private: true, dependencies: { 'code-server': CODE_SERVER_VERSION } }, null, 2));
  const env = { ...process.env, npm_config_unsafe_perm: 'true', npm_config_yes: 'true', npm_config_audit: 'false', npm_config_fund: 'false' };
  execFileSync('npm', ['install', '--no-package-lock', '--loglevel=error'], { cwd: SERVER_DIR, stdio: 'inherit', env });
  if (!existsSync(CODE_SERVER_BIN)) throw new Error(`code-server did not install: ${CODE_SERVER_BIN} is missing`);
  writeFileSync(MARKER, new Date().toISOString());
  return CODE_SERVER_BIN;
}

export function codeServerVersion() {
  const pkg = JSON.parse(readFileSync(join(SERVER_DIR, 'node_modules', 'code-server', 'package.json'), 'utf8'));
  return pkg.version;
}
