// The details pane beside the diagram: one message as it travels, its size and time, its
// exchange, the relay's choice, the state it read and wrote. Escape closes it; screen readers
// hear what opened.
import * as l10n from '@vscode/l10n';
import type { MessageDetails, StateChange } from '../src/diagram/messageDetails';
import type { StateAction } from '../src/engine/trace';

function node<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const created = document.createElement(tag);
  if (text !== undefined) created.textContent = text;
  if (className !== undefined) created.className = className;
  return created;
}

function actionWords(action: StateAction): string {
  switch (action) {
    case 'stored': return l10n.t('wrote');
    case 'read': return l10n.t('read');
    case 'lost': return l10n.t('lost');
    case 'missing': return l10n.t('did not find');
    case 'expired': return l10n.t('found expired');
    case 'deleted': return l10n.t('deleted');
  }
}

function lines(values: readonly string[]): HTMLElement {
  if (values.length === 0) return node('div', l10n.t('(nothing)'), 'empty');
  const list = node('ul');
  for (const value of values) list.append(node('li', value));
  return list;
}

function stateChange(change: StateChange): HTMLElement {
  const item = node('li', undefined, 'state-change');
  item.append(node('div', `${change.holder}: ${actionWords(change.action)}${change.key === '' ? '' : ` ${change.key}`}`, 'state-head'));
  // A read changes nothing: what was read is shown once.
  if (change.action === 'read') {
    item.append(lines(change.after));
    return item;
  }
  const table = node('div', undefined, 'before-after');
  const before = node('div');
  before.append(node('div', l10n.t('before'), 'label'), lines(change.before));
  const after = node('div');
  after.append(node('div', l10n.t('after'), 'label'), lines(change.after));
  table.append(before, node('div', '→', 'arrow'), after);
  item.append(table);
  return item;
}

export class DetailsPane {
  private readonly pane: HTMLElement;
  private readonly body: HTMLElement;
  private readonly heading: HTMLElement;
  private readonly announcer: HTMLElement;

  constructor(layout: HTMLElement, beforeElement: Element | null, private readonly onClose: () => void) {
    this.pane = node('aside', undefined, 'message-details');
    this.pane.id = 'message-details';
    this.pane.hidden = true;
    this.pane.setAttribute('aria-label', l10n.t('Message details'));
    this.pane.tabIndex = -1;
    const header = node('div', undefined, 'details-header');
    this.heading = node('h2');
    const close = node('button', '×', 'details-close');
    close.type = 'button';
    close.title = l10n.t('Close the details (Escape)');
    close.setAttribute('aria-label', l10n.t('Close the details (Escape)'));
    close.addEventListener('click', () => { this.close(); });
    header.append(this.heading, close);
    this.body = node('div', undefined, 'details-body');
    // A short summary is announced; the pane itself stays a region to read at leisure.
    this.announcer = node('div', undefined, 'visually-hidden');
    this.announcer.setAttribute('aria-live', 'polite');
    this.announcer.setAttribute('role', 'status');
    this.pane.append(header, this.body, this.announcer);
    layout.insertBefore(this.pane, beforeElement);
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.isOpen) {
        event.preventDefault();
        this.close();
      }
    });
  }

  get isOpen(): boolean {
    return !this.pane.hidden;
  }

  get element(): HTMLElement {
    return this.pane;
  }

  show(details: MessageDetails): void {
    this.heading.textContent = details.title;
    const parts: HTMLElement[] = [];
    if (details.wire.length > 0) {
      parts.push(node('h3', l10n.t('As it travels')), node('pre', details.wire.join('\n'), 'wire'));
    }
    const facts = node('dl', undefined, 'facts');
    const fact = (name: string, value: string): void => { facts.append(node('dt', name), node('dd', value)); };
    if (details.bytes !== undefined && details.bytes >= 0) fact(l10n.t('Size'), l10n.t('{0} bytes (headers included)', details.bytes));
    fact(details.kind === 'step' || details.kind === 'fault' ? l10n.t('At') : l10n.t('Sent at'), l10n.t('{0} ms (virtual time)', details.sentAt));
    if (details.arrivedAt !== undefined) fact(l10n.t('Arrived at'), l10n.t('{0} ms (virtual time)', details.arrivedAt));
    if (details.lost !== undefined) fact(l10n.t('Lost'), details.lost);
    parts.push(facts);
    if (details.route !== undefined) {
      parts.push(node('h3', l10n.t('The relay chose')), node('p', `${details.route.rerouted ? '↪ ' : ''}${details.route.text}`, details.route.rerouted ? 'route rerouted' : 'route'));
    }
    if (details.exchange !== undefined) {
      parts.push(node('h3', l10n.t('The exchange')));
      const hops = node('ol', undefined, 'hops');
      for (const hop of details.exchange.hops) {
        const item = node('li', `${hop.text}${hop.lost ? ' ✗' : ''}`, hop.current ? 'current' : undefined);
        if (hop.current) item.setAttribute('aria-current', 'true');
        hops.append(item);
      }
      parts.push(hops);
      const outcome = details.exchange.outcome;
      parts.push(node('p', outcome === undefined ? l10n.t('Outcome: not yet answered') : l10n.t('Outcome: {0} {1} {2}', outcome.ok ? '✓' : '✗', outcome.status, outcome.text), outcome?.ok === false ? 'outcome failed' : 'outcome'));
    }
    if (details.state.length > 0) {
      parts.push(node('h3', details.stateScope === 'message' ? l10n.t('State read and written') : l10n.t('State in this exchange')));
      const list = node('ul', undefined, 'state-changes');
      for (const change of details.state) list.append(stateChange(change));
      parts.push(list);
    }
    this.body.replaceChildren(...parts);
    this.pane.hidden = false;
    const header = details.wire.find((line) => /^(Set-Cookie|Cookie|Authorization|token|토큰):/.test(line));
    this.announcer.textContent = l10n.t('Details: {0}', header === undefined ? details.title : `${details.title}; ${header}`);
  }

  close(): void {
    if (!this.isOpen) return;
    this.pane.hidden = true;
    this.announcer.textContent = '';
    this.onClose();
  }
}
