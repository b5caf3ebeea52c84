// `protocol-lab proxy`: a real reverse proxy in front of the person's app, drawing what passes.
// It runs until Ctrl+C (SIGINT) and then writes the diagram (--format mermaid or markdown) to
// --out or stdout and exits 0; --format json streams the trace instead, one event per line.
import { createWriteStream, type WriteStream } from 'node:fs';
import { trafficDiagram, trafficMarkdown } from '../diagram/trafficNote';
import { isOneOf } from '../engine/model';
import type { Language } from '../engine/text';
import type { TraceEvent } from '../engine/trace';
import { createProxy, PROXY_POLICIES, type ProxyPolicy } from '../real/proxy';
import { TrafficLog } from '../real/trafficLog';
import { parseUpstreamSpec, upstreamsOf, type UpstreamSpec } from '../real/upstreams';
import { UsageError } from './options';

export interface ProxyIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly writeFile: (path: string, text: string) => void;
  /** Resolves when the person stops the proxy (SIGINT or SIGTERM in the bin). */
  readonly untilStopped: () => Promise<void>;
}

export interface ProxyValues {
  readonly listen?: string | undefined;
  readonly to?: string | undefined;
  readonly policy?: string | undefined;
  readonly format?: string | undefined;
  readonly out?: string | undefined;
  readonly lang?: string | undefined;
}

/** `HOST:PORT`, `[IPv6]:PORT` or `PORT` (on 127.0.0.1). */
export function listenAddress(text: string | undefined): { host: string; port: number } {
  if (text === undefined) return { host: '127.0.0.1', port: 8080 };
  const match = /^(?:\[([^\]]+)\]:|([^:[\]]+):)?(\d{1,5})$/.exec(text.trim());
  const port = Number(match?.[3]);
  if (match === null || !Number.isInteger(port) || port > 65535) throw new UsageError(`--listen takes HOST:PORT or PORT (a port from 0 to 65535), got "${text}"`);
  return { host: match[1] ?? match[2] ?? '127.0.0.1', port };
}

/** The proxy the arguments ask for, checked before anything listens (a mistake is a UsageError, at once). */
export function proxyPlan(values: ProxyValues): ProxyPlan {
  if (values.to === undefined || values.to.trim() === '') throw new UsageError('proxy needs --to URL[,URL…]: the app\'s servers (http://127.0.0.1:3000, or name=URL)');
  const policy = values.policy ?? 'round-robin';
  if (!isOneOf<ProxyPolicy>(PROXY_POLICIES, policy)) throw new UsageError(`--policy must be ${PROXY_POLICIES.join(', ')}, got "${policy}"`);
  const format = values.format ?? 'mermaid';
  if (!['mermaid', 'markdown', 'json'].includes(format)) throw new UsageError(`--format must be mermaid, markdown or json, got "${format}"`);
  const listen = listenAddress(values.listen);
  const upstreams = values.to.split(',').filter((spec) => spec.trim() !== '').map(parseUpstreamSpec);
  try {
    upstreamsOf(upstreams);
  } catch (error) {
    throw new UsageError(`--to: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { upstreams, policy, format: format as ProxyPlan['format'], listen, out: values.out };
}

export interface ProxyPlan {
  readonly upstreams: readonly UpstreamSpec[];
  readonly policy: ProxyPolicy;
  readonly format: 'mermaid' | 'markdown' | 'json';
  readonly listen: { readonly host: string; readonly port: number };
  readonly out: string | undefined;
}

export async function proxyCommand(plan: ProxyPlan, language: Language, io: ProxyIo): Promise<number> {
  const { upstreams, policy, format, listen } = plan;
  const values = { out: plan.out };
  const log = format === 'json' ? undefined : new TrafficLog();
  let stream: WriteStream | undefined;
  const streamed = (event: TraceEvent): void => {
    const line = `${JSON.stringify(event)}\n`;
    if (stream !== undefined) stream.write(line);
    else io.out(line);
  };
  if (format === 'json' && values.out !== undefined) stream = createWriteStream(values.out);
  const proxy = createProxy({ upstreams, policy, listen, sink: log?.add ?? streamed, onNotice: (line) => { io.err(`protocol-lab proxy: ${line}`); } });
  const address = await proxy.start().catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(code === 'EADDRINUSE' ? `${listen.host}:${listen.port} is in use: pick another --listen port` : `cannot listen on ${listen.host}:${listen.port}: ${error instanceof Error ? error.message : String(error)}`);
  });
  const named = proxy.upstreams.map((upstream) => `${upstream.name} ${upstream.url.origin}${upstream.url.pathname === '/' ? '' : upstream.url.pathname}`).join(', ');
  io.err(`protocol-lab proxy: listening on ${address.url} → ${named} (${policy}). Ctrl+C ${format === 'json' ? 'stops it' : `writes the diagram to ${values.out ?? 'stdout'}`}.`);
  await io.untilStopped();
  await proxy.stop();
  if (log === undefined) {
    await new Promise<void>((resolveEnd) => { if (stream === undefined) resolveEnd(); else stream.end(resolveEnd); });
    return 0;
  }
  const drawing = { participants: proxy.participants, events: log.events(), tally: log.tally(), policy: proxy.policy };
  const text = format === 'markdown' ? trafficMarkdown(drawing, language) : `${trafficDiagram(drawing, language)}\n`;
  if (values.out === undefined) io.out(text);
  else {
    io.writeFile(values.out, text);
    io.err(`protocol-lab proxy: ${log.exchanges} exchange${log.exchanges === 1 ? '' : 's'} drawn in ${values.out}`);
  }
  return 0;
}
