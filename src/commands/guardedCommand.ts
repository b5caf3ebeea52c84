// Registers a command whose failures reach the person as one clear message. Refusals (bad
// arguments, a lab rule such as "already down") are expected; anything else is also logged.
import * as vscode from 'vscode';
import { LabError } from '../engine/lab';
import { NoteRefused } from '../notes/insertNote';

/** A refusal the person can act on: shown as an error message, not logged as a bug. */
export class CommandRefused extends Error {}

export type CommandAction = (args: unknown) => Promise<string | undefined>;

export function guardedCommand(log: vscode.LogOutputChannel): (id: string, action: CommandAction) => vscode.Disposable {
  return (id, action) => vscode.commands.registerCommand(id, async (args: unknown) => {
    try {
      const done = await action(args);
      if (done !== undefined) void vscode.window.showInformationMessage(done);
      // The result tells executeCommand callers (tests, other extensions) what happened.
      return done;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      void vscode.window.showErrorMessage(message);
      if (error instanceof CommandRefused || error instanceof NoteRefused || error instanceof LabError) return undefined;
      log.error(`${id} failed: ${error instanceof Error ? error.stack ?? message : message}`);
      throw error;
    }
  });
}
