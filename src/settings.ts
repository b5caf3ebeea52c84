// The extension's settings, read when used (a change applies to the next run or note).
import * as vscode from 'vscode';
import type { NoteOptions } from './diagram/note';
import { DETAIL_LEVELS, isOneOf, RELAY_POLICIES, STATE_PLACEMENTS, type DetailLevel, type RelayPolicy, type StatePlacement } from './engine/model';
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

/** How much diagrams draw, when the setting chooses (undefined: the scenario file's own, else every hop). */
export function diagramDetail(): DetailLevel | undefined {
  const chosen = read<unknown>('diagramDetail', 'scenario');
  return isOneOf(DETAIL_LEVELS, chosen) ? chosen : undefined;
}

export function noteOptions(): NoteOptions {
  const maxMessages = read<number>('notes.messagesPerBlock', 200);
  const detail = diagramDetail();
  return {
    ...(detail === undefined ? {} : { detail }),
    language: diagramLanguage(),
    frontMatter: read<boolean>('notes.frontMatter', true),
    autonumber: read<boolean>('notes.autonumber', false),
    maxMessages: Number.isInteger(maxMessages) && maxMessages >= 10 ? maxMessages : 200,
  };
}

/** Whether a note inserted into a file gets PNGs of its diagrams saved beside it. */
export function saveImages(): boolean {
  // settings.json can hold anything: only a true true turns it on.
  return read<unknown>('notes.saveImages', false) === true;
}

/** How the lab plays: its pace, and where state lives and which relay when a setting overrides the scenario. */
export function playSettings(): { readonly speed: number; readonly state?: StatePlacement; readonly relay?: RelayPolicy } {
  const state = read<string>('defaultState', 'scenario');
  const relay = read<string>('defaultRelay', 'scenario');
  const pace = read<number>('pace', 5);
  return {
    // settings.json can hold anything: a pace that is not a positive number falls back to 5 per second.
    speed: typeof pace === 'number' && Number.isFinite(pace) && pace > 0 ? pace : 5,
    ...(isOneOf(STATE_PLACEMENTS, state) ? { state } : {}),
    ...(isOneOf(RELAY_POLICIES, relay) ? { relay } : {}),
  };
}
