// What a real exchange says in the diagram: the request line, the status, and the cookies with
// their values shortened (Cookie: SID=7f3a…), so a note shows which session went where.
import { STATUS_CODES } from 'node:http';
import { same, say, type Text } from '../engine/text';

/** A cookie value shown up to this many characters, then "…". */
const SHOWN_VALUE = 4;
/** Longest path shown. */
const SHOWN_PATH = 60;

export function requestLine(method: string, url: string, upgrade?: string): Text {
  const path = url.length > SHOWN_PATH ? `${url.slice(0, SHOWN_PATH - 1)}…` : url;
  return same(upgrade === undefined ? `${method} ${path}` : `${method} ${path} (Upgrade: ${upgrade})`);
}

export function statusLine(status: number, elapsedMs: number): Text {
  const words = STATUS_CODES[status] ?? '';
  const ms = elapsedMs < 10 ? elapsedMs.toFixed(1) : String(Math.round(elapsedMs));
  // A no-break space keeps the time in one piece where a label wraps.
  return same(`${status}${words === '' ? '' : ` ${words}`} · ${ms}\u00a0ms`);
}

function shortValue(value: string): string {
  return value.length <= SHOWN_VALUE + 1 ? value : `${value.slice(0, SHOWN_VALUE)}…`;
}

/** `Cookie: SID=7f3a…, theme=dark` from a Cookie header; undefined without one. */
export function cookieDetail(cookie: string | undefined): Text | undefined {
  if (cookie === undefined || cookie.trim() === '') return undefined;
  const pairs = cookie.split(';').map((pair) => pair.trim()).filter((pair) => pair !== '').map((pair) => {
    const equals = pair.indexOf('=');
    return equals < 0 ? pair : `${pair.slice(0, equals)}=${shortValue(pair.slice(equals + 1))}`;
  });
  return same(`Cookie: ${pairs.slice(0, 3).join(', ')}${pairs.length > 3 ? ', …' : ''}`);
}

/** `Set-Cookie: SID=7f3a…` from an answer's Set-Cookie headers (attributes left out); undefined without one. */
export function setCookieDetail(setCookie: readonly string[] | undefined): Text | undefined {
  if (setCookie === undefined || setCookie.length === 0) return undefined;
  const pairs = setCookie.map((line) => {
    const pair = line.split(';')[0]?.trim() ?? '';
    const equals = pair.indexOf('=');
    return equals < 0 ? pair : `${pair.slice(0, equals)}=${shortValue(pair.slice(equals + 1))}`;
  });
  return same(`Set-Cookie: ${pairs.slice(0, 3).join(', ')}${pairs.length > 3 ? ', …' : ''}`);
}

/** Why the proxy answered itself, and the mark on its lost hop. */
export const PROXY_WORDS = {
  refused: (server: Text): Text => say(`${server.en} refuses connections: marked down`, `${server.ko} 연결 거부: 장애로 표시`),
  back: (server: Text): Text => say(`${server.en} answers again`, `${server.ko} 다시 응답`),
  reset: (server: Text): Text => say(`${server.en} reset the connection`, `${server.ko} 연결 끊김 (reset)`),
  garbage: (server: Text): Text => say(`${server.en} answered something that is not HTTP`, `${server.ko} HTTP가 아닌 응답`),
  timedOut: (server: Text, seconds: number): Text => say(`${server.en} did not answer within ${seconds} s`, `${server.ko} ${seconds}초 안에 응답 없음`),
  markedDown: (server: Text): Text => say(`${server.en} marked down`, `${server.ko} 장애로 표시`),
  markedUp: (server: Text): Text => say(`${server.en} marked up`, `${server.ko} 정상으로 표시`),
  policy: (policy: string): Text => say(`policy now: ${policy}`, `정책 변경: ${policy}`),
} as const;
