// Copy Mermaid, export SVG, insert into a note: the run in the lab (or a built-in scenario named
// in the arguments) leaves the panel in the forms people keep.
import * as vscode from 'vscode';
import { mermaidFence } from '../diagram/markdown';
import { noteBlocks, runToMarkdown, withImages, type NoteOptions } from '../diagram/note';
import { imageStem, noteFolder, saveBeside } from '../notes/noteImages';
import { sequenceDiagram } from '../diagram/sequenceDiagram';
import { isOneOf } from '../engine/model';
import { insertNote, type NoteTarget } from '../notes/insertNote';
import type { LabPanel } from '../panel/labPanel';
import { argsOf, text, uriOf } from './commandArgs';
import { CommandRefused, type CommandAction } from './guardedCommand';
import { builtinScenario, builtinScenarios } from '../scenario/builtins';
import { runScenario, type ScenarioRun } from '../scenario/run';
import { noteOptions, saveImages } from '../settings';
import { trafficDiagram, trafficMarkdown } from '../diagram/trafficNote';

/** Arguments accepted from `executeCommand`; every field is optional and checked. */
interface CommandArgs {
  readonly scenario?: string;
  readonly target?: (typeof TARGETS)[number];
  readonly uri?: vscode.Uri;
  /** Replace an existing file at `uri` without asking (for callers that decided already). */
  readonly overwrite: boolean;
}

const TARGETS = ['cursor', 'untitled', 'file', 'clipboard'] as const;

function commandArgs(value: unknown): CommandArgs {
  const args = argsOf(value, 'scenario');
  const scenario = text(args, 'scenario');
  if (scenario !== undefined && builtinScenario(scenario) === undefined) throw new CommandRefused(vscode.l10n.t('There is no built-in scenario "{0}".', scenario));
  const target = args['target'];
  if (target !== undefined && !isOneOf(TARGETS, target)) throw new CommandRefused(vscode.l10n.t('"target" must be cursor, untitled, file or clipboard.'));
  const uri = uriOf(args['uri']);
  if (args['uri'] !== undefined && uri === undefined) throw new CommandRefused(vscode.l10n.t('"uri" must be a URI or a string.'));
  const overwrite = args['overwrite'];
  if (overwrite !== undefined && typeof overwrite !== 'boolean') throw new CommandRefused(vscode.l10n.t('"overwrite" must be true or false.'));
  return { scenario, target, uri, overwrite: overwrite === true };
}

/**
 * Writes an export where the person picks (the save dialog asks before replacing a file), or where
 * the arguments say: there, a file that exists is replaced only when the person agrees (or the
 * caller passed `overwrite: true`). None picked, or not agreed: nothing written.
 */
async function saveExport(given: vscode.Uri | undefined, overwrite: boolean, title: string, extension: 'svg' | 'png', bytes: Uint8Array): Promise<string | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const uri = given ?? await vscode.window.showSaveDialog({
    title,
    filters: { [extension.toUpperCase()]: [extension] },
    ...(folder === undefined ? {} : { defaultUri: vscode.Uri.joinPath(folder, `protocol-lab-diagram.${extension}`) }),
  });
  if (uri === undefined) return undefined;
  // An SVG written as notes.md or a script would replace what that name promises.
  if (!uri.path.toLowerCase().endsWith(`.${extension}`)) throw new CommandRefused(vscode.l10n.t('{0}: an {1} export must be a .{2} file; nothing was written.', vscode.workspace.asRelativePath(uri), extension.toUpperCase(), extension));
  if (given !== undefined && !overwrite && await vscode.workspace.fs.stat(uri).then(() => true, () => false)) {
    const replace = vscode.l10n.t('Replace');
    const answer = await vscode.window.showWarningMessage(vscode.l10n.t('{0} exists. Replace it with the diagram?', vscode.workspace.asRelativePath(uri)), { modal: true }, replace);
    if (answer !== replace) throw new CommandRefused(vscode.l10n.t('{0} was kept as it was: nothing was exported.', vscode.workspace.asRelativePath(uri)));
  }
  await vscode.workspace.fs.writeFile(uri, bytes);
  return vscode.l10n.t('Saved the diagram to {0}.', vscode.workspace.asRelativePath(uri));
}

export class DiagramCommands {
  /** The Markdown editor used last: the lab panel takes focus, yet "at the cursor" means that note. */
  private lastMarkdownEditor: vscode.TextEditor | undefined;

  constructor(private readonly lab: LabPanel) {}

  register(run: (id: string, action: CommandAction) => vscode.Disposable): vscode.Disposable[] {
    const remember = (editor: vscode.TextEditor | undefined): void => {
      if (editor?.document.languageId === 'markdown') this.lastMarkdownEditor = editor;
    };
    remember(vscode.window.activeTextEditor);
    return [
      vscode.window.onDidChangeActiveTextEditor(remember),
      run('protocolLab.copyMermaid', (args) => this.copyMermaid(commandArgs(args))),
      run('protocolLab.exportSvg', (args) => this.exportSvg(commandArgs(args))),
      run('protocolLab.exportPng', (args) => this.exportPng(commandArgs(args))),
      run('protocolLab.copyImage', () => this.copyImage()),
      run('protocolLab.insertIntoNote', (args) => this.insertIntoNote(commandArgs(args))),
    ];
  }

