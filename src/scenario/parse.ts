// Reads a scenario file (JSON or YAML) and validates it. A bad file gives issues, never a throw.
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { parseDocument } from 'yaml';
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

function parseJson(text: string): { value: unknown } | { issues: ScenarioIssue[] } {
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length === 0) return { value };
  const messages = errors.map((error) => `not valid JSON at ${lineAndColumn(text, error.offset)}: ${describeJsonError(error)}`);
  return { issues: [...new Set(messages)].map((message) => ({ path: [], message })) };
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
    const messages = document.errors.map((error) => {
      const position = error.linePos?.[0];
      const what = (error.message.split('\n')[0] ?? error.code).replace(/ at line \d+, column \d+:?$/, '');
      return `not valid YAML${position ? ` at line ${position.line}, column ${position.col}` : ''}: ${what}`;
    });
    return { issues: [...new Set(messages)].map((message) => ({ path: [], message })) };
  }
  return { value: document.toJS({ maxAliasCount: 100 }) as unknown };
}

export function parseScenario(text: string, format: ScenarioFormat): ParsedScenario {
  if (text.trim() === '') return { ok: false, issues: [{ path: [], message: 'the file is empty' }] };
  const parsed = format === 'json' ? parseJson(text) : parseYaml(text);
  if ('issues' in parsed) return { ok: false, issues: parsed.issues };
  const result = validateScenario(parsed.value);
  return 'scenario' in result ? { ok: true, scenario: result.scenario } : { ok: false, issues: result.issues };
}
