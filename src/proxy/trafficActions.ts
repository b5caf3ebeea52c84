// The lab's commands while the panel draws real traffic: what applies to a proxy does (the relay
// policy for the next request; crash / restart take an upstream out of the turn and back), and what
// belongs to a simulated story is refused with what to do instead.
import * as vscode from 'vscode';
import { argsOf, text } from '../commands/commandArgs';
import { CommandRefused } from '../commands/guardedCommand';
import { isOneOf } from '../engine/model';
import type { LabAction } from '../protocol/messages';
import { PROXY_POLICIES, type ProxyPolicy } from '../real/proxy';
import { diagramLanguage } from '../settings';
import type { TrafficFeed } from './trafficFeed';

/** A policy to mark in the list (the one in use, or the one used last), first in it. */
export interface MarkedPolicy {
  readonly policy: ProxyPolicy | undefined;
  readonly mark: string;
}

/** The words of each policy in the quick pick, in the person's language. */
export function policyItems(current: MarkedPolicy): (vscode.QuickPickItem & { readonly policy: ProxyPolicy })[] {
  const detail: Record<ProxyPolicy, string> = {
    'round-robin': vscode.l10n.t('each request to the next upstream in turn'),
    random: vscode.l10n.t('each request to an upstream picked at random'),
    sticky: vscode.l10n.t('a client stays with the upstream it met first (the proxy sets a cookie of its own)'),
    'least-connections': vscode.l10n.t('each request to the upstream with the fewest requests open'),
  };
  const ordered = [...PROXY_POLICIES].sort((a, b) => Number(b === current.policy) - Number(a === current.policy));
  return ordered.map((policy) => ({ label: policy, ...(policy === current.policy ? { description: current.mark } : {}), detail: detail[policy], policy }));
}

/** The policy named in the arguments, or picked; undefined when the person cancelled. */
export async function chosenPolicy(given: string | undefined, current: MarkedPolicy, title: string): Promise<ProxyPolicy | undefined> {
  if (given !== undefined) {
    if (!isOneOf<ProxyPolicy>(PROXY_POLICIES, given)) throw new CommandRefused(vscode.l10n.t('The proxy routes by {0}; "{1}" is not one of them.', PROXY_POLICIES.join(', '), given));
    return given;
  }
  return (await vscode.window.showQuickPick(policyItems(current), { title }))?.policy;
}

export async function performOnTraffic(feed: TrafficFeed, action: LabAction, raw: unknown): Promise<string | undefined> {
  const address = feed.address?.url ?? vscode.l10n.t('the proxy (stopped)');
  switch (action) {
    case 'setRelayPolicy': {
      const policy = await chosenPolicy(text(argsOf(raw, 'relay'), 'relay'), { policy: feed.policy, mark: vscode.l10n.t('now') }, vscode.l10n.t('How should the proxy route the next request?'));
      if (policy === undefined) return undefined;
      feed.setPolicy(policy);
      return vscode.l10n.t('The proxy routes the next request by {0}.', policy);
    }
    case 'crashServer':
    case 'restartServer': {
      const down = action === 'crashServer';
      const name = text(argsOf(raw, 'server'), 'server') ?? await pickUpstream(feed, down);
      if (name === undefined) return undefined;
      const upstream = feed.upstreams.find((candidate) => candidate.name === name || candidate.id === name || candidate.label.en === name || candidate.label.ko === name);
      if (upstream === undefined) throw new CommandRefused(vscode.l10n.t('The proxy has no upstream "{0}" (upstreams: {1}).', name, feed.upstreams.map((candidate) => candidate.name).join(', ')));
      if (down) feed.markDown(upstream.name);
      else feed.markUp(upstream.name);
      const label = upstream.label[diagramLanguage()];
      return down ? vscode.l10n.t('{0} is out of the turn: the proxy sends nothing to it until it is restarted here.', label) : vscode.l10n.t('{0} is back in the turn.', label);
    }
    case 'sendRequest':
      throw new CommandRefused(vscode.l10n.t('This is real traffic: send requests to {0} from your app, a browser or curl.', address));
    case 'addServer':
    case 'removeServer':
      throw new CommandRefused(vscode.l10n.t('The proxy forwards to the upstreams it was started with: run Proxy My App again to change them.'));
    case 'storeDown':
    case 'storeUp':
    case 'setStatePlacement':
      throw new CommandRefused(vscode.l10n.t('Where your app keeps its state is up to your app: the proxy only shows what happens to it.'));
  }
}

async function pickUpstream(feed: TrafficFeed, up: boolean): Promise<string | undefined> {
  const candidates = feed.upstreams.filter((upstream) => upstream.up === up);
  if (candidates.length === 0) throw new CommandRefused(up ? vscode.l10n.t('No upstream is in the turn.') : vscode.l10n.t('No upstream is out of the turn.'));
  const language = diagramLanguage();
  const picked = await vscode.window.showQuickPick(candidates.map((upstream) => ({ label: upstream.label[language], description: upstream.url.origin, name: upstream.name })), { title: vscode.l10n.t('Which upstream?') });
  return picked?.name;
}
