// Runs a scenario over real sockets (and a real Redis) from start to end, with the same runner
// and the same outcome checks as a simulated run, and returns it in the same shape: the diagram,
// note and JSON code draw it unchanged.
import { MetricsCollector } from '../engine/metrics';
import { scenarioRunOf, topologyOf, type RunOptions, type ScenarioRun } from '../scenario/run';
import { ScenarioRunner } from '../scenario/runner';
import type { Scenario } from '../scenario/scenario';
import { openRealLab } from './openRealLab';
import type { RealLabOptions } from './realLab';

export async function runScenarioReal(scenario: Scenario, options: RunOptions & RealLabOptions = {}): Promise<ScenarioRun> {
  const topology = topologyOf(scenario, options);
  const real = await openRealLab(topology, options);
  const metrics = new MetricsCollector();
  real.subscribe(metrics.observe);
  const runner = new ScenarioRunner(real, scenario.steps);
  try {
    await runner.runToEndOver(() => real.settled());
  } finally {
    runner.dispose();
    await real.close();
  }
  return scenarioRunOf(scenario, topology, real.lab, metrics.result(), runner.expectations);
}
