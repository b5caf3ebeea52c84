// Owns the lab's webview panel: creates it, streams the live session to it, reports renders.
// The host is the only source of truth; the webview asks for a snapshot whenever it is unsure.
import * as vscode from 'vscode';
import { CommandRefused } from '../commands/guardedCommand';
import { checkParam } from '../commands/labCommands';
import type { DetailLevel } from '../engine/model';
import { requestsOf } from '../engine/protocols/registry';
import { LabError } from '../engine/lab';
import { LiveSession } from '../live/liveSession';
import type { TrafficFeed } from '../proxy/trafficFeed';
import { inPieces } from '../protocol/inPieces';
import { parseWebviewToHost, toWire, type ActMessage, type CheckRequestMessage, type ControlAction, type HostToWebviewMessage, type LabAction, type LabActionArgs, type LookMessage, type PanelCommand, type WebviewToHostMessage } from '../protocol/messages';
import { builtinScenario } from '../scenario/builtins';
import { topologyOf, type RunOptions, type ScenarioRun } from '../scenario/run';
import type { Scenario } from '../scenario/scenario';
import { diagramDetail, diagramLanguage, playSettings } from '../settings';
import { labHtml } from './labHtml';
import { webviewPageInput, webviewRoot } from './webviewFiles';
import { PendingReplies } from './pendingReplies';
import { FIRST_STORY } from './panelState';

export const LAB_VIEW_TYPE = 'protocolLab.lab';
const SVG_TIMEOUT_MS = 10_000;
const PNG_TIMEOUT_MS = 60_000;

export type RenderReport =
  | { readonly ok: true; readonly svgLength: number; readonly elapsedMs: number }
  | { readonly ok: false; readonly error: string };

/** Carries out what the panel's action bar asks: the palette's lab commands (wired in extension.ts). */
export type ActionPerformer = (action: LabAction, args: LabActionArgs) => Promise<string | undefined>;

export class LabPanel implements vscode.Disposable {
  private performer: ActionPerformer | undefined;
  private panel: vscode.WebviewPanel | undefined;
  private session: LiveSession | undefined;
  /** What is playing: the scenario and its id (a built-in's, or a file's URI). */
  private playing: { readonly scenario: Scenario; readonly id: string } | undefined;
  /** Real traffic shown instead of a story: the proxy's picture (the proxy itself is not the panel's). */
  private traffic: { readonly feed: TrafficFeed; readonly unsubscribe: () => void } | undefined;
  /** The current story, run to its end over real sockets (real/runReal.ts): shown as it came out. */
  private realRun: ScenarioRun | undefined;
  /** The detail the person chose in the panel for this run (undefined: the setting's, else the file's). */
  private chosenDetail: DetailLevel | undefined;
  private readonly svgRequests = new PendingReplies<string>(SVG_TIMEOUT_MS, () => vscode.l10n.t('The lab did not hand over its diagram within {0} seconds.', SVG_TIMEOUT_MS / 1000));
  /** Drawing pictures takes longer than handing over an SVG: each block is rendered and encoded. */
  private readonly pngRequests = new PendingReplies<{ readonly pngs: readonly string[]; readonly error: string }>(PNG_TIMEOUT_MS, () => vscode.l10n.t('The lab did not hand over the image within {0} seconds.', PNG_TIMEOUT_MS / 1000));
  private readonly copyRequests = new PendingReplies<{ readonly ok: boolean; readonly error: string }>(PNG_TIMEOUT_MS, () => vscode.l10n.t('The lab did not copy the image within {0} seconds.', PNG_TIMEOUT_MS / 1000));
  /** Messages posted before the page listens are lost: requests wait for its "ready". */
  private pageReady: Promise<void> = Promise.resolve();
  private markReady: () => void = () => undefined;
  /** Events happened while the panel was hidden: VS Code drops messages then, so send a snapshot on show. */
  private stale = false;
  private readonly renderEmitter = new vscode.EventEmitter<RenderReport>();
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  /** Fires when the lab's state may have changed (events, a reset, another scenario, closed). */
  readonly onDidChange = this.changeEmitter.event;
  private readonly disposables: vscode.Disposable[] = [];
  /** Fires each time the webview reports a diagram drawn (or refused). */
  readonly onDidRender = this.renderEmitter.event;

