// Trace → Mermaid sequenceDiagram, in the style of the notes: requests ->>, responses -->>,
// internal steps as self-messages, stored state as a note, alternatives as alt/else/end.
import type { Language, Text } from '../engine/text';
import type { FaultEvent, Participant, StateEvent, TraceEvent } from '../engine/trace';
import { escapeLabel, escapeLines } from './escape';

export interface DiagramOptions {
  readonly language: Language;
  readonly autonumber?: boolean;
  readonly title?: string;
  /** Notes of stored state list the field names (as the stateful note does) or names and values. */
  readonly stateNotes?: 'names' | 'values';
  /** Messages per diagram before the run is split into parts. */
  readonly maxMessages?: number;
  /** Mermaid refuses longer diagrams (its maxTextSize); parts stay under this. */
  readonly maxTextSize?: number;
  /** Put "Part i of n" into each part's diagram title (exports); off for the live view, where a
   * finished part must keep the same text while the run grows. The heading is returned either way. */
  readonly partTitles?: boolean;
}

export interface DiagramPart {
  readonly heading: string;
  readonly mermaid: string;
  readonly messages: number;
  /** The trace index where this part begins: drawing from here again gives this part and those after it. */
  readonly firstEvent: number;
}

export const DEFAULT_MAX_MESSAGES = 200;
/** Tint behind a failed request: light enough for light and dark themes. */
const FAILURE_RECT = 'rect rgba(255, 99, 71, 0.15)';
export const MERMAID_MAX_TEXT_SIZE = 50_000;

interface Statement {
  readonly line: string;
  /** 1 for an arrow, 0 for a note or block keyword. */
  readonly arrows: number;
  /** Block depth after this statement; parts are cut only where it is 0. */
  readonly depth: number;
  /** The trace index of the event it draws; a part never starts in the middle of one event's statements. */
  readonly eventIndex: number;
}

const ROLE_NAMES: Readonly<Record<'relay' | 'store', Text>> = {
  relay: { en: 'Relay', ko: '중계 서버' },
  store: { en: 'Session Store', ko: '세션 저장소' },
};

const REASON_WORDS: Readonly<Record<string, Text>> = {
  'missing-state': { en: 'the server does not know the conversation', ko: '서버가 이전 상태를 모름' },
  'session-expired': { en: 'the session expired', ko: '세션 만료' },
  'store-down': { en: 'the session store is down', ko: '세션 저장소 장애' },
  'no-server': { en: 'no server is up', ko: '살아 있는 서버 없음' },
  'server-down': { en: 'the server is down', ko: '서버 장애' },
  timeout: { en: 'no answer: timed out', ko: '응답 없음: 시간 초과' },
  'connection-reset': { en: 'connection reset: start over', ko: '연결 재설정: 처음부터 다시' },
  'invalid-token': { en: 'the token does not verify', ko: '토큰 검증 실패' },
  'server-error': { en: 'server error', ko: '서버 오류' },
  rejected: { en: 'refused', ko: '거절됨' },
};

const LOSS_WORDS: Readonly<Record<string, Text>> = {
  dropped: { en: 'lost on the network', ko: '네트워크에서 유실' },
  'server-down': { en: 'the server is down', ko: '서버가 죽어 있음' },
  'store-down': { en: 'the store is down', ko: '저장소가 죽어 있음' },
};

const FAULT_MARKS: Readonly<Record<FaultEvent['fault'], string>> = {
  crash: '💥', restart: '🔄', 'add-server': '➕', 'remove-server': '➖', 'store-down': '💥', 'store-up': '🔄', 'drop-next': '', 'error-next': '', wait: '⏳',
};

export function participantLabel(participant: Participant, language: Language): string {
  return participant.kind === 'relay' || participant.kind === 'store' ? ROLE_NAMES[participant.kind][language] : participant.name;
}

