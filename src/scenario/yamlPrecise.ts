// The precise YAML reader: the yaml library's document, which places every syntax error and every
// node. It is the reader of record: the quick reader (yamlQuick.ts) answers only where it gives
// the same answer, and hands everything else here.
import { isNode, parseDocument, type Document, type YAMLError } from 'yaml';
import { yamlTree } from './keys';
import { lineAndColumn, positionsOf } from './lines';
import { MAX_ALIASES, MAX_NESTING, TOO_DEEP, tooManyAliases, visibleSpan, type Parsed, type Span } from './reading';
import type { ScenarioIssue } from './scenario';

/** Keys are checked for duplicates by keys.ts, in linear time; known tags (!!binary, !!set) are not read. */
const OPTIONS = { prettyErrors: true, uniqueKeys: false, resolveKnownTags: false } as const;

/** The yaml library's messages where they name its API or its internals rather than the rule. */
const YAML_ERROR_WORDS: Partial<Record<YAMLError['code'], string>> = {
  MULTIPLE_DOCS: 'a scenario file holds one document, but a second begins here ("---" or "...")',
  RESOURCE_EXHAUSTION: `aliases (*name) expand to too much; at most ${MAX_ALIASES} uses of an alias are read`,
  IMPOSSIBLE: 'the text cannot be read as YAML here',
};

function yamlIssue(text: string, error: YAMLError): ScenarioIssue {
  const position = error.linePos?.[0];
  const what = YAML_ERROR_WORDS[error.code] ?? (error.message.split('\n')[0] ?? error.code).replace(/ at line \d+, column \d+:?$/, '');
  return { path: [], message: `not valid YAML${position ? ` at line ${position.line}, column ${position.col}` : ''}: ${what}`, span: visibleSpan(text, error.pos[0], error.pos[1]) };
}

/** A tag the core schema does not know (!!binary, !!set, !custom) would be read as plain text: refused instead. */
function tagIssue(text: string, warning: YAMLError): ScenarioIssue {
  const tag = text.slice(warning.pos[0], warning.pos[1]);
  const position = warning.linePos?.[0];
  return { path: [], message: `unsupported YAML tag${position ? ` at line ${position.line}, column ${position.col}` : ''}: "${tag}" (a scenario file holds plain text, numbers, lists and maps)`, span: visibleSpan(text, warning.pos[0], warning.pos[1]) };
}

function distinct(issues: readonly ScenarioIssue[]): ScenarioIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => !seen.has(issue.message) && Boolean(seen.add(issue.message)));
}

/** Reads YAML text whose nesting was already bounded (the library's composer recurses). */
export function readYamlPrecisely(text: string): Parsed {
  const document = parseDocument(text, OPTIONS);
  if (document.errors.length > 0) return { issues: distinct(document.errors.map((error) => yamlIssue(text, error))) };
  const tags = document.warnings.filter((warning) => warning.code === 'TAG_RESOLVE_FAILED');
  if (tags.length > 0) return { issues: distinct(tags.map((warning) => tagIssue(text, warning))) };
  const position = positionsOf(text);
  const tree = yamlTree(document, position);
  if (tree.depth > MAX_NESTING) return { issues: [TOO_DEEP] };
  if (tree.duplicates.length > 0) return { issues: tree.duplicates };
  // The yaml library finds each alias's anchor by walking the document from its start: aliases are few or refused.
  if (tree.aliases.length > MAX_ALIASES) {
    return { issues: [tooManyAliases(text, position, tree.aliases[MAX_ALIASES]?.range?.[0] ?? 0, tree.aliases.length)] };
  }
  try {
    return { value: document.toJS({ maxAliasCount: MAX_ALIASES }) as unknown, place: (path) => yamlSpan(document, path) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const unresolved = /^Unresolved alias.*: (.*)$/.exec(message);
    if (unresolved !== null) {
      const alias = tree.aliases.find((node) => node.source === unresolved[1]);
      const at = alias?.range?.[0] ?? 0;
      return { issues: [{ path: [], message: `not valid YAML at ${lineAndColumn(position, at)}: the alias "*${unresolved[1] ?? ''}" names no anchor "&${unresolved[1] ?? ''}" set before it`, span: visibleSpan(text, at, alias?.range?.[1] ?? at + 1) }] };
    }
    // The yaml package stops an expansion of aliases that would fill memory.
    return { issues: [{ path: [], message: `aliases (*name) expand to too much; at most ${MAX_ALIASES} uses of an alias are read` }] };
  }
}

/** Where each path is written, from the library's document of text already read without problems. */
export function yamlPlaces(text: string): (path: readonly (string | number)[]) => Span {
  const document = parseDocument(text, OPTIONS);
  return (path) => yamlSpan(document, path);
}

/** The text of the value at `path`, or of the nearest enclosing value that exists (a missing field is reported on its parent). */
function yamlSpan(document: Document, path: readonly (string | number)[]): Span {
  for (let length = path.length; length >= 0; length--) {
    const node: unknown = length === 0 ? document.contents : document.getIn(path.slice(0, length), true);
    if (isNode(node) && node.range) {
      const [start, valueEnd] = node.range;
      return { start, end: Math.max(valueEnd, start + 1) };
    }
  }
  return { start: 0, end: 0 };
}
