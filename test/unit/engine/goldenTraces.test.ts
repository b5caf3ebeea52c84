// Every built-in scenario's trace, byte for byte (UPDATE_GOLDEN=1 regenerates), and determinism.
import * as assert from 'node:assert/strict';
import { builtinScenarios } from '../../../src/scenario/builtins';
import { runScenario, type ScenarioRun } from '../../../src/scenario/run';
import { assertGolden } from '../../support/golden';

/** One event per line, so a changed event shows as one changed line. */
function serialise(run: ScenarioRun): string {
  const header = { participants: run.participants, topology: run.topology, metrics: run.metrics, expectations: run.expectations.map(({ step, expected, actual, held }) => ({ step, expected, actual, held })) };
  return `${[JSON.stringify(header), ...run.trace.map((event) => JSON.stringify(event))].join('\n')}\n`;
}

describe('golden traces of the built-in scenarios', () => {
  for (const builtin of builtinScenarios()) {
    it(`story ${builtin.story}: ${builtin.id}`, () => {
      const run = runScenario(builtin.scenario);
      assert.deepEqual(run.expectations.filter((expectation) => !expectation.held), [], 'every expect mark holds');
      assertGolden(`traces/${builtin.id}.jsonl`, serialise(run));
    });
  }
});

describe('determinism', () => {
  it('the same scenario and seed give the same trace, byte for byte, over repeated runs', () => {
    for (const builtin of builtinScenarios()) {
      const first = serialise(runScenario(builtin.scenario));
      for (let repeat = 0; repeat < 3; repeat++) assert.equal(serialise(runScenario(builtin.scenario)), first, builtin.id);
    }
  });

  it('another seed changes what the seed drives (session ids), nothing else about the outcomes', () => {
    const builtin = builtinScenarios().find((candidate) => candidate.id === 'scaling-sticky-sessions');
    assert.ok(builtin);
    const [one, two] = [1, 2].map((seed) => runScenario(builtin.scenario, { seed }));
    assert.notEqual(serialise(one as ScenarioRun), serialise(two as ScenarioRun));
    assert.deepEqual(one?.expectations.map((expectation) => expectation.actual), two?.expectations.map((expectation) => expectation.actual));
  });
});
