// `npm run test:<layer>`: installs what the layer needs, builds, runs it.
//   node scripts/run-layer.mjs unit|webview|integration|e2e|package
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { build, ensureNodeModules, ROOT } from './lib/setup.mjs';
import { ensureChromium, ensureRedisServer } from './lib/system-packages.mjs';
import { ensureVSCodeServer } from './lib/vscode-server.mjs';

const layer = process.argv[2];
ensureNodeModules();
build();
const env = { ...process.env };
if (['webview', 'integration', 'e2e'].includes(layer)) env.CHROMIUM_PATH = ensureChromium();
// Real mode's tests (unit layer) run a real redis-server on a free loopback port.
if (layer === 'unit') env.PROTOCOL_LAB_REDIS_SERVER = ensureRedisServer();
if (['integration', 'e2e'].includes(layer)) env.PROTOCOL_LAB_CODE_SERVER = ensureVSCodeServer();
const runner = layer === 'integration' ? 'runIntegration.js' : 'runLayer.js';
try {
  execFileSync(process.execPath, [join(ROOT, 'out', 'test', 'support', runner), layer], { cwd: ROOT, stdio: 'inherit', env });
} catch {
  process.exitCode = 1;
}
