// The lab's state and the run's metrics as text: servers, sessions, the store, the relay.
import * as l10n from '@vscode/l10n';
import { participantLabel } from '../src/diagram/sequenceDiagram';
import { failureWords } from '../src/diagram/words';
import type { RunMetrics } from '../src/engine/metrics';
import type { FailureReason } from '../src/engine/model';
import type { Language } from '../src/engine/text';
import type { LabSnapshot } from '../src/engine/snapshot';

function element(tag: string, text: string, className?: string): HTMLElement {
  const node = document.createElement(tag);
  node.textContent = text;
  if (className !== undefined) node.className = className;
  return node;
}

// Counts read as words ("1 session", "2 sessions"; Korean has one form, 세션 1개): whole strings,
// so that each language words its own singular and plural.
function sessions(count: number): string {
  return count === 1 ? l10n.t('1 session') : l10n.t('{0} sessions', count);
}

function connections(count: number): string {
  return count === 1 ? l10n.t('1 connection') : l10n.t('{0} connections', count);
}

export function renderInspector(root: HTMLElement, lab: LabSnapshot, metrics: RunMetrics, language: Language): void {
  const fragment = document.createDocumentFragment();
  // Names as the diagram says them (서버1, Clerk A), never our ids.
  const names = new Map(lab.participants.map((participant) => [participant.id, participantLabel(participant, language)]));
  fragment.append(element('h2', l10n.t('Servers')));
  const servers = document.createElement('ul');
  for (const server of lab.servers) {
    const held = server.sessions.length + server.connections.length;
    const holds = lab.protocol === 'tcp' ? connections(held) : sessions(held);
    const item = element('li', l10n.t('{0}: {1}, {2}, served {3}', names.get(server.id) ?? server.name, server.up ? l10n.t('up') : l10n.t('down'), holds, server.served), server.up ? 'up' : 'down');
    const states = server.connections.map((connection) => connection.status);
    if (states.length > 0) item.append(element('div', states.join(', '), 'keys'));
    servers.append(item);
  }
  fragment.append(servers);
  if (lab.store) fragment.append(element('h2', l10n.t('Session store')), element('p', l10n.t('{0}, {1}, TTL {2} s', lab.store.up ? l10n.t('up') : l10n.t('down'), sessions(lab.store.sessions.length), Math.round(lab.store.ttlMs / 1000))));
  if (lab.relay) {
    const pins = lab.relay.pins.map(([client, server]) => `${names.get(client) ?? client}→${names.get(server) ?? server}`).join(', ');
    fragment.append(element('h2', l10n.t('Relay')), element('p', pins === '' ? lab.relay.policy : l10n.t('{0}; pinned: {1}', lab.relay.policy, pins)));
  }
  fragment.append(element('h2', l10n.t('Metrics')));
  const failures = Object.entries(metrics.failedByReason).map(([reason, count]) => `${failureWords(reason as FailureReason, undefined)[language]} ×${count}`);
  const table = document.createElement('dl');
  // The reasons requests failed go one a line under the count: in a narrow column, a sentence beside
  // the number wrapped into six lines.
  const rows: readonly (readonly [string, string, readonly string[]])[] = [
    [l10n.t('Requests'), String(metrics.requests), []], [l10n.t('Succeeded'), String(metrics.succeeded), []], [l10n.t('Failed'), String(metrics.failed), failures],
    [l10n.t('Bytes per request'), String(metrics.bytesPerRequest), []], [l10n.t('Conversations restarted'), String(metrics.conversationRestarts), []],
  ];
  for (const [name, value, details] of rows) {
    table.append(element('dt', name), element('dd', value));
    if (details.length === 0) continue;
    const list = element('dd', '', 'details');
    list.append(...details.map((detail) => element('div', detail)));
    table.append(list);
  }
  fragment.append(table);
  root.replaceChildren(fragment);
}
