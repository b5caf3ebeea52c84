// A trace turned into the statements of a sequence diagram, in the style of the notes: requests
// ->>, answers -->> straight back to the client, internal steps as self-messages, kept state as a
// note by value, failures tinted and said once, a server error as the seed's alt / else / end.
import { same, say, type Language, type Text } from '../engine/text';
import type { MessageDeliveredEvent, MessageLostEvent, Participant, RequestOutcomeEvent, StateEvent, TraceEvent } from '../engine/trace';
import { EXPANDS, foldedExchanges, HOP_DETAIL, type Detail } from './detail';
import { escapeLabel, escapeLines } from './escape';
import { clip, CONNECTION_CLOSED, FAULT_MARKS, isOrdinaryRefusal, LOSS_WORDS, lostWords, MAX_LABEL_SHOWN, MAX_NAME_SHOWN, outcomeWords, SAME_AS_ABOVE, SESSION_DELETED, wrapLabel } from './words';

/** Tint behind a failed request: light enough for light and dark themes. */
const FAILURE_RECT = 'rect rgba(255, 99, 71, 0.15)';

export interface Statement {
  readonly line: string;
  /** 1 for an arrow, 0 for a note or block keyword. */
  readonly arrows: number;
  /** Block depth after this statement; parts are cut only where it is 0. */
  readonly depth: number;
  /** The trace index of the event it draws; a part never starts in the middle of one event's statements. */
  readonly eventIndex: number;
  /** How tall it draws, roughly, in pixels of Mermaid's default look (parts stay a note's height). */
  readonly height: number;
  /** A server added mid-run that this arrow brings into the picture (`create participant`). */
  readonly creates?: string;
  /** A kept-state note, by its full text: a part draws the first one it holds in full. */
  readonly noteKey?: string;
  /** The full note, for a folded one ("the same as above") that lands in a part without the original. */
  readonly unfolded?: string;
  /** The lifelines it draws on: a part declares only those it uses. */
  readonly actors?: readonly string[];
  /** The request whose whole exchange this one arrow stands for (story detail): the panel opens it on a click. */
  readonly folds?: number;
}

/** Rough heights of Mermaid's default sequence look, measured on its output: the part budget uses them. */
export const HEIGHT = { arrow: 46, selfArrow: 68, line: 20, note: 26, block: 22, frame: 190 } as const;
/** Label widths (in Latin letters, Hangul counts two) that keep lifelines about Mermaid's default distance apart. */
const MESSAGE_WIDTH = 22;
const NOTE_WIDTH = 20;
/** With two lifelines there is room: labels wrap later (the seeds' own diagrams are this size). */
const ROOMY_MESSAGE_WIDTH = 36;
/** With five or more, Mermaid's 150 px boxes leave ~50 px to spare in 1,100: labels wrap sooner. */
const TIGHT_MESSAGE_WIDTH = 15;
const TIGHT_NOTE_WIDTH = 14;
/** Lifelines a note pane holds at Mermaid's default sizes. */
const MAX_LIFELINES = 5;
/** A part's picture stays under this height (the house limit is 2,500 px). */
export const MAX_PART_HEIGHT = 2100;


/** What a pass over the trace needs to know before it draws: hops to merge, servers to create. */
export interface Plan {
  readonly labels: ReadonlyMap<string, Text>;
  /** Requests' clients, by request id: the far end of a merged relay hop. */
  readonly clientOf: Map<number, string>;
  /** The relay's id when its hops are drawn as one arrow for every message (a hidden relay), else undefined. */
  readonly hiddenRelay: string | undefined;
  /** The relay is hidden only by the detail chosen: its choice is said in a note on each request's arrow. */
  readonly relayNotes: boolean;
  readonly relay: string | undefined;
  /** Servers added at or after the first drawn event: they appear where they first take part. */
  readonly added: ReadonlySet<string>;
  /** Servers whose routine steps are not drawn. */
  readonly quiet: ReadonlySet<string>;
}

