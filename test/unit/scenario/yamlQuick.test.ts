// The quick YAML reader (js-yaml's events) against the precise one (the yaml library): on random
// scenario-like YAML, whole and broken, wherever the quick reader answers, it gives the precise
// reader's problems, or its value and the place of every path in it. And it answers, without the
// yaml library, for the files the validation benchmark times.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { hostileFiles } from '../../../bench/hostileFiles';
import { parseScenario } from '../../../src/scenario/parse';
import type { Parsed } from '../../../src/scenario/reading';
import { readYamlPrecisely } from '../../../src/scenario/yamlPrecise';
import { readYamlQuickly } from '../../../src/scenario/yamlQuick';

type Path = (string | number)[];

/** Plain scalars each schema may read differently: numbers, nulls, booleans of YAML 1.1 and 1.2, text. */
const PLAIN = [
  'Client', 'price', 'laptop', 'Server1', '서버1', 'a b', 'a#b', 'x:y', '-x', '1', '-0', '+12', '007', '08', '0x1F', '0o17', '0b101', '1_000', '1e3', '1E-2', '.5', '5.', '0.1', '.inf', '-.Inf',
  '.nan', '.NaN', '~', 'null', 'Null', 'NULL', 'true', 'True', 'FALSE', 'yes', 'no', 'on', 'Off', 'y', '12:30', '2001-12-14', '99999999999999999999', '1e400', '__proto__', 'constructor', 'toString', '<<', '=',
];
const QUOTED = ['"Client"', "'laptop'", '""', "''", '"esc \\t \\u00e9 \\x41 \\" \\\\"', "'it''s'", '"1"', "'true'", '"two\n  lines"', "'a\n\n  b'", '"__proto__"'];
/** Mostly keys that are text; now and then one a schema reads as a number, null or true (the quick reader leaves those to the precise one). */
const KEYS = fc.oneof(
  { weight: 30, arbitrary: fc.constantFrom('version', 'title', 'protocol', 'steps', 'servers', 'clients', 'relay', 'from', 'send', 'item', 'crash', 'wait', 'colour', 'extra', '__proto__', 'constructor', '"quoted key"', "'k'", '<<', 'a b', '서버') },
  { weight: 1, arbitrary: fc.constantFrom('1', 'null', 'true', '~', '? complex') },
);
const TAILS = ['', '', '', ' ', '  ', ' # note', '  #'];

type Node =
  | { readonly kind: 'scalar'; readonly text: string }
  | { readonly kind: 'empty' }
  | { readonly kind: 'literal'; readonly lines: readonly string[]; readonly folded: boolean }
  | { readonly kind: 'alias' }
  | { readonly kind: 'map'; readonly flow: boolean; readonly entries: readonly (readonly [string, Node])[] }
  | { readonly kind: 'seq'; readonly flow: boolean; readonly items: readonly Node[] };

const { node } = fc.letrec<{ node: Node; scalar: Node }>((tie) => ({
  scalar: fc.oneof(
    { weight: 40, arbitrary: fc.constantFrom(...PLAIN).map((text): Node => ({ kind: 'scalar', text })) },
    { weight: 20, arbitrary: fc.constantFrom(...QUOTED).map((text): Node => ({ kind: 'scalar', text })) },
    { weight: 4, arbitrary: fc.constant<Node>({ kind: 'empty' }) },
    { weight: 4, arbitrary: fc.record({ lines: fc.array(fc.constantFrom('a', 'b c', '', '  indented', '# not a comment'), { minLength: 1, maxLength: 3 }), folded: fc.boolean() }).map((literal): Node => ({ kind: 'literal', ...literal })) },
    // Aliases, anchors and tags are left to the precise reader: rare here, so that most files are read both ways.
    { weight: 1, arbitrary: fc.constantFrom<Node>({ kind: 'alias' }, { kind: 'scalar', text: '!!str tagged' }, { kind: 'scalar', text: '&anchor anchored' }, { kind: 'scalar', text: '!custom x' }) },
  ),
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('scalar'),
    fc.record({ kind: fc.constant('map' as const), flow: fc.boolean(), entries: fc.uniqueArray(fc.tuple(KEYS, tie('node')), { minLength: 1, maxLength: 4, selector: ([key]) => key }) }),
    fc.record({ kind: fc.constant('seq' as const), flow: fc.boolean(), items: fc.array(tie('node'), { minLength: 1, maxLength: 4 }) }),
  ),
}));

