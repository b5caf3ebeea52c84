// A scenario after validation: everything filled in, names resolved.
import type { DetailLevel, Params, StatePlacement, Topology } from '../engine/model';
import type { Text } from '../engine/text';

export type Step =
  | { readonly kind: 'request'; readonly from: string; readonly send: string; readonly params: Params; readonly expect?: 'ok' | 'fail'; readonly retry: number }
  | { readonly kind: 'crash' | 'restart' | 'addServer' | 'removeServer'; readonly server: string }
  | { readonly kind: 'store'; readonly up: boolean }
  | { readonly kind: 'drop' }
  | { readonly kind: 'error' }
  | { readonly kind: 'wait'; readonly ms: number };

/** A topology (with every default filled in) plus what to do on it. */
export interface Scenario extends Topology {
  readonly title: Text;
  readonly description?: Text;
  readonly story?: number;
  /** How much its diagram draws, when the file says (the panel and the CLI may choose another). */
  readonly detail?: DetailLevel;
  readonly steps: readonly Step[];
  /** A summary story: its note compares these places for state (the seed's table) instead of drawing one run. */
  readonly comparison?: readonly StatePlacement[];
}

/** A problem in a scenario file: where (path into the document) and what, in words. */
export interface ScenarioIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
  /** Where in the file's text (offsets), when known: editors underline exactly this. */
  readonly span?: { readonly start: number; readonly end: number };
}

export function formatPath(path: readonly (string | number)[]): string {
  let text = '';
  for (const part of path) text += typeof part === 'number' ? `[${part}]` : text === '' ? part : `.${part}`;
  return text;
}

export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
  constructor(readonly issues: readonly ScenarioIssue[], readonly source = 'scenario') {
    super(issues.map((issue) => (issue.path.length > 0 ? `${formatPath(issue.path)}: ${issue.message}` : issue.message)).join('\n'));
  }
}
