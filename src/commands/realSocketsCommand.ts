// Real sockets, from the panel's button or the palette: the story in the lab run again over real
// sockets (real/runReal.ts: real HTTP servers on loopback, the real proxy as the relay, clients with
// cookie jars, a real Redis for the shared store; TCP on real net sockets) and shown in the panel as it came out, where
// Insert into Note writes it down like any run and Reset goes back to the simulation.
import * as vscode from 'vscode';
import type { LabPanel } from '../panel/labPanel';
import { RedisServerMissing } from '../real/redisServer';
import { runScenarioReal } from '../real/runReal';
import { builtinScenario } from '../scenario/builtins';
import type { Scenario } from '../scenario/scenario';
import { diagramLanguage } from '../settings';
import { argsOf, text } from './commandArgs';
import { CommandRefused, type CommandAction } from './guardedCommand';

export function runOverRealSocketsCommand(lab: LabPanel): CommandAction {
  return async (raw) => {
    const named = text(argsOf(raw, 'scenario'), 'scenario');
    const builtin = named === undefined ? undefined : builtinScenario(named);
    if (named !== undefined && builtin === undefined) throw new CommandRefused(vscode.l10n.t('There is no built-in scenario "{0}".', named));
    const current = lab.current;
    const scenario: Scenario | undefined = builtin?.scenario ?? current?.scenario;
    const id = named ?? current?.id;
    if (scenario === undefined || id === undefined) throw new CommandRefused(vscode.l10n.t('Open the lab first (Protocol Lab: Open Lab).'));
    // Where state lives and the relay policy as the lab plays them now (a switch made in the panel counts).
    const topology = named === undefined ? lab.live?.labForCommands.topology ?? lab.shownRealRun?.topology : undefined;
    const options = topology === undefined ? {} : { state: topology.state, relay: topology.relay };
    const title = scenario.title[diagramLanguage()];
    let run;
    try {
      run = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Running "{0}" over real sockets…', title) }, () => runScenarioReal(scenario, options));
    } catch (error) {
      if (error instanceof RedisServerMissing) throw new CommandRefused(vscode.l10n.t('This story keeps its sessions in Redis, and redis-server is not installed: install it (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis), then press Real sockets again.'));
      throw new CommandRefused(vscode.l10n.t('"{0}" could not run over real sockets: {1}', title, error instanceof Error ? error.message : String(error)));
    }
    lab.showRealRun(run, id);
    return vscode.l10n.t('"{0}" ran over real sockets: {1} requests, {2} failed. Reset plays it in the simulation again.', title, run.metrics.requests, run.metrics.failed);
  };
}
