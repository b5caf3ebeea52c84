// Keys a scenario file may not have, found in one pass over its parsed tree: the same key twice in
// one object or map (JSON included: JSON.parse would silently keep the last), and keys that would
// change an object's prototype. Duplicates are found with a set per object (the yaml library's own
// check compares every key with every other: 40,000 keys took 26 s).
import type { Node } from 'jsonc-parser';
import { isAlias, isMap, isScalar, isSeq, type Alias, type Document } from 'yaml';
import { lineAndColumn, type Position } from './lines';
import type { ScenarioIssue } from './scenario';

/** Keys that would change an object's prototype instead of naming a field. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function twice(format: 'JSON' | 'YAML', position: Position, name: string, at: number, first: number, end: number): ScenarioIssue {
  return { path: [], message: `not valid ${format} at ${lineAndColumn(position, at)}: the key "${name}" is given twice in one ${format === 'JSON' ? 'object' : 'map'} (first at line ${position(first).line})`, span: { start: at, end } };
}

/** JSON (its nesting already bounded, so the recursion is shallow). */
export function jsonKeyIssues(root: Node, position: Position, path: (string | number)[] = [], found: ScenarioIssue[] = []): ScenarioIssue[] {
  if (root.type === 'object') {
    const seen = new Map<string, number>();
    for (const property of root.children ?? []) {
      const [key, value] = property.children ?? [];
      const name = typeof key?.value === 'string' ? key.value : '';
      const at = key?.offset ?? 0;
      const first = seen.get(name);
      if (FORBIDDEN_KEYS.has(name)) found.push({ path: [...path, name], message: `"${name}" is not allowed as a key`, span: { start: at, end: at + (key?.length ?? 1) } });
      else if (first !== undefined) found.push(twice('JSON', position, name, at, first, at + (key?.length ?? 1)));
      else {
        seen.set(name, at);
        if (value !== undefined) jsonKeyIssues(value, position, [...path, name], found);
      }
    }
  } else if (root.type === 'array') {
    (root.children ?? []).forEach((child, index) => jsonKeyIssues(child, position, [...path, index], found));
  }
  return found;
}

export interface YamlTree {
  /** The deepest nesting of maps and lists. */
  readonly depth: number;
  readonly duplicates: ScenarioIssue[];
  readonly aliases: readonly Alias[];
}

/** YAML, walked with a stack of its own (the document's nesting is only estimated before this). */
export function yamlTree(document: Document, position: Position): YamlTree {
  const duplicates: ScenarioIssue[] = [];
  const aliases: Alias[] = [];
  let depth = 0;
  const stack: { node: unknown; depth: number }[] = [{ node: document.contents, depth: 0 }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { node } = next;
    if (isAlias(node)) aliases.push(node);
    else if (isMap(node)) {
      depth = Math.max(depth, next.depth + 1);
      const seen = new Map<unknown, number>();
      for (const pair of node.items) {
        const key: unknown = pair.key;
        if (isScalar(key) && key.range !== undefined && key.range !== null) {
          const first = seen.get(key.value);
          if (first !== undefined) duplicates.push(twice('YAML', position, String(key.value), key.range[0], first, Math.max(key.range[1], key.range[0] + 1)));
          else seen.set(key.value, key.range[0]);
        } else stack.push({ node: key, depth: next.depth + 1 });
        stack.push({ node: pair.value, depth: next.depth + 1 });
      }
    } else if (isSeq(node)) {
      depth = Math.max(depth, next.depth + 1);
      for (const item of node.items) stack.push({ node: item, depth: next.depth + 1 });
    }
  }
  // The walk is last-in first-out: problems are said in the order of the text.
  duplicates.sort((a, b) => (a.span?.start ?? 0) - (b.span?.start ?? 0));
  aliases.sort((a, b) => (a.range?.[0] ?? 0) - (b.range?.[0] ?? 0));
  return { depth, duplicates, aliases };
}
