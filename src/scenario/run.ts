// Runs a scenario from start to end on a fresh lab and checks its `expect` marks.
import { Lab } from '../engine/lab';
import { MetricsCollector, type RunMetrics } from '../engine/metrics';
import type { RelayPolicy, StatePlacement, Topology } from '../engine/model';
import type { LabSnapshot } from '../engine/snapshot';
import type { Participant, TraceEvent } from '../engine/trace';
import { ScenarioRunner, type Expectation } from './runner';
import type { Scenario } from './scenario';


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
  const { protocol, state, servers, relay, clients, seed, sessionTtlMs, latencyMs, names, drawRelay, drawSteps } = scenario;
  return {
    protocol, state: options.state ?? state, servers, relay: options.relay ?? relay, clients, seed: options.seed ?? seed, sessionTtlMs, latencyMs,
    ...(names !== undefined ? { names } : {}), ...(drawRelay !== undefined ? { drawRelay } : {}), ...(drawSteps !== undefined ? { drawSteps } : {}),
    // The cookie is drawn where the story uses it: when a request sends it back (the seed's login diagrams have none).
    ...(protocol === 'login' && !scenario.steps.some((step) => step.kind === 'request' && step.send !== 'login') ? { cookies: false } : {}),
  };
}

export function runScenario(scenario: Scenario, options: RunOptions = {}): ScenarioRun {
  const topology = topologyOf(scenario, options);
  const lab = new Lab(topology);
  const metrics = new MetricsCollector();
  lab.subscribe(metrics.observe);
  const runner = new ScenarioRunner(lab, scenario.steps);
  runner.runToEnd();
  runner.dispose();
  return scenarioRunOf(scenario, topology, lab, metrics.result(), runner.expectations);
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
