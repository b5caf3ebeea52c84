// Checks a parsed scenario document against the JSON Schema (the same one the editor uses),
// then against the domain (known requests, clients, servers), and says what is wrong in words.
import Ajv, { type ValidateFunction } from 'ajv';
import { DEFAULT_LATENCY_MS, DEFAULT_TTL_MS, defaultRelay, defaultServerNames, DETAIL_LEVELS, isOneOf, type ParamValue, type RelayPolicy } from '../engine/model';
import { displayName, inventedNames, namesActor, type NameTable } from '../engine/names';
import { requestsOf } from '../engine/protocols/registry';
import type { Text } from '../engine/text';
import { drawnNameIssues, type DeclaredName } from './drawnNames';
import { describe, explainAll, type Path } from './explain';
import { nameListIssues } from './nameLists';
import schema from './scenario.schema.json';
import { type Scenario, type ScenarioIssue, type Step } from './scenario';

/**
 * The document's schema without what is checked one by one elsewhere: steps (each against its own
 * kind), client and server names (nameLists.ts). With allErrors, ajv appends a referenced schema's
 * errors by copying the whole list (`vErrors.concat`), so 20,000 broken steps in one validation
 * took 114 s; one validation per step keeps every list short.
 */
const documentSchema = {
  ...schema,
  $id: `${schema.$id}#document`,
  properties: {
    ...schema.properties,
    servers: { ...schema.properties.servers, anyOf: [schema.properties.servers.anyOf[0], { type: 'array' }] },
    clients: { type: 'array', description: schema.properties.clients.description },
    steps: { type: 'array', minItems: schema.properties.steps.minItems, maxItems: schema.properties.steps.maxItems, description: schema.properties.steps.description },
  },
};

// Compiled on first use: the extension host loads this module at activation, which must stay fast.
let compiled: { ajv: Ajv; validateDocument: ValidateFunction } | undefined;

function validators(): { ajv: Ajv; validateDocument: ValidateFunction } {
  if (compiled === undefined) {
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true });
    ajv.addSchema(schema);
    compiled = { ajv, validateDocument: ajv.compile(documentSchema) };
  }
  return compiled;
}
/** As in the schema: servers at the start, and in all (added ones count too); clients. */
const MAX_SERVERS = 100;
const MAX_CLIENTS = 20;
const OPERATIONS = ['crash', 'restart', 'addServer', 'removeServer', 'store', 'drop', 'error', 'wait'] as const;
type Operation = (typeof OPERATIONS)[number];

function stepValidator(kind: 'request' | Operation): ValidateFunction {
  const found = validators().ajv.getSchema(`${schema.$id}#/definitions/${kind}Step`);
  if (found === undefined) throw new Error(`schema has no definition for ${kind}Step`);
  return found;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** At most five keys said (a step may hold thousands). */
function keysSaid(keys: readonly string[]): string {
  if (keys.length === 0) return 'nothing';
  return `${keys.slice(0, 5).map((key) => `"${key}"`).join(', ')}${keys.length > 5 ? ` and ${keys.length - 5} more` : ''}`;
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
    return [{ path, message: `a step is a request (from, send) or one of ${OPERATIONS.join(', ')}; found only ${keysSaid(Object.keys(raw))}` }];
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
    issues.push(...explainAll(validateDocument.errors ?? [], []));
  }
  if (Array.isArray(document['servers'])) issues.push(...nameListIssues('servers', 'server', document['servers'], MAX_SERVERS));
  if (Array.isArray(document['clients'])) issues.push(...nameListIssues('clients', 'client', document['clients'], MAX_CLIENTS));
  // More steps than allowed are refused by their number (the schema's maxItems) without reading each.
  const steps = Array.isArray(document['steps']) && document['steps'].length <= schema.properties.steps.maxItems ? (document['steps'] as unknown[]) : [];
  steps.forEach((step, index) => issues.push(...checkStep(step, index)));
  if (issues.length > 0) return { issues };
  return checkMeaning(document, steps as Record<string, unknown>[]);
}

/** The name a step means: as written, or another way of writing one of `names` (서버1 for Server1, Server1 for a lone Server). */
function resolveName(written: string, names: readonly string[], invented: NameTable): string {
  if (names.includes(written)) return written;
  return names.find((name) => namesActor(written, name, displayName(name, invented))) ?? written;
}

/** Server names in a message: at most ten of them. */
function namesSaid(names: ReadonlySet<string>): string {
  if (names.size === 0) return 'none';
  const listed = [...names].slice(0, 10);
  return `${listed.join(', ')}${names.size > 10 ? ` and ${names.size - 10} more` : ''}`;
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
  const declared: DeclaredName[] = [
    ...clients.map((name, index) => ({ name, path: document['clients'] === undefined ? ['clients'] : ['clients', index] })),
    ...servers.map((name, index) => ({ name, path: Array.isArray(rawServers) ? ['servers', index] : ['servers'] })),
  ];
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
      if (!live.has(server)) issues.push({ path: at(kind), message: `no server named "${server}" at this step (servers: ${namesSaid(live)})` });
      else if (kind === 'crash' && down.has(server)) issues.push({ path: at(kind), message: `"${server}" is already down at this step (restart it first)` });
      if (kind === 'crash' && live.has(server)) down.add(server);
      else down.delete(server);
      if (kind === 'removeServer') live.delete(server);
      steps.push({ kind, server });
    } else if ('addServer' in raw) {
      const server = String(raw['addServer']);
      const refused = relay === 'none'
        ? `with relay "none" every request goes to the first server, so "${server}" would never serve: set relay to round-robin, random, sticky or least-connections${document['relay'] === undefined ? ' (with one server the relay is "none" unless set)' : ''}`
        : live.has(resolveName(server, [...live], invented)) ? `there is already a server named "${server}"`
          : ++created > MAX_SERVERS ? `a scenario may have at most ${MAX_SERVERS} servers in all, counting the ones it adds` : undefined;
      if (refused !== undefined) issues.push({ path: at('addServer'), message: refused });
      else declared.push({ name: server, path: at('addServer') });
      // Past the limit servers are not added: the steps after it stay cheap to check.
      if (created <= MAX_SERVERS) live.add(server);
      steps.push({ kind: 'addServer', server });
    } else if ('store' in raw) {
      if (state !== 'store') issues.push({ path: at('store'), message: `there is no session store unless state is "store" (state is "${state}")` });
      steps.push({ kind: 'store', up: raw['store'] === 'up' });
    } else if ('drop' in raw) steps.push({ kind: 'drop' });
    else if ('error' in raw) steps.push({ kind: 'error' });
    else steps.push({ kind: 'wait', ms: Number(raw['wait']) });
  });
  issues.push(...drawnNameIssues(declared, invented));
  if (issues.length > 0) return { issues };
  return {
    scenario: {
      title: text(document['title']),
      ...(document['description'] !== undefined ? { description: text(document['description']) } : {}),
      ...(typeof document['story'] === 'number' ? { story: document['story'] } : {}),
      ...(isOneOf(DETAIL_LEVELS, document['detail']) ? { detail: document['detail'] } : {}),
      protocol, state, servers, relay, clients, names: invented,
      seed: (document['seed'] as number | undefined) ?? 1,
      sessionTtlMs: (document['sessionTtlMs'] as number | undefined) ?? DEFAULT_TTL_MS,
      latencyMs: (document['latencyMs'] as number | undefined) ?? DEFAULT_LATENCY_MS,
      steps,
    },
  };
}
