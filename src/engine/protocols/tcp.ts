// TCP as the stateful example: the connection itself is the state a server keeps.
import { displayName, type NameTable } from '../names';
import { say, type Text } from '../text';
import type { RequestSpec } from './protocol';

export type Segment = 'SYN' | 'SYN-ACK' | 'ACK' | 'DATA' | 'DATA-ACK' | 'FIN' | 'FIN-ACK' | 'RST';

export const tcpRequests: readonly RequestSpec[] = [
  { name: 'connect', description: say('Open a connection (3-way handshake)', '연결 열기 (3-way handshake)'), params: [] },
  { name: 'send', description: say('Send data on the connection', '연결로 데이터 보내기'), params: [{ name: 'data', type: 'string', example: 'hello', description: say('The data', '보낼 데이터') }] },
  { name: 'close', description: say('Close the connection (FIN)', '연결 닫기 (FIN)'), params: [] },
];

const NO_SUCH_CONNECTION = say('RST (no such connection)', 'RST (이 연결 없음)');
/** The RST a server error answers with: the server had the connection, it failed while serving it. */
export const SERVER_ERROR_RESET = say('RST (server error)', 'RST (서버 오류)');

export function segmentLabel(segment: Segment, data?: string, words?: NameTable): Text {
  switch (segment) {
    case 'DATA': {
      const shown = displayName(data ?? '', words);
      // Curly quotes: Mermaid measures a note by its text before it decodes an escaped straight quote.
      return say(`DATA “${shown.en}”`, `DATA “${shown.ko}”`);
    }
    case 'DATA-ACK': {
      // The acknowledgement carries no data back, only how much arrived.
      const shown = displayName(data ?? '', words);
      return say(`ACK (${utf8Length(shown.en)} bytes received)`, `ACK (${utf8Length(shown.ko)}바이트 받음)`);
    }
    case 'RST':
      return NO_SUCH_CONNECTION;
    default:
      return say(segment, segment);
  }
}

export const tcpFieldNames: ReadonlyMap<string, Text> = new Map([
  ['peer', say('Peer', '상대')],
  ['connection', say('Connection', '연결')],
  ['status', say('State', '상태')],
  ['bytes', say('Bytes received', '받은 바이트')],
]);

/** A connection's note: its TCP state and what it has received (the last few pieces of data, in the reader's words). */
export function describeConnection(status: string, received: readonly string[], words?: NameTable): Text {
  if (received.length === 0) return say(`${status}\nnothing received yet`, `${status}\n받은 데이터 없음`);
  const shownIn = (language: 'en' | 'ko'): { shown: string; bytes: number } => {
    const data = received.map((piece) => displayName(piece, words)[language]);
    const shown = `${data.length > 2 ? '…, ' : ''}${data.slice(-2).map((piece) => `“${shortened(piece)}”`).join(', ')}`;
    return { shown, bytes: data.reduce((sum, piece) => sum + utf8Length(piece), 0) };
  };
  const en = shownIn('en');
  const ko = shownIn('ko');
  return say(`${status}\nreceived ${en.shown} (${en.bytes} bytes)`, `${status}\n받은 데이터 ${ko.shown} (${ko.bytes}바이트)`);
}

/** At most 24 characters of a piece of data (counted in code points: a Hangul syllable is one). */
function shortened(piece: string): string {
  const chars = Array.from(piece);
  return chars.length > 24 ? `${chars.slice(0, 24).join('')}…` : piece;
}

/** Bytes of `text` in UTF-8, as it travels (한 is three). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}