/** Diagram statements for a trace from index `from` on, one per drawn event, with their block depth. */
function statements(participants: readonly Participant[], trace: readonly TraceEvent[], options: DiagramOptions, from: number): Statement[] {
  const { language } = options;
  const say = (text: Text): string => escapeLabel(text[language]);
  const first = participants[0]?.id ?? 'c1';
  const last = participants[participants.length - 1]?.id ?? first;
  const everyone = first === last ? first : `${first},${last}`;
  const out: Statement[] = [];
  let depth = 0;
  let eventIndex = from;
  const push = (line: string, arrows = 0): void => {
    out.push({ line, arrows, depth, eventIndex });
  };
  /** Request ids whose failure is already shown by an alt block or an answer arrow. */
  const answered = new Set<number>();
  /** Why each request's lost message was lost: an outcome for the same reason needs no second note. */
  const lostBecause = new Map<number, string>();
  let inServerError = 0;
  // A failed request's messages sit in a tinted rect block (server errors have their alt block instead).
  const failed = new Set<number>();
  for (let index = from; index < trace.length; index++) {
    const event = trace[index] as TraceEvent;
    if (event.type === 'request-outcome' && !event.ok && event.reason !== 'server-error') failed.add(event.requestId);
  }
  let rectFor: number | undefined;
  const open = (line: string): void => {
    push(line);
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
    push('end');
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
  for (let index = from; index < trace.length; index++) {
    const event = trace[index] as TraceEvent;
    eventIndex = index;
    if (event.type === 'message-delivered' || event.type === 'message-lost' || event.type === 'internal-step' || (event.type === 'state' && event.requestId > 0)) enterRequest(event.requestId);
    else if (event.type === 'fault' || event.type === 'group' || (event.type === 'state' && event.requestId === 0)) leaveRect();
    switch (event.type) {
      case 'message-delivered': {
        const arrow = event.kind === 'response' || event.kind === 'store-reply' ? '-->>' : '->>';
        if (event.kind === 'response' && /^c\d+$/.test(event.to)) answered.add(event.requestId);
        push(`${event.from}${arrow}${event.to}: ${say(event.label)}`, 1);
        break;
      }
      case 'message-lost': {
        const arrow = event.kind === 'response' || event.kind === 'store-reply' ? '--x' : '-x';
        push(`${event.from}${arrow}${event.to}: ${say(event.label)}`, 1);
        push(`Note over ${event.from},${event.to}: ✗ ${say(LOSS_WORDS[event.reason] ?? { en: event.reason, ko: event.reason })}`);
        lostBecause.set(event.requestId, event.reason);
        break;
      }
      case 'internal-step':
        push(`${event.actor}->>${event.actor}: ${say(event.label)}`, 1);
        break;
      case 'state':
        index = stateStatement(event, trace, index, options, push);
        break;
      case 'fault': {
        if (event.fault === 'drop-next' || event.fault === 'error-next') break;
        const where = event.target ?? everyone;
        const mark = FAULT_MARKS[event.fault];
        push(`Note over ${where}: ${mark === '' ? '' : `${mark} `}${say(event.label)}`);
        break;
      }
      case 'request-outcome':
        if (!event.ok) enterRequest(event.requestId);
        if (!event.ok && inServerError === 0 && !answered.has(event.requestId) && lostBecause.get(event.requestId) !== event.reason) {
          push(`Note over ${event.client}: ✗ ${say(REASON_WORDS[event.reason ?? 'rejected'] ?? { en: String(event.reason), ko: String(event.reason) })}`);
        } else if (!event.ok && inServerError === 0 && (event.reason === 'missing-state' || event.reason === 'session-expired' || event.reason === 'connection-reset')) {
          push(`Note over ${event.client}: ✗ ${say(REASON_WORDS[event.reason] ?? { en: event.reason, ko: event.reason })}`);
        }
        if (rectFor === event.requestId) leaveRect();
        break;
      case 'group':
        if (event.phase === 'start') {
          open(`alt ${say(event.label)}`);
          inServerError++;
        } else if (event.phase === 'else') {
          push(`else ${say(event.label)}`);
        } else if (depth > 0) {
          depth--;
          inServerError = Math.max(0, inServerError - 1);
          push('end');
        }
        break;
      default:
        break;
    }
  }
  leaveRect();
  // A run cut short (live lab) may have an open alternative: close it so the diagram parses.
  while (depth > 0) {
    depth--;
    push('end');
  }
  return out;
}

/** Stored state becomes a note; a crash's losses are gathered into one note. Returns the last index used. */
function stateStatement(event: StateEvent, trace: readonly TraceEvent[], index: number, options: DiagramOptions, push: (line: string) => void): number {
  const { language } = options;
  const noun = (key: string): Text => (key.startsWith('sess') ? { en: 'session', ko: '세션' } : key === 'context' || key === 'token' ? { en: key, ko: key === 'token' ? '토큰' : '문맥' } : { en: 'connection', ko: '연결' });
  switch (event.action) {
    case 'stored': {
      const lines = event.fields.map((field) => (options.stateNotes === 'values' ? `${field.name[language]}: ${String(field.value)}` : field.name[language]));
      if (lines.length > 0) push(`Note right of ${event.holder}: ${escapeLines(lines)}`);
      return index;
    }
    case 'missing':
      push(`Note right of ${event.holder}: ${escapeLabel(language === 'en' ? `? no such ${noun(event.key).en} ${event.key}` : `? ${event.key} ${noun(event.key).ko} 없음`)}`);
      return index;
    case 'expired':
      push(`Note right of ${event.holder}: ${escapeLabel(language === 'en' ? `${event.key} expired (TTL)` : `${event.key} 만료 (TTL)`)}`);
      return index;
    case 'lost': {
      const keys = [event.key];
      let next = index + 1;
      for (let candidate = trace[next]; candidate?.type === 'state' && candidate.action === 'lost' && candidate.holder === event.holder; candidate = trace[++next]) keys.push(candidate.key);
      push(`Note over ${event.holder}: ${escapeLabel(language === 'en' ? `memory lost: ${keys.join(', ')}` : `메모리 소실: ${keys.join(', ')}`)}`);
      return next - 1;
    }
    default:
      return index;
  }
}

function header(participants: readonly Participant[], options: DiagramOptions, title: string | undefined, startNumber: number): string[] {
  const lines = ['sequenceDiagram'];
  if (title !== undefined && title !== '') lines.push(`    title ${escapeLabel(title)}`);
  if (options.autonumber === true) lines.push(startNumber > 1 ? `    autonumber ${startNumber}` : '    autonumber');
  for (const participant of participants) lines.push(`    participant ${participant.id} as ${escapeLabel(participantLabel(participant, options.language))}`);
  return lines;
}

function render(participants: readonly Participant[], body: readonly Statement[], options: DiagramOptions, title: string | undefined, startNumber: number): string {
  const lines = header(participants, options, title, startNumber);
  let depth = 0;
  for (const statement of body) {
    const closing = statement.line === 'end' || statement.line.startsWith('else ');
    const indent = '    '.repeat(1 + Math.max(0, closing ? depth - 1 : depth));
    lines.push(`${indent}${statement.line}`);
    depth = statement.depth;
  }
  return lines.join('\n');
}

/** The whole run as one or more diagrams, each within the message and size limits. */
export function sequenceDiagram(participants: readonly Participant[], trace: readonly TraceEvent[], options: DiagramOptions): DiagramPart[] {
  return sequenceDiagramFrom(participants, trace, options, 0, 1);
}

/** The parts of a run from trace index `from` on (a live view redraws only its tail this way). */
export function sequenceDiagramFrom(participants: readonly Participant[], trace: readonly TraceEvent[], options: DiagramOptions, from: number, firstNumber: number): DiagramPart[] {
  const body = statements(participants, trace, options, from);
  const maxMessages = Math.max(1, options.maxMessages ?? DEFAULT_MAX_MESSAGES);
  const maxText = options.maxTextSize ?? MERMAID_MAX_TEXT_SIZE;
  const chunks: Statement[][] = [];
  let current: Statement[] = [];
  let arrows = 0;
  let size = 0;
  const headerSize = header(participants, options, options.title, 1).join('\n').length + 64;
  for (const statement of body) {
    const previous = current[current.length - 1];
    const full = previous !== undefined && (arrows + statement.arrows > maxMessages || headerSize + size + statement.line.length + 12 > maxText);
    const atBoundary = previous === undefined || (previous.depth === 0 && previous.eventIndex !== statement.eventIndex);
    if (full && atBoundary) {
      chunks.push(current);
      current = [];
      arrows = 0;
      size = 0;
    }
    current.push(statement);
    arrows += statement.arrows;
    size += statement.line.length + 12;
  }
  if (current.length > 0 || chunks.length === 0) chunks.push(current);
  let numberedSoFar = firstNumber - 1;
  return chunks.map((chunk, index) => {
    const part = chunks.length === 1 ? undefined : { en: `Part ${index + 1} of ${chunks.length}`, ko: `${chunks.length}개 중 ${index + 1}부` }[options.language];
    const title = part === undefined ? options.title : options.title === undefined ? part : `${options.title} (${part})`;
    const messages = chunk.reduce((sum, statement) => sum + statement.arrows, 0);
    const mermaid = render(participants, chunk, options, options.partTitles === false ? options.title : title, numberedSoFar + 1);
    numberedSoFar += messages;
    return { heading: title ?? '', mermaid, messages, firstEvent: chunk[0]?.eventIndex ?? from };
  });
}
