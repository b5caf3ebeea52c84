// PNGs saved beside the note they illustrate, under names that never replace a file already there.
import * as vscode from 'vscode';
import type { NoteTarget } from './insertNote';

/** The folder of a note that is a file on disk (or any writable file system); undefined for untitled notes and the clipboard. */
export function noteFolder(target: NoteTarget): vscode.Uri | undefined {
  const uri = target.kind === 'cursor' ? target.editor.document.uri : target.kind === 'file' ? target.uri : undefined;
  if (uri === undefined || uri.scheme === 'untitled') return undefined;
  return vscode.Uri.joinPath(uri, '..');
}

/** A file-name stem from the note's name and the story: "network-notes.clerk-changes-mid-purchase". */
export function imageStem(target: NoteTarget, title: string): string {
  const uri = target.kind === 'cursor' ? target.editor.document.uri : target.kind === 'file' ? target.uri : undefined;
  const name = uri === undefined ? 'note' : uri.path.split('/').pop()?.replace(/\.(md|markdown)$/i, '') ?? 'note';
  // Obsidian's links cannot reach a file with # ^ [ ] | in its name, nor Windows one with ?.
  const note = name.replace(/[#^[\]|?]/g, '-');
  const story = title.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 48) || 'diagram';
  return `${note}.${story}`;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  return vscode.workspace.fs.stat(uri).then(() => true, () => false);
}

/** Writes each PNG as `<stem>-<n>.png` (a fresh number when that name is taken); returns the names. */
export async function saveBeside(folder: vscode.Uri, stem: string, pngs: readonly Uint8Array[]): Promise<string[]> {
  const names: string[] = [];
  let number = 1;
  for (const png of pngs) {
    let name = `${stem}-${number}.png`;
    while (await exists(vscode.Uri.joinPath(folder, name))) name = `${stem}-${++number}.png`;
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, name), png);
    names.push(name);
    number++;
  }
  return names;
}
