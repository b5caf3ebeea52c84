// The Topology view: the running lab's relay, servers (up or down, with the sessions or
// connections each holds) and the store, refreshed as events arrive. Crash and restart inline.
import * as vscode from 'vscode';
import { participantLabel } from '../diagram/sequenceDiagram';
import { short } from '../engine/headers';
import type { LabSnapshot, ServerView } from '../engine/snapshot';
import { diagramLanguage } from '../settings';
import type { LabPanel } from '../panel/labPanel';

export type TopologyNode =
  | { readonly kind: 'relay'; readonly snapshot: LabSnapshot }
  | { readonly kind: 'server'; readonly server: string; readonly snapshot: LabSnapshot }
  | { readonly kind: 'store'; readonly snapshot: LabSnapshot }
  | { readonly kind: 'detail'; readonly id: string; readonly label: string; readonly description?: string };

/** Refreshes at most this often: a fast run sends many batches a second. */
const REFRESH_MS = 250;

export class TopologyTree implements vscode.TreeDataProvider<TopologyNode> {
  private readonly changeEmitter = new vscode.EventEmitter<TopologyNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly lab: LabPanel) {
    lab.onDidChange(() => {
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        this.changeEmitter.fire(undefined);
      }, REFRESH_MS);
    });
  }

  getChildren(node?: TopologyNode): TopologyNode[] {
    // A story as it runs, the proxy's upstreams (real traffic), or a story run over real sockets as it ended.
    const snapshot = this.lab.live?.state().lab ?? this.lab.shownTraffic?.inspector() ?? this.lab.shownRealRun?.final;
    if (snapshot === undefined) return [];
    const language = diagramLanguage();
    const name = (id: string): string => {
      const participant = snapshot.participants.find((candidate) => candidate.id === id);
      return participant === undefined ? id : participantLabel(participant, language);
    };
    if (node === undefined) {
      return [
        ...(snapshot.relay ? [{ kind: 'relay' as const, snapshot }] : []),
        ...snapshot.servers.map((server) => ({ kind: 'server' as const, server: server.name, snapshot })),
        ...(snapshot.store ? [{ kind: 'store' as const, snapshot }] : []),
      ];
    }
    if (node.kind === 'server') {
      const server = snapshot.servers.find((candidate) => candidate.name === node.server);
      if (server === undefined) return [];
      return [
        // A session is shown as its cookie would be (SID=7f3a…), never by our id.
        ...server.sessions.map((session) => ({ kind: 'detail' as const, id: `${server.id}:${session.key}`, label: `SID=${short(session.key)}`, description: Object.keys(session.context).join(', ') })),
        ...server.connections.map((connection) => ({ kind: 'detail' as const, id: `${server.id}:${connection.id}`, label: name(connection.client), description: `${connection.status}, ${connection.bytes} B` })),
      ];
    }
    if (node.kind === 'store') return (snapshot.store?.sessions ?? []).map((session) => ({ kind: 'detail' as const, id: `store:${session.key}`, label: `SID=${short(session.key)}`, description: Object.keys(session.context).join(', ') }));
    if (node.kind === 'relay') return (snapshot.relay?.pins ?? []).map(([client, server]) => ({ kind: 'detail' as const, id: `pin:${client}`, label: vscode.l10n.t('{0} → {1}', name(client), name(server)), description: vscode.l10n.t('sticky') }));
    return [];
  }

  getTreeItem(node: TopologyNode): vscode.TreeItem {
    const expandable = vscode.TreeItemCollapsibleState.Expanded;
    switch (node.kind) {
      case 'relay': {
        const relay = node.snapshot.relay;
        const item = new vscode.TreeItem(vscode.l10n.t('Relay'), (relay?.pins.length ?? 0) > 0 ? expandable : vscode.TreeItemCollapsibleState.None);
        item.id = 'relay';
        item.description = relay?.policy;
        item.iconPath = new vscode.ThemeIcon('arrow-both');
        return item;
      }
      case 'server': {
        const server = node.snapshot.servers.find((candidate) => candidate.name === node.server);
        const held = (server?.sessions.length ?? 0) + (server?.connections.length ?? 0);
        // Called as the diagrams call it (Clerk B, 서버1); commands still get the name steps use.
        const item = new vscode.TreeItem(server === undefined ? node.server : (server.label as ServerView['label'] | undefined)?.[diagramLanguage()] ?? node.server, held > 0 ? expandable : vscode.TreeItemCollapsibleState.None);
        item.id = `server:${node.server}`;
        const up = server?.up === true;
        const holds = node.snapshot.protocol === 'tcp'
          ? (held === 1 ? vscode.l10n.t('1 connection') : vscode.l10n.t('{0} connections', held))
          : (held === 1 ? vscode.l10n.t('1 session') : vscode.l10n.t('{0} sessions', held));
        item.description = up
          ? vscode.l10n.t('up · {0} · served {1}', holds, server.served)
          : vscode.l10n.t('down · served {0}', server?.served ?? 0);
        item.iconPath = new vscode.ThemeIcon(up ? 'vm-running' : 'vm-outline', new vscode.ThemeColor(up ? 'testing.iconPassed' : 'errorForeground'));
        item.contextValue = up ? 'serverUp' : 'serverDown';
        return item;
      }
      case 'store': {
        const store = node.snapshot.store;
        const item = new vscode.TreeItem(vscode.l10n.t('Session store'), (store?.sessions.length ?? 0) > 0 ? expandable : vscode.TreeItemCollapsibleState.None);
        item.id = 'store';
        item.description = store?.up === true ? vscode.l10n.t('up · {0}', store.sessions.length === 1 ? vscode.l10n.t('1 session') : vscode.l10n.t('{0} sessions', store.sessions.length)) : vscode.l10n.t('down');
        item.iconPath = new vscode.ThemeIcon('database', new vscode.ThemeColor(store?.up === true ? 'testing.iconPassed' : 'errorForeground'));
        item.contextValue = store?.up === true ? 'storeUp' : 'storeDown';
        return item;
      }
      case 'detail': {
        const item = new vscode.TreeItem(node.label);
        item.id = node.id;
        item.description = node.description;
        return item;
      }
    }
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.changeEmitter.dispose();
  }
}
