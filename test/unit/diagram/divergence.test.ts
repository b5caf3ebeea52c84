// Where architectures part: the first request another server answered, or that failed in one and not another.
import * as assert from 'node:assert/strict';
import { compareStates } from '../../../src/diagram/comparison';
import { firstDivergence } from '../../../src/diagram/divergence';
import { sequenceDiagram } from '../../../src/diagram/sequenceDiagram';
import { STATE_PLACEMENTS } from '../../../src/engine/model';
import { builtinScenario } from '../../../src/scenario/builtins';

function runsOf(id: string): ReturnType<typeof compareStates>['runs'] {
  const builtin = builtinScenario(id);
  assert.ok(builtin);
  return compareStates(builtin.scenario, STATE_PLACEMENTS, 'en').runs;
}

describe('first divergence of compared architectures', () => {
  it('parts the clerk story at request 2, where the stateful clerk keeps Clerk A, and counts the arrows drawn before it', () => {
    const runs = runsOf('clerk-changes-stateful');
    const divergence = firstDivergence(runs, 'en');
    assert.ok(divergence);
    assert.equal(divergence.request, 2);
    assert.deepEqual(divergence.outcomes, ['✓ Clerk B answered', '✓ Clerk B answered', '✓ Clerk A answered', '✓ Clerk B answered']);
    // The store's column draws SET session / OK before the first answer: two arrows more.
    assert.deepEqual(divergence.arrowsBefore, [2, 2, 2, 4]);
    // Counted in the whole diagram, the arrow after those is request 2's: "I'll buy 2…".
    runs.forEach((run, index) => {
      const arrows = sequenceDiagram(run.participants, run.trace, { language: 'en', partTitles: false }).flatMap((part) => part.mermaid.split('\n').filter((line) => /^\s*\w+-{1,2}(>>|x)\w+: /.test(line)));
      assert.match(arrows[divergence.arrowsBefore[index] ?? -1] ?? '', /: I'll buy 2/);
    });
    assert.deepEqual(firstDivergence(runs, 'ko')?.outcomes[2], '✓ 점원A 응답');
  });

  it('says a failure where another architecture succeeded, and nothing when they never part', () => {
    const divergence = firstDivergence(runsOf('scaling-shared-store'), 'en');
    assert.match(divergence?.outcomes[2] ?? '', /^✗ failed at Server2: 401/);
    assert.equal(firstDivergence(runsOf('clerk-stateful'), 'en'), undefined);
    assert.equal(firstDivergence(runsOf('clerk-changes-stateful').slice(0, 1), 'en'), undefined);
  });
});
