// Installs Debian packages the tests and benchmarks need (Chromium, Kerberos headers, redis-server, HAProxy) when they are missing.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

let aptUpdated = false;

function aptInstall(packages) {
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new Error(`Missing Debian packages: ${packages.join(', ')}. Install them with: sudo apt-get install -y ${packages.join(' ')}`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    console.log('[setup] apt-get update');
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    aptUpdated = true;
  }
  console.log(`[setup] apt-get install ${packages.join(' ')}`);
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { stdio: 'inherit', env });
}

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Korean labels need a Hangul font, or screenshots show boxes and Mermaid measures text wrongly. */
const HANGUL_FONT = '/usr/share/fonts/truetype/nanum/NanumGothic.ttf';
/** Diagrams mark crashes and restarts with emoji (💥 🔄): without a font they draw as boxes. */
const EMOJI_FONT = '/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf';

/** Makes sure Debian's chromium (with Hangul and emoji fonts) is installed; returns its path. */
export function ensureChromium() {
  const missing = [
    ...(existsSync(CHROMIUM_PATH) ? [] : ['chromium']),
    ...(existsSync(HANGUL_FONT) ? [] : ['fonts-nanum']),
    ...(existsSync(EMOJI_FONT) ? [] : ['fonts-noto-color-emoji']),
  ];
  if (missing.length > 0) aptInstall(missing);
  return CHROMIUM_PATH;
}

/** Headers that code-server's native `kerberos` module compiles against. */
export function ensureKerberosHeaders() {
  if (!existsSync('/usr/include/gssapi/gssapi.h')) aptInstall(['libkrb5-dev']);
}

export const REDIS_SERVER_PATH = process.env.PROTOCOL_LAB_REDIS_SERVER ?? '/usr/bin/redis-server';

/** Real mode's tests keep sessions in a real Redis: Debian's redis-server, started by the tests on a free port (never as a service). */
export function ensureRedisServer() {
  if (!existsSync(REDIS_SERVER_PATH)) aptInstall(['redis-server']);
  return REDIS_SERVER_PATH;
}

export const HAPROXY_PATH = process.env.HAPROXY_PATH ?? '/usr/sbin/haproxy';

/** The proxy benchmark's anchor: Debian's HAProxy, in front of the same upstreams as ours. Returns its path. */
export function ensureHaproxy() {
  if (!existsSync(HAPROXY_PATH)) aptInstall(['haproxy']);
  return HAPROXY_PATH;
}