function planOf(participants: readonly Participant[], trace: readonly TraceEvent[], from: number, detail: Detail): Plan {
  const relay = participants.find((participant) => participant.kind === 'relay');
  const added = new Set<string>();
  for (let index = from; index < trace.length; index++) {
    const event = trace[index] as TraceEvent;
    if (event.type === 'fault' && event.fault === 'add-server' && event.target !== undefined) added.add(event.target);
  }
  // Whether the relay can hide is read from the whole run so far, so every part of a run agrees. It
  // hides where the story is not about it, and where a sixth lifeline would not fit a note pane
  // (Mermaid's boxes are 150 px: five fill 1,050 of the 1,100).
  const present = participants.filter((participant) => !trace.some((event) => event.type === 'fault' && event.fault === 'add-server' && event.target === participant.id));
  const hiddenByStory = relay?.hidden === true || present.length > MAX_LIFELINES;
  let collapsible = hiddenByStory || detail.level !== 'hop';
  const clientOf = new Map<number, string>();
  for (let index = 0; index < trace.length; index++) {
    const event = trace[index] as TraceEvent;
    if (event.type === 'request-started') clientOf.set(event.requestId, event.client);
    else if (relay !== undefined && collapsible) {
      // A relay that speaks for itself (a 502, a 503, a lost hop) has to be drawn.
      if (event.type === 'message-lost' && (event.from === relay.id || event.to === relay.id)) collapsible = false;
      else if (event.type === 'request-outcome' && (event.reason === 'no-server' || event.reason === 'server-down')) collapsible = false;
    }
  }
  return {
    labels: new Map(participants.map((participant) => {
      const label = (participant.label as Text | undefined) ?? same(participant.name);
      return [participant.id, { en: clip(label.en, MAX_NAME_SHOWN), ko: clip(label.ko, MAX_NAME_SHOWN) }];
    })),
    clientOf, relay: relay?.id, hiddenRelay: collapsible ? relay?.id : undefined, relayNotes: collapsible && !hiddenByStory && relay !== undefined, added,
    quiet: new Set(participants.filter((participant) => participant.quiet === true).map((participant) => participant.id)),
  };
}

