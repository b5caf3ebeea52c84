import * as assert from 'node:assert/strict';
import { FIRST_STORY, restoredScenarioFile, restoredScenarioId } from '../../src/panel/panelState';
import { MAX_SVG_LENGTH, parseHostToWebview, parseWebviewToHost } from '../../src/protocol/messages';

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

  it('accepts the action bar\'s actions with the arguments each takes, and refuses anything else', () => {
    for (const message of [
      { type: 'act', requestId: 1, action: 'sendRequest', args: { client: 'Kim', request: 'order', params: { quantity: '3', item: 2 } } },
      { type: 'act', requestId: 2, action: 'crashServer', args: { server: 'Server1' } },
      { type: 'act', requestId: 3, action: 'storeDown', args: {} },
      { type: 'act', requestId: 4, action: 'setStatePlacement', args: { state: 'token' } },
      { type: 'act', requestId: 5, action: 'setRelayPolicy', args: { relay: 'sticky' } },
    ]) {
      const parsed = parseWebviewToHost(message);
      assert.ok(parsed.ok, JSON.stringify(parsed));
      assert.deepEqual(parsed.message, message);
    }
    const cases: [unknown, RegExp][] = [
      [{ type: 'act', requestId: 1, action: 'formatDisk', args: {} }, /"act".action must be one of sendRequest, crashServer/],
      [{ type: 'act', requestId: 1, action: 'crashServer' }, /"act".args must be an object of client, request, server/],
      [{ type: 'act', requestId: 1, action: 'crashServer', args: { server: 7 } }, /"act".args must be/],
      [{ type: 'act', requestId: 1, action: 'crashServer', args: { server: 'x'.repeat(201) } }, /"act".args must be/],
      [{ type: 'act', requestId: 1, action: 'setStatePlacement', args: { state: 'moon' } }, /"act".args must be/],
      [{ type: 'act', requestId: 1, action: 'sendRequest', args: { params: { quantity: { nested: true } } } }, /"act".args must be/],
      [{ type: 'act', requestId: 1, action: 'sendRequest', args: { params: Object.fromEntries(Array.from({ length: 21 }, (_, index) => [`p${index}`, 1])) } }, /"act".args must be/],
      [JSON.parse('{"type":"act","requestId":1,"action":"sendRequest","args":{"__proto__":"x"}}'), /"act".args must be/],
      [{ type: 'act', requestId: 1, action: 'storeDown', args: { server: 'Server1' } }, /"act" storeDown takes no arguments, not "server"/],
      [{ type: 'act', requestId: 1, action: 'crashServer', args: { relay: 'sticky' } }, /"act" crashServer takes server, not "relay"/],
    ];
    for (const [value, reason] of cases) {
      const parsed = parseWebviewToHost(value);
      assert.equal(parsed.ok, false, JSON.stringify(value));
      assert.match(parsed.error, reason);
    }
    assert.ok(parseHostToWebview({ type: 'acted', requestId: 1, ok: false, text: 'No server is down.' }).ok);
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
    assert.equal(parseHostToWebview({ type: 'pacing', playing: 'yes', speed: 5, finished: false }).ok, false);
    assert.ok(parseHostToWebview({ type: 'pacing', playing: true, speed: 5, finished: true }).ok);
    assert.equal(parseHostToWebview({ type: 'pacing', playing: true, speed: 5 }).ok, false, 'a pacing that does not say whether the run finished');
    // A snapshot of real traffic or of a real-sockets run says so: the panel's pacing controls rest then.
    const snapshot = { type: 'snapshot', scenarioId: '', title: 'Real traffic', language: 'en', participants: [], events: [], inspector: {}, metrics: {}, pacing: { playing: true, speed: 1, finished: false } };
    for (const real of [undefined, 'traffic', 'sockets']) assert.ok(parseHostToWebview({ ...snapshot, real }).ok, String(real));
    const odd = parseHostToWebview({ ...snapshot, real: 'proxy' });
    assert.equal(odd.ok, false);
    assert.match(odd.error, /"snapshot".real must be one of traffic, sockets, or nothing/);
  });
});

describe('panel commands, SVG export and the state kept across reloads', () => {
  it('accepts the panel\'s command buttons and SVG answers, and refuses anything else', () => {
    assert.ok(parseWebviewToHost({ type: 'command', command: 'insertIntoNote' }).ok);
    assert.ok(parseWebviewToHost({ type: 'svg', requestId: 3, svg: '<svg/>' }).ok);
    assert.ok(parseHostToWebview({ type: 'collectSvg', requestId: 3 }).ok);
    const unknownCommand = parseWebviewToHost({ type: 'command', command: 'workbench.action.closeWindow' });
    assert.equal(unknownCommand.ok, false);
    assert.match(unknownCommand.error, /"command".command must be one of copyMermaid, exportSvg, exportPng, insertIntoNote/);
    const huge = parseWebviewToHost({ type: 'svg', requestId: 1, svg: 'x'.repeat(MAX_SVG_LENGTH + 1) });
    assert.equal(huge.ok, false);
    assert.match(huge.error, /"svg".svg must be a string of at most/);
    assert.equal(parseWebviewToHost({ type: 'svg', requestId: '1', svg: '' }).ok, false);
    // Pictures come back as base64 PNGs (or an error), and a copy says whether it worked.
    assert.equal(parseWebviewToHost({ type: 'png', requestId: 2, pngs: ['iVBORw0KGgo='], error: '' }).ok, true);
    assert.equal(parseWebviewToHost({ type: 'png', requestId: 2, pngs: ['<script>'], error: '' }).ok, false);
    assert.equal(parseWebviewToHost({ type: 'png', requestId: 2, pngs: 'iVBOR', error: '' }).ok, false);
    assert.equal(parseWebviewToHost({ type: 'imageCopied', requestId: 0, ok: false, error: 'Document is not focused.' }).ok, true);
    assert.equal(parseWebviewToHost({ type: 'imageCopied', requestId: 0, ok: 'yes', error: '' }).ok, false);
    assert.equal(parseHostToWebview({ type: 'collectPng', requestId: 3, blocks: ['sequenceDiagram'] }).ok, true);
    assert.equal(parseHostToWebview({ type: 'collectPng', requestId: 3, blocks: [7] }).ok, false);
  });

  it('restores a scenario file after a reload only when the state names one', () => {
    assert.equal(restoredScenarioFile({ scenarioId: 'file:///work/notes/clerk.protocol-lab.yaml' }), 'file:///work/notes/clerk.protocol-lab.yaml');
    for (const state of [undefined, { scenarioId: 'clerk-stateful' }, { scenarioId: 'file:///etc/passwd' }, { scenarioId: 'clerk.protocol-lab.yaml' }, { scenarioId: 42 }, 'file:///a.protocol-lab.json']) {
      assert.equal(restoredScenarioFile(state), undefined, JSON.stringify(state));
    }
  });

  it('restores a known scenario after a reload and falls back to the first story otherwise', () => {
    assert.equal(restoredScenarioId({ scenarioId: 'tcp-connection' }), 'tcp-connection');
    for (const state of [undefined, null, 'tcp-connection', 42, {}, { scenarioId: 7 }, { scenarioId: 'no-such-story' }, { scenarioId: '__proto__' }, []]) {
      assert.equal(restoredScenarioId(state), FIRST_STORY, JSON.stringify(state));
    }
  });
});
