// `npm run test:<layer>`: installs what the layer needs, builds, runs it.
//   node scripts/run-layer.mjs unit|webview|integration|e2e|package
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { runEndToEndInEveryVSCode } from './lib/e2e.mjs';
import { build, ensureNodeModules, ROOT } from './lib/setup.mjs';
import { ensureChromium, ensureRedisServer } from './lib/system-packages.mjs';
import { vscodeServerEnv } from './lib/vscode-server.mjs';

const layer = process.argv[2];
ensureNodeModules();
build();
const env = { ...process.env };
if (['webview', 'integration', 'e2e', 'package'].includes(layer)) env.CHROMIUM_PATH = ensureChromium();
// Real mode's tests (unit layer) run a real redis-server on a free loopback port.
if (layer === 'unit') env.PROTOCOL_LAB_REDIS_SERVER = ensureRedisServer();
if (layer === 'e2e') {
  // In VS Code 1.100 and 1.139, side by side.
  const rows = await runEndToEndInEveryVSCode(env);
  for (const row of rows) console.log(`${row.failed > 0 ? 'FAIL' : 'ok  '} ${row.name}: ${row.passed} passed, ${row.failed} failed (${row.seconds.toFixed(1)} s)`);
  process.exitCode = rows.some((row) => row.failed > 0) ? 1 : 0;
} else {
  // The package layer opens the extension's page in a VS Code with the VSIX installed.
  if (layer === 'integration' || layer === 'package') Object.assign(env, vscodeServerEnv('oldest'));
  const runner = layer === 'integration' ? 'runIntegration.js' : 'runLayer.js';
  try {
    execFileSync(process.execPath, [join(ROOT, 'out', 'test', 'support', runner), layer], { cwd: ROOT, stdio: 'inherit', env });
  } catch {
    process.exitCode = 1;
  }
}
