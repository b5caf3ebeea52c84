// The last upstreams and policy Proxy My App ran with, remembered per workspace in the
// workspace's own storage (ExtensionContext.workspaceState): nothing is written into the person's
// folder, another project starts from its own list, and a window with no folder still remembers.
// What is read back was written by an older version or by hand: it is checked, never trusted.
import { isOneOf } from '../engine/model';
import { PROXY_POLICIES, type ProxyPolicy } from '../real/proxy';
import type { UpstreamSpec } from '../real/upstreams';
import { readUpstreams, upstreamsText } from './upstreamInput';

/** The part of vscode.Memento used here (so that tests give a Map-backed one). */
export interface SmallMemento {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
}

const UPSTREAMS_KEY = 'protocolLab.proxy.upstreams';
const POLICY_KEY = 'protocolLab.proxy.policy';

export class RememberedProxy {
  constructor(private readonly memento: SmallMemento) {}

  /** The upstreams last used here, as the input box shows them ('' when none, or when what was kept is no longer valid). */
  get upstreams(): string {
    const kept = this.memento.get(UPSTREAMS_KEY);
    if (typeof kept !== 'string') return '';
    return readUpstreams(kept).ok ? kept : '';
  }

  get policy(): ProxyPolicy | undefined {
    const kept = this.memento.get(POLICY_KEY);
    return typeof kept === 'string' && isOneOf<ProxyPolicy>(PROXY_POLICIES, kept) ? kept : undefined;
  }

  async remember(upstreams: readonly UpstreamSpec[], policy: ProxyPolicy): Promise<void> {
    await this.memento.update(UPSTREAMS_KEY, upstreamsText(upstreams));
    await this.memento.update(POLICY_KEY, policy);
  }
}
