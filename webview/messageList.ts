// The messages as a text list: the same run for screen readers and for copying, virtualised. The
// list scrolls on its own and holds only the lines in its view (each the same height, the lines
// above and below it stood in for by padding); every line says its place in the whole run
// (aria-posinset / aria-setsize). Each line opens its details (a click, or Enter on it); ↑ / ↓,
// Page Up / Page Down, Home / End move between lines, bringing the next one onto the page.
import * as l10n from '@vscode/l10n';
import type { Language } from '../src/engine/text';
import type { Participant, TraceEvent } from '../src/engine/trace';
import { participantLabel } from '../src/diagram/sequenceDiagram';

/** Lines kept on the page beyond the view, above and below: a small scroll shows no gap. */
const OVERSCAN = 20;
/** Lines on the page while the list has no height to measure (folded away): the ones around the chosen line. */
const LINES_WHEN_FOLDED = 60;
/** A line's height before one has been measured (CSS gives each line one fixed height). */
const GUESSED_LINE_PX = 22;

function listed(event: TraceEvent): boolean {
  return event.type === 'message-delivered' || event.type === 'message-lost' || event.type === 'internal-step' || event.type === 'fault' || event.type === 'folded';
}

export class MessageList {
  /** The trace index of each line, in order. */
  private readonly lines: number[] = [];
  private scanned = 0;
  private events: readonly TraceEvent[] = [];
  private language: Language = 'en';
  private names = new Map<string, string>();
  /** Lines from this trace index on are dimmed. */
  private laterFrom = Number.POSITIVE_INFINITY;
  /** The line in the tab order (the last one used): a long run is not a thousand tab stops. */
  private current = 0;
  /** The lines on the page now: [first, end). */
  private first = 0;
  private end = 0;
  private lineHeight = GUESSED_LINE_PX;
  private frame: number | undefined;
  /** The list's own scroller: the list stands in for the lines off the page with padding, which a scroller cannot have on itself. */
  private readonly scroller: HTMLElement;

  constructor(private readonly list: HTMLOListElement, private readonly onPick: (eventIndex: number) => void = () => undefined) {
    this.scroller = document.createElement('div');
    this.scroller.className = 'message-scroller';
    list.before(this.scroller);
    this.scroller.append(list);
    list.addEventListener('click', (event) => {
      const item = (event.target as Element).closest<HTMLLIElement>('li[data-line]');
      if (item !== null) this.pick(Number(item.dataset['line']));
    });
    list.addEventListener('keydown', (event) => { this.key(event); });
    // Tab lands on the list itself when the chosen line is scrolled off the page: it goes on to the line.
    list.addEventListener('focus', (event) => { if (event.target === list) this.focusLine(this.current); });
    this.scroller.addEventListener('scroll', () => { this.schedule(); }, { passive: true });
    // Opening *Messages as text* gives the list a height: the lines in view are put on the page then.
    list.closest('details')?.addEventListener('toggle', () => { this.render(); });
  }

  private key(event: KeyboardEvent): void {
    const item = (event.target as Element).closest<HTMLLIElement>('li[data-line]');
    if (item === null) return;
    const line = Number(item.dataset['line']);
    const page = Math.max(1, Math.floor(this.scroller.clientHeight / this.lineHeight) - 1);
    let next: number | undefined;
    if (event.key === 'Enter' || event.key === ' ') this.pick(line);
    else if (event.key === 'ArrowDown') next = line + 1;
    else if (event.key === 'ArrowUp') next = line - 1;
    else if (event.key === 'PageDown') next = line + page;
    else if (event.key === 'PageUp') next = line - page;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = this.lines.length - 1;
    else return;
    // The page's own keys (Space plays, ← steps back) are not meant while reading the list.
    event.preventDefault();
    event.stopPropagation();
    if (next !== undefined) this.focusLine(Math.max(0, Math.min(this.lines.length - 1, next)));
  }

  private pick(line: number): void {
    this.focusLine(line);
    const eventIndex = this.lines[line];
    if (eventIndex !== undefined) this.onPick(eventIndex);
  }

  /** Brings line `line` onto the page (scrolling the list if it is out of view) and focuses it. */
  private focusLine(line: number): void {
    if (this.lines[line] === undefined) return;
    this.current = line;
    const height = this.scroller.clientHeight;
    if (height > 0) {
      const top = line * this.lineHeight;
      if (top < this.scroller.scrollTop) this.scroller.scrollTop = top;
      else if (top + this.lineHeight > this.scroller.scrollTop + height) this.scroller.scrollTop = top + this.lineHeight - height;
    }
    this.render();
    this.itemAt(line)?.focus();
  }

  private itemAt(line: number): HTMLLIElement | undefined {
    const item = this.list.children[line - this.first];
    return item instanceof HTMLLIElement ? item : undefined;
  }

  /** Lines from trace index `end` on are dimmed (looking back). */
  markLater(end: number): void {
    this.laterFrom = end;
    for (const item of this.list.children) {
      const eventIndex = this.lines[Number((item as HTMLElement).dataset['line'])] ?? 0;
      item.classList.toggle('later', eventIndex >= end);
    }
  }

