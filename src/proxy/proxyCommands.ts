// Proxy My App, Stop Proxy and the status bar: the real proxy (real/proxy.ts) started in the
// extension host in front of the person's app, its address in the status bar, its traffic drawn
// live in the lab panel. The last upstreams and policy are remembered per workspace.
import * as vscode from 'vscode';
import { argsOf, text, type Args } from '../commands/commandArgs';
import { CommandRefused, type CommandAction } from '../commands/guardedCommand';
import type { LabPanel } from '../panel/labPanel';
import type { ProxyPolicy } from '../real/proxy';
import { UpstreamError, type UpstreamSpec } from '../real/upstreams';
import { diagramLanguage } from '../settings';
import { isLoopbackHost, readListen, type ListenAddress } from './listenAddress';
import type { RememberedProxy } from './rememberedProxy';
import { chosenPolicy, policyItems } from './trafficActions';
import { TrafficFeed } from './trafficFeed';
import { MAX_UPSTREAMS, readUpstreams, upstreamEntries, upstreamEntryProblem } from './upstreamInput';
import { refusingUpstreams } from './upstreamProbe';

const RUNNING_CONTEXT = 'protocolLab.proxyRunning';

/** Why the proxy could not listen, said so that the person knows what to change. */
function listenProblem(error: unknown, listen: ListenAddress): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const where = listen.host.includes(':') ? `[${listen.host}]:${listen.port}` : `${listen.host}:${listen.port}`;
  switch (code) {
    case 'EADDRINUSE': return vscode.l10n.t('{0} is in use by another program: set protocolLab.proxy.listen to another port, or leave it empty for a free one.', where);
    case 'EADDRNOTAVAIL': return vscode.l10n.t('This machine has no address {0} to listen on: check protocolLab.proxy.listen.', listen.host);
    case 'EACCES': return vscode.l10n.t('Listening on port {0} is not allowed here (ports below 1024 need privileges): pick a port above 1024.', listen.port);
    default: return vscode.l10n.t('The proxy could not listen on {0}: {1}', where, error instanceof Error ? error.message : String(error));
  }
}

export class ProxyCommands implements vscode.Disposable {
  private feed: TrafficFeed | undefined;
  private readonly status = vscode.window.createStatusBarItem('protocolLab.proxy', vscode.StatusBarAlignment.Left, 10);
  private readonly labChanged: vscode.Disposable;

  constructor(private readonly lab: LabPanel, private readonly remembered: RememberedProxy, private readonly log: vscode.LogOutputChannel) {
    this.status.name = vscode.l10n.t('Protocol Lab proxy');
    this.status.command = 'protocolLab.proxyMenu';
    // The policy may change from the panel: the tooltip follows.
    this.labChanged = lab.onDidChange(() => { this.showStatus(); });
  }

  register(run: (id: string, action: CommandAction) => vscode.Disposable): vscode.Disposable[] {
    return [
      run('protocolLab.proxyMyApp', (args) => this.proxyMyApp(argsOf(args, 'upstreams'))),
      run('protocolLab.stopProxy', () => this.stopProxy()),
      run('protocolLab.proxyMenu', () => this.menu()),
    ];
  }

  /** Where the running proxy listens (for tests and other extensions). */
  get address(): string | undefined {
    return this.feed?.address?.url;
  }

  /** What the status bar shows ('' when no proxy runs). */
  get statusText(): string {
    return this.feed === undefined ? '' : this.status.text;
  }

  private async proxyMyApp(args: Args): Promise<string | undefined> {
    const upstreams = await this.upstreamsFrom(args['upstreams']);
    if (upstreams === undefined) return undefined;
    const policy = await chosenPolicy(text(args, 'policy'), { policy: this.remembered.policy, mark: vscode.l10n.t('last used here') }, vscode.l10n.t('Proxy My App: how should the proxy pick an upstream?'));
    if (policy === undefined) return undefined;
    const listenText = text(args, 'listen') ?? this.listenSetting();
    const listen = readListen(listenText);
    if (!listen.ok) throw new CommandRefused(listen.problem);
    return this.start(upstreams, policy, listen.listen);
  }

