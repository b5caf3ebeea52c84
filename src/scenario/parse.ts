// Reads a scenario file (JSON or YAML) and validates it. A bad file gives issues, never a throw:
// the text is parsed once (its tree also places every problem), its size and nesting are bounded,
// and only the first problems are listed, with a count of the rest.
import { findNodeAtLocation, parse, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { jsonKeyIssues } from './keys';
import { lineAndColumn, positionsOf } from './lines';
import { MAX_NESTING, TOO_DEEP, visibleSpan, type Parsed, type Span } from './reading';
import type { Scenario, ScenarioIssue } from './scenario';
import { validateScenario } from './validate';
import { yamlNesting } from './yamlNesting';
import { readYamlPrecisely } from './yamlPrecise';
import { readYamlQuickly } from './yamlQuick';

export type ScenarioFormat = 'json' | 'yaml';

export type ParsedScenario =
  | { readonly ok: true; readonly scenario: Scenario }
  /** `issues` lists the first problems (and says how many more); `total` counts them all. */
  | { readonly ok: false; readonly issues: readonly ScenarioIssue[]; readonly total: number };

export function formatOfFile(fileName: string): ScenarioFormat {
  return /\.ya?ml$/i.test(fileName) ? 'yaml' : 'json';
}

/** The largest scenario file read: 2 MB holds the 20,000 steps a scenario may have, with room to spare. */
export const MAX_SCENARIO_BYTES = 2 * 1024 * 1024;
/** Problems listed per file; the rest are counted. */
const MAX_ISSUES = 100;

/** The deepest nesting of brackets in JSON text (outside strings), counted without recursion. */
function jsonNesting(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 92) index++;
      else if (char === 34) inString = false;
    } else if (char === 34) inString = true;
    else if (char === 123 || char === 91) deepest = Math.max(deepest, ++depth);
    else if (char === 125 || char === 93) depth--;
  }
  return deepest;
}

function parseJson(text: string): Parsed {
  if (jsonNesting(text) > MAX_NESTING) return { issues: [TOO_DEEP] };
  const position = positionsOf(text);
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length === 0) {
    const root = parseTree(text);
    const keyIssues = root === undefined ? [] : jsonKeyIssues(root, position);
    if (keyIssues.length > 0) return { issues: keyIssues };
    return { value, place: (path) => jsonSpan(root, path) };
  }
  const seen = new Set<string>();
  const issues: ScenarioIssue[] = [];
  for (const error of errors) {
    const message = `not valid JSON at ${lineAndColumn(position, error.offset)}: ${describeJsonError(error)}`;
    if (seen.has(message)) continue;
    seen.add(message);
    issues.push({ path: [], message, span: visibleSpan(text, error.offset, error.offset + error.length) });
  }
  return { issues };
}

/** jsonc-parser's error codes (by name: its enum is a const enum) in words. */
const JSON_ERROR_WORDS: Readonly<Record<string, string>> = {
  InvalidSymbol: 'unexpected character',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: 'expected ":"',
  CommaExpected: 'expected ","',
  CloseBraceExpected: 'expected "}"',
  CloseBracketExpected: 'expected "]"',
  EndOfFileExpected: 'unexpected text after the end',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfString: 'a string is not closed',
  UnexpectedEndOfComment: 'a comment is not closed',
  InvalidEscapeCharacter: 'invalid escape in a string',
  InvalidNumberFormat: 'a number is not written right',
  UnexpectedEndOfNumber: 'a number is not finished',
  InvalidUnicode: 'invalid \\u escape in a string',
  InvalidCharacter: 'a control character (such as a tab or a line break) inside a string: write it as an escape (\\t, \\n)',
};

function describeJsonError(error: ParseError): string {
  const name = printParseErrorCode(error.error);
  return JSON_ERROR_WORDS[name] ?? 'a syntax error';
}

function parseYaml(text: string): Parsed {
  // Before a parser sees it: the yaml library's parser and composer take minutes and then exhaust the stack on deep text.
  if (yamlNesting(text, MAX_NESTING) > MAX_NESTING) return { issues: [TOO_DEEP] };
  return readYamlQuickly(text) ?? readYamlPrecisely(text);
}

/** The first MAX_ISSUES problems (placed by `place`), and one more that says how many were left out. */
function capped(issues: readonly ScenarioIssue[], place: (issue: ScenarioIssue) => ScenarioIssue): ScenarioIssue[] {
  const listed = issues.slice(0, MAX_ISSUES).map(place);
  const rest = issues.length - listed.length;
  if (rest > 0) listed.push({ path: [], message: `and ${rest} more problem${rest === 1 ? '' : 's'} (the first ${MAX_ISSUES} are listed)`, span: { start: 0, end: 1 } });
  return listed;
}

function shifted(issue: ScenarioIssue, by: number): ScenarioIssue {
  return by === 0 || issue.span === undefined ? issue : { ...issue, span: { start: issue.span.start + by, end: issue.span.end + by } };
}

/** Reads a scenario file's text; whatever the text, answers with a scenario or its problems. */
export function parseScenario(text: string, format: ScenarioFormat): ParsedScenario {
  if (text.length > MAX_SCENARIO_BYTES) {
    return { ok: false, total: 1, issues: [{ path: [], message: `the file is ${(text.length / 1024 / 1024).toFixed(1)} MB; a scenario file may be at most ${MAX_SCENARIO_BYTES / 1024 / 1024} MB`, span: { start: 0, end: 1 } }] };
  }
  // A byte-order mark is not part of the document (editors hide it): read past it, and place problems after it.
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  const body = bom === 0 ? text : text.slice(1);
  if (body.trim() === '') return { ok: false, total: 1, issues: [{ path: [], message: 'the file is empty' }] };
  try {
    const parsed = format === 'json' ? parseJson(body) : parseYaml(body);
    if ('issues' in parsed) return { ok: false, total: parsed.issues.length, issues: capped(parsed.issues, (issue) => shifted(issue, bom)) };
    const result = validateScenario(parsed.value);
    if ('scenario' in result) return { ok: true, scenario: result.scenario };
    return { ok: false, total: result.issues.length, issues: capped(result.issues, (issue) => shifted({ ...issue, span: parsed.place(issue.path) }, bom)) };
  } catch (error) {
    // Nothing a file holds may crash the editor or the command line: what is left is said in one line.
    return { ok: false, total: 1, issues: [{ path: [], message: `the file could not be read: ${error instanceof Error ? error.message : String(error)}` }] };
  }
}

/** The text of the value at `path`, or of the nearest enclosing value that exists (a missing field is reported on its parent). */
function jsonSpan(root: Node | undefined, path: readonly (string | number)[]): Span {
  if (root === undefined) return { start: 0, end: 0 };
  for (let length = path.length; length >= 0; length--) {
    const node = findNodeAtLocation(root, [...path.slice(0, length)]);
    if (node === undefined) continue;
    // A property's value: underline its key too when the value is an object (the whole block would be noise).
    const target = node.type === 'object' || node.type === 'array' ? node.parent?.type === 'property' ? node.parent.children?.[0] ?? node : node : node;
    return { start: target.offset, end: target.offset + target.length };
  }
  return { start: root.offset, end: root.offset + root.length };
}