  reset(participants: readonly Participant[], language: Language): void {
    this.meet(participants, language);
    this.lines.length = 0;
    this.scanned = 0;
    this.current = 0;
    this.laterFrom = Number.POSITIVE_INFINITY;
    this.scroller.scrollTop = 0;
    this.render();
  }

  /** Everyone in the lab now (a server added mid-run is named, not shown by its id). */
  meet(participants: readonly Participant[], language: Language): void {
    this.language = language;
    this.names = new Map(participants.map((participant) => [participant.id, participantLabel(participant, language)]));
  }

  /** Takes in the events the run has now (the trace only grows between resets). */
  sync(events: readonly TraceEvent[], language: Language): void {
    this.events = events;
    this.language = language;
    for (; this.scanned < events.length; this.scanned++) if (listed(events[this.scanned] as TraceEvent)) this.lines.push(this.scanned);
    this.schedule();
  }

  private schedule(): void {
    if (this.frame !== undefined) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = undefined;
      this.render();
    });
  }

  /** What a line says. */
  private text(eventIndex: number): string {
    const event = this.events[eventIndex];
    const name = (id: string): string => this.names.get(id) ?? id;
    const language = this.language;
    switch (event?.type) {
      case 'message-delivered':
        return `${name(event.from)} → ${name(event.to)}: ${event.label[language]}`;
      case 'message-lost':
        return l10n.t('{0} ✗ {1}: {2} (lost: {3})', name(event.from), name(event.to), event.label[language], event.reason);
      case 'internal-step':
        return `${name(event.actor)}: ${event.label[language]}`;
      case 'fault':
        return `⚡ ${event.label[language]}`;
      case 'folded':
        return event.label[language];
      default:
        return '';
    }
  }

  /** Puts the lines in view on the page (and no others), each saying where it stands in the whole. */
  private render(): void {
    if (this.frame !== undefined) {
      cancelAnimationFrame(this.frame);
      this.frame = undefined;
    }
    const total = this.lines.length;
    const height = this.scroller.clientHeight;
    let first: number;
    let end: number;
    if (height > 0) {
      first = Math.max(0, Math.floor(this.scroller.scrollTop / this.lineHeight) - OVERSCAN);
      end = Math.min(total, Math.ceil((this.scroller.scrollTop + height) / this.lineHeight) + OVERSCAN);
    } else {
      first = Math.max(0, Math.min(this.current - LINES_WHEN_FOLDED / 2, total - LINES_WHEN_FOLDED));
      end = Math.min(total, first + LINES_WHEN_FOLDED);
    }
    const focused = this.list.contains(document.activeElement) && document.activeElement !== this.list ? this.current : undefined;
    if (first !== this.first || end !== this.end || this.list.childElementCount !== end - first) this.place(first, end);
    for (const [offset, item] of [...this.list.children].entries()) {
      item.setAttribute('aria-setsize', String(total));
      (item as HTMLElement).tabIndex = first + offset === this.current ? 0 : -1;
    }
    this.list.style.paddingTop = `${first * this.lineHeight}px`;
    this.list.style.paddingBottom = `${(total - end) * this.lineHeight}px`;
    this.list.start = first + 1;
    // The chosen line is the list's one tab stop; when it is off the page, the list itself is.
    const chosen = this.itemAt(this.current);
    this.list.tabIndex = chosen === undefined && total > 0 ? 0 : -1;
    if (focused !== undefined && chosen !== undefined && document.activeElement !== chosen) chosen.focus({ preventScroll: true });
    this.measure();
  }

  /** Rebuilds the lines on the page as [first, end), reusing the ones already there. */
  private place(first: number, end: number): void {
    const kept = new Map<number, HTMLLIElement>();
    for (const item of [...this.list.children] as HTMLLIElement[]) {
      const line = Number(item.dataset['line']);
      if (line >= first && line < end) kept.set(line, item);
    }
    const items: HTMLLIElement[] = [];
    for (let line = first; line < end; line++) {
      let item = kept.get(line);
      if (item === undefined) {
        const eventIndex = this.lines[line] ?? 0;
        item = document.createElement('li');
        item.textContent = this.text(eventIndex);
        // One line each: a long one is cut with an ellipsis, and says itself in full on hover.
        item.title = item.textContent;
        item.dataset['line'] = String(line);
        item.dataset['event'] = String(eventIndex);
        item.setAttribute('aria-posinset', String(line + 1));
        item.classList.toggle('later', eventIndex >= this.laterFrom);
      }
      items.push(item);
    }
    this.list.replaceChildren(...items);
    this.first = first;
    this.end = end;
  }

  /** The first line on the page tells the real line height (fonts and zoom differ). */
  private measure(): void {
    const item = this.list.firstElementChild;
    if (!(item instanceof HTMLElement)) return;
    const measured = item.offsetHeight;
    if (measured > 0 && measured !== this.lineHeight) {
      this.lineHeight = measured;
      this.render();
    }
  }
}
