// The lists of names a scenario declares (clients, servers), checked in one pass: a set finds the
// same name twice (ajv's uniqueItems compares every pair: 100,000 names took 76 s), and a list
// longer than its limit is refused by its length without reading its names.
import { codePoints } from '../engine/text';
import { describe } from './explain';
import type { ScenarioIssue } from './scenario';

export const MAX_NAME = 80;

/** `field` is "servers" or "clients"; `one` names one of them in messages ("server", "client"). */
export function nameListIssues(field: string, one: string, names: readonly unknown[], max: number): ScenarioIssue[] {
  if (names.length === 0) return [{ path: [field], message: `needs at least one ${one}` }];
  if (names.length > max) return [{ path: [field], message: `may have at most ${max} ${one}s, got ${names.length}` }];
  const issues: ScenarioIssue[] = [];
  const seen = new Map<string, number>();
  names.forEach((name, index) => {
    const path = [field, index];
    if (typeof name !== 'string') issues.push({ path, message: `a ${one}'s name must be text, got ${describe(name)}` });
    else if (name.length === 0) issues.push({ path, message: `a ${one}'s name must not be empty` });
    else if (codePoints(name) > MAX_NAME) issues.push({ path, message: `a ${one}'s name may be at most ${MAX_NAME} characters long, got ${codePoints(name)}` });
    else if (seen.has(name)) issues.push({ path, message: `"${name}" is already the name of ${field}[${String(seen.get(name))}]` });
    else seen.set(name, index);
  });
  return issues;
}
