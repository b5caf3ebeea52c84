// `npm start`: installs, builds, then opens the lab. With `code` on the PATH it opens a VS Code
// window with the extension loaded; otherwise it serves VS Code on 127.0.0.1 with the extension
// installed from its VSIX, as a person has it, and prints the URL.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { build, ensureNodeModules, ROOT } from './lib/setup.mjs';
import { ensureVSCodeServer, offlineServerArgs, offlineServerEnv } from './lib/vscode-server.mjs';

ensureNodeModules();
const examples = join(ROOT, 'examples');

const hasCode = process.env.PROTOCOL_LAB_NO_DESKTOP !== '1' && spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
if (hasCode) {
  build(['--no-tests']);
  console.log('Opening VS Code with Protocol Lab loaded. Run "Protocol Lab: Open Lab" from the command palette.');
  spawnSync('code', ['--new-window', `--extensionDevelopmentPath=${ROOT}`, examples], { stdio: 'inherit' });
} else {
  const { entry, node } = ensureVSCodeServer();
  const port = Number(process.env.PROTOCOL_LAB_PORT ?? 8080);
  const base = join(ROOT, '.vscode-test', 'lab');
  const userData = join(base, 'user-data');
  const extensions = join(base, 'extensions');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({ 'security.workspace.trust.enabled': false, 'workbench.startupEditor': 'none', 'git.openRepositoryInParentFolders': 'never', 'telemetry.telemetryLevel': 'off' }, null, 2));
  // Installed from the VSIX, as a person has it: the Extensions view lists it and opens its page
  // (a development path is neither listed there nor named by its display name).
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'package.mjs')], { cwd: ROOT, stdio: 'inherit' });
  rmSync(extensions, { recursive: true, force: true });
  execFileSync(node, [entry, '--extensions-dir', extensions, '--user-data-dir', userData, '--install-extension', join(ROOT, 'dist-vsix', 'protocol-lab.vsix')],
    { stdio: 'inherit', env: offlineServerEnv() });
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(examples)}`;
  const server = spawn(node, [entry, ...offlineServerArgs({ port, extensions, userData }), examples],
    { stdio: ['ignore', 'ignore', 'pipe'], env: offlineServerEnv() });
  // VS Code for the web asks for Microsoft's signing module (vsda) on every page load, and the open
  // build has none: the server's "File not found" for it says nothing about the lab, so it is left out.
  createInterface({ input: server.stderr }).on('line', (line) => {
    if (!/File not found: .*[\\/]vsda[\\/]/.test(line)) process.stderr.write(`${line}\n`);
  });
  server.on('exit', (code) => { process.exitCode = code ?? 0; });
  console.log(`\nProtocol Lab is served by VS Code on 127.0.0.1:${port} (no code on the PATH), offline: no gallery, no update checks, no telemetry.`);
  console.log('Open this URL in a browser, then run "Protocol Lab: Open Lab" from the command palette (Ctrl+Shift+P):\n');
  console.log(`  ${url}\n`);
  console.log('Stop with Ctrl+C.');
}
