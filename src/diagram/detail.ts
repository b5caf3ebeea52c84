// How much of a run a diagram draws. At *hop* every message is an arrow (client → relay → server);
// at *request* the relay is folded into a note on the request's arrow (client → server, with the
// relay's choice and why); at *story* a TCP handshake or a login that went through also becomes one
// line, which the panel opens again on a click.
import type { DetailLevel } from '../engine/model';
import { say, type Text } from '../engine/text';
import type { TraceEvent } from '../engine/trace';

export interface Detail {
  readonly level: DetailLevel;
  /** Folded exchanges (by request id) the person opened in the panel: drawn message by message. */
  readonly expanded?: ReadonlySet<number>;
  /** Marks a folded line as one that opens (the panel); a note's line stays plain. */
  readonly expandable?: boolean;
}

export const HOP_DETAIL: Detail = { level: 'hop' };

/** One exchange drawn as one line. */
export interface FoldedExchange {
  readonly client: string;
  readonly server: string;
  readonly label: Text;
  /** The header that carries the state (Set-Cookie: SID=7f3a…), when the exchange set one. */
  readonly header: Text | undefined;
}

/** The exchanges a story folds: the handshake, the login. */
const FOLDED_WORDS: Readonly<Record<string, Text>> = {
  connect: say('Connect: 3-way handshake (SYN, SYN-ACK, ACK)', '연결: 3-way handshake (SYN, SYN-ACK, ACK)'),
  login: say('Login ↔ Response', '로그인 요청 ↔ 응답'),
};

/** The marker of a line that opens in the panel. */
export const EXPANDS = ' ▸';

/**
 * The exchanges drawn as one line at this detail, by request id: a handshake or a login that
 * started at or after `from` and went through without a crash, a lost message or a server error in
 * the middle (those are the lesson: they stay hop by hop).
 */
export function foldedExchanges(trace: readonly TraceEvent[], from: number, detail: Detail): ReadonlyMap<number, FoldedExchange> {
  const folded = new Map<number, FoldedExchange>();
  if (detail.level !== 'story') return folded;
  /** Candidates still open, with the header their answer carried so far. */
  const open = new Map<number, { request: string; header: Text | undefined; spoiled: boolean }>();
  for (let index = from; index < trace.length; index++) {
    const event = trace[index] as TraceEvent;
    switch (event.type) {
      case 'request-started':
        if (Object.hasOwn(FOLDED_WORDS, event.request) && detail.expanded?.has(event.requestId) !== true) open.set(event.requestId, { request: event.request, header: undefined, spoiled: false });
        break;
      case 'message-lost': {
        const candidate = open.get(event.requestId);
        if (candidate !== undefined) candidate.spoiled = true;
        break;
      }
      case 'message-delivered': {
        const candidate = open.get(event.requestId);
        if (candidate !== undefined && event.kind === 'response' && event.detail !== undefined) candidate.header = event.detail;
        break;
      }
      case 'fault':
      case 'group':
        for (const candidate of open.values()) candidate.spoiled = true;
        break;
      case 'request-outcome': {
        const candidate = open.get(event.requestId);
        open.delete(event.requestId);
        const words = candidate === undefined ? undefined : FOLDED_WORDS[candidate.request];
        if (candidate === undefined || candidate.spoiled || !event.ok || event.server === undefined || words === undefined) break;
        folded.set(event.requestId, { client: event.client, server: event.server, label: words, header: candidate.header });
        break;
      }
      default:
        break;
    }
  }
  return folded;
}