  private listenSetting(): string {
    const value = vscode.workspace.getConfiguration('protocolLab').get<unknown>('proxy.listen', '');
    return typeof value === 'string' ? value : '';
  }

  /** From the arguments (a comma-separated string or a list of them), or asked for. */
  private async upstreamsFrom(given: unknown): Promise<readonly UpstreamSpec[] | undefined> {
    if (given === undefined) return this.askUpstreams();
    const written = typeof given === 'string' ? given : Array.isArray(given) && given.every((entry) => typeof entry === 'string') ? given.join(',') : undefined;
    if (written === undefined) throw new CommandRefused(vscode.l10n.t('"upstreams" must be a string of URLs separated by commas, or a list of URLs.'));
    const reading = readUpstreams(written);
    if (!reading.ok) throw new CommandRefused(reading.problem);
    return reading.upstreams;
  }

  /** Comma-separated in one box (pre-filled with the last ones used here), or one by one after the first. */
  private async askUpstreams(): Promise<readonly UpstreamSpec[] | undefined> {
    const typed = await vscode.window.showInputBox({
      title: vscode.l10n.t('Proxy My App: your app\'s servers'),
      prompt: vscode.l10n.t('Upstream URLs, separated by commas; name=URL gives one a name. One URL alone: the next ones are asked one by one.'),
      placeHolder: 'http://127.0.0.1:3000, http://127.0.0.1:3001',
      value: this.remembered.upstreams,
      ignoreFocusOut: true,
      validateInput: (value) => { const reading = readUpstreams(value); return reading.ok ? undefined : reading.problem; },
    });
    if (typed === undefined) return undefined;
    const reading = readUpstreams(typed);
    if (!reading.ok) throw new CommandRefused(reading.problem);
    const entries = upstreamEntries(typed);
    while (reading.upstreams.length === 1 && entries.length < MAX_UPSTREAMS) {
      const next = await vscode.window.showInputBox({
        title: vscode.l10n.t('Proxy My App: upstream {0}', entries.length + 1),
        prompt: vscode.l10n.t('Another upstream URL, or Enter with nothing to start with {0}.', entries.join(', ')),
        placeHolder: 'http://127.0.0.1:3001',
        ignoreFocusOut: true,
        validateInput: (value) => (value.trim() === '' ? undefined : upstreamEntryProblem(value)),
      });
      if (next === undefined) return undefined;
      if (next.trim() === '') break;
      entries.push(next.trim());
    }
    const upstreams = readUpstreams(entries.join(','));
    if (!upstreams.ok) throw new CommandRefused(upstreams.problem);
    return upstreams.upstreams;
  }

  private async start(upstreams: readonly UpstreamSpec[], policy: ProxyPolicy, listen: ListenAddress): Promise<string> {
    let feed: TrafficFeed;
    try {
      feed = new TrafficFeed({ upstreams, policy, listen, onNotice: (line) => { this.log.warn(`Proxy: ${line}`); } });
    } catch (error) {
      if (error instanceof UpstreamError) throw new CommandRefused(vscode.l10n.t('These upstreams cannot be used: {0}', error.message));
      throw error;
    }
    // One proxy at a time. The one running makes way first when the new one wants its port; otherwise
    // only once the new one listens, so that a new one that cannot listen leaves the old one running.
    if (listen.port !== 0 && this.feed?.address?.port === listen.port) await this.halt();
    const address = await feed.start().catch((error: unknown) => { throw new CommandRefused(listenProblem(error, listen)); });
    await this.halt();
    this.feed = feed;
    await this.remembered.remember(upstreams, policy);
    void vscode.commands.executeCommand('setContext', RUNNING_CONTEXT, true);
    this.showStatus();
    this.lab.showTraffic(feed);
    this.log.info(`Proxy listening on ${address.url} → ${feed.upstreams.map((upstream) => upstream.url.href).join(', ')} (${policy})`);
    if (!isLoopbackHost(address.host)) void vscode.window.showWarningMessage(vscode.l10n.t('The proxy listens on {0}: other machines can reach your app through it.', address.url));
    void this.warnOfRefusals(feed);
    return vscode.l10n.t('The proxy listens on {0} and forwards to {1} ({2}): send your requests there, and the lab draws them.', address.url, feed.upstreams.map((upstream) => upstream.url.host).join(', '), policy);
  }

