// Runs a scenario from start to end on a fresh lab and checks its `expect` marks.
import { Lab } from '../engine/lab';
import { MetricsCollector, type RunMetrics } from '../engine/metrics';
import type { RelayPolicy, StatePlacement, Topology } from '../engine/model';
import type { LabSnapshot } from '../engine/snapshot';
import { say } from '../engine/text';
import type { Participant, RequestOutcomeEvent, TraceEvent } from '../engine/trace';
import { applyOperation } from './operations';
import type { Scenario, Step } from './scenario';

export interface Expectation {
  readonly step: number;
  readonly expected: 'ok' | 'fail';
  readonly actual: 'ok' | 'fail';
  readonly held: boolean;
  readonly outcome: RequestOutcomeEvent;
}

/** The metrics of a run plus what only the end state and the scenario know. */
export interface ScenarioMetrics extends RunMetrics {
  /** Sessions or connections each server holds at the end, by server id. */
  readonly stateHeldPerServer: Readonly<Record<string, number>>;
  readonly stateHeldInStore: number;
  readonly expectationsHeld: number;
  readonly expectationsFailed: number;
}

export interface ScenarioRun {
  readonly scenario: Scenario;
  readonly topology: Topology;
  readonly participants: readonly Participant[];
  readonly trace: readonly TraceEvent[];
  readonly metrics: ScenarioMetrics;
  readonly expectations: readonly Expectation[];
  readonly final: LabSnapshot;
}

export interface RunOptions {
  readonly seed?: number;
  /** Run the same steps with state kept elsewhere (comparisons). */
  readonly state?: StatePlacement;
  /** Run them behind another relay policy. */
  readonly relay?: RelayPolicy;
}

export function topologyOf(scenario: Scenario, options: RunOptions = {}): Topology {
  const { protocol, state, servers, relay, clients, seed, sessionTtlMs, latencyMs, names, drawRelay } = scenario;
  return {
    protocol, state: options.state ?? state, servers, relay: options.relay ?? relay, clients, seed: options.seed ?? seed, sessionTtlMs, latencyMs,
    ...(names !== undefined ? { names } : {}), ...(drawRelay !== undefined ? { drawRelay } : {}),
    // The cookie is drawn where the story uses it: when a request sends it back (the seed's login diagrams have none).
    ...(protocol === 'login' && !scenario.steps.some((step) => step.kind === 'request' && step.send !== 'login') ? { cookies: false } : {}),
  };
}

const SUCCESS = say('Success', '성공');

export function runScenario(scenario: Scenario, options: RunOptions = {}): ScenarioRun {
  const topology = topologyOf(scenario, options);
  const lab = new Lab(topology);
  const metrics = new MetricsCollector();
  lab.subscribe(metrics.observe);
  const expectations: Expectation[] = [];
  scenario.steps.forEach((step, index) => {
    const outcome = perform(lab, step);
    if (step.kind === 'request' && step.expect !== undefined && outcome !== undefined) {
      const actual = outcome.ok ? 'ok' : 'fail';
      expectations.push({ step: index, expected: step.expect, actual, held: actual === step.expect, outcome });
    }
  });
  return scenarioRunOf(scenario, topology, lab, metrics.result(), expectations);
}

/** A run as notes and comparisons use it, from a lab as it stands (a finished or a live one). */
export function scenarioRunOf(scenario: Scenario, topology: Topology, lab: Lab, metrics: RunMetrics, expectations: readonly Expectation[] = []): ScenarioRun {
  const final = lab.snapshot();
  const held = expectations.filter((expectation) => expectation.held).length;
  return {
    scenario, topology, participants: [...lab.participants], trace: lab.trace, expectations, final,
    metrics: {
      ...metrics,
      stateHeldPerServer: Object.fromEntries(final.servers.map((server) => [server.id, server.sessions.length + server.connections.length])),
      stateHeldInStore: final.store?.sessions.length ?? 0,
      expectationsHeld: held,
      expectationsFailed: expectations.length - held,
    },
  };
}

function outcomeOf(lab: Lab, requestId: number): RequestOutcomeEvent | undefined {
  for (let index = lab.trace.length - 1; index >= 0; index--) {
    const event = lab.trace[index];
    if (event?.type === 'request-outcome' && event.requestId === requestId) return event;
  }
  return undefined;
}

/** Carries out one step and lets everything it started finish. Returns a request's final outcome. */
function perform(lab: Lab, step: Step): RequestOutcomeEvent | undefined {
  switch (step.kind) {
    case 'request': {
      let outcome = outcomeOf(lab, sendAndSettle(lab, step.from, step.send, step));
      for (let attempt = 0; attempt < step.retry && outcome !== undefined && !outcome.ok; attempt++) {
        const afterServerError = outcome.reason === 'server-error';
        outcome = outcomeOf(lab, sendAndSettle(lab, step.from, step.send, step, afterServerError));
        if (afterServerError) lab.group('end', SUCCESS);
      }
      if (outcome?.reason === 'server-error') lab.group('end', SUCCESS);
      return outcome;
    }
    default:
      applyOperation(lab, step);
  }
  lab.runUntilIdle();
  return undefined;
}

/**
 * Sends a request and runs until idle. After a server error the retry is drawn as the other branch
 * of the alternative: the branch switches ("else Success") once the retry reaches a server.
 */
function sendAndSettle(lab: Lab, from: string, send: string, step: Extract<Step, { kind: 'request' }>, afterServerError = false): number {
  let requestId = -1;
  let switched = false;
  const unsubscribe = afterServerError
    ? lab.subscribe((event) => {
        if (!switched && event.type === 'message-delivered' && event.requestId === requestId && /^s\d+$/.test(event.to)) {
          switched = true;
          lab.group('else', SUCCESS);
        }
      })
    : undefined;
  requestId = lab.send(from, send, step.params);
  lab.runUntilIdle();
  unsubscribe?.();
  return requestId;
}
