// The session cookie as a browser's dev tools show it, short: Set-Cookie: SID=7f3a…, Cookie: SID=7f3a….
import type { Payload } from './envelope';
import { fnv1a } from './protocols/login';
import { same, type Text } from './text';

/** A session's cookie value: a few hex digits of its id (the id itself is ours, not the reader's). */
function sid(sessionId: string): string {
  return `${fnv1a(sessionId).toString(16).padStart(8, '0').slice(0, 4)}…`;
}

/** The cookie header a message carries: a request sends its session, a response sets a new one or clears it (''). */
export function cookieHeader(payload: Payload): Text | undefined {
  if (payload.type === 'request') return payload.sessionId === undefined ? undefined : same(`Cookie: SID=${sid(payload.sessionId)}`);
  if (payload.type !== 'response' || payload.sessionId === undefined) return undefined;
  return same(payload.sessionId === '' ? 'Set-Cookie: SID=; Max-Age=0' : `Set-Cookie: SID=${sid(payload.sessionId)}`);
}
