// The lab's state and the run's metrics as text: servers, sessions, the store, the relay.
import type { RunMetrics } from '../src/engine/metrics';
import type { LabSnapshot } from '../src/engine/snapshot';

function element(tag: string, text: string, className?: string): HTMLElement {
  const node = document.createElement(tag);
  node.textContent = text;
  if (className !== undefined) node.className = className;
  return node;
}

export function renderInspector(root: HTMLElement, lab: LabSnapshot, metrics: RunMetrics): void {
  const fragment = document.createDocumentFragment();
  fragment.append(element('h2', 'Servers'));
  const servers = document.createElement('ul');
  for (const server of lab.servers) {
    const held = server.sessions.length + server.connections.length;
    const item = element('li', `${server.name}: ${server.up ? 'up' : 'down'}, ${held} ${lab.protocol === 'tcp' ? 'connection' : 'session'}${held === 1 ? '' : 's'}, served ${server.served}`, server.up ? 'up' : 'down');
    const keys = [...server.sessions.map((session) => session.key), ...server.connections.map((connection) => `${connection.id} ${connection.status}`)];
    if (keys.length > 0) item.append(element('div', keys.join(', '), 'keys'));
    servers.append(item);
  }
  fragment.append(servers);
  if (lab.store) fragment.append(element('h2', 'Session store'), element('p', `${lab.store.up ? 'up' : 'down'}, ${lab.store.sessions.length} session(s), TTL ${Math.round(lab.store.ttlMs / 1000)} s`));
  if (lab.relay) {
    const pins = lab.relay.pins.map(([client, server]) => `${client}→${server}`).join(', ');
    fragment.append(element('h2', 'Relay'), element('p', `${lab.relay.policy}${pins === '' ? '' : `; pinned: ${pins}`}`));
  }
  fragment.append(element('h2', 'Metrics'));
  const failures = Object.entries(metrics.failedByReason).map(([reason, count]) => `${reason} ×${count}`).join(', ');
  const table = document.createElement('dl');
  for (const [name, value] of [
    ['Requests', String(metrics.requests)], ['Succeeded', String(metrics.succeeded)], ['Failed', failures === '' ? String(metrics.failed) : `${metrics.failed} (${failures})`],
    ['Bytes per request', String(metrics.bytesPerRequest)], ['Conversations restarted', String(metrics.conversationRestarts)],
  ] as const) table.append(element('dt', name), element('dd', value));
  fragment.append(table);
  root.replaceChildren(fragment);
}
