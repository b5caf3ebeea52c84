// The end-to-end suite runs in the oldest VS Code we support (1.100) and in the newest (1.139), since
// that is what people have. The two runs go side by side: they mostly wait on the workbench and on
// stories playing at their pace, so together they take little longer than one.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './setup.mjs';
import { VSCODE_SERVERS, vscodeServerEnv } from './vscode-server.mjs';

const RESULTS = join(ROOT, 'test-results');

/** Runs test/e2e once in one VS Code (oldest or newest); its output lines are prefixed with the version. Resolves with its row. */
export function runEndToEndIn(which, env) {
  const { vscode } = VSCODE_SERVERS[which];
  const resultsName = which === 'oldest' ? 'e2e' : `e2e-vscode-${vscode}`;
  const began = Date.now();
  const child = spawn(process.execPath, [join(ROOT, 'out', 'test', 'support', 'runLayer.js'), 'e2e', resultsName], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...env, ...vscodeServerEnv(which), PROTOCOL_LAB_VSCODE: vscode },
  });
  const prefix = (stream, into) => {
    let rest = '';
    stream.on('data', (chunk) => {
      const lines = (rest + chunk.toString()).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) into.write(`[VS Code ${vscode}] ${line}\n`);
    });
    stream.on('end', () => { if (rest !== '') into.write(`[VS Code ${vscode}] ${rest}\n`); });
  };
  prefix(child.stdout, process.stdout);
  prefix(child.stderr, process.stderr);
  return new Promise((resolveRun) => {
    child.on('close', () => {
      const seconds = (Date.now() - began) / 1000;
      const file = join(RESULTS, `${resultsName}.json`);
      const name = `e2e (VS Code ${vscode})`;
      if (!existsSync(file)) {
        console.error(`The ${name} layer did not run (no ${file}); counted as one failure.`);
        resolveRun({ name, passed: 0, failed: 1, skipped: 0, seconds });
        return;
      }
      resolveRun({ name, ...JSON.parse(readFileSync(file, 'utf8')), seconds });
    });
  });
}

/** Installs both VS Code servers (once), then runs the suite in both at the same time. */
export async function runEndToEndInEveryVSCode(env) {
  // Installed one after the other, before either run starts: installs compile native modules.
  for (const which of Object.keys(VSCODE_SERVERS)) vscodeServerEnv(which);
  return Promise.all(Object.keys(VSCODE_SERVERS).map((which) => runEndToEndIn(which, env)));
}
