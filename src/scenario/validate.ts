// Checks a parsed scenario document against the JSON Schema (the same one the editor uses),
// then against the domain (known requests, clients, servers), and says what is wrong in words.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { DEFAULT_LATENCY_MS, DEFAULT_TTL_MS, defaultRelay, defaultServerNames, type ParamValue, type RelayPolicy } from '../engine/model';
import { displayName, inventedNames, namesActor, type NameTable } from '../engine/names';
import { requestsOf } from '../engine/protocols/registry';
import type { Text } from '../engine/text';
import schema from './scenario.schema.json';
import { type Scenario, type ScenarioIssue, type Step } from './scenario';

// Compiled on first use: the extension host loads this module at activation, which must stay fast.
let compiled: { ajv: Ajv; validateDocument: ValidateFunction } | undefined;

function validators(): { ajv: Ajv; validateDocument: ValidateFunction } {
  if (compiled === undefined) {
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true });
    compiled = { ajv, validateDocument: ajv.compile(schema) };
  }
  return compiled;
}
/** As in the schema: servers at the start, and in all (added ones count too). */
const MAX_SERVERS = 100;
const MAX_NAME = 80;
const OPERATIONS = ['crash', 'restart', 'addServer', 'removeServer', 'store', 'drop', 'error', 'wait'] as const;
type Operation = (typeof OPERATIONS)[number];

function stepValidator(kind: 'request' | Operation): ValidateFunction {
  const found = validators().ajv.getSchema(`${schema.$id}#/definitions/${kind}Step`);
  if (found === undefined) throw new Error(`schema has no definition for ${kind}Step`);
  return found;
}

type Path = (string | number)[];

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
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

/** One ajv error in words a person understands. */
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
      return `must be at most ${String(params['limit'])} characters long`;
    case 'minItems':
      return `needs at least ${String(params['limit'])} item${params['limit'] === 1 ? '' : 's'}`;
    case 'maxItems':
      return `may have at most ${String(params['limit'])} items`;
    case 'uniqueItems':
      return `has the same entry twice (items ${String(params['j'])} and ${String(params['i'])})`;
    case 'anyOf':
    case 'oneOf':
      return `expected ${lowerFirst((description ?? 'another form').replace(/\s*Default:.*$/, '').replace(/\.$/, ''))}; got ${describe(value)}`;
    default:
      return error.message ?? `fails ${error.keyword}`;
  }
}

