// The palette's and command arguments' rules are the scenario file's: the same values are refused.
import * as assert from 'node:assert/strict';
import { addServerProblem, paramProblem, requestProblem } from '../../../src/scenario/commandRules';
import { parseScenario } from '../../../src/scenario/parse';

function fileRefuses(step: Record<string, unknown>, servers: readonly string[] = ['Server1']): boolean {
  return !parseScenario(JSON.stringify({ version: 1, title: 't', protocol: 'shop', servers, relay: 'round-robin', steps: [step] }), 'json').ok;
}

describe('command rules', () => {
  it('refuses the quantities, items and names a file refuses, and accepts what it accepts', () => {
    for (const quantity of [0, -3, 1001, 1e20, 1, 2, 1000]) {
      const problem = requestProblem('shop', 'Client', 'order', { quantity });
      assert.equal(problem !== undefined, fileRefuses({ from: 'Client', send: 'order', quantity }), `quantity ${quantity}: ${problem ?? 'accepted'}`);
      assert.equal(paramProblem('shop', 'order', 'quantity', quantity), problem);
    }
    assert.equal(requestProblem('shop', 'Client', 'order', { quantity: 1001 }), 'quantity: must be at most 1000, got 1001');
    assert.equal(requestProblem('shop', 'Client', 'price', { item: 'x'.repeat(81) }), 'item: must be at most 80 characters long, got 81');
    assert.match(requestProblem('shop', 'Client', 'price', {}) ?? '', /"price" needs "item"/);
    for (const name of ['', 'Server1', '서버1', 'n'.repeat(81), 'Spare']) {
      assert.equal(addServerProblem('shop', ['Server1'], name) !== undefined, fileRefuses({ addServer: name }), `server "${name}"`);
    }
    assert.equal(addServerProblem('shop', ['Server1'], ''), 'server name: must not be empty');
  });
});
