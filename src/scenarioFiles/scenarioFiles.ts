// The workspace's scenario files (*.protocol-lab.json / .yaml / .yml): found, watched, parsed,
// and their problems shown in the Problems panel with the exact range of each.
import * as vscode from 'vscode';
import { formatOfFile, type ParsedScenario } from '../scenario/parse';
import { formatPath, type ScenarioIssue } from '../scenario/scenario';
import { ScenarioChecker } from './checker';
import { readScenarioFile, type FileText } from './readScenarioFile';
import { positionsOf } from '../scenario/lines';

export const SCENARIO_GLOB = '**/*.protocol-lab.{json,yaml,yml}';
const SCENARIO_NAME = /\.protocol-lab\.(json|ya?ml)$/i;
/** How long typing pauses before a scenario file is checked again. */
const CHECK_DELAY_MS = 250;

export interface ScenarioFile {
  readonly uri: vscode.Uri;
  readonly parsed: ParsedScenario;
}

export function isScenarioFile(uri: vscode.Uri): boolean {
  return SCENARIO_NAME.test(uri.path);
}

/** Offsets to positions by the text's own lines (works for files that are not open): the lines are found once per text. */
function positionsIn(text: string): (span: { start: number; end: number } | undefined) => vscode.Range {
  const positionOf = positionsOf(text);
  const position = (offset: number): vscode.Position => {
    const { line, column } = positionOf(Math.max(0, Math.min(offset, text.length)));
    return new vscode.Position(line - 1, column - 1);
  };
  return (span) => (span === undefined ? new vscode.Range(0, 0, 0, 1) : new vscode.Range(position(span.start), position(span.end)));
}

function diagnosticOf(rangeOf: (span: { start: number; end: number } | undefined) => vscode.Range, issue: ScenarioIssue): vscode.Diagnostic {
  const where = issue.path.length > 0 ? `${formatPath(issue.path)}: ` : '';
  const diagnostic = new vscode.Diagnostic(rangeOf(issue.span), `${where}${issue.message}`, vscode.DiagnosticSeverity.Error);
  diagnostic.source = 'Protocol Lab';
  return diagnostic;
}

export class ScenarioFiles implements vscode.Disposable {
  private readonly files = new Map<string, ScenarioFile>();
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('protocol-lab');
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  private readonly disposables: { dispose(): unknown }[] = [];
  readonly onDidChange = this.changeEmitter.event;

  private readonly checker: ScenarioChecker;

  constructor(private readonly log: vscode.LogOutputChannel, bundleDir: string) {
    this.checker = new ScenarioChecker(bundleDir);
    const watcher = vscode.workspace.createFileSystemWatcher(SCENARIO_GLOB);
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => { void this.refreshFile(uri); }),
      watcher.onDidChange((uri) => { void this.refreshFile(uri); }),
      watcher.onDidDelete((uri) => { this.forget(uri); }),
      // What is typed counts before it is saved: the Problems panel follows the editor, a moment
      // after the typing pauses (a keystroke never waits for a check).
      vscode.workspace.onDidChangeTextDocument((event) => { if (isScenarioFile(event.document.uri)) this.takeSoon(event.document); }),
      vscode.workspace.onDidOpenTextDocument((document) => { if (isScenarioFile(document.uri)) void this.refreshFile(document.uri); }),
      this.diagnostics,
      this.changeEmitter,
    );
  }

  /** Finds the files already there; call once. */
  async scan(): Promise<void> {
    const found = await vscode.workspace.findFiles(SCENARIO_GLOB, '**/node_modules/**', 500);
    await Promise.all(found.map((uri) => this.refreshFile(uri)));
    this.changeEmitter.fire();
  }

  all(): ScenarioFile[] {
    return [...this.files.values()].sort((a, b) => a.uri.path.localeCompare(b.uri.path));
  }

  /** Reads and parses one file now (open editors win over the disk: they hold what is typed). */
  async load(uri: vscode.Uri): Promise<ScenarioFile> {
    return this.checkInBackground(uri, await this.textOf(uri));
  }

  /** An open editor's text, unless it is the saved file shown with replacement characters (VS Code
   * decoded bytes that are not UTF-8): then the bytes on disk say what the file is. */
  private async textOf(uri: vscode.Uri): Promise<FileText> {
    const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
    if (open !== undefined && (open.isDirty || open.isUntitled || !open.getText().includes('\uFFFD'))) return { text: open.getText() };
    return readScenarioFile(uri);
  }

  /** Checks a file's text off the host's thread and shows what it found; a file that could not be read as text gets that one problem. */
  private async checkInBackground(uri: vscode.Uri, read: FileText): Promise<ScenarioFile> {
    if ('problem' in read) return this.apply(uri, '', { ok: false, total: 1, issues: [{ path: [], message: read.problem, span: { start: 0, end: 1 } }] });
    return this.apply(uri, read.text, await this.checker.check(read.text, formatOfFile(uri.path)));
  }

  private async refreshFile(uri: vscode.Uri): Promise<void> {
    try {
      await this.checkInBackground(uri, await this.textOf(uri));
    } catch (error) {
      this.log.warn(`Could not read ${uri.toString()}: ${error instanceof Error ? error.message : String(error)}`);
      this.forget(uri);
    }
  }

  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();

  private takeSoon(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const waiting = this.pending.get(key);
    if (waiting !== undefined) clearTimeout(waiting);
    this.pending.set(key, setTimeout(() => {
      this.pending.delete(key);
      if (document.isClosed) return;
      // Back to the saved text of a file that is not UTF-8: said from its bytes again.
      if (!document.isDirty && document.getText().includes('\uFFFD')) {
        void this.refreshFile(document.uri);
        return;
      }
      const version = document.version;
      const text = document.getText();
      // Checked off the host's thread; a result for text that has changed since is dropped.
      void this.checker.check(text, formatOfFile(document.uri.path)).then((parsed) => {
        if (!document.isClosed && document.version === version) this.apply(document.uri, text, parsed);
      });
    }, CHECK_DELAY_MS));
  }

  private apply(uri: vscode.Uri, text: string, parsed: ParsedScenario): ScenarioFile {
    const file = { uri, parsed };
    this.files.set(uri.toString(), file);
    if (parsed.ok) this.diagnostics.set(uri, []);
    else {
      const rangeOf = positionsIn(text);
      this.diagnostics.set(uri, parsed.issues.map((issue) => diagnosticOf(rangeOf, issue)));
    }
    this.changeEmitter.fire();
    return file;
  }

  private forget(uri: vscode.Uri): void {
    this.files.delete(uri.toString());
    this.diagnostics.delete(uri);
    this.changeEmitter.fire();
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    this.checker.dispose();
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}
