// A small live picture of the lab above the inspector: clients → relay → servers → store, each
// server up or down with what it holds, drawn from the snapshot the panel already receives. HTML
// and CSS (theme colours, text that screen readers read in order), rebuilt on each batch.
import * as l10n from '@vscode/l10n';
import { participantLabel } from '../src/diagram/sequenceDiagram';
import type { LabSnapshot, ServerView } from '../src/engine/snapshot';
import type { Language } from '../src/engine/text';

function node(className: string, icon: string, name: string, detail: string): HTMLElement {
  const box = document.createElement('div');
  box.className = `topo-node ${className}`;
  const glyph = document.createElement('span');
  glyph.className = `codicon codicon-${icon}`;
  glyph.setAttribute('aria-hidden', 'true');
  const title = document.createElement('span');
  title.className = 'topo-name';
  title.textContent = name;
  const small = document.createElement('span');
  small.className = 'topo-detail';
  small.textContent = detail;
  box.append(glyph, title, small);
  return box;
}

function row(className: string, nodes: readonly HTMLElement[]): HTMLElement {
  const line = document.createElement('div');
  line.className = `topo-row ${className}`;
  line.append(...nodes);
  return line;
}

/** The arrow between two tiers: drawn, not read (the order of the tiers says it). */
function link(): HTMLElement {
  const arrow = document.createElement('div');
  arrow.className = 'topo-link codicon codicon-arrow-down';
  arrow.setAttribute('aria-hidden', 'true');
  return arrow;
}

function sessions(count: number): string {
  return count === 1 ? l10n.t('1 session') : l10n.t('{0} sessions', count);
}

function connections(count: number): string {
  return count === 1 ? l10n.t('1 connection') : l10n.t('{0} connections', count);
}

/** Up or down, and what a server holds: its sessions, or its connections (TCP). */
function holds(server: ServerView, lab: LabSnapshot): string {
  const held = lab.protocol === 'tcp' ? connections(server.connections.length) : sessions(server.sessions.length);
  return server.up ? l10n.t('up · {0}', held) : l10n.t('down · {0}', held);
}

/** What a client carries: the state itself (stateless), a token, a cookie, or a connection. */
function carries(client: LabSnapshot['clients'][number], lab: LabSnapshot): string {
  if (client.token !== undefined) return l10n.t('carries a signed token');
  if (lab.state === 'client' && Object.keys(client.context).length > 0) return l10n.t('carries its context');
  if (client.sessionId !== undefined) return l10n.t('has a session cookie');
  if (client.connectionId !== undefined) return l10n.t('has a connection');
  return l10n.t('carries nothing yet');
}

export class TopologyPicture {
  private readonly figure: HTMLElement;

  constructor(private readonly root: HTMLElement) {
    this.figure = document.createElement('figure');
    this.figure.className = 'topology';
    this.figure.setAttribute('aria-label', l10n.t('The lab: clients, relay, servers and store'));
  }

  /** Draws the lab as it is now, at the top of `root` (the inspector redraws its own part below). */
  show(lab: LabSnapshot, language: Language): void {
    const names = new Map(lab.participants.map((participant) => [participant.id, participantLabel(participant, language)]));
    const name = (id: string, fallback: string): string => names.get(id) ?? fallback;
    const caption = document.createElement('figcaption');
    caption.textContent = l10n.t('Topology');
    const tiers: HTMLElement[] = [caption, row('clients', lab.clients.map((client) => node('client', 'person', name(client.id, client.name), carries(client, lab))))];
    if (lab.relay !== undefined) {
      const pins = lab.relay.pins.map(([client, server]) => `${name(client, client)}→${name(server, server)}`).join(', ');
      tiers.push(link(), row('relay', [node('relay', 'type-hierarchy', l10n.t('Relay'), pins === '' ? lab.relay.policy : l10n.t('{0} · pinned {1}', lab.relay.policy, pins))]));
    }
    tiers.push(link(), row('servers', lab.servers.map((server) => node(server.up ? 'server up' : 'server down', server.up ? 'server' : 'debug-stop', name(server.id, server.label[language]), holds(server, lab)))));
    if (lab.store !== undefined) {
      tiers.push(link(), row('store', [node(lab.store.up ? 'store up' : 'store down', 'database', l10n.t('Session store'), lab.store.up ? l10n.t('up · {0}', sessions(lab.store.sessions.length)) : l10n.t('down · {0}', sessions(lab.store.sessions.length)))]));
    }
    this.figure.replaceChildren(...tiers);
    if (this.root.firstChild !== this.figure) this.root.prepend(this.figure);
  }
}
