// Where architectures part: the first request that ends differently in one of them (another
// server answered it, or it failed where another succeeded), and where that request's first arrow
// is drawn in each one's diagram, so that a view can mark it.
import { say, type Language, type Text } from '../engine/text';
import type { RequestOutcomeEvent } from '../engine/trace';
import type { ScenarioRun } from '../scenario/run';
import { participantLabel, sequenceDiagram } from './sequenceDiagram';

export interface Divergence {
  /** The request where they part, counted from 1 in the order the steps send them. */
  readonly request: number;
  /** Per run: how many arrows its diagram draws before that request's first one. */
  readonly arrowsBefore: readonly number[];
  /** Per run: what became of that request there ("Clerk B answered", "✗ failed"). */
  readonly outcomes: readonly string[];
}

function outcomesOf(run: ScenarioRun): RequestOutcomeEvent[] {
  return run.trace.filter((event): event is RequestOutcomeEvent => event.type === 'request-outcome');
}

/** The trace index where the run's `request`-th request (from 0) begins. */
function startOf(run: ScenarioRun, request: number): number {
  let seen = -1;
  return run.trace.findIndex((event) => event.type === 'request-started' && ++seen === request);
}

function outcomeWords(run: ScenarioRun, outcome: RequestOutcomeEvent | undefined, language: Language): string {
  if (outcome === undefined) return say('not sent', '보내지 않음')[language];
  const server = run.participants.find((participant) => participant.id === outcome.server);
  const name = server === undefined ? undefined : participantLabel(server, language);
  const words: Text = outcome.ok
    ? say(`✓ ${name ?? 'answered'} answered`, `✓ ${name ?? '서버'} 응답`)
    : say(`✗ failed${name === undefined ? '' : ` at ${name}`}: ${outcome.label.en}`, `✗ 실패${name === undefined ? '' : ` (${name})`}: ${outcome.label.ko}`);
  return words[language];
}

/** The first request answered by another server, or succeeding in one run and failing in another; undefined when they never part. */
export function firstDivergence(runs: readonly ScenarioRun[], language: Language): Divergence | undefined {
  if (runs.length < 2) return undefined;
  const all = runs.map(outcomesOf);
  const longest = Math.max(...all.map((outcomes) => outcomes.length));
  for (let index = 0; index < longest; index++) {
    const ends = all.map((outcomes) => outcomes[index]);
    const first = ends[0];
    const parts = ends.some((end) => end === undefined || first === undefined || end.ok !== first.ok || end.server !== first.server);
    if (!parts) continue;
    return {
      request: index + 1,
      arrowsBefore: runs.map((run) => {
        const start = startOf(run, index);
        if (start < 0) return Number.MAX_SAFE_INTEGER;
        // The same drawing as the run's whole diagram, cut before the request: its arrows come first.
        return sequenceDiagram(run.participants, run.trace.slice(0, start), { language, partTitles: false }).reduce((sum, part) => sum + part.messages, 0);
      }),
      outcomes: runs.map((run, at) => outcomeWords(run, ends[at], language)),
    };
  }
  return undefined;
}
