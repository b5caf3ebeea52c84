// Hostile scenario files, second round: every mix of problems ends in its first 100 problems and a
// count (the benchmark times them; tests never assert on timing), deep YAML is refused before the
// yaml library recurses, messages name the rule, and two actors never share a drawn name.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { parseScenario, type ScenarioFormat } from '../../../src/scenario/parse';
import { formatPath } from '../../../src/scenario/scenario';
import { yamlNesting } from '../../../src/scenario/yamlNesting';

const HEAD = 'version: 1\ntitle: Test\nprotocol: shop\n';
const WAIT = 'steps:\n  - { wait: 1 }\n';
const DEEP = 'objects and lists nest deeper than 32 levels; a scenario needs 4';

function said(text: string, format: ScenarioFormat = 'yaml'): { messages: string[]; total: number } {
  const parsed = parseScenario(text, format);
  assert.ok(!parsed.ok, `expected problems in:\n${text.slice(0, 300)}`);
  return { total: parsed.total, messages: parsed.issues.map((issue) => (issue.path.length > 0 ? `${formatPath(issue.path)}: ${issue.message}` : issue.message)) };
}

function json(document: Record<string, unknown>): string {
  return JSON.stringify({ version: 1, title: 'Test', protocol: 'shop', ...document });
}