/** Writes a node in flow context (a block node inside a flow one is written as flow). */
function flow(value: Node): string {
  switch (value.kind) {
    case 'scalar': return value.text.replace(/\n\s*/g, ' ');
    case 'empty': return '';
    case 'literal': return `"${value.lines.join(' ')}"`;
    case 'alias': return '*anchor';
    case 'map': return `{${value.entries.map(([key, child]) => `${key}: ${flow(child)}`).join(', ')}}`;
    case 'seq': return `[ ${value.items.map((child) => flow(child)).join(' ,')} ]`;
  }
}

/** Writes a node in block context at `indent`, its first line without the indentation (the caller writes "key:" or "- " before it). */
function block(value: Node, indent: number, tails: () => string): string {
  const pad = ' '.repeat(indent);
  if (value.kind === 'literal') return `${value.folded ? '>' : '|'}\n${value.lines.map((line) => (line === '' ? '' : `${pad}  ${line}`)).join('\n')}`;
  if (value.kind === 'map' && !value.flow) {
    return value.entries.map(([key, child], index) => `${index === 0 ? '' : pad}${key}:${after(child, indent, tails)}`).join('\n');
  }
  if (value.kind === 'seq' && !value.flow) {
    return value.items.map((child, index) => `${index === 0 ? '' : pad}-${child.kind === 'empty' ? '' : ` ${block(child, indent + 2, tails)}`}${child.kind === 'map' || child.kind === 'seq' ? '' : tails()}`).join('\n');
  }
  return `${flow(value)}${tails()}`;
}

/** What follows "key:": a value on the same line, or a block on the next lines. */
function after(value: Node, indent: number, tails: () => string): string {
  if (value.kind === 'empty') return tails();
  if ((value.kind === 'map' || value.kind === 'seq') && !value.flow) return `${tails()}\n${' '.repeat(indent + 2)}${block(value, indent + 2, tails)}`;
  return ` ${block(value, indent, tails)}`;
}

const document = fc.record({
  root: fc.uniqueArray(fc.tuple(KEYS, node), { minLength: 1, maxLength: 5, selector: ([key]) => key }),
  tails: fc.array(fc.constantFrom(...TAILS), { minLength: 1, maxLength: 8 }),
  gaps: fc.array(fc.constantFrom('', '', '', '\n', '\n# comment', '\n  # indented comment', '\n   '), { minLength: 1, maxLength: 5 }),
  start: fc.oneof({ weight: 12, arbitrary: fc.constantFrom('', '---\n', '--- # doc\n', '# head\n') }, { weight: 1, arbitrary: fc.constant('%YAML 1.2\n---\n') }),
  end: fc.oneof({ weight: 12, arbitrary: fc.constantFrom('\n', '', '\n\n', '\n# tail\n') }, { weight: 1, arbitrary: fc.constantFrom('\n...\n', '\n---\nsecond: 1\n') }),
  crlf: fc.boolean(),
}).map(({ root, tails, gaps, start, end, crlf }) => {
  let turn = 0;
  const nextTail = (): string => tails[turn++ % tails.length] ?? '';
  const body = root.map(([key, child], index) => `${key}:${after(child, 0, nextTail)}${gaps[index % gaps.length] ?? ''}`).join('\n');
  const text = `${start}${body}${end}`;
  return crlf ? text.replace(/\n/g, '\r\n') : text;
});

const SPLICES = ['{', '}', '[', ']', ':', ',', '"', "'", '\n', '  ', '- ', '&a ', '*a', '!!binary ', '#', '\t', '? ', '|', '>', '%', '@', '`', '\r', '\u0085', '\u2028', '\uFEFF', '\u0000', '...', '---'];
const mutation = fc.tuple(fc.constantFrom('cut', 'copy', 'splice'), fc.nat(), fc.nat({ max: 12 }), fc.constantFrom(...SPLICES));

