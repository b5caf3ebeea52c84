// The one header a message shows when it carries the state, short, as a browser's dev tools show
// it: the session cookie (Set-Cookie: SID=7f3a…, Cookie: SID=7f3a…) or the signed token
// (token: 7f3a…, Authorization: Bearer 7f3a…).
import type { Payload } from './envelope';
import { fnv1a } from './protocols/login';
import { say, same, type Text } from './text';

export type CarriedState = 'cookie' | 'token';

/** A few hex digits of a value: the reader needs to see the same thing travel, not our ids. */
export function short(value: string): string {
  return `${fnv1a(value).toString(16).padStart(8, '0').slice(0, 4)}…`;
}

/** The header a message carries: a request sends its cookie or token, a response sets a new one (a cookie is cleared with ''). */
export function stateHeader(payload: Payload, carried: CarriedState): Text | undefined {
  if (carried === 'token') {
    if (payload.type === 'request') return payload.token === undefined ? undefined : same(`Authorization: Bearer ${short(payload.token)}`);
    return payload.type === 'response' && typeof payload.token === 'string' ? say(`token: ${short(payload.token)}`, `토큰: ${short(payload.token)}`) : undefined;
  }
  if (payload.type === 'request') return payload.sessionId === undefined ? undefined : same(`Cookie: SID=${short(payload.sessionId)}`);
  if (payload.type !== 'response' || payload.sessionId === undefined) return undefined;
  return same(payload.sessionId === '' ? 'Set-Cookie: SID=; Max-Age=0' : `Set-Cookie: SID=${short(payload.sessionId)}`);
}
