// Ajv's errors in words a person understands, each with the path it is about.
import type { ErrorObject } from 'ajv';
import { codePoints } from '../engine/text';
import type { ScenarioIssue } from './scenario';

export type Path = (string | number)[];

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (ArrayBuffer.isView(value)) return 'binary data';
  if (typeof value === 'string') {
    // 82 UTF-16 units hold at least 41 code points: the text is never spread whole (it may be 2 MB).
    const points = Array.from(value.slice(0, 82));
    return `the text "${points.length > 40 ? `${points.slice(0, 40).join('')}…` : value}"`;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value === 'object' ? 'an object' : typeof value;
}

function pathOf(instancePath: string, base: Path): Path {
  const parts = instancePath.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  return [...base, ...parts.map((part) => (/^\d+$/.test(part) ? Number(part) : part))];
}

const TYPE_WORDS: Readonly<Record<string, string>> = { integer: 'a whole number', number: 'a number', string: 'text', array: 'a list', object: 'an object', boolean: 'true or false' };

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** One ajv error in words. */
function explain(error: ErrorObject): string {
  const value: unknown = error.data;
  const parent: unknown = error.parentSchema;
  const description = typeof parent === 'object' && parent !== null && 'description' in parent && typeof parent.description === 'string' ? parent.description : undefined;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const properties = typeof parent === 'object' && parent !== null && 'properties' in parent ? Object.keys(parent.properties as object).filter((key) => key !== '$schema') : [];
      return `unknown key "${String(params['additionalProperty'])}" (allowed: ${properties.join(', ')})`;
    }
    case 'required':
      return `missing "${String(params['missingProperty'])}"`;
    case 'type':
      return `must be ${TYPE_WORDS[String(params['type'])] ?? String(params['type'])}, got ${describe(value)}`;
    case 'enum':
      return `${describe(value)} is not allowed (expected ${(params['allowedValues'] as unknown[]).map(String).join(', ')})`;
    case 'const':
      return `must be ${JSON.stringify(params['allowedValue'])}, got ${describe(value)}`;
    case 'minimum':
    case 'maximum':
      return `must be ${error.keyword === 'minimum' ? 'at least' : 'at most'} ${String(params['limit'])}, got ${describe(value)}`;
    case 'minLength':
      return 'must not be empty';
    case 'maxLength':
      // Ajv counts characters as code points (an emoji is one), as every rule here does.
      return `must be at most ${String(params['limit'])} characters long, got ${typeof value === 'string' ? codePoints(value) : '?'}`;
    case 'minItems':
      return `needs at least ${String(params['limit'])} item${params['limit'] === 1 ? '' : 's'}`;
    case 'maxItems':
      return `may have at most ${String(params['limit'])} items, got ${Array.isArray(value) ? value.length : '?'}`;
    case 'anyOf':
    case 'oneOf':
      return `expected ${lowerFirst((description ?? 'another form').replace(/\s*Default:.*$/, '').replace(/\.$/, ''))}; got ${describe(value)}`;
    default:
      return error.message ?? `fails ${error.keyword}`;
  }
}

function within(error: ErrorObject, anyOf: ErrorObject): boolean {
  return error.instancePath === anyOf.instancePath || error.instancePath.startsWith(`${anyOf.instancePath}/`);
}

/** The branch of an anyOf whose type the value has, when only one has it: its errors say more than "expected another form". */
function chosenBranch(anyOf: ErrorObject, errors: readonly ErrorObject[]): string | undefined {
  const prefix = `${anyOf.schemaPath}/`;
  const branches = new Map<string, boolean>();
  for (const error of errors) {
    if (!error.schemaPath.startsWith(prefix) || !within(error, anyOf)) continue;
    const branch = error.schemaPath.slice(prefix.length).split('/')[0] ?? '';
    const wrongType = error.keyword === 'type' && error.instancePath === anyOf.instancePath;
    branches.set(branch, (branches.get(branch) ?? false) || wrongType);
  }
  const fitting = [...branches].filter(([, wrongType]) => !wrongType);
  return fitting.length === 1 ? `${prefix}${fitting[0]?.[0] ?? ''}/` : undefined;
}

/** Ajv errors in words; where an anyOf failed, the errors of the branch the value fits are given, or else the anyOf's own. */
export function explainAll(errors: readonly ErrorObject[], base: Path): ScenarioIssue[] {
  // anyOfs are few (a handful of fields have one): this is linear in the errors.
  const anyOfs = errors.filter((error) => error.keyword === 'anyOf' || error.keyword === 'oneOf').map((error) => ({ error, branch: chosenBranch(error, errors) }));
  const issues: ScenarioIssue[] = [];
  for (const error of errors) {
    const inside = anyOfs.find(({ error: anyOf }) => error !== anyOf && error.schemaPath.startsWith(`${anyOf.schemaPath}/`) && within(error, anyOf));
    if (inside !== undefined && (inside.branch === undefined || !error.schemaPath.startsWith(inside.branch))) continue;
    if (anyOfs.some(({ error: anyOf, branch }) => anyOf === error && branch !== undefined)) continue;
    const path = error.keyword === 'additionalProperties' ? [...pathOf(error.instancePath, base), String((error.params as Record<string, unknown>)['additionalProperty'])] : pathOf(error.instancePath, base);
    issues.push({ path, message: explain(error) });
  }
  return issues;
}
