// Arguments from `executeCommand` (other extensions, tests, tree items, walkthrough links) are
// untrusted: read them through these, which refuse the wrong kind with a message.
import * as vscode from 'vscode';
import { CommandRefused } from './guardedCommand';

export type Args = Readonly<Record<string, unknown>>;

/** An object of named arguments; a bare string stands for the one named `single`. */
export function argsOf(value: unknown, single: string): Args {
  if (value === undefined || value === null) return {};
  if (typeof value === 'string') return { [single]: value };
  if (typeof value === 'object' && !Array.isArray(value)) return value as Args;
  throw new CommandRefused(vscode.l10n.t('Expected an object of arguments or a name.'));
}

export function text(args: Args, key: string): string | undefined {
  const value = args[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new CommandRefused(vscode.l10n.t('"{0}" must be a string.', key));
  return value;
}

/** A URI: a Uri (possibly another extension's copy of the class, so no instanceof alone), its JSON
 * form, a URI string or a file path; a relative path is taken in the first workspace folder (not in
 * the file system's root), and refused when there is none or when it leads out of it. Undefined for
 * anything else. */
export function uriOf(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  if (typeof value === 'string') {
    if (/^[a-z][a-z0-9+.-]+:/i.test(value)) return vscode.Uri.parse(value, true);
    if (value.startsWith('/')) return vscode.Uri.file(value);
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    if (folder === undefined) throw new CommandRefused(vscode.l10n.t('"{0}" is a relative path, and no folder is open to take it in.', value));
    const joined = vscode.Uri.joinPath(folder, value);
    // "../x" would climb out of the folder a relative path is taken in: such a path is refused.
    const root = folder.path.endsWith('/') ? folder.path : `${folder.path}/`;
    if (!`${joined.path}/`.startsWith(root)) throw new CommandRefused(vscode.l10n.t('"{0}" leads outside the workspace folder; give a path inside it (or an absolute one).', value));
    return joined;
  }
  if (typeof value === 'object' && value !== null) {
    const parts = value as Record<string, unknown>;
    const field = (key: string): string => (typeof parts[key] === 'string' ? parts[key] : '');
    if (field('scheme') !== '' && typeof parts['path'] === 'string') {
      return vscode.Uri.from({ scheme: field('scheme'), authority: field('authority'), path: field('path'), query: field('query'), fragment: field('fragment') });
    }
  }
  return undefined;
}
