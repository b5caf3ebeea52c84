// Reads a scenario file for the editor without trusting it: measured before it is read (a 700 MB
// file, or a link to /dev/zero, is never loaded), and decoded as UTF-8 or refused, as the CLI does.
import * as vscode from 'vscode';
import { NOT_UTF8, tooLarge } from '../scenario/fileText';
import { MAX_SCENARIO_BYTES } from '../scenario/parse';

export type FileText = { readonly text: string } | { readonly problem: string };

function decodeScenarioBytes(bytes: Uint8Array): FileText {
  if (bytes.length > MAX_SCENARIO_BYTES) return { problem: tooLarge(bytes.length) };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { problem: NOT_UTF8 };
  }
}

export async function readScenarioFile(uri: vscode.Uri): Promise<FileText> {
  const stat = await vscode.workspace.fs.stat(uri);
  // Only a file has a size to trust: a device or a pipe could be read for ever.
  if ((stat.type & vscode.FileType.File) === 0) return { problem: 'not a regular file' };
  if (stat.size > MAX_SCENARIO_BYTES) return { problem: tooLarge(stat.size) };
  // The size is checked again after the read: the file may have grown in between.
  return decodeScenarioBytes(await vscode.workspace.fs.readFile(uri));
}