  /** The run to use (a named built-in, else the lab's run, else one the person picks) and the note options for it: the lab's run is drawn at the detail chosen in the panel. */
  private async runFor(args: CommandArgs): Promise<{ readonly run: ScenarioRun; readonly options: NoteOptions } | undefined> {
    const named = args.scenario === undefined ? undefined : builtinScenario(args.scenario);
    const options = noteOptions();
    if (named !== undefined) return { run: runScenario(named.scenario), options };
    const live = this.lab.currentRun();
    if (live !== undefined) return { run: live, options: { ...options, detail: this.lab.detail } };
    const picked = await this.pickedRun();
    return picked === undefined ? undefined : { run: picked, options };
  }

  private async pickedRun(): Promise<ScenarioRun | undefined> {
    const language = noteOptions().language;
    const picked = await vscode.window.showQuickPick(
      builtinScenarios().map((builtin) => ({ label: builtin.scenario.title[language], description: builtin.id, id: builtin.id })),
      { title: vscode.l10n.t('Which scenario?'), placeHolder: vscode.l10n.t('The lab is not open: pick a scenario to draw') },
    );
    const builtin = picked === undefined ? undefined : builtinScenario(picked.id);
    return builtin === undefined ? undefined : runScenario(builtin.scenario);
  }

  private async copyMermaid(args: CommandArgs): Promise<string | undefined> {
    const traffic = args.scenario === undefined ? this.lab.shownTraffic : undefined;
    if (traffic !== undefined) {
      await vscode.env.clipboard.writeText(trafficDiagram(traffic.drawing(), noteOptions().language));
      return vscode.l10n.t('Copied the Mermaid diagram.');
    }
    const chosen = await this.runFor(args);
    if (chosen === undefined) return undefined;
    const { run, options } = chosen;
    const detail = { level: options.detail ?? run.scenario.detail ?? 'hop' };
    const parts = sequenceDiagram(run.participants, run.trace, { language: options.language, autonumber: options.autonumber, maxMessages: options.maxMessages, title: run.scenario.title[options.language], detail });
    // One diagram copies as plain Mermaid (for Mermaid's editors); several need fences to stay apart.
    const [only] = parts;
    const text = parts.length === 1 && only !== undefined ? only.mermaid : parts.map((part) => mermaidFence(part.mermaid)).join('\n\n');
    await vscode.env.clipboard.writeText(text);
    return parts.length === 1 ? vscode.l10n.t('Copied the Mermaid diagram.') : vscode.l10n.t('Copied the diagram as {0} Mermaid blocks.', parts.length);
  }

  private async exportSvg(args: CommandArgs): Promise<string | undefined> {
    if (!this.lab.isOpen) throw new CommandRefused(vscode.l10n.t('Open the lab first: the SVG is the diagram it draws.'));
    const svg = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Collecting the drawn diagram…') }, () => this.lab.drawnSvg());
    if (svg === '') throw new CommandRefused(vscode.l10n.t('The lab has not drawn a diagram yet.'));
    return saveExport(args.uri, args.overwrite, vscode.l10n.t('Export the diagram as SVG'), 'svg', new TextEncoder().encode(svg));
  }

  private async exportPng(args: CommandArgs): Promise<string | undefined> {
    if (!this.lab.isOpen) throw new CommandRefused(vscode.l10n.t('Open the lab first: the image is the diagram it draws.'));
    const [png] = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Drawing the diagram as an image…') }, () => this.lab.pngs());
    if (png === undefined) throw new CommandRefused(vscode.l10n.t('The lab has not drawn a diagram yet.'));
    return saveExport(args.uri, args.overwrite, vscode.l10n.t('Export the diagram as PNG'), 'png', png);
  }

  private async copyImage(): Promise<string | undefined> {
    if (!this.lab.isOpen) throw new CommandRefused(vscode.l10n.t('Open the lab first: the image is the diagram it draws.'));
    try {
      await this.lab.copyImage();
    } catch (error) {
      throw new CommandRefused(vscode.l10n.t('The image could not be copied: {0}. Export PNG saves it as a file instead.', error instanceof Error ? error.message : String(error)));
    }
    return vscode.l10n.t('Copied the diagram as an image.');
  }