/** Ajv errors in words; where an anyOf failed, its branches' errors are noise and are left out. */
function explainAll(errors: readonly ErrorObject[], base: Path): ScenarioIssue[] {
  const anyOfPaths = errors.filter((error) => error.keyword === 'anyOf' || error.keyword === 'oneOf').map((error) => error.instancePath);
  const issues: ScenarioIssue[] = [];
  for (const error of errors) {
    const insideAnyOf = anyOfPaths.some((path) => error.keyword !== 'anyOf' && error.keyword !== 'oneOf' && (error.instancePath === path || error.instancePath.startsWith(`${path}/`)));
    if (insideAnyOf) continue;
    const path = error.keyword === 'additionalProperties' ? [...pathOf(error.instancePath, base), String((error.params as Record<string, unknown>)['additionalProperty'])] : pathOf(error.instancePath, base);
    issues.push({ path, message: explain(error) });
  }
  return issues;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkStep(raw: unknown, index: number): ScenarioIssue[] {
  const path: Path = ['steps', index];
  if (!isRecord(raw)) return [{ path, message: `a step must be an object such as { from: Client, send: price, item: laptop } or { crash: Server1 }, got ${describe(raw)}` }];
  const operations = OPERATIONS.filter((operation) => operation in raw);
  const isRequest = 'send' in raw || 'from' in raw;
  if (operations.length + (isRequest ? 1 : 0) > 1) {
    return [{ path, message: `one step does one thing; found ${[...(isRequest ? ['a request'] : []), ...operations].join(' and ')}` }];
  }
  const kind = isRequest ? 'request' : operations[0];
  if (kind === undefined) {
    return [{ path, message: `a step is a request (from, send) or one of ${OPERATIONS.join(', ')}; found only ${Object.keys(raw).map((key) => `"${key}"`).join(', ') || 'nothing'}` }];
  }
  const validate = stepValidator(kind);
  return validate(raw) ? [] : explainAll(validate.errors ?? [], path);
}

function text(value: unknown): Text {
  if (typeof value === 'string') return { en: value, ko: value };
  const record = value as { en: string; ko?: string };
  return { en: record.en, ko: record.ko ?? record.en };
}

/** Structure first, then meaning: returns the scenario, or every problem found. */
export function validateScenario(document: unknown): { scenario: Scenario } | { issues: ScenarioIssue[] } {
  if (!isRecord(document)) return { issues: [{ path: [], message: `a scenario is an object with version, title, protocol and steps; got ${describe(document)}` }] };
  const issues: ScenarioIssue[] = [];
  const { validateDocument } = validators();
  if (!validateDocument(document)) {
    const errors = (validateDocument.errors ?? []).filter((error) => !/^\/steps\/\d+/.test(error.instancePath) && !(Array.isArray(document['servers']) && error.instancePath.startsWith('/servers')));
    issues.push(...explainAll(errors, []));
  }
  if (Array.isArray(document['servers'])) issues.push(...serverListIssues(document['servers']));
  const steps = Array.isArray(document['steps']) ? (document['steps'] as unknown[]) : [];
  steps.forEach((step, index) => issues.push(...checkStep(step, index)));
  if (issues.length > 0) return { issues };
  return checkMeaning(document, steps as Record<string, unknown>[]);
}

/** The name a step means: as written, or another way of writing one of `names` (서버1 for Server1, Server1 for a lone Server). */
function resolveName(written: string, names: readonly string[], invented: NameTable): string {
  if (names.includes(written)) return written;
  return names.find((name) => namesActor(written, name, displayName(name, invented))) ?? written;
}

/** A list of server names, said precisely (the schema's anyOf would only say "expected a number or a list"). */
function serverListIssues(servers: readonly unknown[]): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  if (servers.length === 0) issues.push({ path: ['servers'], message: 'needs at least one server' });
  if (servers.length > MAX_SERVERS) issues.push({ path: ['servers'], message: `may have at most ${MAX_SERVERS} servers, got ${servers.length}` });
  const seen = new Map<string, number>();
  servers.forEach((name, index) => {
    if (typeof name !== 'string') issues.push({ path: ['servers', index], message: `a server's name must be text, got ${describe(name)}` });
    else if (name.length === 0) issues.push({ path: ['servers', index], message: 'a server\'s name must not be empty' });
    else if (name.length > MAX_NAME) issues.push({ path: ['servers', index], message: `a server's name may be at most ${MAX_NAME} characters long, got ${name.length}` });
    else if (seen.has(name)) issues.push({ path: ['servers', index], message: `"${name}" is already the name of servers[${String(seen.get(name))}]` });
    else seen.set(name, index);
  });
  return issues;
}

