// Two actors never share a drawn name: each lifeline is told apart by what a reader sees, in either
// language (our Server1 is drawn 서버1 in Korean; names are trimmed, their spaces drawn as one, and
// clipped; the relay and the store have names of their own).
import { displayName, drawnName, RELAY_LABEL, STORE_LABEL, type NameTable } from '../engine/names';
import type { Language, Text } from '../engine/text';
import { formatPath, type ScenarioIssue } from './scenario';

export interface DeclaredName {
  readonly name: string;
  readonly path: readonly (string | number)[];
}

interface Drawn {
  readonly said: string;
  readonly label: Text;
  readonly path: readonly (string | number)[] | undefined;
}

const LANGUAGE_WORDS: Readonly<Record<Language, string>> = { en: 'in English', ko: 'in Korean' };

/** Names in the order they are declared; the relay's and the store's drawn names are always taken. `invented`: the names we made up, drawn translated. */
export function drawnNameIssues(names: readonly DeclaredName[], invented?: NameTable): ScenarioIssue[] {
  const ours: Drawn[] = [{ said: 'the relay', label: RELAY_LABEL, path: undefined }, { said: 'the session store', label: STORE_LABEL, path: undefined }];
  const issues: ScenarioIssue[] = [];
  const taken = new Map<string, Drawn>();
  const written = new Set<string>();
  for (const drawn of ours) for (const language of ['en', 'ko'] as const) taken.set(`${language}:${drawnName(drawn.label[language])}`, drawn);
  for (const { name, path } of names) {
    // The same name declared again (a server removed and added back) is the same lifeline.
    if (written.has(name)) continue;
    written.add(name);
    const drawn: Drawn = { said: `"${name}"`, label: displayName(name, invented), path };
    if (drawnName(name) === '') {
      issues.push({ path, message: 'a name must have more than spaces in it (it would be drawn empty)' });
      continue;
    }
    for (const language of ['en', 'ko'] as const) {
      const key = `${language}:${drawnName(drawn.label[language])}`;
      const other = taken.get(key);
      if (other === undefined) { taken.set(key, drawn); continue; }
      const where = other.path === undefined ? other.said : `${other.said} (${formatPath(other.path)})`;
      issues.push({ path, message: `"${name}" would be drawn "${drawnName(drawn.label[language])}" ${LANGUAGE_WORDS[language]}, as ${where} is: two actors may not share a drawn name` });
      break;
    }
  }
  return issues;
}
