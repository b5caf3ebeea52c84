// Commands that act on the running lab: send a request, crash / restart / add / remove a server,
// the store down or up, where state lives, the relay policy, pacing, and the comparison.
// Each takes its arguments from executeCommand, or asks for them with quick picks and input boxes.
import * as vscode from 'vscode';
import { isOneOf, RELAY_POLICIES, STATE_PLACEMENTS, type ParamValue, type ProtocolName } from '../engine/model';
import type { ParamSpec } from '../engine/protocols/protocol';
import { requestsOf } from '../engine/protocols/registry';
import type { LiveSession } from '../live/liveSession';
import type { ComparePanel } from '../panel/comparePanel';
import type { LabPanel } from '../panel/labPanel';
import { performOnTraffic } from '../proxy/trafficActions';
import type { ControlAction, LabAction, LookMessage } from '../protocol/messages';
import { builtinScenario } from '../scenario/builtins';
import { addServerProblem, paramProblem, requestProblem } from '../scenario/commandRules';
import type { RunOptions } from '../scenario/run';
import type { Scenario } from '../scenario/scenario';
import type { ScenarioFiles } from '../scenarioFiles/scenarioFiles';
import { diagramLanguage } from '../settings';
import { argsOf, text, type Args } from './commandArgs';
import { CommandRefused, type CommandAction } from './guardedCommand';
import { pickScenario } from './scenarioCommands';

/** A parameter typed by a person: its form here, then the rules a scenario file's step follows
 * (a quantity from 1 to 1000, say); a message when it does not fit. */
export function checkParam(protocol: ProtocolName, request: string, spec: ParamSpec, raw: string): string | undefined {
  const value = raw.trim();
  if (value === '') return vscode.l10n.t('{0} needs a value.', spec.name);
  if (spec.type === 'integer' && !/^-?\d+$/.test(value)) return vscode.l10n.t('{0} must be a whole number.', spec.name);
  if (spec.values !== undefined && !spec.values.includes(value)) return vscode.l10n.t('{0} must be one of {1}.', spec.name, spec.values.join(', '));
  return paramProblem(protocol, request, spec.name, paramValue(spec, value));
}

function paramValue(spec: ParamSpec, raw: string): ParamValue {
  return spec.type === 'integer' ? Number.parseInt(raw.trim(), 10) : raw.trim();
}

export class LabCommands {
  constructor(private readonly lab: LabPanel, private readonly files: ScenarioFiles, private readonly comparison: ComparePanel) {}

  /** A built-in by id, the running scenario by its id, or a scenario file. */
  private async scenarioOf(id: string | vscode.Uri): Promise<Scenario> {
    if (typeof id === 'string') {
      const found = builtinScenario(id)?.scenario ?? (this.lab.current?.id === id ? this.lab.current.scenario : undefined);
      if (found !== undefined) return found;
      if (!id.includes(':')) throw new CommandRefused(vscode.l10n.t('There is no built-in scenario "{0}".', id));
    }
    const uri = typeof id === 'string' ? vscode.Uri.parse(id, true) : id;
    const file = await this.files.load(uri);
    if (!file.parsed.ok) throw new CommandRefused(vscode.l10n.t('{0} is not a valid scenario: {1}', vscode.workspace.asRelativePath(uri), file.parsed.issues[0]?.message ?? ''));
    return file.parsed.scenario;
  }

  /** What each lab command does, by the name the palette and the panel's action bar share. */
  private readonly actions: Readonly<Record<LabAction, CommandAction>> = {
    sendRequest: (args) => this.sendRequest(argsOf(args, 'request')),
    crashServer: (args) => this.onServer(argsOf(args, 'server'), 'crash'),
    restartServer: (args) => this.onServer(argsOf(args, 'server'), 'restart'),
    removeServer: (args) => this.onServer(argsOf(args, 'server'), 'remove'),
    addServer: (args) => this.addServer(argsOf(args, 'server')),
    storeDown: () => this.setStore(false),
    storeUp: () => this.setStore(true),
    setStatePlacement: (args) => this.replayWith(argsOf(args, 'state'), 'state', STATE_PLACEMENTS, vscode.l10n.t('Where does the conversation state live?'), (state) => ({ state })),
    setRelayPolicy: (args) => this.replayWith(argsOf(args, 'relay'), 'relay', RELAY_POLICIES, vscode.l10n.t('Which relay policy?'), (relay) => ({ relay })),
  };