/** Diagram statements for a trace from index `from` on, one per drawn event, with their block depth. */
export function statements(participants: readonly Participant[], trace: readonly TraceEvent[], language: Language, from: number, detail: Detail = HOP_DETAIL): { body: Statement[]; plan: Plan } {
  const say = (text: Text): string => escapeLabel(clip(text[language], MAX_LABEL_SHOWN));
  const plan = planOf(participants, trace, from, detail);
  const folded = foldedExchanges(trace, from, detail);
  /** Folded exchanges whose one line is drawn already. */
  const foldDrawn = new Set<number>();
  const drawn = participants.filter((participant) => participant.id !== plan.hiddenRelay && !plan.added.has(participant.id));
  const first = drawn[0]?.id ?? 'c1';
  const last = drawn[drawn.length - 1]?.id ?? first;
  const everyone = first === last ? first : `${first},${last}`;
  // Kept state sits right of its holder, as in the seeds; with many lifelines that would widen the
  // picture past a note pane, so there it sits over the holder instead.
  const stateSide = drawn.length <= 3 ? 'right of' : 'over';
  const out: Statement[] = [];
  let depth = 0;
  let eventIndex = from;
  const appeared = new Set<string>();
  const push = (line: string, arrows = 0, height: number = HEIGHT.note + HEIGHT.line, creates?: string, actors?: readonly string[]): void => {
    out.push({ line, arrows, depth, eventIndex, height, ...(creates !== undefined ? { creates } : {}), ...(actors !== undefined ? { actors } : {}) });
  };
  /** A note's participants, once they are in the picture (a note cannot create one). */
  const noteOver = (ids: string): string => {
    const shown = ids.split(',').filter((id) => !plan.added.has(id) || appeared.has(id));
    // A server not in the picture yet (added, then crashed before it served): over the relay, or over everyone, never over a client.
    return shown.length > 0 ? shown.join(',') : (plan.relay !== undefined && plan.relay !== plan.hiddenRelay ? plan.relay : everyone);
  };
  /** The last note drawn on each lifeline (or pair of them): a note is folded only when the one right above it is the same. */
  const lastNoteOn = new Map<string, string>();
  const note = (where: string, ids: string, text: string, fold?: { readonly key: string; readonly full: string | undefined }): void => {
    const over = noteOver(ids);
    lastNoteOn.set(over, fold?.full ?? text);
    push(`Note ${where} ${over}: ${text}`, 0, HEIGHT.note + HEIGHT.line * text.split(/<br\/?>/).length, undefined, over.split(','));
    if (fold === undefined) return;
    const last = out[out.length - 1] as Statement;
    out[out.length - 1] = { ...last, noteKey: `${over} ${fold.key}`, ...(fold.full === undefined ? {} : { unfolded: `Note ${where} ${over}: ${fold.full}` }) };
  };
  const rightAbove = (ids: string, text: string): boolean => lastNoteOn.get(noteOver(ids)) === text;
  const arrow = (from: string, arrowText: string, to: string, label: string, folds?: number): void => {
    const creates = [from, to].find((id) => plan.added.has(id) && !appeared.has(id));
    if (creates !== undefined) appeared.add(creates);
    push(`${from}${arrowText}${to}: ${label}`, 1, from === to ? HEIGHT.selfArrow + HEIGHT.line * (label.split('<br/>').length - 1) : HEIGHT.arrow + HEIGHT.line * (label.split('<br/>').length - 1), creates, [from, to]);
    if (folds !== undefined) out[out.length - 1] = { ...(out[out.length - 1] as Statement), folds };
  };
  // Notes over the first and last lifeline stick out past the picture's edge: narrower where it is tight.
  const noteWidth = drawn.length >= 5 ? TIGHT_NOTE_WIDTH : NOTE_WIDTH;
  const sayNote = (text: Text): string => escapeLabel(wrapLabel(clip(text[language], MAX_LABEL_SHOWN), noteWidth));
  const messageWidth = drawn.length <= 2 ? ROOMY_MESSAGE_WIDTH : drawn.length >= 5 ? TIGHT_MESSAGE_WIDTH : MESSAGE_WIDTH;
  const messageText = (event: { readonly label: Text; readonly detail: Text | undefined }): string => {
    const words = wrapLabel(clip(event.label[language], MAX_LABEL_SHOWN), messageWidth);
    // A header line (Cookie: SID=7f3a…) breaks at its space too when the picture is tight.
    return escapeLabel(event.detail !== undefined ? `${words}\n${messageWidth < MESSAGE_WIDTH ? wrapLabel(event.detail[language], messageWidth) : event.detail[language]}` : words);
  };
  /** The relay folded into the request's arrow (request detail): its choice and why, in a note on that arrow. */
  const relayNote = (client: string, server: string, choice: Text | undefined): void => {
    if (!plan.relayNotes || choice === undefined || plan.relay === undefined) return;
    const relayName = plan.labels.get(plan.relay) ?? same('Relay');
    // It spans the arrow, from the client to the server: it may be as wide as the arrow's label.
    const words = `${relayName[language]}: ${choice[language]}`;
    note('over', `${client},${server}`, escapeLabel(wrapLabel(clip(words, MAX_LABEL_SHOWN), Math.max(noteWidth, messageWidth) + 8)));
  };
  /** Responses the relay is passing back (drawn already from the server straight to the client, as the notes draw them). */
  const forwarding = new Set<number>();
  /**
   * Where a message is drawn. An answer goes from the server straight to the client, as the notes
   * draw it ([ 2.응답 ] --> 클라이언트), and so do TCP's packets (the relay passes them through);
   * a hidden relay's requests are drawn end to end too. Undefined: drawn as part of another hop.
   */
  const ends = (event: MessageDeliveredEvent | MessageLostEvent): { from: string; to: string } | undefined => {
    const relay = plan.relay;
    const client = plan.clientOf.get(event.requestId);
    // On the way out every request and segment passes through a drawn relay; answers come straight back.
    const outbound = event.kind === 'request' || (event.kind === 'packet' && (event.from === client || (event.from === relay && event.to !== client)));
    const merged = (event.kind === 'request' || event.kind === 'response' || event.kind === 'packet') && (!outbound || plan.hiddenRelay !== undefined);
    const asSent = { from: event.from, to: event.to };
    if (relay === undefined || client === undefined || !merged || event.type === 'message-lost') return asSent;
    if (event.from === client && event.to === relay) return undefined;
    if (event.from === relay && event.to === client) {
      // The relay's own answer (502, 503) is drawn; one it passes on was drawn from the server.
      if (event.kind === 'response' && !forwarding.delete(event.requestId)) return asSent;
      return undefined;
    }
    if (event.from === relay) return { from: client, to: event.to };
    if (event.to === relay) {
      if (event.kind === 'response') forwarding.add(event.requestId);
      return { from: event.from, to: client };
    }
    return asSent;
  };
  /** Request ids whose failure is already shown by an alt block or an answer arrow. */
  const answered = new Set<number>();
  /** Why each request's lost message was lost: an outcome for the same reason needs no second note. */
  const lostBecause = new Map<number, string>();
  let inServerError = 0;
  /** Clients whose conversation the server lost: their next first step is drawn as a start over. */
  const lostThread = new Set<string>();
  /** The step drawn just before a server error's alternative: its retry does not draw it again (as the seed). */
  let lastStep = '';
  let foldStep = '';
  // A failed request's messages sit in a tinted rect block (server errors have their alt block instead).
  const failed = new Set<number>();
  for (let index = from; index < trace.length; index++) {
    const event = trace[index] as TraceEvent;
    if (event.type === 'request-outcome' && !event.ok && event.reason !== 'server-error' && !isOrdinaryRefusal(event.reason)) failed.add(event.requestId);
  }
  let rectFor: number | undefined;
  const open = (line: string): void => {
    push(line, 0, HEIGHT.block);
    depth++;
    out[out.length - 1] = { ...(out[out.length - 1] as Statement), depth };
  };
  const leaveRect = (): void => {
    if (rectFor === undefined) return;
    rectFor = undefined;
    depth--;
    // The closing belongs with the request it closes, not with the event that caused it.
    const current = eventIndex;
    eventIndex = out[out.length - 1]?.eventIndex ?? from;
    push('end', 0, HEIGHT.block);
    eventIndex = current;
  };
  const enterRequest = (requestId: number): void => {
    if (rectFor === requestId) return;
    leaveRect();
    if (failed.has(requestId) && inServerError === 0) {
      open(FAILURE_RECT);
      rectFor = requestId;
    }
  };
  const outcomeNote = (event: RequestOutcomeEvent): void => {
    const words = outcomeWords(event, event.server === undefined ? undefined : plan.labels.get(event.server));
    note('over', event.client, escapeLabel(wrapLabel(`${isOrdinaryRefusal(event.reason) ? '' : '✗ '}${words[language]}`, noteWidth + 6)));
  };
  for (let index = from; index < trace.length; index++) {
    const event = trace[index] as TraceEvent;
    eventIndex = index;
    if (event.type === 'message-delivered' || event.type === 'message-lost' || event.type === 'internal-step' || (event.type === 'state' && event.requestId > 0)) enterRequest(event.requestId);
    else if (event.type === 'group' || (event.type === 'state' && event.requestId === 0)) leaveRect();
    // A restart or a wait between a crash and the request it breaks stays in the crash's tint.
    else if (event.type === 'fault' && !(rectFor !== undefined && rectFor !== CRASH_ALONE && (event.fault === 'restart' || event.fault === 'wait'))) leaveRect();
    const fold = 'requestId' in event ? folded.get(event.requestId) : undefined;
    if (fold !== undefined && (event.type === 'message-delivered' || event.type === 'internal-step')) {
      // A folded exchange is one line, drawn where its first message arrives; its other messages and steps are in it.
      if (event.type === 'message-delivered' && !foldDrawn.has(event.requestId)) {
        foldDrawn.add(event.requestId);
        const words = messageText({ label: detail.expandable === true ? { en: fold.label.en + EXPANDS, ko: fold.label.ko + EXPANDS } : fold.label, detail: fold.header });
        arrow(fold.client, '->>', fold.server, words, event.requestId);
        relayNote(fold.client, fold.server, relayChoiceOf(trace, index, event.requestId, plan.relay));
      }
      continue;
    }
    switch (event.type) {
      case 'message-delivered': {
        const at = ends(event);
        if (at === undefined) break;
        const dashed = event.kind === 'response' || event.kind === 'store-reply' || (event.kind === 'packet' && at.from.startsWith('s'));
        if (event.kind === 'response' && at.to === plan.clientOf.get(event.requestId)) answered.add(event.requestId);
        const decision = at.from === plan.relay && plan.relay !== plan.hiddenRelay ? routeChoice(trace, index, event) : undefined;
        // A forwarded request says where the relay sent it and why (its words are on the hop above); a segment keeps its name.
        const text = decision === undefined ? messageText(event) : event.kind === 'packet' ? messageText({ label: event.label, detail: decision }) : messageText({ label: decision, detail: undefined });
        arrow(at.from, dashed ? '-->>' : '->>', at.to, text);
        if (event.from === plan.relay && at.from !== event.from && event.to !== plan.clientOf.get(event.requestId)) relayNote(at.from, at.to, routeChoice(trace, index, event));
        break;
      }
      case 'message-lost': {
        const at = ends(event) ?? { from: event.from, to: event.to };
        const dashed = event.kind === 'response' || event.kind === 'store-reply';
        arrow(at.from, dashed ? '--x' : '-x', at.to, messageText(event));
        // A call lost to a downed store is said by the store's crash note and the 503 that follows: once is enough.
        if (event.reason !== 'store-down') note('over', `${at.from},${at.to}`, `✗ ${sayNote(LOSS_WORDS[event.reason])}`);
        lostBecause.set(event.requestId, event.reason);
        break;
      }
      case 'internal-step': {
        const key = `${event.actor} ${event.label.en}`;
        if (foldStep !== '' && key === foldStep) {
          foldStep = '';
          break;
        }
        lastStep = key;
        // The relay's choice is said on the hop it forwards (routeChoice); a hidden relay's is not the story,
        // nor a quiet server's routine steps.
        if (event.actor !== plan.relay && !plan.quiet.has(event.actor)) arrow(event.actor, '->>', event.actor, say(event.label));
        break;
      }
      case 'state':
        // Kept state keeps its lines whole ("Last Login Time" is one field, not two).
        index = stateStatement(event, trace, index, language, note, rightAbove, stateSide, NOTE_WIDTH);
        break;
      case 'fault': {
        if (event.fault === 'drop-next' || event.fault === 'error-next') break;
        const mark = FAULT_MARKS[event.fault];
        let text = `${mark === '' ? '' : `${mark} `}${sayNote(event.label)}`;
        if (event.fault === 'add-server') {
          // The new server is not in the picture until it first takes part: say it over the relay, or
          // over everyone where the relay is not drawn (over the last clerk it would read as that clerk's doing).
          note('over', plan.relay !== undefined && plan.relay !== plan.hiddenRelay ? plan.relay : everyone, text);
          break;
        }
        // What the crash (or restart, or removal) took from memory goes into the same note.
        let sessions = 0;
        let connections = 0;
        let next = index + 1;
        for (let candidate = trace[next]; candidate?.type === 'state' && candidate.action === 'lost' && candidate.holder === event.target; candidate = trace[++next]) {
          if (/^c\d+:/.test(candidate.key)) connections++;
          else sessions++;
        }
        if (sessions + connections > 0) {
          text += `<br>${escapeLabel(lostWords(sessions, connections, language))}`;
          index = next - 1;
        }
        // A crash is tinted as what went wrong, together with the request it breaks, if it breaks one.
        const breaks = event.fault === 'crash' || event.fault === 'store-down' || event.fault === 'remove-server';
        const broken = breaks ? nextRequest(trace, index + 1) : undefined;
        if (broken !== undefined && failed.has(broken) && inServerError === 0) enterRequest(broken);
        else if (breaks && event.fault !== 'remove-server' && inServerError === 0) {
          open(FAILURE_RECT);
          rectFor = CRASH_ALONE;
        }
        note('over', event.target ?? everyone, text);
        if (rectFor === CRASH_ALONE) leaveRect();
        break;
      }
      case 'request-started':
        // A client that lost the thread and begins again says so: the repeat that follows is a start over.
        if (lostThread.delete(event.client) && STARTS.has(event.request)) note('over', event.client, escapeLabel((event.request === 'connect' ? CONNECT_AGAIN : event.request === 'login' ? LOG_IN_AGAIN : START_OVER)[language]));
        break;
      case 'request-outcome':
        if (!event.ok && STATE_FAILURES.has(event.reason ?? 'rejected')) lostThread.add(event.client);
        if (!event.ok && !isOrdinaryRefusal(event.reason)) enterRequest(event.requestId);
        if (!event.ok && inServerError === 0) {
          const explained = answered.has(event.requestId) ? !STATE_FAILURES.has(event.reason ?? 'rejected') : lostBecause.get(event.requestId) === event.reason;
          if (!explained && !(isOrdinaryRefusal(event.reason) && answered.has(event.requestId))) outcomeNote(event);
        }
        if (rectFor === event.requestId) leaveRect();
        break;
      case 'group':
        if (event.phase === 'start') {
          open(`alt ${say(event.label)}`);
          foldStep = '';
          inServerError++;
        } else if (event.phase === 'else') {
          push(`else ${say(event.label)}`, 0, HEIGHT.block);
          foldStep = lastStep;
        } else if (depth > 0) {
          depth--;
          foldStep = '';
          inServerError = Math.max(0, inServerError - 1);
          push('end', 0, HEIGHT.block);
        }
        break;
      case 'folded':
        // Repetitive real traffic, counted rather than drawn: "× 240 like this".
        leaveRect();
        note('over', event.between.join(','), sayNote(event.label));
        break;
      default:
        break;
    }
  }
  leaveRect();
  // A run cut short (live lab) may have an open alternative: close it so the diagram parses.
  while (depth > 0) {
    depth--;
    push('end', 0, HEIGHT.block);
  }
  return { body: out, plan };
}

