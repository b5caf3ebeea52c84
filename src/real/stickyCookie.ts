// sticky for an app the proxy has never seen, the way HAProxy's `cookie SRV insert indirect
// nocache` does it: the proxy sets a routing cookie of its own on the answer that pins a client,
// reads it on the client's next requests, and takes it out before the app sees them.
import type { OutgoingHttpHeaders } from 'node:http';

export const ROUTING_COOKIE = 'plab_upstream';

/** The pinned upstream's id from a Cookie header, if the client sent one. */
export function routingCookie(cookie: string | undefined): string | undefined {
  if (cookie === undefined) return undefined;
  for (const pair of cookie.split(';')) {
    const [name, value] = splitPair(pair);
    if (name === ROUTING_COOKIE) return value;
  }
  return undefined;
}

/** The Cookie header without the routing cookie (the app never sees it); undefined when nothing is left. */
export function withoutRoutingCookie(cookie: string | undefined): string | undefined {
  if (cookie === undefined) return undefined;
  const kept = cookie.split(';').filter((pair) => splitPair(pair)[0] !== ROUTING_COOKIE).map((pair) => pair.trim()).filter((pair) => pair !== '');
  return kept.length === 0 ? undefined : kept.join('; ');
}

/** The routing cookie as the answer sets it; the answer is marked private so no shared cache hands it to someone else. */
export function insertRoutingCookie(headers: OutgoingHttpHeaders, upstreamId: string): OutgoingHttpHeaders {
  const before = headers['set-cookie'];
  const cookies = before === undefined ? [] : Array.isArray(before) ? before : [before];
  return {
    ...headers,
    'set-cookie': [...cookies, `${ROUTING_COOKIE}=${upstreamId}; Path=/; HttpOnly; SameSite=Lax`],
    ...(headers['cache-control'] === undefined ? { 'cache-control': 'private' } : {}),
  };
}

function splitPair(pair: string): [string, string] {
  const equals = pair.indexOf('=');
  return equals < 0 ? [pair.trim(), ''] : [pair.slice(0, equals).trim(), pair.slice(equals + 1).trim()];
}

/** The forwarded headers with the client's Cookie header minus the routing cookie (none left: no Cookie header). */
export function forwardedCookie(headers: OutgoingHttpHeaders, cookie: string | undefined): OutgoingHttpHeaders {
  const kept = withoutRoutingCookie(cookie);
  const copy = { ...headers };
  delete copy.cookie;
  return kept === undefined ? copy : { ...copy, cookie: kept };
}
