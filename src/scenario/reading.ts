// What the JSON and YAML readers share: the shape of their answer and the limits they enforce
// before a parsed document reaches validation.
import { lineAndColumn, type Position } from './lines';
import type { ScenarioIssue } from './scenario';

export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A document's value and where each path of it is written, or the problems that stop it being read. */
export type Parsed = { readonly value: unknown; readonly place: (path: readonly (string | number)[]) => Span } | { readonly issues: ScenarioIssue[] };

/** How deep objects and lists may nest: a scenario needs 4 levels; deeper input would only exhaust the stack. */
export const MAX_NESTING = 32;
/** YAML aliases a file may expand (each can copy a whole list: a few of them can fill memory). */
export const MAX_ALIASES = 50;

export const TOO_DEEP: ScenarioIssue = { path: [], message: `objects and lists nest deeper than ${MAX_NESTING} levels; a scenario needs 4` };

/** At least one character, inside the text: an error "at the end" marks the last character. */
export function visibleSpan(text: string, start: number, end: number): Span {
  const from = Math.max(0, Math.min(start, text.length - 1));
  return { start: from, end: Math.min(text.length, Math.max(end, from + 1)) };
}

/** `at` is where the first alias past the limit is written. */
export function tooManyAliases(text: string, position: Position, at: number, count: number): ScenarioIssue {
  return { path: [], message: `not read at ${lineAndColumn(position, at)}: a scenario file may use aliases (*name) at most ${MAX_ALIASES} times, this one uses them ${count} times`, span: visibleSpan(text, at, at + 1) };
}
