// `npm run bench:proxy` (and part of `npm run bench`): installs HAProxy when it is missing, then
// runs the proxy benchmark (bench/proxy.ts, built by esbuild) with its path.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './lib/setup.mjs';
import { ensureHaproxy } from './lib/system-packages.mjs';

const haproxy = ensureHaproxy();
try {
  execFileSync(process.execPath, [join(ROOT, 'out', 'bench', 'proxy.js')], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, HAPROXY_PATH: haproxy } });
} catch {
  process.exitCode = 1;
}
