// The live diagram draws only its tail, yet ends with the same messages as a diagram of the whole run.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { LiveDiagram } from '../../../src/diagram/liveDiagram';
import { sequenceDiagram } from '../../../src/diagram/sequenceDiagram';
import type { Participant, TraceEvent } from '../../../src/engine/trace';
import { builtinScenarios } from '../../../src/scenario/builtins';
import { runScenario } from '../../../src/scenario/run';
import { makeLab } from '../../support/labs';

const ARROW = /^\s*\S+?(-->>|->>|--x|-x)\S+?:/;

function arrows(mermaid: string): string[] {
  return mermaid.split('\n').filter((line) => ARROW.test(line)).map((line) => line.trim());
}

/** Every arrow, marked with whether it sits in a tinted (failed request) block. */
function tintedArrows(mermaid: string): string[] {
  const blocks: string[] = [];
  const out: string[] = [];
  for (const line of mermaid.split('\n').map((text) => text.trim())) {
    if (line.startsWith('rect ') || line.startsWith('alt ')) blocks.push(line.slice(0, 4));
    else if (line === 'end') blocks.pop();
    else if (ARROW.test(line)) out.push(`${blocks.includes('rect') ? 'tinted' : 'plain'} ${line}`);
  }
  return out;
}

/** Feeds the trace in batches of the given sizes, as the webview receives it. */
function liveParts(participants: readonly Participant[], trace: readonly TraceEvent[], batchSizes: readonly number[], maxMessages: number): readonly { heading: string; mermaid: string }[] {
  const live = new LiveDiagram(participants, 'en', maxMessages);
  let parts = live.update([]);
  let end = 0;
  for (let batch = 0; end < trace.length; batch++) {
    end = Math.min(trace.length, end + Math.max(1, batchSizes[batch % batchSizes.length] ?? 1));
    parts = live.update(trace.slice(0, end));
  }
  return parts;
}

/** A long stateless shop run with a crash in the middle and failures around it. */
function longRun(): { participants: readonly Participant[]; trace: readonly TraceEvent[] } {
  const lab = makeLab({ state: 'client' });
  const requests = [['price', { item: 'laptop' }], ['order', { quantity: 2 }], ['pay', { method: 'card' }]] as const;
  for (let index = 0; index < 120; index++) {
    if (index === 40) lab.crash('Server2');
    if (index === 80) lab.restart('Server2');
    const [name, params] = requests[index % 3] ?? requests[0];
    lab.send('Client', name, params);
    lab.runUntilIdle();
  }
  return { participants: lab.participants, trace: lab.trace };
}

/** Stateful servers behind round-robin: most orders and payments fail, a lost message times out. */
function failingRun(): { participants: readonly Participant[]; trace: readonly TraceEvent[] } {
  const lab = makeLab({ state: 'server' });
  const requests = [['price', { item: 'laptop' }], ['order', { quantity: 2 }], ['pay', { method: 'card' }]] as const;
  for (let index = 0; index < 60; index++) {
    if (index === 20) lab.crash('Server2');
    if (index === 31) lab.dropNext();
    const [name, params] = requests[index % 3] ?? requests[0];
    lab.send('Client', name, params);
    lab.runUntilIdle();
  }
  return { participants: lab.participants, trace: lab.trace };
}

describe('live diagram (only the tail is redrawn)', () => {
  it('ends with every message of the whole-run diagram, in order, for every built-in scenario', () => {
    for (const builtin of builtinScenarios()) {
      const run = runScenario(builtin.scenario);
      const whole = sequenceDiagram(run.participants, run.trace, { language: 'en', maxMessages: 100_000 }).flatMap((part) => arrows(part.mermaid));
      const live = liveParts(run.participants, run.trace, [1], 4).flatMap((part) => arrows(part.mermaid));
      assert.deepEqual(live, whole, builtin.id);
    }
  });

  it('keeps every message, caps each part and balances its blocks, whatever the batch sizes (property)', () => {
    const run = longRun();
    const whole = sequenceDiagram(run.participants, run.trace, { language: 'en', maxMessages: 100_000 }).flatMap((part) => arrows(part.mermaid));
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 8 }), fc.integer({ min: 3, max: 60 }), (sizes, maxMessages) => {
      const parts = liveParts(run.participants, run.trace, sizes, maxMessages);
      assert.deepEqual(parts.flatMap((part) => arrows(part.mermaid)), whole);
      for (const part of parts) {
        const lines = part.mermaid.split('\n').map((line) => line.trim());
        const opened = lines.filter((line) => line.startsWith('rect ') || line.startsWith('alt ')).length;
        assert.equal(lines.filter((line) => line === 'end').length, opened, part.mermaid);
        // A part may run past the cap only to finish a block it is in.
        assert.ok(arrows(part.mermaid).length <= maxMessages + 8, `${arrows(part.mermaid).length} messages`);
      }
    }), { numRuns: 60 });
  });

  it('tints a failed request\'s messages as the whole-run diagram does, even when its failure arrives after a part is full (property)', () => {
    const run = failingRun();
    const whole = sequenceDiagram(run.participants, run.trace, { language: 'en', maxMessages: 100_000 }).flatMap((part) => tintedArrows(part.mermaid));
    assert.ok(whole.some((arrow) => arrow.startsWith('tinted')), 'the run has failures');
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 8 }), fc.integer({ min: 3, max: 60 }), (sizes, maxMessages) => {
      const parts = liveParts(run.participants, run.trace, sizes, maxMessages);
      assert.deepEqual(parts.flatMap((part) => tintedArrows(part.mermaid)), whole);
    }), { numRuns: 60 });
  });

  it('never changes a finished part as the run grows, and numbers the parts in its headings', () => {
    const run = longRun();
    const live = new LiveDiagram(run.participants, 'en', 50);
    const seen: string[] = [];
    for (let end = 1; end <= run.trace.length; end += 7) {
      const parts = live.update(run.trace.slice(0, end));
      parts.slice(0, live.finishedParts).forEach((part, index) => {
        if (seen[index] === undefined) seen[index] = part.mermaid;
        assert.equal(part.mermaid, seen[index]);
      });
    }
    const parts = live.update(run.trace);
    assert.ok(parts.length > 3, `${parts.length} parts`);
    assert.match(parts[0]?.heading ?? '', /^Part 1 · messages 1–\d+$/);
    assert.match(parts[1]?.heading ?? '', /^Part 2 · messages \d+–\d+$/);
  });
});
