// A long run's events go to the webview in pieces. The webview handles each message in one task
// (receiving it, checking it, drawing from it), so a 100,000-message run sent as one snapshot froze
// the page for seconds; in pieces of a bounded size each task stays short, and the page draws and
// answers between them. The pieces are the protocol's own messages: a snapshot with the first
// events, then numbered `events` batches that continue it, exactly as a live run grows; all but the
// last say `more`, so the page draws the diagram once, not once a piece.
import type { TraceEvent } from '../engine/trace';
import type { EventsMessage, HostToWebviewMessage } from './messages';

/**
 * Trace events per message at most: about 330 drawn messages. The webview takes a piece this size
 * in a few tens of milliseconds (checking, interning, the diagram's text), well under a long task.
 */
export const MAX_EVENTS_PER_MESSAGE = 1000;

/** True when each event's seq follows the one before it: only then can a batch say where it continues. */
function numberedInOrder(events: readonly TraceEvent[]): boolean {
  for (let index = 1; index < events.length; index++) {
    if ((events[index] as TraceEvent).seq !== (events[index - 1] as TraceEvent).seq + 1) return false;
  }
  return true;
}

/** The message as one or more messages of at most `maxEvents` trace events each, in the order to send them. */
export function inPieces(message: HostToWebviewMessage, maxEvents = MAX_EVENTS_PER_MESSAGE): HostToWebviewMessage[] {
  if (message.type !== 'snapshot' && message.type !== 'events') return [message];
  const { events } = message;
  if (events.length <= maxEvents) return [message];
  // A trace not numbered one by one cannot be continued by seq (the webview would see a gap): sent whole.
  const continuable = numberedInOrder(events) && (message.type === 'snapshot' || message.fromSeq === (events[0] as TraceEvent).seq);
  if (!continuable) return [message];
  // Every piece but the last says more follow: the page takes them in and draws once, at the last.
  const pieces: HostToWebviewMessage[] = [{ ...message, events: events.slice(0, maxEvents), more: true }];
  for (let start = maxEvents; start < events.length; start += maxEvents) {
    const slice = events.slice(start, start + maxEvents);
    const last = start + maxEvents >= events.length;
    const piece: EventsMessage = { type: 'events', fromSeq: (slice[0] as TraceEvent).seq, events: slice, inspector: message.inspector, metrics: message.metrics, ...(last ? {} : { more: true }) };
    pieces.push(piece);
  }
  return pieces;
}
