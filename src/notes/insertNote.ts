// Puts a Markdown block into a note: at a Markdown editor's cursor, into a new untitled note,
// at the end of a chosen file, or onto the clipboard. One undoable edit each; nothing is
// overwritten, and unsaved changes in the target stay as they are.
import { stat } from 'node:fs/promises';
import * as vscode from 'vscode';
import { separated } from './separated';

export type NoteTarget =
  | { readonly kind: 'cursor'; readonly editor: vscode.TextEditor }
  | { readonly kind: 'untitled' }
  | { readonly kind: 'file'; readonly uri: vscode.Uri }
  | { readonly kind: 'clipboard' };

export class NoteRefused extends Error {}

/** The note twice: whole (front matter first, for a note of its own) and for going into a note
 * that already has text (front matter belongs at the top of a file only). */
export interface NoteBlock {
  readonly standalone: string;
  readonly embedded: string;
}

function blockFor(block: NoteBlock, existing: string): string {
  return existing.trim() === '' ? block.standalone : block.embedded;
}

async function refuseReadOnly(uri: vscode.Uri): Promise<void> {
  if (vscode.workspace.fs.isWritableFileSystem(uri.scheme) === false) {
    throw new NoteRefused(vscode.l10n.t('{0} is on a read-only file system; the note was not changed.', uri.fsPath || uri.toString()));
  }
  if (uri.scheme === 'untitled') return;
  // A file without write permission is one its owner protected (root could still write it).
  if (uri.scheme === 'file') {
    const mode = await stat(uri.fsPath).then((found) => found.mode, () => undefined);
    if (mode !== undefined && (mode & 0o222) === 0) throw new NoteRefused(vscode.l10n.t('{0} is read-only; the note was not changed.', uri.fsPath));
  }
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (((stat.permissions ?? 0) & vscode.FilePermission.Readonly) !== 0) {
      throw new NoteRefused(vscode.l10n.t('{0} is read-only; the note was not changed.', uri.fsPath));
    }
  } catch (error) {
    if (error instanceof NoteRefused) throw error;
    // A file that does not exist yet is refused by the edit itself, with its own message.
  }
}

/** Inserts after the selection (never over it) in the editor, as one undoable edit. */
async function atCursor(editor: vscode.TextEditor, note: NoteBlock): Promise<string> {
  await refuseReadOnly(editor.document.uri);
  const document = editor.document;
  const at = editor.selection.end;
  const before = document.getText(new vscode.Range(new vscode.Position(Math.max(0, at.line - 2), 0), at));
  const after = document.getText(new vscode.Range(at, document.lineAt(Math.min(document.lineCount - 1, at.line + 2)).range.end));
  const block = blockFor(note, document.getText());
  const applied = await editor.edit((edit) => { edit.insert(at, separated(block, before, after)); });
  if (!applied) throw new NoteRefused(vscode.l10n.t('VS Code refused the edit to {0} (is it read-only?).', document.uri.fsPath || document.uri.toString()));
  return vscode.l10n.t('Inserted the diagram into {0}.', vscode.workspace.asRelativePath(document.uri));
}

async function appendToFile(uri: vscode.Uri, note: NoteBlock): Promise<string> {
  await refuseReadOnly(uri);
  // The open document if there is one: its unsaved changes are kept, and the append goes after them.
  const document = await vscode.workspace.openTextDocument(uri);
  const wasDirty = document.isDirty;
  const end = document.lineAt(document.lineCount - 1).range.end;
  const edit = new vscode.WorkspaceEdit();
  edit.insert(uri, end, separated(blockFor(note, document.getText()), document.getText(), ''));
  if (!(await vscode.workspace.applyEdit(edit))) throw new NoteRefused(vscode.l10n.t('VS Code refused the edit to {0}.', uri.fsPath));
  // Saving a document that had unsaved changes would save those too: leave that to its owner.
  if (!wasDirty) await document.save();
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  const last = new vscode.Position(document.lineCount - 1, 0);
  editor.revealRange(new vscode.Range(last, last));
  return wasDirty
    ? vscode.l10n.t('Appended the diagram to {0}; it had unsaved changes, so it is not saved yet.', vscode.workspace.asRelativePath(uri))
    : vscode.l10n.t('Appended the diagram to {0}.', vscode.workspace.asRelativePath(uri));
}

/** Carries out the insertion; returns what happened, in words for a notification. */
export async function insertNote(block: NoteBlock, target: NoteTarget): Promise<string> {
  switch (target.kind) {
    case 'cursor':
      return atCursor(target.editor, block);
    case 'untitled': {
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: block.standalone });
      await vscode.window.showTextDocument(document, { preview: false });
      return vscode.l10n.t('Opened the diagram in a new note.');
    }
    case 'file':
      return appendToFile(target.uri, block);
    case 'clipboard':
      await vscode.env.clipboard.writeText(block.standalone);
      return vscode.l10n.t('Copied the diagram as Markdown.');
  }
}
