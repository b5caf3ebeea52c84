// The servers a proxy forwards to: a name (the person's, or Server1, Server2 …), a URL, and
// whether the proxy takes it for up. The balancer (engine/balancer.ts) chooses among them.
import type { Backend } from '../engine/balancer';
import { inventedName } from '../engine/names';
import { same, say, type Text } from '../engine/text';

/** An upstream as a person names it: `http://127.0.0.1:3000`, or `api=http://127.0.0.1:3000`. */
export interface UpstreamSpec {
  readonly name?: string;
  readonly url: string;
  /** What the diagram calls it in each language, when the name alone does not say (a story's 서버1). */
  readonly label?: Text;
}

/** A wrong upstream: said in one line. */
export class UpstreamError extends Error {}

export class Upstream implements Backend {
  /** Marked down by hand (markDown) until marked up again. */
  down = false;
  /** Refused a connection: not chosen until this wall-clock time, then tried again. */
  refusedUntil = 0;
  /** Refused a connection since it last answered: its next answer is said ("answers again"). */
  refusing = false;

  constructor(
    /** The diagram's id: s1, s2 … */
    readonly id: string,
    readonly name: string,
    readonly label: Text,
    readonly url: URL,
  ) {}

  get up(): boolean {
    return !this.down && (this.refusedUntil === 0 || Date.now() >= this.refusedUntil);
  }
}

/** Parses `name=URL` or `URL`: http(s) only, with a host, no credentials, nothing after the path. */
export function parseUpstreamSpec(text: string): UpstreamSpec {
  const trimmed = text.trim();
  const equals = /^([^=:/]+)=(.+)$/.exec(trimmed);
  const name = equals?.[1]?.trim();
  const url = (equals?.[2] ?? trimmed).trim();
  return name !== undefined && name !== '' ? { name, url } : { url };
}

export function upstreamsOf(specs: readonly UpstreamSpec[]): Upstream[] {
  if (specs.length === 0) throw new UpstreamError('give at least one upstream URL (http://HOST:PORT)');
  if (specs.length > 16) throw new UpstreamError(`at most 16 upstreams, got ${specs.length}`);
  const names = new Set<string>();
  return specs.map((spec, index) => {
    let url: URL;
    try {
      url = new URL(spec.url);
    } catch {
      throw new UpstreamError(`"${spec.url}" is not a URL (write it as http://HOST:PORT)`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UpstreamError(`"${spec.url}": the proxy forwards to http:// or https:// upstreams, not ${url.protocol}`);
    if (url.username !== '' || url.password !== '') throw new UpstreamError(`"${spec.url}": leave credentials out of the upstream URL`);
    if (url.search !== '' || url.hash !== '') throw new UpstreamError(`"${spec.url}": an upstream is a server (http://HOST:PORT[/PREFIX]), without ? or #`);
    const invented = specs.length === 1 ? 'Server' : `Server${index + 1}`;
    const name = spec.name ?? invented;
    if (names.has(name)) throw new UpstreamError(`two upstreams are called "${name}"`);
    names.add(name);
    return new Upstream(`s${index + 1}`, name, spec.label ?? (spec.name === undefined ? inventedName(invented) : same(name)), url);
  });
}

/** What the diagram calls the proxy. */
export const PROXY_LABEL = say('Proxy', '프록시');
