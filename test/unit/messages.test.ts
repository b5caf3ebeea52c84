import * as assert from 'node:assert/strict';
import { parseHostToWebview, parseWebviewToHost } from '../../src/protocol/messages';

describe('message protocol', () => {
  it('accepts each well-formed message from the webview', () => {
    for (const message of [{ type: 'ready' }, { type: 'rendered', svgLength: 10, elapsedMs: 1.5 }, { type: 'renderFailed', error: 'x' }, { type: 'needSnapshot', reason: 'gap' }, { type: 'control', action: 'step' }]) {
      const parsed = parseWebviewToHost(message);
      assert.ok(parsed.ok, JSON.stringify(parsed));
      assert.deepEqual(parsed.message, message);
    }
  });

  it('rejects malformed or unknown messages with a specific reason', () => {
    const cases: [unknown, RegExp][] = [
      [null, /expected an object, got null/],
      ['ready', /expected an object, got a string/],
      [[1], /got an array/],
      [{}, /no string "type"/],
      [{ type: 'explode' }, /unknown message type "explode"/],
      [{ type: 'rendered', svgLength: '10', elapsedMs: 1 }, /"rendered".svgLength must be a finite number, got a string/],
      [{ type: 'rendered', svgLength: Number.NaN, elapsedMs: 1 }, /svgLength must be a finite number/],
      [{ type: 'control', action: 'explode' }, /"control".action must be one of play, pause, step, reset, faster, slower/],
      [{ type: 'ready', extra: 1 }, /unknown field "extra"/],
      [{ type: '__proto__' }, /unknown message type/],
      [{ type: 'toString' }, /unknown message type/],
    ];
    for (const [value, reason] of cases) {
      const parsed = parseWebviewToHost(value);
      assert.equal(parsed.ok, false, JSON.stringify(value));
      assert.match(parsed.error, reason);
    }
  });

  it('validates host messages on the webview side too', () => {
    assert.ok(parseHostToWebview({ type: 'showDiagram', title: 't', mermaid: 'sequenceDiagram' }).ok);
    const missing = parseHostToWebview({ type: 'showDiagram', title: 't' });
    assert.equal(missing.ok, false);
    assert.match(missing.error, /"showDiagram".mermaid must be a string, got a undefined/);
    const events = { type: 'events', fromSeq: 1, events: [{ type: 'fault', seq: 1 }], inspector: {}, metrics: {} };
    assert.ok(parseHostToWebview(events).ok);
    const broken = parseHostToWebview({ ...events, events: [{ type: 'fault' }] });
    assert.equal(broken.ok, false);
    assert.match(broken.error, /"events".events must be a list of trace events/);
    assert.equal(parseHostToWebview({ type: 'pacing', playing: 'yes', speed: 5 }).ok, false);
  });
});