  private async warnOfRefusals(feed: TrafficFeed): Promise<void> {
    const refusing = await refusingUpstreams(feed.upstreams);
    if (refusing.length === 0 || this.feed !== feed) return;
    const language = diagramLanguage();
    const named = refusing.map((upstream) => `${upstream.label[language]} (${upstream.url.host})`).join(', ');
    void vscode.window.showWarningMessage(vscode.l10n.t('{0} refuses connections: is the app running there? Until it answers, the proxy sends requests to the other upstreams, or answers 502.', named));
  }

  private async stopProxy(): Promise<string> {
    const url = this.feed?.address?.url;
    if (url === undefined) throw new CommandRefused(vscode.l10n.t('No proxy is running.'));
    await this.halt();
    return vscode.l10n.t('The proxy at {0} stopped. The lab keeps its picture: Insert into Note writes it down.', url);
  }

  /** Stops the running proxy, if any; the panel keeps drawing what it saw. */
  private async halt(): Promise<void> {
    const feed = this.feed;
    if (feed === undefined) return;
    this.feed = undefined;
    this.status.hide();
    void vscode.commands.executeCommand('setContext', RUNNING_CONTEXT, false);
    await feed.stop();
    if (this.lab.shownTraffic === feed) this.lab.redraw();
  }

  private showStatus(): void {
    const feed = this.feed;
    const address = feed?.address;
    if (feed === undefined || address === undefined) return;
    this.status.text = `$(radio-tower) ${address.url.replace(/^http:\/\//, '')}`;
    this.status.tooltip = vscode.l10n.t('Protocol Lab proxy on {0} → {1} ({2}). Click for the lab, the policy or Stop.', address.url, feed.upstreams.map((upstream) => upstream.url.host).join(', '), feed.policy);
    this.status.show();
  }

  /** The status bar's menu: the lab, the policy, the address, Stop. */
  private async menu(): Promise<string | undefined> {
    const feed = this.feed;
    if (feed === undefined) throw new CommandRefused(vscode.l10n.t('No proxy is running.'));
    type Item = vscode.QuickPickItem & { readonly run: () => Promise<string | undefined> };
    const items: Item[] = [
      { label: `$(beaker) ${vscode.l10n.t('Show the traffic in the lab')}`, run: () => { this.lab.showTraffic(feed); return Promise.resolve(undefined); } },
      { label: `$(arrow-both) ${vscode.l10n.t('Switch the policy')}`, description: feed.policy, run: () => this.switchPolicy(feed) },
      { label: `$(copy) ${vscode.l10n.t('Copy the address')}`, description: feed.address?.url, run: async () => { await vscode.env.clipboard.writeText(feed.address?.url ?? ''); return undefined; } },
      { label: `$(debug-stop) ${vscode.l10n.t('Stop the proxy')}`, run: () => this.stopProxy() },
    ];
    const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Protocol Lab proxy on {0}', feed.address?.url ?? '') });
    return picked?.run();
  }

  private async switchPolicy(feed: TrafficFeed): Promise<string | undefined> {
    const picked = await vscode.window.showQuickPick(policyItems({ policy: feed.policy, mark: vscode.l10n.t('now') }), { title: vscode.l10n.t('How should the proxy route the next request?') });
    if (picked === undefined) return undefined;
    feed.setPolicy(picked.policy);
    this.showStatus();
    return vscode.l10n.t('The proxy routes the next request by {0}.', picked.policy);
  }

  dispose(): void {
    this.labChanged.dispose();
    this.status.dispose();
    void this.halt();
  }
}