describe('hostile scenario files: the first 100 problems and a count, whatever the mix', () => {
  it('lists the first 100 of 3,000 steps with an unknown key each, and counts the rest (YAML and JSON)', () => {
    const typo = { from: 'Client', send: 'price', item: 'laptop', colour: 'red' };
    for (const [text, format] of [[`${HEAD}steps:\n${'  - { from: Client, send: price, item: laptop, colour: red }\n'.repeat(3000)}`, 'yaml'], [json({ steps: Array(3000).fill(typo) }), 'json']] as const) {
      const { messages, total } = said(text, format);
      assert.equal(total, 3000);
      assert.equal(messages.length, 101);
      assert.match(messages[0] ?? '', /^steps\[0\]\.colour: unknown key "colour" \(allowed: from, send, /);
      assert.equal(messages[100], 'and 2900 more problems (the first 100 are listed)');
    }
  });

  it('says each of five kinds of broken step precisely, mixed over 2,000 steps', () => {
    const kinds = [{ from: 'Client', send: 'order', quantity: '2' }, { crash: 7 }, 42, { frm: 'Client' }, { crash: 'Server', restart: 'Server' }];
    const { messages, total } = said(json({ steps: Array.from({ length: 2000 }, (_unused, index) => kinds[index % 5]) }), 'json');
    assert.equal(total, 2000);
    assert.deepEqual(messages.slice(0, 5), [
      'steps[0].quantity: must be a whole number, got the text "2"',
      'steps[1].crash: must be text, got 7',
      'steps[2]: a step must be an object such as { from: Client, send: price, item: laptop } or { crash: Server1 }, got 42',
      'steps[3]: a step is a request (from, send) or one of crash, restart, addServer, removeServer, store, drop, error, wait; found only "frm"',
      'steps[4]: one step does one thing; found crash and restart',
    ]);
  });

  it('refuses a list over its limit by its length, without reading its names', () => {
    assert.deepEqual(said(json({ clients: Array.from({ length: 20_000 }, (_unused, index) => `C${index}`), steps: [{ wait: 1 }] }), 'json').messages, ['clients: may have at most 20 clients, got 20000']);
    assert.deepEqual(said(json({ servers: Array(20_000).fill('x'.repeat(81)), relay: 'round-robin', steps: [{ wait: 1 }] }), 'json').messages, ['servers: may have at most 100 servers, got 20000']);
    assert.deepEqual(said(`${HEAD}steps:\n${'  - { wait: 1 }\n'.repeat(20_001)}`).messages, ['steps: may have at most 20000 items, got 20001']);
    assert.deepEqual(said(`${HEAD}clients: [A, B, A]\n${WAIT}`).messages, ['clients[2]: "A" is already the name of clients[0]']);
  });

  it('finds keys given twice in one map, in YAML and in JSON, with the line of the first', () => {
    const keys = Array.from({ length: 5000 }, (_unused, index) => `  k${index % 2500}: 1\n`).join('');
    const yaml = said(`${HEAD}${WAIT}extra:\n${keys}`);
    assert.equal(yaml.total, 2500);
    assert.equal(yaml.messages[0], 'not valid YAML at line 2507, column 3: the key "k0" is given twice in one map (first at line 7)');
    assert.deepEqual(said('{\n  "version": 1,\n  "title": "T",\n  "version": 1,\n  "protocol": "shop",\n  "steps": [{ "wait": 1 }]\n}', 'json').messages,
      ['not valid JSON at line 4, column 3: the key "version" is given twice in one object (first at line 2)']);
    assert.equal(said(json({ steps: [{ wait: 1 }] }).replace('"wait":1', '"wait":1,"wait":2'), 'json').messages[0], 'not valid JSON at line 1, column 66: the key "wait" is given twice in one object (first at line 1)');
  });
});

describe('deep YAML is refused before the yaml library recurses', () => {
  it('refuses deep flow collections, compact lists and indented maps with one clear line', () => {
    for (const text of ['['.repeat(200_000), '{a: '.repeat(100_000), '- '.repeat(100_000), Array.from({ length: 1000 }, (_unused, depth) => `${' '.repeat(depth)}a:\n`).join(''), `${HEAD}title2: ${'['.repeat(40)}${']'.repeat(40)}\n`]) {
      assert.deepEqual(said(text).messages, [DEEP]);
    }
  });

  it('refuses nesting that the estimate undercounts once the document is read (lists at their map\'s indentation)', () => {
    const text = Array.from({ length: 40 }, (_unused, depth) => `${'  '.repeat(depth)}- a:\n`).join('').replace(/- a:\n$/, '- 1\n');
    assert.deepEqual(said(text).messages, [DEEP]);
  });

  it('is not fooled by brackets in quotes, comments, block scalars and plain text', () => {
    const brackets = '['.repeat(60);
    const text = `version: 1\ntitle: "${brackets}"\ndescription: |\n  ${brackets}\n    ${brackets}\n# ${brackets}\nprotocol: shop\nclients: [Customer]\nnote: it's ${brackets} [a]\nsteps:\n  - { wait: 1 } # ${brackets}\n`;
    assert.equal(yamlNesting(text, 32) <= 4, true, String(yamlNesting(text, 32)));
  });

  it('never refuses shallow documents as too deep, whatever their YAML style', () => {
    const value = fc.letrec((tie) => ({
      any: fc.oneof({ depthSize: 'small', maxDepth: 6 }, fc.string(), fc.integer(), fc.boolean(), fc.array(tie('any'), { maxLength: 3 }), fc.dictionary(fc.string({ minLength: 1 }), tie('any'), { maxKeys: 3 })),
    })).any;
    fc.assert(fc.property(value, fc.boolean(), (document, flow) => {
      const text = stringify({ document }, { collectionStyle: flow ? 'flow' : 'block' });
      assert.ok(yamlNesting(text, 32) <= 32, text);
    }), { numRuns: 500 });
  });
});

describe('messages that name the rule', () => {
  it('says what is wrong with a title', () => {
    assert.deepEqual(said(`version: 1\ntitle: ""\nprotocol: shop\n${WAIT}`).messages, ['title: must not be empty']);
    assert.deepEqual(said(`version: 1\ntitle: ${'x'.repeat(2001)}\nprotocol: shop\n${WAIT}`).messages, ['title: must be at most 2000 characters long, got 2001']);
    assert.deepEqual(said(`version: 1\ntitle: [a]\nprotocol: shop\n${WAIT}`).messages, ['title: expected text (1–2,000 characters), or { en, ko } for English and Korean; got a list']);
    assert.deepEqual(said(`version: 1\ntitle: { en: T, ko: "" }\nprotocol: shop\n${WAIT}`).messages, ['title.ko: must not be empty']);
  });

  it('speaks of YAML as a person writes it, not of the library', () => {
    assert.deepEqual(said(`version: 1\ntitle: !!binary aGVsbG8=\nprotocol: shop\n${WAIT}`).messages, ['unsupported YAML tag at line 2, column 8: "!!binary" (a scenario file holds plain text, numbers, lists and maps)']);
    assert.deepEqual(said(`version: 1\ntitle: *name\nprotocol: shop\n${WAIT}`).messages, ['not valid YAML at line 2, column 8: the alias "*name" names no anchor "&name" set before it']);
    assert.deepEqual(said(`${HEAD}steps:\n  - &w { wait: 1 }\n${'  - *w\n'.repeat(51)}`).messages, ['not read at line 56, column 5: a scenario file may use aliases (*name) at most 50 times, this one uses them 51 times']);
    assert.deepEqual(said(`${HEAD}${WAIT}---\n${HEAD}`).messages, ['not valid YAML at line 6, column 1: a scenario file holds one document, but a second begins here ("---" or "...")']);
    assert.deepEqual(said('{"version":1,"title":"a\tb","protocol":"shop","steps":[{"wait":1}]}', 'json').messages, ['not valid JSON at line 1, column 22: a control character (such as a tab or a line break) inside a string: write it as an escape (\\t, \\n)']);
  });
});

describe('one rule for names: code points, and one drawn name per actor', () => {
  it('counts a name in code points, wherever it is written', () => {
    const emoji = (count: number): string => '😀'.repeat(count);
    assert.equal(parseScenario(`${HEAD}servers: ["${emoji(80)}"]\nsteps:\n  - { crash: "${emoji(80)}" }\n`, 'yaml').ok, true);
    assert.deepEqual(said(`${HEAD}servers: ["${emoji(81)}"]\n${WAIT}`).messages, ['servers[0]: a server\'s name may be at most 80 characters long, got 81']);
    assert.deepEqual(said(`${HEAD}steps:\n  - { crash: "${emoji(81)}" }\n`).messages, ['steps[0].crash: must be at most 80 characters long, got 81']);
  });

  it('refuses two actors drawn alike, in either language, naming both', () => {
    // A Server1 a person writes stays Server1 in Korean; our own Server2 is drawn 서버2 there.
    assert.equal(parseScenario(`${HEAD}servers: [Server1, 서버1]\nrelay: round-robin\n${WAIT}`, 'yaml').ok, true);
    assert.match(said(`${HEAD}servers: 2\nclients: [서버2]\nrelay: round-robin\n${WAIT}`).messages.join('\n'), /"서버2" would be drawn "서버2" in Korean, as "Server2" \(servers\) is: two actors may not share a drawn name|"Server2" would be drawn "서버2" in Korean, as "서버2" \(clients\[0\]\) is/);
    assert.deepEqual(said(`${HEAD}clients: [A, " A", "A "]\n${WAIT}`).messages, [
      'clients[1]: " A" would be drawn "A" in English, as "A" (clients[0]) is: two actors may not share a drawn name',
      'clients[2]: "A " would be drawn "A" in English, as "A" (clients[0]) is: two actors may not share a drawn name',
    ]);
    const long = 'n'.repeat(45);
    assert.match(said(`${HEAD}clients: [${long}a, ${long}b]\n${WAIT}`).messages[0] ?? '', /^clients\[1\]: .* would be drawn "n{39}…" in English, as .*\(clients\[0\]\) is/);
    assert.deepEqual(said(`${HEAD}servers: [Relay, 세션 저장소]\nrelay: round-robin\n${WAIT}`).messages, [
      'servers[0]: "Relay" would be drawn "Relay" in English, as the relay is: two actors may not share a drawn name',
      'servers[1]: "세션 저장소" would be drawn "세션 저장소" in Korean, as the session store is: two actors may not share a drawn name',
    ]);
    assert.deepEqual(said(`${HEAD}servers: 1\nrelay: round-robin\nsteps:\n  - { addServer: 클라이언트 }\n`).messages, ['steps[0].addServer: "클라이언트" would be drawn "클라이언트" in Korean, as "Client" (clients) is: two actors may not share a drawn name']);
    assert.deepEqual(said(`${HEAD}clients: ["  "]\n${WAIT}`).messages, ['clients[0]: a name must have more than spaces in it (it would be drawn empty)']);
  });

  it('refuses addServer where the relay sends everything to one server', () => {
    assert.deepEqual(said(`${HEAD}relay: none\nsteps:\n  - { addServer: Server2 }\n`).messages, ['steps[0].addServer: with relay "none" every request goes to the first server, so "Server2" would never serve: set relay to round-robin, random, sticky or least-connections']);
    assert.match(said(`${HEAD}steps:\n  - { addServer: Server2 }\n`).messages[0] ?? '', /\(with one server the relay is "none" unless set\)$/);
  });
});
