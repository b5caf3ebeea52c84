// Reads a scenario file (JSON or YAML) and validates it. A bad file gives issues, never a throw.
import { findNodeAtLocation, parse, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { isNode, parseDocument, type Document } from 'yaml';
import type { Scenario, ScenarioIssue } from './scenario';
import { validateScenario } from './validate';

export type ScenarioFormat = 'json' | 'yaml';

export type ParsedScenario = { readonly ok: true; readonly scenario: Scenario } | { readonly ok: false; readonly issues: readonly ScenarioIssue[] };

export function formatOfFile(fileName: string): ScenarioFormat {
  return /\.ya?ml$/i.test(fileName) ? 'yaml' : 'json';
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `line ${line}, column ${offset - before.lastIndexOf('\n')}`;
}

/** At least one character, inside the text: an error "at the end" marks the last character. */
function visibleSpan(text: string, start: number, end: number): { start: number; end: number } {
  const from = Math.max(0, Math.min(start, text.length - 1));
  return { start: from, end: Math.min(text.length, Math.max(end, from + 1)) };
}

function parseJson(text: string): { value: unknown } | { issues: ScenarioIssue[] } {
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length === 0) return { value };
  const seen = new Set<string>();
  const issues: ScenarioIssue[] = [];
  for (const error of errors) {
    const message = `not valid JSON at ${lineAndColumn(text, error.offset)}: ${describeJsonError(error)}`;
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
};

function describeJsonError(error: ParseError): string {
  const name = printParseErrorCode(error.error);
  return JSON_ERROR_WORDS[name] ?? name;
}

function parseYaml(text: string): { value: unknown } | { issues: ScenarioIssue[] } {
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    const seen = new Set<string>();
    const issues: ScenarioIssue[] = [];
    for (const error of document.errors) {
      const position = error.linePos?.[0];
      const what = (error.message.split('\n')[0] ?? error.code).replace(/ at line \d+, column \d+:?$/, '');
      const message = `not valid YAML${position ? ` at line ${position.line}, column ${position.col}` : ''}: ${what}`;
      if (seen.has(message)) continue;
      seen.add(message);
      issues.push({ path: [], message, span: visibleSpan(text, error.pos[0], error.pos[1]) });
    }
    return { issues };
  }
  return { value: document.toJS({ maxAliasCount: 100 }) as unknown };
}

export function parseScenario(text: string, format: ScenarioFormat): ParsedScenario {
  if (text.trim() === '') return { ok: false, issues: [{ path: [], message: 'the file is empty' }] };
  const parsed = format === 'json' ? parseJson(text) : parseYaml(text);
  if ('issues' in parsed) return { ok: false, issues: parsed.issues };
  const result = validateScenario(parsed.value);
  if ('scenario' in result) return { ok: true, scenario: result.scenario };
  return { ok: false, issues: result.issues.map((issue) => ({ ...issue, span: spanOf(text, format, issue.path) })) };
}

/** The text of the value at `path`, or of the nearest enclosing value that exists (a missing field is reported on its parent). */
export function spanOf(text: string, format: ScenarioFormat, path: readonly (string | number)[]): { start: number; end: number } {
  return format === 'json' ? jsonSpan(text, path) : yamlSpan(parseDocument(text), path);
}

function jsonSpan(text: string, path: readonly (string | number)[]): { start: number; end: number } {
  const root = parseTree(text);
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

function yamlSpan(document: Document, path: readonly (string | number)[]): { start: number; end: number } {
  for (let length = path.length; length >= 0; length--) {
    const node: unknown = length === 0 ? document.contents : document.getIn(path.slice(0, length), true);
    if (isNode(node) && node.range) {
      const [start, valueEnd] = node.range;
      return { start, end: Math.max(valueEnd, start + 1) };
    }
  }
  return { start: 0, end: 0 };
}
