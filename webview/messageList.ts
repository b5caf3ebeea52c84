// The messages as a text list: the same run for screen readers and for copying, appended as it grows.
// Each line opens its details (a click, or Enter on it); ↑ / ↓ move between lines.
import * as l10n from '@vscode/l10n';
import type { Language } from '../src/engine/text';
import type { Participant, TraceEvent } from '../src/engine/trace';
import { participantLabel } from '../src/diagram/sequenceDiagram';

export class MessageList {
  private shown = 0;
  private names = new Map<string, string>();
  /** Lines from this trace index on are dimmed. */
  private laterFrom = Number.POSITIVE_INFINITY;

  constructor(private readonly list: HTMLOListElement, private readonly onPick: (eventIndex: number) => void = () => undefined) {
    list.addEventListener('click', (event) => {
      const item = (event.target as Element).closest<HTMLLIElement>('li[data-event]');
      if (item !== null) this.pick(item);
    });
    list.addEventListener('keydown', (event) => {
      const item = (event.target as Element).closest<HTMLLIElement>('li[data-event]');
      if (item === null) return;
      let next: Element | null = null;
      if (event.key === 'Enter' || event.key === ' ') this.pick(item);
      else if (event.key === 'ArrowDown') next = item.nextElementSibling;
      else if (event.key === 'ArrowUp') next = item.previousElementSibling;
      else if (event.key === 'Home') next = list.firstElementChild;
      else if (event.key === 'End') next = list.lastElementChild;
      else return;
      // The page's own keys (Space plays, ← steps back) are not meant while reading the list.
      event.preventDefault();
      event.stopPropagation();
      if (next instanceof HTMLLIElement) this.focus(next);
    });
  }

  private pick(item: HTMLLIElement): void {
    this.focus(item);
    this.onPick(Number(item.dataset['event']));
  }

  /** One line is in the tab order at a time (the last one used): a long run is not a thousand tab stops. */
  private focus(item: HTMLLIElement): void {
    for (const current of this.list.querySelectorAll('li[tabindex="0"]')) current.setAttribute('tabindex', '-1');
    item.tabIndex = 0;
    item.focus();
  }

  /** Lines from trace index `end` on are dimmed (looking back); only lines whose side of it changed are touched. */
  markLater(end: number): void {
    const items = this.list.children;
    const low = Math.min(end, this.laterFrom);
    const high = Math.max(end, this.laterFrom);
    this.laterFrom = end;
    for (let index = this.firstAtOrAfter(low); index < items.length; index++) {
      const item = items[index] as HTMLElement;
      const event = Number(item.dataset['event']);
      if (event >= high) break;
      item.classList.toggle('later', event >= end);
    }
  }

  private firstAtOrAfter(eventIndex: number): number {
    const items = this.list.children;
    let low = 0;
    let high = items.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (Number((items[middle] as HTMLElement).dataset['event']) < eventIndex) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** The line of this trace event, if the list has one. */
  itemFor(eventIndex: number): HTMLLIElement | null {
    return this.list.querySelector<HTMLLIElement>(`li[data-event="${eventIndex}"]`);
  }

  reset(participants: readonly Participant[], language: Language): void {
    this.meet(participants, language);
    this.list.replaceChildren();
    this.shown = 0;
    this.laterFrom = Number.POSITIVE_INFINITY;
  }

  /** Everyone in the lab now (a server added mid-run is named, not shown by its id). */
  meet(participants: readonly Participant[], language: Language): void {
    this.names = new Map(participants.map((participant) => [participant.id, participantLabel(participant, language)]));
  }

  /** Adds list items for the events not shown yet. */
  sync(events: readonly TraceEvent[], language: Language): void {
    const name = (id: string): string => this.names.get(id) ?? id;
    const fragment = document.createDocumentFragment();
    for (; this.shown < events.length; this.shown++) {
      const event = events[this.shown] as TraceEvent;
      let line: string | undefined;
      if (event.type === 'message-delivered') line = `${name(event.from)} → ${name(event.to)}: ${event.label[language]}`;
      else if (event.type === 'message-lost') line = l10n.t('{0} ✗ {1}: {2} (lost: {3})', name(event.from), name(event.to), event.label[language], event.reason);
      else if (event.type === 'internal-step') line = `${name(event.actor)}: ${event.label[language]}`;
      else if (event.type === 'fault') line = `⚡ ${event.label[language]}`;
      else if (event.type === 'folded') line = event.label[language];
      if (line === undefined) continue;
      const item = document.createElement('li');
      item.textContent = line;
      item.dataset['event'] = String(this.shown);
      if (this.shown >= this.laterFrom) item.classList.add('later');
      item.tabIndex = this.shown === 0 || this.list.childElementCount + fragment.childElementCount === 0 ? 0 : -1;
      fragment.append(item);
    }
    this.list.append(fragment);
  }
}
