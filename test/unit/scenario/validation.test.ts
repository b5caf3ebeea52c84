// Bad scenario files get a clear, specific message that names the place; nothing throws.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseScenario, type ScenarioFormat } from '../../../src/scenario/parse';
import { runScenario } from '../../../src/scenario/run';
import { formatPath } from '../../../src/scenario/scenario';
import { REPO_ROOT } from '../../support/paths';

function messages(text: string, format: ScenarioFormat = 'yaml'): string[] {
  const parsed = parseScenario(text, format);
  assert.equal(parsed.ok, false, `expected problems in:\n${text}`);
  return parsed.issues.map((issue) => (issue.path.length > 0 ? `${formatPath(issue.path)}: ${issue.message}` : issue.message));
}

const HEAD = 'version: 1\ntitle: Test\nprotocol: shop\n';

describe('scenario validation', () => {
  it('accepts the example in the repository and fills in the defaults', () => {
    const parsed = parseScenario(readFileSync(join(REPO_ROOT, 'examples', 'clerk-changes.protocol-lab.yaml'), 'utf8'), 'yaml');
    assert.ok(parsed.ok, JSON.stringify(parsed));
    assert.deepEqual(parsed.scenario.servers, ['Clerk A', 'Clerk B', 'Clerk C']);
    assert.equal(parsed.scenario.relay, 'round-robin');
  });

  it('accepts the same scenario as JSON', () => {
    const parsed = parseScenario(JSON.stringify({ version: 1, title: 'x', protocol: 'login', steps: [{ from: 'Client', send: 'login', user: 'u', password: 'p' }] }), 'json');
    assert.ok(parsed.ok);
    assert.equal(parsed.scenario.relay, 'none');
    assert.deepEqual(parsed.scenario.servers, ['Server']);
  });

  it('takes the names people write: Server1 for a lone server that more join, and our names as a Korean reader sees them', () => {
    const parsed = parseScenario(`${HEAD}servers: 1\nrelay: round-robin\nsteps:\n  - { from: Client, send: price, item: laptop }\n  - { addServer: Server2 }\n  - { addServer: Server3 }\n  - { crash: Server1 }\n  - { crash: Server2 }\n  - { from: 클라이언트, send: price, item: laptop }\n`, 'yaml');
    assert.ok(parsed.ok, JSON.stringify(parsed));
    assert.deepEqual(parsed.scenario.steps.map((step) => ('server' in step ? step.server : 'from' in step ? step.from : step.kind)), ['Client', 'Server2', 'Server3', 'Server', 'Server2', 'Client']);
    const run = runScenario(parsed.scenario);
    // Our own names are said in Korean; the ones the person wrote (Server2, Server3) stay as written.
    assert.deepEqual(run.participants.map((participant) => participant.label.ko), ['클라이언트', '중계 서버', '서버', 'Server2', 'Server3']);
    assert.deepEqual(run.expectations, []);
    assert.equal(run.trace.filter((event) => event.type === 'request-outcome' && event.ok).length, 2);
  });

  it('says precisely what is wrong with a list of servers, and where limits are', () => {
    assert.deepEqual(messages(`${HEAD}servers: [A, B, A, '${'x'.repeat(81)}']\nrelay: round-robin\nsteps:\n  - { wait: 1 }\n`), [
      'servers[2]: "A" is already the name of servers[0]',
      'servers[3]: a server\'s name may be at most 80 characters long, got 81',
    ]);
    assert.deepEqual(messages(`${HEAD}steps:\n  - { wait: 99999999999999 }\n`), ['steps[0].wait: must be at most 31536000000, got 99999999999999']);
    const adds = Array.from({ length: 100 }, (_unused, index) => `  - { addServer: Extra${index} }`).join('\n');
    assert.deepEqual(messages(`${HEAD}servers: 1\nrelay: round-robin\nsteps:\n${adds}\n`), ['steps[99].addServer: a scenario may have at most 100 servers in all, counting the ones it adds']);
  });

  it('names a request that the protocol does not have, and lists the ones it has', () => {
    assert.deepEqual(messages(`${HEAD}steps:\n  - { from: Client, send: price, item: laptop }\n  - { from: Client, send: order, quantity: 1 }\n  - { from: Client, send: pay, method: card }\n  - { from: Client, send: buy }\n`),
      ['steps[3].send: "buy" is not a request of protocol "shop" (expected price, order, pay)']);
  });

  it('reports wrong types with the path and what was found', () => {
    assert.deepEqual(messages(`${HEAD}steps:\n  - { from: Client, send: order, quantity: "2" }\n`), ['steps[0].quantity: must be a whole number, got the text "2"']);
    assert.deepEqual(messages(`${HEAD}servers: three\nsteps:\n  - { crash: Server1 }\n`), ['servers: expected how many servers (1–100), or a list of their names; got the text "three"']);
    assert.deepEqual(messages(`${HEAD}seed: -1\nsteps:\n  - { wait: 5 }\n`), ['seed: must be at least 0, got -1']);
  });

  it('reports unknown keys and lists the allowed ones', () => {
    const [top] = messages(`${HEAD}colour: red\nsteps:\n  - { wait: 1 }\n`);
    assert.match(top ?? '', /^colour: unknown key "colour" \(allowed: version, title, .*steps\)$/);
    assert.deepEqual(messages(`${HEAD}steps:\n  - { crash: Server1, force: true }\n`), ['steps[0].force: unknown key "force" (allowed: crash)']);
  });

  it('reports wrong enum values with the allowed ones', () => {
    assert.deepEqual(messages(`${HEAD}relay: fastest\nsteps:\n  - { wait: 1 }\n`), ['relay: the text "fastest" is not allowed (expected none, round-robin, random, sticky, least-connections)']);
    assert.deepEqual(messages(`${HEAD}steps:\n  - { from: Client, send: pay, method: bitcoin }\n`), ['steps[0].method: the text "bitcoin" is not allowed (expected card, cash)']);
  });

  it('reports unknown clients and servers, tracking servers added and removed on the way', () => {
    assert.deepEqual(messages(`${HEAD}servers: 2\nclients: [고객]\nsteps:\n  - { from: Bob, send: price, item: laptop }\n  - { crash: Server3 }\n  - { addServer: Server3 }\n  - { crash: Server3 }\n  - { removeServer: Server1 }\n  - { restart: Server1 }\n`), [
      'steps[0].from: no client named "Bob" (clients: 고객)',
      'steps[1].crash: no server named "Server3" at this step (servers: Server1, Server2)',
      'steps[5].restart: no server named "Server1" at this step (servers: Server2, Server3)',
    ]);
  });

  it('reports parameters that are missing or belong to another request', () => {
    assert.deepEqual(messages(`${HEAD}steps:\n  - { from: Client, send: price }\n  - { from: Client, send: order, quantity: 1, method: card }\n`), [
      'steps[0]: "price" needs "item" (e.g. item: laptop)',
      'steps[1].method: "order" takes only quantity, not "method"',
    ]);
  });

  it('explains steps that are not steps', () => {
    assert.deepEqual(messages(`${HEAD}steps:\n  - 42\n  - { frm: Client }\n  - { crash: Server1, restart: Server1 }\n`), [
      'steps[0]: a step must be an object such as { from: Client, send: price, item: laptop } or { crash: Server1 }, got 42',
      'steps[1]: a step is a request (from, send) or one of crash, restart, addServer, removeServer, store, drop, error, wait; found only "frm"',
      'steps[2]: one step does one thing; found crash and restart',
    ]);
  });

  it('rejects combinations that make no sense, saying why', () => {
    assert.deepEqual(messages('version: 1\ntitle: t\nprotocol: tcp\nstate: client\nsteps:\n  - { from: Client, send: connect }\n'), ['state: protocol "tcp" keeps its state in the connection on the server: use state: server (got "client")']);
    assert.deepEqual(messages(`${HEAD}servers: 2\nrelay: none\nsteps:\n  - { wait: 1 }\n`), ['relay: "none" sends everything to one server, but there are 2: use round-robin, random, sticky or least-connections']);
    assert.deepEqual(messages(`${HEAD}steps:\n  - { store: down }\n`), ['steps[0].store: there is no session store unless state is "store" (state is "server")']);
  });

  it('reports missing required keys and an empty or wrong document', () => {
    assert.deepEqual(messages('version: 1\ntitle: t\nsteps: []\n'), ['missing "protocol"', 'steps: needs at least 1 item']);
    assert.deepEqual(messages(''), ['the file is empty']);
    assert.deepEqual(messages('- just\n- a list\n'), ['a scenario is an object with version, title, protocol and steps; got a list']);
    assert.deepEqual(messages(`version: 2\ntitle: t\nprotocol: shop\nsteps:\n  - { wait: 1 }\n`), ['version: must be 1, got 2']);
  });

  it('reports YAML and JSON syntax errors with line and column', () => {
    const [yaml] = messages(`${HEAD}steps:\n  - { from: Client, send: price\n`);
    assert.match(yaml ?? '', /^not valid YAML at line \d+, column \d+: /);
    assert.deepEqual(messages('{\n  "version": 1,\n  "title": }', 'json').map((message) => message.replace(/: .*$/, '')), ['not valid JSON at line 3, column 12']);
    const [duplicate] = messages(`${HEAD}protocol: login\nsteps:\n  - { wait: 1 }\n`);
    assert.equal(duplicate, 'not valid YAML at line 4, column 1: the key "protocol" is given twice in one map (first at line 3)');
  });

  it('never throws on arbitrary documents, and always answers with a scenario or issues', () => {
    const value = fc.letrec((tie) => ({
      any: fc.oneof({ depthSize: 'small' }, fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(tie('any'), { maxLength: 4 }), fc.dictionary(fc.constantFrom('version', 'title', 'protocol', 'state', 'servers', 'relay', 'clients', 'steps', 'from', 'send', 'crash', 'wait', 'x'), tie('any'), { maxKeys: 6 })),
    })).any;
    fc.assert(fc.property(value, (document) => {
      const parsed = parseScenario(JSON.stringify(document), 'json');
      assert.ok(parsed.ok || parsed.issues.length > 0);
      if (!parsed.ok) for (const issue of parsed.issues) assert.ok(issue.message.length > 0);
    }), { numRuns: 1000 });
  });

  it('never throws on arbitrary text as YAML', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => {
      const parsed = parseScenario(`${HEAD}${text}`, 'yaml');
      assert.ok(parsed.ok || parsed.issues.length > 0);
    }), { numRuns: 1000 });
  });
});

