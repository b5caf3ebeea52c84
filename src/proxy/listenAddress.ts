// Where Proxy My App listens: `PORT`, `HOST:PORT` or `[IPv6]:PORT` from the protocolLab.proxy.listen
// setting (or a command's argument); empty means 127.0.0.1 and a free port. The proxy listens
// beyond this machine only when the person wrote such an address.
import * as l10n from '@vscode/l10n';

export interface ListenAddress {
  readonly host: string;
  readonly port: number;
}

export type ListenReading = { readonly ok: true; readonly listen: ListenAddress } | { readonly ok: false; readonly problem: string };

export const LOOPBACK_DEFAULT: ListenAddress = { host: '127.0.0.1', port: 0 };

export function readListen(text: string): ListenReading {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, listen: LOOPBACK_DEFAULT };
  const match = /^(?:\[([^\]]+)\]:|([^:[\]\s]+):)?(\d{1,5})$/.exec(trimmed);
  const port = Number(match?.[3]);
  if (match === null || !Number.isInteger(port) || port > 65535) return { ok: false, problem: l10n.t('"{0}" is not an address to listen on: write PORT (on 127.0.0.1) or HOST:PORT, with a port from 0 to 65535.', trimmed) };
  return { ok: true, listen: { host: match[1] ?? match[2] ?? '127.0.0.1', port } };
}

/** Only this machine can reach it. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}