/**
 * The relay's choice for a hop it forwards: the relay says it just before it sends the message on.
 * Found from the trace itself, so a part drawn from any point says it too.
 */
function routeChoice(trace: readonly TraceEvent[], index: number, hop: MessageDeliveredEvent): Text | undefined {
  for (let back = index - 1; back >= 0 && back >= index - 256; back--) {
    const event = trace[back] as TraceEvent;
    if (event.type === 'message-sent' && event.messageId === hop.messageId) {
      const before = trace[back - 1];
      return before?.type === 'internal-step' && before.actor === hop.from && before.requestId === hop.requestId ? before.label : undefined;
    }
  }
  return undefined;
}

/** The relay's choice for a request, said before it forwards it: found at the hop it forwards, from `from` on. */
function relayChoiceOf(trace: readonly TraceEvent[], from: number, requestId: number, relay: string | undefined): Text | undefined {
  for (let index = from; index < trace.length; index++) {
    const event = trace[index] as TraceEvent;
    if (event.type === 'request-outcome' && event.requestId === requestId) return undefined;
    if (event.type === 'message-delivered' && event.requestId === requestId && event.from === relay) return routeChoice(trace, index, event);
  }
  return undefined;
}

/** A conversation's first step (where starting over begins), and the words for it. */
const STARTS: ReadonlySet<string> = new Set(['price', 'login', 'connect']);
const START_OVER = say('↺ start over', '↺ 처음부터 다시');
const LOG_IN_AGAIN = say('↺ log in again', '↺ 다시 로그인');
const CONNECT_AGAIN = say('↺ connect again', '↺ 처음부터 다시 연결');

