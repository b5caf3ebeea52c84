// The rules of a scenario file's steps for what the palette and command arguments ask of the
// lab: each ask is checked as the one step of a scenario by the validator itself, so there is one
// set of rules (the schema's and the meaning's) for every surface, never a second copy of them.
import type { ParamValue, ProtocolName } from '../engine/model';
import { formatPath } from './scenario';
import { validateScenario } from './validate';

/** The first problem of the step (of its key `only`, when given), in the words a file gets ("quantity: must be at most 1000, got 1001"). */
function stepProblem(document: Record<string, unknown>, only?: string): string | undefined {
  const result = validateScenario({ version: 1, title: 'command', ...document });
  if ('scenario' in result) return undefined;
  const issue = only === undefined ? result.issues.find((candidate) => candidate.path[0] === 'steps') ?? result.issues[0] : result.issues.find((candidate) => candidate.path[0] === 'steps' && candidate.path[2] === only);
  if (issue === undefined) return undefined;
  const where = issue.path.slice(2);
  return where.length > 0 ? `${formatPath(where)}: ${issue.message}` : issue.message;
}

/** A request typed in the palette or passed to sendRequest, as a file's request step would be checked. */
export function requestProblem(protocol: ProtocolName, from: string, send: string, params: Readonly<Record<string, ParamValue>>): string | undefined {
  return stepProblem({ protocol, clients: [from], steps: [{ ...params, from, send }] });
}

/** One parameter of a request while it is typed (the others may not be asked yet). */
export function paramProblem(protocol: ProtocolName, send: string, name: string, value: ParamValue): string | undefined {
  return stepProblem({ protocol, steps: [{ from: 'Client', send, [name]: value }] }, name);
}

/** A server to add to a lab whose servers (up or down) are `servers`, as a file's addServer step would be checked. */
export function addServerProblem(protocol: ProtocolName, servers: readonly string[], name: string): string | undefined {
  return stepProblem({ protocol, servers: [...servers], relay: 'round-robin', steps: [{ addServer: name }] })?.replace(/^addServer: /, 'server name: ');
}
