import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { EventQueue } from '../../../src/engine/eventQueue';

describe('event queue', () => {
  it('pops in (time, insertion order) order, for any pushes', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 300 }), (times) => {
      const queue = new EventQueue<{ time: number; seq: number; index: number }>();
      times.forEach((time, index) => { queue.push({ time, seq: 0, index }); });
      const popped: number[] = [];
      for (let item = queue.pop(); item !== undefined; item = queue.pop()) popped.push(item.index);
      const expected = times.map((time, index) => ({ time, index })).sort((a, b) => a.time - b.time || a.index - b.index).map((entry) => entry.index);
      assert.deepEqual(popped, expected);
    }), { numRuns: 300 });
  });

  it('interleaves pushes and pops correctly', () => {
    const queue = new EventQueue<{ time: number; seq: number; name: string }>();
    queue.push({ time: 5, seq: 0, name: 'a' });
    queue.push({ time: 1, seq: 0, name: 'b' });
    assert.equal(queue.pop()?.name, 'b');
    queue.push({ time: 5, seq: 0, name: 'c' });
    queue.push({ time: 2, seq: 0, name: 'd' });
    assert.deepEqual([queue.pop()?.name, queue.pop()?.name, queue.pop()?.name, queue.pop()], ['d', 'a', 'c', undefined]);
    assert.equal(queue.size, 0);
  });
});
