// What a person types for Proxy My App's upstreams: `http://127.0.0.1:3000, http://127.0.0.1:3001`
// (or `api=http://…` to name one), checked here with a message that says which entry is wrong and
// why, in the person's language, before the proxy (real/upstreams.ts) is asked to take them.
import * as l10n from '@vscode/l10n';
import { parseUpstreamSpec, type UpstreamSpec } from '../real/upstreams';

/** As many as the proxy takes (real/upstreams.ts). */
export const MAX_UPSTREAMS = 16;

export type UpstreamReading =
  | { readonly ok: true; readonly upstreams: readonly UpstreamSpec[] }
  | { readonly ok: false; readonly problem: string };

/** The entries of a comma-separated list (spaces and empty entries left out). */
export function upstreamEntries(text: string): string[] {
  return text.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
}

/** Why one entry cannot be an upstream, or undefined when it can. */
export function upstreamEntryProblem(entry: string): string | undefined {
  const { url: written } = parseUpstreamSpec(entry);
  // localhost:3000 would parse as a URL of the scheme "localhost:": a host and port alone lack http://.
  if (/^(?:[\w.-]+|\[[\da-f:.]+\]):\d+(?:\/\S*)?$/i.test(written)) return l10n.t('"{0}" has no scheme: write it as http://{0}', written);
  let url: URL;
  try {
    url = new URL(written);
  } catch {
    return l10n.t('"{0}" is not a URL: write it as http://HOST:PORT', written);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return l10n.t('"{0}": the proxy forwards to http:// or https:// only, not {1}', written, url.protocol);
  if (url.hostname === '') return l10n.t('"{0}" names no host: write it as http://HOST:PORT', written);
  if (url.username !== '' || url.password !== '') return l10n.t('"{0}": leave the user name and password out of an upstream URL', written);
  if (url.search !== '' || url.hash !== '') return l10n.t('"{0}": an upstream is a server (http://HOST:PORT or http://HOST:PORT/PREFIX), without ? or #', written);
  return undefined;
}

/** The whole list, or the first thing wrong with it. */
export function readUpstreams(text: string): UpstreamReading {
  const entries = upstreamEntries(text);
  if (entries.length === 0) return { ok: false, problem: l10n.t('Give at least one upstream URL, such as http://127.0.0.1:3000') };
  if (entries.length > MAX_UPSTREAMS) return { ok: false, problem: l10n.t('At most {0} upstreams; {1} were given.', MAX_UPSTREAMS, entries.length) };
  const names = new Set<string>();
  const upstreams: UpstreamSpec[] = [];
  for (const entry of entries) {
    const problem = upstreamEntryProblem(entry);
    if (problem !== undefined) return { ok: false, problem };
    const spec = parseUpstreamSpec(entry);
    if (spec.name !== undefined) {
      if (names.has(spec.name)) return { ok: false, problem: l10n.t('Two upstreams are called "{0}": give each its own name.', spec.name) };
      names.add(spec.name);
    }
    upstreams.push(spec);
  }
  return { ok: true, upstreams };
}

/** The list written back the way a person types it, for the input box's pre-filled value. */
export function upstreamsText(upstreams: readonly UpstreamSpec[]): string {
  return upstreams.map((upstream) => (upstream.name === undefined ? upstream.url : `${upstream.name}=${upstream.url}`)).join(', ');
}