function checkMeaning(document: Record<string, unknown>, rawSteps: readonly Record<string, unknown>[]): { scenario: Scenario } | { issues: ScenarioIssue[] } {
  const issues: ScenarioIssue[] = [];
  const protocol = document['protocol'] as Scenario['protocol'];
  const state = (document['state'] as Scenario['state'] | undefined) ?? 'server';
  const rawServers = document['servers'] as number | string[] | undefined;
  const servers = Array.isArray(rawServers) ? rawServers : defaultServerNames(rawServers ?? 1);
  const relay = (document['relay'] as RelayPolicy | undefined) ?? defaultRelay(servers.length);
  const clients = (document['clients'] as string[] | undefined) ?? ['Client'];
  // Only the names we make up are translated (서버1, 클라이언트); the ones a person writes stay as written.
  const invented = inventedNames([...(Array.isArray(rawServers) ? [] : servers), ...(document['clients'] === undefined ? clients : [])]);
  if (protocol === 'tcp' && state !== 'server') {
    issues.push({ path: ['state'], message: `protocol "tcp" keeps its state in the connection on the server: use state: server (got "${state}")` });
  }
  if (relay === 'none' && servers.length > 1) {
    issues.push({ path: ['relay'], message: `"none" sends everything to one server, but there are ${servers.length}: use round-robin, random, sticky or least-connections` });
  }
  const requests = requestsOf(protocol);
  const live = new Set(servers);
  const down = new Set<string>();
  let created = servers.length;
  const steps: Step[] = [];
  rawSteps.forEach((raw, index) => {
    const at = (key?: string): Path => (key === undefined ? ['steps', index] : ['steps', index, key]);
    if ('send' in raw) {
      const from = resolveName(String(raw['from']), clients, invented);
      const send = String(raw['send']);
      if (!clients.includes(from)) issues.push({ path: at('from'), message: `no client named "${from}" (clients: ${clients.join(', ')})` });
      const spec = requests.find((request) => request.name === send);
      if (spec === undefined) {
        issues.push({ path: at('send'), message: `"${send}" is not a request of protocol "${protocol}" (expected ${requests.map((request) => request.name).join(', ')})` });
        return;
      }
      const params: Record<string, ParamValue> = {};
      for (const [key, value] of Object.entries(raw)) {
        if (['from', 'send', 'expect', 'retry'].includes(key)) continue;
        if (!spec.params.some((param) => param.name === key)) {
          issues.push({ path: at(key), message: `"${send}" takes ${spec.params.length === 0 ? 'no parameters' : `only ${spec.params.map((param) => param.name).join(', ')}`}, not "${key}"` });
        } else params[key] = value as ParamValue;
      }
      for (const param of spec.params) {
        if (!(param.name in raw)) issues.push({ path: at(), message: `"${send}" needs "${param.name}" (e.g. ${param.name}: ${String(param.example)})` });
      }
      const expect = raw['expect'] as 'ok' | 'fail' | undefined;
      steps.push({ kind: 'request', from, send, params, retry: (raw['retry'] as number | undefined) ?? 0, ...(expect !== undefined ? { expect } : {}) });
      return;
    }
    if ('crash' in raw || 'restart' in raw || 'removeServer' in raw) {
      const kind = 'crash' in raw ? 'crash' : 'restart' in raw ? 'restart' : 'removeServer';
      const server = resolveName(String(raw[kind]), [...live], invented);
      if (!live.has(server)) issues.push({ path: at(kind), message: `no server named "${server}" at this step (servers: ${[...live].join(', ') || 'none'})` });
      else if (kind === 'crash' && down.has(server)) issues.push({ path: at(kind), message: `"${server}" is already down at this step (restart it first)` });
      if (kind === 'crash' && live.has(server)) down.add(server);
      else down.delete(server);
      if (kind === 'removeServer') live.delete(server);
      steps.push({ kind, server });
    } else if ('addServer' in raw) {
      const server = String(raw['addServer']);
      if (live.has(resolveName(server, [...live], invented))) issues.push({ path: at('addServer'), message: `there is already a server named "${server}"` });
      else if (++created > MAX_SERVERS) issues.push({ path: at('addServer'), message: `a scenario may have at most ${MAX_SERVERS} servers in all, counting the ones it adds` });
      live.add(server);
      steps.push({ kind: 'addServer', server });
    } else if ('store' in raw) {
      if (state !== 'store') issues.push({ path: at('store'), message: `there is no session store unless state is "store" (state is "${state}")` });
      steps.push({ kind: 'store', up: raw['store'] === 'up' });
    } else if ('drop' in raw) steps.push({ kind: 'drop' });
    else if ('error' in raw) steps.push({ kind: 'error' });
    else steps.push({ kind: 'wait', ms: Number(raw['wait']) });
  });
  if (issues.length > 0) return { issues };
  return {
    scenario: {
      title: text(document['title']),
      ...(document['description'] !== undefined ? { description: text(document['description']) } : {}),
      ...(typeof document['story'] === 'number' ? { story: document['story'] } : {}),
      protocol, state, servers, relay, clients, names: invented,
      seed: (document['seed'] as number | undefined) ?? 1,
      sessionTtlMs: (document['sessionTtlMs'] as number | undefined) ?? DEFAULT_TTL_MS,
      latencyMs: (document['latencyMs'] as number | undefined) ?? DEFAULT_LATENCY_MS,
      steps,
    },
  };
}
