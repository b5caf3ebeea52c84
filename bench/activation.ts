// How long the shipped extension bundle takes to load and to activate, in plain Node with a stand-in
// for the `vscode` module (every API call answers with another stand-in). Inside the real VS Code the
// integration suite logs the same activate() figure.
import Module, { createRequire } from 'node:module';
import { join } from 'node:path';
import { REPO_ROOT } from '../test/support/paths';

/** Anything: callable, constructible, any property; `then` is absent so nothing awaits it forever. */
function standIn(name: string): unknown {
  const target = function standInFunction(): void { /* stands in for any API */ };
  return new Proxy(target, {
    get: (_target, key) => {
      if (key === 'then') return undefined;
      if (key === 'bundle') return undefined;
      if (key === Symbol.toPrimitive) return () => name;
      return standIn(`${name}.${String(key)}`);
    },
    apply: () => standIn(`${name}()`),
    construct: () => standIn(`new ${name}`) as object,
  });
}

/** The `vscode` module: a plain object whose namespaces and classes are stand-ins (bundlers copy its own keys). */
function vscodeModule(): Record<string, unknown> {
  const names = ['commands', 'env', 'l10n', 'languages', 'window', 'workspace', 'Diagnostic', 'DiagnosticSeverity', 'Disposable', 'EventEmitter', 'FilePermission', 'MarkdownString', 'Position', 'ProgressLocation', 'QuickPickItemKind', 'Range', 'ThemeColor', 'ThemeIcon', 'TreeItem', 'TreeItemCollapsibleState', 'Uri', 'ViewColumn', 'WorkspaceEdit'];
  return Object.fromEntries(names.map((name) => [name, standIn(name)]));
}

interface Loader { _load(request: string, parent: unknown, isMain: boolean): unknown }

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function main(): void {
  const loader = Module as unknown as Loader;
  const original = loader._load.bind(loader);
  const vscode = vscodeModule();
  loader._load = (request, parent, isMain) => (request === 'vscode' ? vscode : original(request, parent, isMain));
  const bundle = join(REPO_ROOT, 'dist', 'extension.js');
  const loads: number[] = [];
  const activations: number[] = [];
  for (let run = 0; run < 5; run++) {
    Reflect.deleteProperty(require.cache, require.resolve(bundle));
    const loadStarted = performance.now();
    // A plain require, as VS Code loads an extension's main file (import() would go through ESM).
    const extension = createRequire(__filename)(bundle) as { activate(context: unknown): { activationMs: number } };
    loads.push(performance.now() - loadStarted);
    const context = { subscriptions: [] as unknown[], extensionUri: standIn('extensionUri') };
    activations.push(extension.activate(context).activationMs);
  }
  console.log(`extension bundle: load ${median(loads).toFixed(1)} ms, activate() ${median(activations).toFixed(1)} ms (median of 5, stand-in vscode API; target activate < 50 ms)`);
}

main();
