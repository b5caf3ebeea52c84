// Starts a real VS Code (code-server) on 127.0.0.1 with a throwaway profile, and stops it.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeServerEntry, codeServerNode } from './paths';

/**
 * No extension gallery (code-server reads EXTENSIONS_GALLERY; an empty one is none): nothing asks a
 * marketplace beyond the machine. The same flags and environment as `npm start` (scripts/lib/vscode-server.mjs).
 */
const OFFLINE_ENV = { ...process.env, EXTENSIONS_GALLERY: '{}' };

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
  /** A VSIX to install first, as a person installs the extension (then open the workbench without a development path). */
  readonly vsix?: string;
  /**
   * An unpacked extension (this repository, built) to put into the extensions folder, where VS Code
   * finds installed extensions. VS Code 1.139's web workbench no longer takes a development path from
   * the URL (only builds with the smoke-test driver do, which code-server cannot be told to enable).
   */
  readonly linkExtension?: string;
}

export async function startCodeServer(options: StartOptions = {}): Promise<CodeServerSession> {
  const base = mkdtempSync(join(tmpdir(), 'protocol-lab-vscode-'));
  const userData = join(base, 'user-data');
  const extensions = join(base, 'extensions');
  const workspace = join(base, 'workspace');
  for (const dir of [join(userData, 'User'), extensions, workspace]) mkdirSync(dir, { recursive: true });
  // Without these a modal trust dialog and the welcome page get in the way of every click.
  // Telemetry off as well: VS Code 1.139's built-in chat otherwise tries to reach Microsoft's event service.
  // And that chat closed: opening beside the lab, it takes the focus some seconds into a session, which
  // closes an open quick pick or swallows what is typed into it (a person just clicks again; a test
  // fails). The panel at the width the chat leaves it is tested in the webview layer (readable.test.ts).
  const settings = {
    'security.workspace.trust.enabled': false, 'workbench.startupEditor': 'none', 'workbench.tips.enabled': false, 'telemetry.telemetryLevel': 'off',
    'workbench.secondarySideBar.defaultVisibility': 'hidden', 'chat.disableAIFeatures': true,
    ...options.settings,
  };
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  for (const [name, text] of Object.entries(options.files ?? {})) writeFileSync(join(workspace, name), text);

  if (options.linkExtension !== undefined) {
    const manifest = JSON.parse(readFileSync(join(options.linkExtension, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
    symlinkSync(options.linkExtension, join(extensions, `${manifest.publisher}.${manifest.name}-${manifest.version}`), 'dir');
  }
  if (options.vsix !== undefined) {
    execFileSync(codeServerNode(), [codeServerEntry(), '--extensions-dir', extensions, '--user-data-dir', userData, '--install-extension', options.vsix],
      { stdio: 'pipe', env: OFFLINE_ENV });
  }
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  let log = '';
  const child = spawn(codeServerNode(), [
    codeServerEntry(), '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', '--extensions-dir', extensions, '--user-data-dir', userData,
    ...(options.locale === undefined ? [] : ['--locale', options.locale]), workspace,
  ], { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: OFFLINE_ENV });
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

/** The workbench URL with only the installed extensions. */
export function plainWorkbenchUrl(session: CodeServerSession): string {
  return `${session.origin}/?folder=${encodeURIComponent(session.workspace)}`;
}

/** The workbench URL that loads this repository as a development extension (and optionally runs tests). */
export function workbenchUrl(session: CodeServerSession, extensionPath: string, testsPath?: string): string {
  const remote = (path: string): string => `vscode-remote://127.0.0.1:${session.port}${path}`;
  const payload: [string, string][] = [['extensionDevelopmentPath', remote(extensionPath)], ['skipWelcome', 'true']];
  if (testsPath !== undefined) payload.push(['extensionTestsPath', remote(testsPath)]);
  return `${session.origin}/?folder=${encodeURIComponent(session.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}
