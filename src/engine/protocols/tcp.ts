// TCP as the stateful example: the connection itself is the state a server keeps.
import { say, type Text } from '../text';
import type { RequestSpec } from './protocol';

export type Segment = 'SYN' | 'SYN-ACK' | 'ACK' | 'DATA' | 'DATA-ACK' | 'FIN' | 'FIN-ACK' | 'RST';

export const tcpRequests: readonly RequestSpec[] = [
  { name: 'connect', description: say('Open a connection (3-way handshake)', '연결 열기 (3-way handshake)'), params: [] },
  { name: 'send', description: say('Send data on the connection', '연결로 데이터 보내기'), params: [{ name: 'data', type: 'string', example: 'hello', description: say('The data', '보낼 데이터') }] },
  { name: 'close', description: say('Close the connection (FIN)', '연결 닫기 (FIN)'), params: [] },
];

export function segmentLabel(segment: Segment, data?: string): Text {
  switch (segment) {
    case 'DATA':
      return say(`DATA "${data ?? ''}"`, `DATA "${data ?? ''}"`);
    case 'DATA-ACK':
      return say(`ACK "${data ?? ''}"`, `ACK "${data ?? ''}"`);
    case 'RST':
      return say('RST (no such connection)', 'RST (연결 없음)');
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

/** A connection's note: its TCP state and what it has received (the last few pieces of data). */
export function describeConnection(status: string, received: readonly string[]): Text {
  if (received.length === 0) return say(`${status}\nnothing received yet`, `${status}\n받은 데이터 없음`);
  const bytes = received.reduce((sum, data) => sum + data.length, 0);
  // No-break spaces: a diagram that wraps the note never breaks inside the data.
  const shown = `${received.length > 2 ? '…, ' : ''}${received.slice(-2).map((data) => `"${(data.length > 24 ? `${data.slice(0, 24)}…` : data).replace(/ /g, '\u00a0')}"`).join(', ')}`;
  return say(`${status}\nreceived ${shown} (${bytes} bytes)`, `${status}\n받은 데이터 ${shown} (${bytes}바이트)`);
}