/** The tinted block of a crash that breaks no request. */
const CRASH_ALONE = -1;

/** The request whose messages come next after `from` (undefined when no request follows before another fault). */
function nextRequest(trace: readonly TraceEvent[], from: number): number | undefined {
  for (let index = from; index < trace.length; index++) {
    const event = trace[index] as TraceEvent;
    if (event.type === 'message-delivered' || event.type === 'message-lost' || event.type === 'internal-step') return event.requestId;
    // A restart brings a server back empty and a wait changes nothing: the request after them is still the one broken.
    if ((event.type === 'fault' && event.fault !== 'restart' && event.fault !== 'wait') || event.type === 'group') return undefined;
  }
  return undefined;
}

/** Failures whose answer arrow does not say why on its own: the client's note says it. */
const STATE_FAILURES: ReadonlySet<string> = new Set(['missing-state', 'session-expired', 'connection-reset']);

/** Kept or ended state becomes a note, in the seed's words; a long note the same as the one right above it on its lifeline is folded. Returns the last index used. */
type NoteWriter = (where: string, ids: string, text: string, fold?: { readonly key: string; readonly full: string | undefined }) => void;

function stateStatement(event: StateEvent, trace: readonly TraceEvent[], index: number, language: Language, note: NoteWriter, rightAbove: (ids: string, text: string) => boolean, side: string, width: number): number {
  switch (event.action) {
    case 'stored': {
      // What a stateless client keeps is in its requests' words already ("노트북 2개를 신용카드로").
      if (event.key === 'context') return index;
      const shown = (event.shown as Text | undefined)?.[language] ?? '';
      const lines = (shown !== '' ? shown.split('\n') : event.fields.map((field) => field.name[language])).flatMap((line) => wrapLabel(line, width).split('\n'));
      if (lines.length === 0) return index;
      const text = escapeLines(lines);
      const repeated = lines.length > 2 && rightAbove(event.holder, text);
      note(side, event.holder, repeated ? escapeLabel(SAME_AS_ABOVE[language]) : text, { key: text, full: repeated ? text : undefined });
      return index;
    }
    case 'deleted':
      if (event.key === 'context' || event.key === 'token') return index;
      note(side, event.holder, escapeLabel((/^c\d+:/.test(event.key) ? CONNECTION_CLOSED : SESSION_DELETED)[language]));
      return index;
    case 'lost': {
      // Lost without a crash note before it (a restart of a running server): one note for all of it.
      let sessions = 0;
      let connections = 0;
      let next = index;
      for (let candidate = trace[next]; candidate?.type === 'state' && candidate.action === 'lost' && candidate.holder === event.holder; candidate = trace[++next]) {
        if (/^c\d+:/.test(candidate.key)) connections++;
        else sessions++;
      }
      note('over', event.holder, escapeLabel(lostWords(sessions, connections, language)));
      return next - 1;
    }
    default:
      // Read, missing and expired state: the arrows and the failure note already say it.
      return index;
  }
}