function mutate(text: string, [kind, at, length, splice]: [string, number, number, string]): string {
  const position = text.length === 0 ? 0 : at % text.length;
  if (kind === 'cut') return text.slice(0, position) + text.slice(position + length);
  if (kind === 'copy') return text.slice(0, position) + text.slice(position, position + length).repeat(2) + text.slice(position);
  return text.slice(0, position) + splice + text.slice(position);
}

/** Every path of a value, and for each container a key and an index that are not there. */
function pathsOf(value: unknown, path: Path = [], found: Path[] = []): Path[] {
  found.push(path, [...path, 'missing'], [...path, 99]);
  if (typeof value === 'object' && value !== null && found.length < 400) {
    for (const [key, child] of Object.entries(value)) pathsOf(child, [...path, Array.isArray(value) ? Number(key) : key], found);
  }
  return found;
}

const tally = { quick: 0, precise: 0, places: 0, exactPlaces: 0 };

/** Checks the quick reader against the precise one on `text`. */
function agree(text: string): void {
  let exact = 0;
  const quick = readYamlQuickly(text, (source) => {
    const places = readYamlPrecisely(source);
    assert.ok('place' in places);
    return (path) => { exact++; return places.place(path); };
  });
  if (quick === undefined) { tally.precise++; return; }
  tally.quick++;
  const precise: Parsed = readYamlPrecisely(text);
  if ('issues' in precise || 'issues' in quick) {
    assert.deepEqual(quick, precise, `problems differ for:\n${JSON.stringify(text)}`);
    return;
  }
  assert.deepEqual(quick.value, precise.value, `values differ for:\n${JSON.stringify(text)}`);
  for (const path of pathsOf(precise.value)) {
    assert.deepEqual(quick.place(path), precise.place(path), `${JSON.stringify(path)} is placed differently in:\n${JSON.stringify(text)}`);
    tally.places++;
  }
  tally.exactPlaces += exact;
}

describe('the quick YAML reader gives the precise reader\'s answer', function () {
  this.timeout(120_000);
  it('on random scenario-like YAML, and wherever it answers, on the same YAML broken (property)', () => {
    fc.assert(fc.property(document, fc.array(mutation, { maxLength: 3 }), (text, mutations) => {
      agree(text);
      agree(mutations.reduce(mutate, text));
    }), { numRuns: Number(process.env['FUZZ_RUNS'] ?? 1500), seed: Number(process.env['FUZZ_SEED'] ?? 20261202) });
    // The comparison means something only if the quick reader answered, and placed most paths itself.
    assert.ok(tally.quick > tally.precise / 4, `quick ${tally.quick}, precise ${tally.precise}`);
    assert.ok(tally.exactPlaces < tally.places / 4, `${tally.exactPlaces} of ${tally.places} places needed the yaml library`);
  });

  it('the cases found while writing it', () => {
    for (const text of [
      'a:\n  - x\n  - "y" # c\n\n  - {p: 1, q: [2 ,3 ], }  \nb: |\n  lit\nc:\nd: plain\n  more\ne: 5\n',
      'a:\n  - x\n\n  # tc\n\n# c0\nb:\n  c: 1 # k\n# zz\n\n',
      'a:\r\n  - x\r\n  - y # c\r\nb: 1\r\n',
      'steps:\n- from: Client\n  send: buy\n- {crash: x}\n',
    ]) agree(text);
  });

  it('reads the benchmark\'s YAML files without the yaml library, with the same problems', () => {
    for (const hostile of hostileFiles(200).filter((file) => file.format === 'yaml' && file.text.length < 1024 * 1024)) {
      const quick = readYamlQuickly(hostile.text, () => assert.fail(`${hostile.name}: placed by the yaml library`));
      assert.ok(quick !== undefined, `${hostile.name}: left to the precise reader`);
      const parsed = parseScenario(hostile.text, 'yaml');
      assert.ok(!parsed.ok);
      // The files of fixed size (100,000 names, 40,000 keys) take the yaml library seconds: compared in the benchmark's size only.
      if (hostile.text.length > 100_000) continue;
      const precise = readYamlPrecisely(hostile.text);
      if ('issues' in precise) assert.deepEqual(quick, precise);
      else for (const issue of parsed.issues.slice(0, Math.min(100, parsed.total))) assert.deepEqual(issue.span, precise.place(issue.path), hostile.name);
    }
  });
});
