// The extension's settings, read when used (a change applies to the next run or note).
import * as vscode from 'vscode';
import type { NoteOptions } from './diagram/note';
import type { Language } from './engine/text';

const SECTION = 'protocolLab';

function read<T>(key: string, fallback: T): T {
  return vscode.workspace.getConfiguration(SECTION).get<T>(key, fallback);
}

/** Diagrams and notes in Korean or English; `auto` follows VS Code's display language. */
export function diagramLanguage(): Language {
  const chosen = read<string>('diagramLanguage', 'auto');
  if (chosen === 'en' || chosen === 'ko') return chosen;
  return vscode.env.language.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

export function noteOptions(): NoteOptions {
  const maxMessages = read<number>('notes.messagesPerBlock', 200);
  return {
    language: diagramLanguage(),
    frontMatter: read<boolean>('notes.frontMatter', true),
    autonumber: read<boolean>('notes.autonumber', false),
    maxMessages: Number.isInteger(maxMessages) && maxMessages >= 10 ? maxMessages : 200,
  };
}