  register(run: (id: string, action: CommandAction) => vscode.Disposable): vscode.Disposable[] {
    const control = (action: ControlAction) => (): Promise<undefined> => {
      this.session();
      this.lab.control(action);
      return Promise.resolve(undefined);
    };
    const look = (move: LookMessage['move']) => (): Promise<undefined> => {
      this.session();
      this.lab.look(move);
      return Promise.resolve(undefined);
    };
    return [
      ...Object.keys(this.actions).map((name) => run(`protocolLab.${name}`, (args) => this.perform(name as LabAction, args))),
      run('protocolLab.pause', control('pause')),
      run('protocolLab.resume', control('play')),
      run('protocolLab.step', control('step')),
      run('protocolLab.stepBack', look('back')),
      run('protocolLab.backToLive', look('live')),
      run('protocolLab.reset', control('reset')),
      run('protocolLab.compareArchitectures', (args) => this.compare(argsOf(args, 'scenario'))),
    ];
  }

  /**
   * The panel's action bar: the same command code as the palette, one set of rules for both. A
   * refusal is thrown (the panel shows it where the person acted), not shown as a notification.
   */
  perform(action: LabAction, args: unknown): Promise<string | undefined> {
    // Real traffic in the panel: the same commands act on the proxy, where they mean something there.
    const traffic = this.lab.shownTraffic;
    return traffic === undefined ? this.actions[action](args) : performOnTraffic(traffic, action, args);
  }

  private session(): LiveSession {
    const session = this.lab.live;
    if (session === undefined && this.lab.shownRealRun !== undefined) throw new CommandRefused(vscode.l10n.t('This run over real sockets has finished: Reset plays the story in the simulation again, where you can act on it.'));
    if (session === undefined) throw new CommandRefused(vscode.l10n.t('Open the lab first (Protocol Lab: Open Lab).'));
    return session;
  }

  private async sendRequest(args: Args): Promise<string | undefined> {
    const session = this.session();
    const topology = session.labForCommands.topology;
    const client = text(args, 'client') ?? (topology.clients.length === 1 ? topology.clients[0] : await vscode.window.showQuickPick([...topology.clients], { title: vscode.l10n.t('Send a request: from which client?') }));
    if (client === undefined) return undefined;
    if (!topology.clients.includes(client)) throw new CommandRefused(vscode.l10n.t('There is no client "{0}" (clients: {1}).', client, topology.clients.join(', ')));
    const specs = requestsOf(topology.protocol);
    const language = diagramLanguage();
    const name = text(args, 'request') ?? (await vscode.window.showQuickPick(specs.map((spec) => ({ label: spec.name, description: spec.description[language] })), { title: vscode.l10n.t('Send a request: which one?') }))?.label;
    if (name === undefined) return undefined;
    const spec = specs.find((candidate) => candidate.name === name);
    if (spec === undefined) throw new CommandRefused(vscode.l10n.t('"{0}" is not a request of {1} (requests: {2}).', name, topology.protocol, specs.map((candidate) => candidate.name).join(', ')));
    const given = args['params'];
    if (given !== undefined && (typeof given !== 'object' || given === null || Array.isArray(given))) throw new CommandRefused(vscode.l10n.t('"params" must be an object.'));
    const params: Record<string, ParamValue> = {};
    for (const param of spec.params) {
      const supplied = (given as Args | undefined)?.[param.name];
      if (supplied !== undefined && typeof supplied !== 'string' && typeof supplied !== 'number') throw new CommandRefused(vscode.l10n.t('{0} must be a string or a number.', param.name));
      const check = (value: string): string | undefined => checkParam(topology.protocol, spec.name, param, value);
      const raw = supplied === undefined ? await this.askParam(param, language, check) : String(supplied);
      if (raw === undefined) return undefined;
      const problem = check(raw);
      if (problem !== undefined) throw new CommandRefused(problem);
      params[param.name] = paramValue(param, raw);
    }
    // The whole request as a file's step would be checked (what one parameter alone cannot say).
    const problem = requestProblem(topology.protocol, client, spec.name, params);
    if (problem !== undefined) throw new CommandRefused(problem);
    session.send(client, spec.name, params);
    this.lab.open();
    return undefined;
  }

