// Headers that belong to one connection and are not passed on (RFC 9110 §7.6.1), and the
// X-Forwarded-* headers a reverse proxy adds so the app knows who asked and how.
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

const HOP_BY_HOP: ReadonlySet<string> = new Set(['connection', 'keep-alive', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'proxy-connection', 'proxy-authenticate', 'proxy-authorization']);

/** The headers without the hop-by-hop ones: those listed above, `Proxy-*`, and any named in `Connection`. */
export function endToEnd(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const named = new Set((headers.connection ?? '').toLowerCase().split(',').map((token) => token.trim()).filter((token) => token !== ''));
  const kept: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || named.has(name) || name.startsWith('proxy-')) continue;
    kept[name] = value;
  }
  return kept;
}

/** Adds this hop to X-Forwarded-For and says the original scheme and host. */
export function withForwarded(headers: OutgoingHttpHeaders, clientAddress: string, host: string | undefined, encrypted: boolean): OutgoingHttpHeaders {
  const before = headers['x-forwarded-for'];
  const chain = before === undefined ? clientAddress : `${Array.isArray(before) ? before.join(', ') : String(before)}, ${clientAddress}`;
  return {
    ...headers,
    'x-forwarded-for': chain,
    'x-forwarded-proto': encrypted ? 'https' : 'http',
    ...(host !== undefined ? { 'x-forwarded-host': host } : {}),
  };
}
