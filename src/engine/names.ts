// What a participant is called in each language. Names a person wrote stay as written; the
// names we choose (Client, Server1, the relay, the store) are said in the reader's language.
import { clip, say, same, type Text } from './text';

export type NameTable = Readonly<Record<string, Text>>;

export const RELAY_LABEL = say('Relay', '중계 서버');
export const STORE_LABEL = say('Session Store', '세션 저장소');

/** A client's or server's name in both languages: from the table, else exactly as written. */
export function displayName(name: string, names: NameTable | undefined): Text {
  // Own entries only: a server called "constructor" is not Object.prototype's.
  const given = names !== undefined && Object.hasOwn(names, name) ? names[name] : undefined;
  return given ?? same(name);
}

/** A name we made up (Server1, Client) in the reader's language; names people write are never translated. */
export function inventedName(name: string): Text {
  const server = /^Server(\d*)$/.exec(name);
  if (server !== null) return say(name, `서버${server[1] ?? ''}`);
  if (name === 'Client') return say(name, '클라이언트');
  return same(name);
}

/** The table of names we made up, each in both languages. */
export function inventedNames(names: readonly string[]): NameTable {
  return Object.fromEntries(names.map((name) => [name, inventedName(name)]));
}

/** Whether `written` names the actor called `name` (as written, in either language, or Server1 for a lone Server). */
export function namesActor(written: string, name: string, label: Text): boolean {
  return written === name || written === label.en || written === label.ko || (name === 'Server' && written === 'Server1');
}

/** Longest name a diagram shows. */
export const MAX_NAME_SHOWN = 40;

/** What a reader sees of a name in a diagram: Mermaid trims it and draws a run of spaces as one; long names are clipped. */
export function drawnName(label: string): string {
  return clip(label.trim().replace(/\s+/g, ' '), MAX_NAME_SHOWN);
}
