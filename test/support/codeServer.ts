// Starts a real VS Code (code-server) on 127.0.0.1 with a throwaway profile, and stops it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeServerEntry } from './paths';

export interface CodeServerSession {
  readonly origin: string;
  readonly port: number;
  readonly workspace: string;
  /** Output the server printed, for error messages. */
  readonly output: () => string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => { resolvePort(port); });
    });
  });
}

async function waitUntilServing(origin: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${origin}/`, { redirect: 'manual' });
      if (response.status < 500) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 250));
  }
  throw new Error(`code-server did not answer within ${timeoutMs} ms:\n${output()}`);
}

export interface StartOptions {
  /** Files to put into the opened workspace folder. */
  readonly files?: Readonly<Record<string, string>>;
  readonly settings?: Readonly<Record<string, unknown>>;
  /** VS Code's display language (code-server's --locale), e.g. "ko". */
  readonly locale?: string;
}

export async function startCodeServer(options: StartOptions = {}): Promise<CodeServerSession> {
  const base = mkdtempSync(join(tmpdir(), 'protocol-lab-vscode-'));
  const userData = join(base, 'user-data');
  const extensions = join(base, 'extensions');
  const workspace = join(base, 'workspace');
  for (const dir of [join(userData, 'User'), extensions, workspace]) mkdirSync(dir, { recursive: true });
  // Without these a modal trust dialog and the welcome page get in the way of every click.
  const settings = { 'security.workspace.trust.enabled': false, 'workbench.startupEditor': 'none', 'workbench.tips.enabled': false, ...options.settings };
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  for (const [name, text] of Object.entries(options.files ?? {})) writeFileSync(join(workspace, name), text);

  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  let log = '';
  const child = spawn(process.execPath, [
    codeServerEntry(), '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--extensions-dir', extensions, '--user-data-dir', userData,
    ...(options.locale === undefined ? [] : ['--locale', options.locale]), workspace,
  ], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const keep = (chunk: Buffer): void => { log = (log + chunk.toString()).slice(-20_000); };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const output = (): string => log;

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.pid !== undefined) {
      const exited = new Promise<void>((resolveExit) => child.once('exit', () => { resolveExit(); }));
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
      await Promise.race([exited, new Promise((resolveWait) => setTimeout(resolveWait, 5000).unref())]);
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
    }
    rmSync(base, { recursive: true, force: true });
  };

  try {
    await waitUntilServing(origin, child, output, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { origin, port, workspace, output, stop };
}

/** The workbench URL that loads this repository as a development extension (and optionally runs tests). */
export function workbenchUrl(session: CodeServerSession, extensionPath: string, testsPath?: string): string {
  const remote = (path: string): string => `vscode-remote://127.0.0.1:${session.port}${path}`;
  const payload: [string, string][] = [['extensionDevelopmentPath', remote(extensionPath)], ['skipWelcome', 'true']];
  if (testsPath !== undefined) payload.push(['extensionTestsPath', remote(testsPath)]);
  return `${session.origin}/?folder=${encodeURIComponent(session.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}
