// The messages as a text list: the same run for screen readers and for copying, appended as it grows.
import * as l10n from '@vscode/l10n';
import type { Language } from '../src/engine/text';
import type { Participant, TraceEvent } from '../src/engine/trace';
import { participantLabel } from '../src/diagram/sequenceDiagram';

export class MessageList {
  private shown = 0;
  private names = new Map<string, string>();

  constructor(private readonly list: HTMLOListElement) {}

  reset(participants: readonly Participant[], language: Language): void {
    this.meet(participants, language);
    this.list.replaceChildren();
    this.shown = 0;
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
      fragment.append(item);
    }
    this.list.append(fragment);
  }
}