  private async askParam(param: ParamSpec, language: 'en' | 'ko', check: (value: string) => string | undefined): Promise<string | undefined> {
    if (param.values !== undefined) {
      return vscode.window.showQuickPick([...param.values], { title: vscode.l10n.t('{0}: {1}', param.name, param.description[language]) });
    }
    return vscode.window.showInputBox({
      title: vscode.l10n.t('{0}: {1}', param.name, param.description[language]),
      value: String(param.example),
      validateInput: check,
    });
  }

  private async serverName(args: Args, want: 'up' | 'down' | 'any'): Promise<string | undefined> {
    const named = text(args, 'server');
    if (named !== undefined) return named;
    const servers = this.session().state().lab.servers.filter((server) => want === 'any' || (want === 'up') === server.up);
    if (servers.length === 0) throw new CommandRefused(want === 'down' ? vscode.l10n.t('No server is down.') : vscode.l10n.t('No server is up.'));
    // Called as the diagram calls them (Clerk, 서버1); the lab gets the name its steps use.
    const language = diagramLanguage();
    const picked = await vscode.window.showQuickPick(servers.map((server) => ({ label: server.label[language], description: server.up ? vscode.l10n.t('up') : vscode.l10n.t('down'), name: server.name })), { title: vscode.l10n.t('Which server?') });
    return picked?.name;
  }

  private async onServer(args: Args, action: 'crash' | 'restart' | 'remove'): Promise<string | undefined> {
    const session = this.session();
    const name = await this.serverName(args, action === 'crash' ? 'up' : action === 'restart' ? 'down' : 'any');
    if (name === undefined) return undefined;
    session.operate((lab) => {
      if (action === 'crash') lab.crash(name);
      else if (action === 'restart') lab.restart(name);
      else lab.removeServer(name);
    });
    return undefined;
  }

  private async addServer(args: Args): Promise<string | undefined> {
    const session = this.session();
    const servers = session.state().lab.servers.map((server) => server.name);
    // The rules of a file's addServer step (not empty, at most 80 characters, a name not taken, 100 servers in all).
    const check = (value: string): string | undefined => addServerProblem(session.labForCommands.topology.protocol, servers, value.trim());
    const name = text(args, 'server') ?? await vscode.window.showInputBox({
      title: vscode.l10n.t('Add a server'),
      prompt: vscode.l10n.t('A name for the new server'),
      value: `Server${servers.length + 1}`,
      validateInput: check,
    });
    if (name === undefined) return undefined;
    const problem = check(name);
    if (problem !== undefined) throw new CommandRefused(problem);
    session.operate((lab) => { lab.addServer(name.trim()); });
    return undefined;
  }

  private setStore(up: boolean): Promise<undefined> {
    this.session().operate((lab) => { lab.setStore(up); });
    return Promise.resolve(undefined);
  }

  /** Where state lives or the relay policy: from the arguments or a pick, then the scenario replays with it. */
  private async replayWith<T extends string>(args: Args, key: string, values: readonly T[], title: string, options: (value: T) => RunOptions): Promise<undefined> {
    this.session();
    const chosen = text(args, key) ?? await vscode.window.showQuickPick([...values], { title });
    if (chosen === undefined) return undefined;
    if (!isOneOf(values, chosen)) throw new CommandRefused(vscode.l10n.t('"{0}" must be one of {1}.', key, values.join(', ')));
    this.lab.replay(options(chosen));
    return undefined;
  }

  /** The same steps with state in each place, drawn side by side in a panel (Insert into note there gives the Markdown). */
  private async compare(args: Args): Promise<string | undefined> {
    const named = text(args, 'scenario');
    const id = named ?? this.lab.current?.id ?? await pickScenario(this.files);
    if (id === undefined) return undefined;
    const scenario = await this.scenarioOf(id);
    const states = scenario.protocol === 'tcp' ? (['server'] as const) : STATE_PLACEMENTS;
    this.comparison.show(scenario, states, diagramLanguage());
    return undefined;
  }
}
