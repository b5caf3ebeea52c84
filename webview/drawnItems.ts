// Which trace event each arrow and note of a drawn segment shows. Mermaid draws a segment's
// messages in the order of its arrow statements (each as its text lines, then its line or, for a
// self-message, its path), and its notes in order (a rect, then its text lines): the n-th drawn
// arrow is the n-th arrow statement, whose trace index the segment keeps.
import type { Segment } from './segmentedDiagram';

export interface DrawnItem {
  readonly eventIndex: number;
  readonly kind: 'arrow' | 'note';
  readonly elements: readonly Element[];
}

const ARROW_PARTS = '.messageText, .messageLine0, .messageLine1';
const NOTE_PARTS = 'rect.note, .noteText';

function isArrowLine(element: Element): boolean {
  return element.classList.contains('messageLine0') || element.classList.contains('messageLine1');
}

/** The arrows and notes of one drawn segment, each with the trace index it draws. */
export function drawnItems(holder: Element, segment: Segment): DrawnItem[] {
  const items: DrawnItem[] = [];
  const arrowEvents = segment.arrowEvents ?? [];
  let pending: Element[] = [];
  for (const element of holder.querySelectorAll(ARROW_PARTS)) {
    pending.push(element);
    if (!isArrowLine(element)) continue;
    const eventIndex = arrowEvents[items.length];
    if (eventIndex !== undefined) items.push({ eventIndex, kind: 'arrow', elements: pending });
    pending = [];
  }
  const noteEvents = segment.noteEvents ?? [];
  let notes = 0;
  for (const element of holder.querySelectorAll(NOTE_PARTS)) {
    if (element.tagName.toLowerCase() === 'rect') {
      const eventIndex = noteEvents[notes++];
      if (eventIndex !== undefined) items.push({ eventIndex, kind: 'note', elements: [element] });
    } else {
      const last = items[items.length - 1];
      if (last?.kind === 'note') (last.elements as Element[]).push(element);
    }
  }
  return items;
}