  private async insertIntoNote(args: CommandArgs): Promise<string | undefined> {
    const traffic = args.scenario === undefined ? this.lab.shownTraffic : undefined;
    if (traffic !== undefined) {
      // Real traffic: what the proxy saw, its diagram and its tally, the same way into the same places.
      const drawing = traffic.drawing();
      const target = await this.targetFor(args);
      if (target === undefined) return undefined;
      const markdown = trafficMarkdown(drawing, noteOptions().language);
      return insertNote({ standalone: markdown, embedded: markdown }, target);
    }
    const chosen = await this.runFor(args);
    if (chosen === undefined) return undefined;
    const { run } = chosen;
    const target = await this.targetFor(args);
    if (target === undefined) return undefined;
    const options = { ...chosen.options, created: new Date() };
    const note = { standalone: runToMarkdown(run, options), embedded: runToMarkdown(run, { ...options, frontMatter: false }) };
    const folder = saveImages() ? noteFolder(target) : undefined;
    if (folder === undefined) return insertNote(note, target);
    // Pictures beside the note, each linked under its Mermaid block (for viewers that show images only).
    const pngs = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Drawing the diagram as an image…') }, async () => {
      if (!this.lab.isOpen) this.lab.open();
      return this.lab.pngs(noteBlocks(run, options.language, options.detail ?? run.scenario.detail));
    });
    const names = await saveBeside(folder, imageStem(target, run.scenario.title.en), pngs);
    const alt = run.scenario.title[options.language];
    return insertNote({ standalone: withImages(note.standalone, names, alt), embedded: withImages(note.embedded, names, alt) }, target);
  }

  /** Markdown made elsewhere (the comparison) into a note, asking where as Insert into note does. */
  async insertMarkdown(markdown: string, target?: CommandArgs['target']): Promise<string | undefined> {
    const where = await this.targetFor({ target, overwrite: false });
    return where === undefined ? undefined : insertNote({ standalone: markdown, embedded: markdown }, where);
  }

  private async targetFor(args: CommandArgs): Promise<NoteTarget | undefined> {
    const active = vscode.window.activeTextEditor;
    const markdown = active?.document.languageId === 'markdown' ? active : this.visibleLastMarkdownEditor();
    switch (args.target) {
      case 'cursor':
        if (markdown === undefined) throw new CommandRefused(vscode.l10n.t('No Markdown editor is open to insert into.'));
        return { kind: 'cursor', editor: markdown };
      case 'untitled':
        return { kind: 'untitled' };
      case 'clipboard':
        return { kind: 'clipboard' };
      case 'file': {
        const uri = args.uri ?? await this.pickFile();
        // A note is a Markdown file: appending to anything else (a script, a config) is refused.
        if (uri !== undefined && !/\.(md|markdown)$/i.test(uri.path)) throw new CommandRefused(vscode.l10n.t('{0}: a note must be a Markdown file (.md); nothing was changed.', vscode.workspace.asRelativePath(uri)));
        return uri === undefined ? undefined : { kind: 'file', uri };
      }
      case undefined:
        // From inside a note, the palette means "here".
        if (active !== undefined && active === markdown) return { kind: 'cursor', editor: active };
        return this.pickTarget(markdown);
    }
  }

  private visibleLastMarkdownEditor(): vscode.TextEditor | undefined {
    const last = this.lastMarkdownEditor;
    return last !== undefined && vscode.window.visibleTextEditors.includes(last) && !last.document.isClosed ? last : undefined;
  }

  private async pickTarget(markdown: vscode.TextEditor | undefined): Promise<NoteTarget | undefined> {
    type Item = vscode.QuickPickItem & { readonly target: () => Promise<NoteTarget | undefined> };
    const items: Item[] = [];
    if (markdown !== undefined) {
      items.push({ label: vscode.l10n.t('At the cursor in {0}', vscode.workspace.asRelativePath(markdown.document.uri)), target: () => Promise.resolve({ kind: 'cursor', editor: markdown }) });
    }
    items.push(
      { label: vscode.l10n.t('In a new note'), description: vscode.l10n.t('untitled Markdown'), target: () => Promise.resolve({ kind: 'untitled' }) },
      { label: vscode.l10n.t('At the end of a file…'), target: async () => { const uri = await this.pickFile(); return uri === undefined ? undefined : { kind: 'file', uri }; } },
      { label: vscode.l10n.t('On the clipboard'), description: vscode.l10n.t('as Markdown'), target: () => Promise.resolve({ kind: 'clipboard' }) },
    );
    const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Insert the diagram into a note'), placeHolder: vscode.l10n.t('Where should the diagram go?') });
    return picked?.target();
  }

  private async pickFile(): Promise<vscode.Uri | undefined> {
    const found = await vscode.workspace.findFiles('**/*.md', '**/node_modules/**', 200);
    if (found.length === 0) {
      const chosen = await vscode.window.showOpenDialog({ title: vscode.l10n.t('Append the diagram to which note?'), filters: { Markdown: ['md', 'markdown'] }, canSelectMany: false });
      return chosen?.[0];
    }
    const picked = await vscode.window.showQuickPick(
      found.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })).sort((a, b) => a.label.localeCompare(b.label)),
      { title: vscode.l10n.t('Append the diagram to which note?') },
    );
    return picked?.uri;
  }
}
