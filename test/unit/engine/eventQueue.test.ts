import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { BinaryHeap } from '../../../src/engine/binaryHeap';
import { EventQueue } from '../../../src/engine/eventQueue';

interface Item { time: number; seq: number; index: number }

/** A push (a time) or a pop (null), in any mix. */
const operations = fc.array(fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constant(null)), { maxLength: 400 });

/** What a single sorted list would hand out for the same operations. */
function reference(ops: readonly (number | null)[]): (number | undefined)[] {
  const waiting: { time: number; index: number }[] = [];
  const popped: (number | undefined)[] = [];
  ops.forEach((time, index) => {
    if (time !== null) {
      waiting.push({ time, index });
      return;
    }
    waiting.sort((a, b) => a.time - b.time || a.index - b.index);
    popped.push(waiting.shift()?.index);
  });
  return popped;
}

function replay(queue: { push(item: Item): void; pop(): Item | undefined; readonly size: number }, ops: readonly (number | null)[], setSeq: boolean): (number | undefined)[] {
  const popped: (number | undefined)[] = [];
  ops.forEach((time, index) => {
    if (time === null) popped.push(queue.pop()?.index);
    else queue.push({ time, seq: setSeq ? index : 0, index });
  });
  return popped;
}

describe('event queue', () => {
  it('pops in (time, insertion order) order, for any pushes', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 300 }), (times) => {
      const queue = new EventQueue<Item>();
      times.forEach((time, index) => { queue.push({ time, seq: 0, index }); });
      const popped: number[] = [];
      for (let item = queue.pop(); item !== undefined; item = queue.pop()) popped.push(item.index);
      const expected = times.map((time, index) => ({ time, index })).sort((a, b) => a.time - b.time || a.index - b.index).map((entry) => entry.index);
      assert.deepEqual(popped, expected);
    }), { numRuns: 300 });
  });

  it('hands out what one sorted list would, for any mix of pushes and pops (in-order lane and heap together)', () => {
    fc.assert(fc.property(operations, (ops) => {
      const queue = new EventQueue<Item>();
      const expected = reference(ops);
      assert.deepEqual(replay(queue, ops, false), expected);
      const pushes = ops.filter((op) => op !== null).length;
      assert.equal(queue.size, pushes - expected.filter((index) => index !== undefined).length);
    }), { numRuns: 500 });
  });

  it('the bare binary heap agrees with the same list when the caller numbers the items', () => {
    fc.assert(fc.property(operations, (ops) => {
      assert.deepEqual(replay(new BinaryHeap<Item>(), ops, true), reference(ops));
    }), { numRuns: 300 });
  });

  it('keeps order across lane compaction in a long in-order run with stragglers', () => {
    const queue = new EventQueue<Item>();
    const popped: number[] = [];
    let now = 0;
    let index = 0;
    // Like a busy lab: messages one step ahead, now and then a timeout far ahead, never idle.
    for (let round = 0; round < 20_000; round++) {
      queue.push({ time: now + 1, seq: 0, index: index++ });
      if (round % 997 === 0) queue.push({ time: now + 50, seq: 0, index: index++ });
      if (round % 3 !== 0) {
        const item = queue.pop();
        assert.ok(item !== undefined && item.time >= now, 'time never goes backwards');
        now = item.time;
        popped.push(item.index);
      }
    }
    for (let item = queue.pop(); item !== undefined; item = queue.pop()) {
      assert.ok(item.time >= now);
      now = item.time;
      popped.push(item.index);
    }
    assert.equal(popped.length, index);
    assert.equal(new Set(popped).size, index);
  });

  it('interleaves pushes and pops correctly', () => {
    const queue = new EventQueue<{ time: number; seq: number; name: string }>();
    queue.push({ time: 5, seq: 0, name: 'a' });
    queue.push({ time: 1, seq: 0, name: 'b' });
    assert.equal(queue.peek()?.name, 'b');
    assert.equal(queue.pop()?.name, 'b');
    queue.push({ time: 5, seq: 0, name: 'c' });
    queue.push({ time: 2, seq: 0, name: 'd' });
    assert.deepEqual([queue.pop()?.name, queue.pop()?.name, queue.pop()?.name, queue.pop()], ['d', 'a', 'c', undefined]);
    assert.equal(queue.size, 0);
  });
});