  constructor(private readonly extensionUri: vscode.Uri, private readonly log: vscode.LogOutputChannel) {}

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  /** Who carries out the action bar's requests: the same code as the palette's commands. */
  performActionsWith(performer: ActionPerformer): void {
    this.performer = performer;
  }

  /** Shows the lab, playing this built-in scenario when one is named. */
  open(scenarioId?: string): void {
    if (scenarioId !== undefined && builtinScenario(scenarioId) === undefined) throw new Error(vscode.l10n.t('There is no built-in scenario "{0}".', scenarioId));
    if (this.panel) {
      if (scenarioId !== undefined) this.play(scenarioId);
      this.panel.reveal();
      return;
    }
    this.attach(vscode.window.createWebviewPanel(LAB_VIEW_TYPE, 'Protocol Lab', vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [webviewRoot(this.extensionUri)],
    }), scenarioId);
  }

  /** Takes over a panel: a new one, or one VS Code restores after a reload. */
  attach(panel: vscode.WebviewPanel, start: string | { readonly scenario: Scenario; readonly id: string } = FIRST_STORY): void {
    this.panel = panel;
    this.pageReady = new Promise((resolveReady) => { this.markReady = resolveReady; });
    panel.webview.options = { enableScripts: true, localResourceRoots: [webviewRoot(this.extensionUri)] };
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icon.svg');
    panel.webview.html = labHtml(webviewPageInput(panel.webview, this.extensionUri, 'Protocol Lab'));
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => { this.receive(raw); }),
      panel.onDidChangeViewState(() => {
        if (panel.visible && this.stale) this.sendSnapshot();
      }),
      panel.onDidDispose(() => { this.detach(); }),
    );
    if (this.session !== undefined || this.traffic !== undefined || this.realRun !== undefined) return;
    if (typeof start === 'string') this.play(start);
    else this.playScenario(start.scenario, start.id);
  }

  /** Plays a built-in scenario live in the panel. */
  play(builtinId: string): void {
    const builtin = builtinScenario(builtinId);
    if (builtin === undefined) throw new Error(vscode.l10n.t('There is no built-in scenario "{0}".', builtinId));
    this.playScenario(builtin.scenario, builtinId);
  }

  /** Plays any scenario (a built-in or a file's), optionally with state or relay changed. */
  playScenario(scenario: Scenario, id: string, options: RunOptions = {}): void {
    const settings = playSettings();
    const topology = topologyOf(scenario, { state: settings.state, relay: settings.relay, ...options });
    // Another story starts at its own level; the same one played again (another relay, say) keeps the person's choice.
    if (this.playing?.id !== id) this.chosenDetail = undefined;
    this.playing = { scenario, id };
    this.stopShowingTraffic();
    this.realRun = undefined;
    this.session?.dispose();
    const session = new LiveSession(topology);
    this.session = session;
    session.onBatch((batch) => {
      // The sidebar follows the run whether or not the panel shows.
      this.changeEmitter.fire();
      if (this.panel?.visible !== true) {
        this.stale = true;
        return;
      }
      const state = session.state();
      this.post({ type: 'events', fromSeq: batch.fromSeq, events: batch.events, inspector: state.lab, metrics: state.metrics });
    });
    // The run finishing (or going on after a request) changes the panel's controls.
    session.onFinishedChange(() => { this.post({ type: 'pacing', ...session.pacingState }); });
    session.onReset(() => {
      this.changeEmitter.fire();
      this.sendSnapshot();
    });
    session.onStepError((message) => {
      this.log.warn(`The story stopped at a step: ${message}`);
      this.post({ type: 'pacing', ...session.pacingState });
      this.post({ type: 'notice', text: vscode.l10n.t('Paused: a step could not run ({0}). Play goes on with the next step; Reset starts over.', message), error: true });
      void vscode.window.showWarningMessage(vscode.l10n.t('Protocol Lab paused: a step could not run ({0}).', message));
    });
    session.setSpeed(settings.speed);
    session.load(topology, scenario.steps);
    this.changeEmitter.fire();
    if (this.panel === undefined) this.open();
  }

  /**
   * Draws real traffic live instead of a story: the proxy's exchanges reach the webview as a story's
   * events do (appended batches, or the whole state again when the traffic log folded what was drawn).
   */
  showTraffic(feed: TrafficFeed): void {
    this.stopShowingTraffic();
    this.realRun = undefined;
    this.session?.dispose();
    this.session = undefined;
    this.playing = undefined;
    const unsubscribe = feed.onChange((change) => {
      this.changeEmitter.fire();
      if (this.panel?.visible !== true) {
        this.stale = true;
        return;
      }
      if (change.kind === 'replace') this.sendSnapshot();
      else this.post({ type: 'events', fromSeq: change.fromSeq, events: change.events, inspector: feed.inspector(), metrics: feed.metrics() });
    });
    this.traffic = { feed, unsubscribe };
    this.showShown();
  }

  /** Shows the current story as it ran over real sockets; Reset (or Play) goes back to the simulation. */
  showRealRun(run: ScenarioRun, id: string): void {
    this.stopShowingTraffic();
    this.session?.dispose();
    this.session = undefined;
    this.playing = { scenario: run.scenario, id };
    this.realRun = run;
    this.showShown();
  }

  /** Says the panel shows something new: opens the panel on it, or draws it and brings the panel forward. */
  private showShown(): void {
    this.changeEmitter.fire();
    if (this.panel === undefined) {
      this.open();
      return;
    }
    this.sendSnapshot();
    this.panel.reveal();
  }

  /** The story run over real sockets that the panel shows, if it shows one. */
  get shownRealRun(): ScenarioRun | undefined {
    return this.realRun;
  }

  /** The real traffic the panel shows, if it shows any. */
  get shownTraffic(): TrafficFeed | undefined {
    return this.traffic?.feed;
  }

  /** Says something in the panel's status line (the proxy stopped, say). */
  notice(text: string, error = false): void {
    this.post({ type: 'notice', text, error });
  }

  /** Draws the lab's state again from scratch (the proxy stopped: the title says so). */
  redraw(): void {
    this.sendSnapshot();
  }

  private stopShowingTraffic(): void {
    this.traffic?.unsubscribe();
    this.traffic = undefined;
  }

  /** The lab as it runs, for commands and the topology view; undefined when closed. */
  get live(): LiveSession | undefined {
    return this.session;
  }

  get current(): { readonly scenario: Scenario; readonly id: string } | undefined {
    return this.playing;
  }

  /** Replays the current scenario with where state lives or the relay policy changed. */
  replay(options: RunOptions): void {
    if (this.playing === undefined) throw new Error(vscode.l10n.t('The lab is not open.'));
    this.playScenario(this.playing.scenario, this.playing.id, { state: options.state ?? this.session?.labForCommands.topology.state, relay: options.relay ?? this.session?.labForCommands.topology.relay });
  }

  /** How much this run's diagram draws: the panel's choice, else the setting, else the scenario file's, else every hop. */
  get detail(): DetailLevel {
    return this.chosenDetail ?? diagramDetail() ?? this.playing?.scenario.detail ?? 'hop';
  }

  /** The run so far, for notes and copies; undefined when the lab is closed. */
  currentRun(): ScenarioRun | undefined {
    if (this.realRun !== undefined) return this.realRun;
    return this.playing === undefined ? undefined : this.session?.runSoFar(this.playing.scenario);
  }

  /** The diagram as drawn in the panel, as one SVG document ('' when nothing is drawn yet). */
  async drawnSvg(): Promise<string> {
    await this.untilReady();
    return this.svgRequests.request((requestId) => { this.post({ type: 'collectSvg', requestId }); });
  }

  /** PNGs at twice the drawn size: the drawn diagram (no blocks), or each block drawn on its own. */
  async pngs(blocks: readonly string[] = []): Promise<Buffer[]> {
    await this.untilReady();
    const answer = await this.pngRequests.request((requestId) => { this.post({ type: 'collectPng', requestId, blocks }); });
    if (answer.error !== '') throw new Error(answer.error);
    return answer.pngs.map((png) => Buffer.from(png, 'base64'));
  }

  /** Asks the page to put the drawn diagram on the clipboard as an image (only the page can). */
  async copyImage(): Promise<void> {
    await this.untilReady();
    // The page needs the focus to write to the clipboard.
    this.panel?.reveal(undefined, false);
    const answer = await this.copyRequests.request((requestId) => { this.post({ type: 'copyImage', requestId }); });
    if (!answer.ok) throw new Error(answer.error);
  }

  private async untilReady(): Promise<void> {
    if (this.panel === undefined) throw new Error(vscode.l10n.t('The lab is not open.'));
    await Promise.race([this.pageReady, new Promise((resolveWait) => setTimeout(resolveWait, SVG_TIMEOUT_MS))]);
  }

  private detach(): void {
    this.panel = undefined;
    this.playing = undefined;
    this.stopShowingTraffic();
    this.realRun = undefined;
    const closed = vscode.l10n.t('The lab was closed.');
    this.svgRequests.failAll(closed);
    this.pngRequests.failAll(closed);
    this.copyRequests.failAll(closed);
    this.session?.dispose();
    this.session = undefined;
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
    this.changeEmitter.fire();
  }

  private sendSnapshot(): void {
    const session = this.session;
    if ((session === undefined && this.traffic === undefined && this.realRun === undefined) || this.panel === undefined) return;
    if (!this.panel.visible) {
      this.stale = true;
      return;
    }
    this.stale = false;
    if (session === undefined) {
      if (this.realRun === undefined) this.sendTrafficSnapshot();
      else this.sendRealRunSnapshot(this.realRun);
      return;
    }
    const state = session.state();
    const language = diagramLanguage();
    this.post({
      type: 'snapshot', scenarioId: this.playing?.id ?? '', title: this.playing?.scenario.title[language] ?? 'Protocol Lab', language,
      participants: state.participants, events: state.events, inspector: state.lab, metrics: state.metrics, pacing: state.pacing, detail: this.detail,
    });
  }

  private sendRealRunSnapshot(run: ScenarioRun): void {
    const language = diagramLanguage();
    this.post({
      type: 'snapshot', scenarioId: this.playing?.id ?? '', language, title: vscode.l10n.t('{0} (over real sockets)', run.scenario.title[language]),
      participants: run.participants, events: run.trace, inspector: run.final, metrics: run.metrics,
      pacing: { playing: false, speed: 1, finished: true }, detail: this.detail, real: 'sockets',
    });
  }

  private sendTrafficSnapshot(): void {
    const feed = this.traffic?.feed;
    if (feed === undefined) return;
    const state = feed.state();
    const address = feed.address;
    this.post({
      type: 'snapshot', scenarioId: '', language: diagramLanguage(),
      title: address === undefined ? vscode.l10n.t('Real traffic (the proxy has stopped)') : vscode.l10n.t('Real traffic through {0} ({1})', address.url, feed.policy),
      participants: state.participants, events: state.events, inspector: state.inspector, metrics: state.metrics,
      // Real traffic is not paced: it is drawn as it comes.
      pacing: { playing: address !== undefined, speed: 1, finished: address === undefined }, real: 'traffic',
    });
  }

  private receive(raw: unknown): void {
    const parsed = parseWebviewToHost(raw);
    if (!parsed.ok) {
      this.log.warn(`Ignored a malformed message from the lab webview: ${parsed.error}`);
      return;
    }
    this.handle(parsed.message);
  }

  private handle(message: WebviewToHostMessage): void {
    switch (message.type) {
      case 'ready':
        this.markReady();
        this.sendSnapshot();
        return;
      case 'needSnapshot':
        this.log.info(`The lab webview asked for a snapshot: ${message.reason}`);
        this.sendSnapshot();
        return;
      case 'control':
        this.control(message.action);
        return;
      case 'rendered':
        this.log.debug(`Diagram rendered: ${message.svgLength} characters of SVG in ${Math.round(message.elapsedMs)} ms`);
        this.renderEmitter.fire({ ok: true, svgLength: message.svgLength, elapsedMs: message.elapsedMs });
        return;
      case 'renderFailed':
        this.log.error(`Diagram failed to render: ${message.error}`);
        this.renderEmitter.fire({ ok: false, error: message.error });
        return;
      case 'command':
        this.runCommand(message.command);
        return;
      case 'act':
        void this.act(message);
        return;
      case 'detail':
        // The page redraws itself; exports of this run follow the choice.
        this.chosenDetail = message.level;
        return;
      case 'checkRequest':
        this.checkRequest(message);
        return;
      case 'svg':
        if (!this.svgRequests.settle(message.requestId, message.svg)) this.log.warn(`The lab webview sent an SVG nobody asked for (request ${message.requestId}).`);
        return;
      case 'png':
        if (!this.pngRequests.settle(message.requestId, message)) this.log.warn(`The lab webview sent images nobody asked for (request ${message.requestId}).`);
        return;
      case 'imageCopied':
        // The panel's own button copies without a request: only a palette request waits for this.
        if (!this.copyRequests.settle(message.requestId, message)) this.log.info(message.ok ? 'The lab copied the diagram as an image.' : `The lab could not copy the image: ${message.error}`);
        return;
    }
  }

  /** The panel's buttons run the same commands as the palette. */
  private runCommand(command: PanelCommand): void {
    vscode.commands.executeCommand(`protocolLab.${command}`).then(undefined, (error: unknown) => {
      this.log.error(`protocolLab.${command} failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  /** An action from the panel: done by the palette's code; its refusal is said in the panel, where the person acted. */
  private async act(message: ActMessage): Promise<void> {
    const answer = (ok: boolean, text: string): void => { this.post({ type: 'acted', requestId: message.requestId, ok, text: text.slice(0, 4000) }); };
    if (this.performer === undefined) {
      answer(false, vscode.l10n.t('The lab cannot act yet; try again in a moment.'));
      return;
    }
    try {
      answer(true, (await this.performer(message.action, message.args)) ?? '');
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      // A refusal (a name that is not there, a server already down) is expected; anything else is a bug.
      if (error instanceof CommandRefused || error instanceof LabError) this.log.info(`The panel's ${message.action} was refused: ${text}`);
      else this.log.error(`The panel's ${message.action} failed: ${error instanceof Error ? error.stack ?? text : text}`);
      answer(false, text);
    }
  }

  /** The request form's parameters as typed, checked by the palette's own rules, so the panel says what it would. */
  private checkRequest(message: CheckRequestMessage): void {
    const protocol = this.session?.labForCommands.topology.protocol;
    const spec = protocol === undefined ? undefined : requestsOf(protocol).find((candidate) => candidate.name === message.request);
    const problems: Record<string, string> = {};
    if (protocol !== undefined && spec !== undefined) {
      for (const param of spec.params) {
        const problem = checkParam(protocol, spec.name, param, String(message.params[param.name] ?? ''));
        if (problem !== undefined) problems[param.name] = problem;
      }
    }
    this.post({ type: 'requestChecked', requestId: message.requestId, problems });
  }

  control(action: ControlAction): void {
    const session = this.session;
    if (session === undefined && this.realRun !== undefined && this.playing !== undefined && (action === 'reset' || action === 'play')) {
      // Back to the simulation, where the story can be paced and acted on.
      this.playScenario(this.playing.scenario, this.playing.id, { state: this.realRun.topology.state, relay: this.realRun.topology.relay });
      return;
    }
    if (session === undefined) {
      // Real traffic comes at the pace the app is used: nothing here holds it back or plays it.
      if (this.traffic !== undefined) this.notice(vscode.l10n.t('Real traffic is drawn as it comes: Pause, Step and Reset act on stories. Stop Proxy stops it.'));
      return;
    }
    switch (action) {
      case 'play': session.play(); break;
      case 'pause': session.pause(); break;
      case 'step': session.step(); break;
      case 'reset': session.reset(); break;
      case 'faster': session.changeSpeed(1); break;
      case 'slower': session.changeSpeed(-1); break;
    }
    this.post({ type: 'pacing', ...session.pacingState });
  }

  /** Moves the panel's look at the run (Step Back, Back to Live): only the view moves, the run keeps its place. */
  look(move: LookMessage['move']): void {
    this.post({ type: 'look', move });
  }

  /** A long run's snapshot or batch goes in pieces, each a short task for the webview (see inPieces). */
  private post(message: HostToWebviewMessage): void {
    const panel = this.panel;
    if (panel === undefined) return;
    for (const piece of inPieces(message)) void panel.webview.postMessage(toWire(piece));
  }

  dispose(): void {
    this.panel?.dispose();
    this.detach();
    this.renderEmitter.dispose();
    this.changeEmitter.dispose();
  }
}