describe('where a scenario file\'s problems are (for the Problems panel)', () => {
  const spanText = (text: string, format: ScenarioFormat): string[] => {
    const parsed = parseScenario(text, format);
    assert.ok(!parsed.ok, 'the text should be refused');
    return parsed.issues.map((issue) => (issue.span === undefined ? '<none>' : text.slice(issue.span.start, issue.span.end)));
  };

  it('points at the offending JSON value, or at the key of an object that lacks a field', () => {
    const text = '{\n  "version": 1,\n  "title": "T",\n  "protocol": "shop",\n  "relay": "sideways",\n  "steps": [{ "from": "Client", "send": "price", "item": "laptop" }]\n}\n';
    assert.deepEqual(spanText(text, 'json'), ['"sideways"']);
    const missing = '{ "version": 1, "title": "T", "protocol": "shop", "steps": [{ "from": "Client" }] }';
    assert.ok(spanText(missing, 'json').every((span) => span.startsWith('{ "from"')), spanText(missing, 'json').join(' | '));
  });

  it('points at the YAML value, and at the spot of a syntax error', () => {
    const text = 'version: 1\ntitle: T\nprotocol: shop\nrelay: sideways\nsteps:\n  - { from: Client, send: price, item: laptop }\n';
    assert.deepEqual(spanText(text, 'yaml'), ['sideways']);
    const broken = 'version: 1\ntitle: [unclosed\n';
    const spans = spanText(broken, 'yaml');
    assert.ok(spans.length > 0 && spans.every((span) => span.length > 0 && span !== '<none>'), spans.join(' | '));
    assert.ok(spanText('{ "version": 1, }', 'json').every((span) => span.length > 0));
  });
});
