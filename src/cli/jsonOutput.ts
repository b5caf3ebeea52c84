// `--format json`: the run as one JSON document, written in pieces.
import type { ScenarioRun } from '../scenario/run';

/** The run as one JSON document, written in pieces: a long run's trace does not fit in one string. */
export function writeJson(result: ScenarioRun, io: { readonly out: (text: string) => void }): void {
  const { scenario, topology, participants, trace, metrics, expectations } = result;
  const head = JSON.stringify({ title: scenario.title, topology, participants, metrics, expectations: expectations.map(({ step, expected, actual, held }) => ({ step, expected, actual, held })) }, null, 2);
  io.out(`${head.slice(0, -2)},\n  "trace": [`);
  const BATCH = 1000;
  for (let index = 0; index < trace.length; index += BATCH) {
    io.out(`${index === 0 ? '' : ','}\n    ${trace.slice(index, index + BATCH).map((event) => JSON.stringify(event)).join(',\n    ')}`);
  }
  io.out(`${trace.length === 0 ? '' : '\n  '}]\n}\n`);
}
