// `npm start`: installs, builds, then opens the lab. With `code` on the PATH it opens a VS Code
// window with the extension loaded; otherwise it serves VS Code on 127.0.0.1 and prints the URL.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, ensureNodeModules, ROOT } from './lib/setup.mjs';
import { ensureVSCodeServer } from './lib/vscode-server.mjs';

ensureNodeModules();
build(['--no-tests']);
const examples = join(ROOT, 'examples');

const hasCode = process.env.PROTOCOL_LAB_NO_DESKTOP !== '1' && spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
if (hasCode) {
  console.log('Opening VS Code with Protocol Lab loaded. Run "Protocol Lab: Open Lab" from the command palette.');
  spawnSync('code', ['--new-window', `--extensionDevelopmentPath=${ROOT}`, examples], { stdio: 'inherit' });
} else {
  const entry = ensureVSCodeServer();
  const port = Number(process.env.PROTOCOL_LAB_PORT ?? 8080);
  const base = join(ROOT, '.vscode-test', 'lab');
  const userData = join(base, 'user-data');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({ 'security.workspace.trust.enabled': false, 'workbench.startupEditor': 'none', 'git.openRepositoryInParentFolders': 'never' }, null, 2));
  const remote = (path) => `vscode-remote://127.0.0.1:${port}${path}`;
  const payload = [['extensionDevelopmentPath', remote(ROOT)], ['skipWelcome', 'true']];
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(examples)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const server = spawn(process.execPath, [entry, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry',
    '--disable-update-check', '--disable-workspace-trust', '--extensions-dir', join(base, 'extensions'), '--user-data-dir', userData, examples], { stdio: ['ignore', 'ignore', 'inherit'] });
  server.on('exit', (code) => { process.exitCode = code ?? 0; });
  console.log(`\nProtocol Lab is served by VS Code on 127.0.0.1:${port} (no code on the PATH).`);
  console.log('Open this URL in a browser, then run "Protocol Lab: Open Lab" from the command palette (Ctrl+Shift+P):\n');
  console.log(`  ${url}\n`);
  console.log('Stop with Ctrl+C.');
}
