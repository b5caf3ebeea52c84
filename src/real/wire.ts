// How a story's request and answer travel over real HTTP, for the real client and the real
// server alike: `POST /<request>` with a JSON body of its parameters (and the whole context, when
// the client keeps it), the session in a cookie (SID), a token as a bearer; the answer's status is
// the one a real service gives, its JSON body says the words and why.
import type { IncomingMessage } from 'node:http';
import type { Context, FailureReason, Params, ParamValue } from '../engine/model';
import { FAILURE_REASONS } from '../engine/model';
import type { Text } from '../engine/text';

export const SESSION_COOKIE = 'SID';
/** Which exchange of the story a request belongs to (as X-Request-Id does in real services): it numbers the trace. */
export const REQUEST_ID_HEADER = 'x-request-id';
/** Which of the story's clients sends it (the trace draws each client as its own lifeline). */
export const CLIENT_HEADER = 'x-lab-client';
/** Bodies are a few hundred bytes; anything past this is refused rather than read. */
const MAX_BODY_BYTES = 64 * 1024;

export interface RequestBody {
  readonly params: Params;
  /** The conversation, repeated by a client that keeps it (state: client). */
  readonly context?: Context;
}

export interface AnswerBody {
  readonly ok: boolean;
  readonly reply: Text;
  /** The server that answered (its trace id). */
  readonly server: string;
  readonly reason?: FailureReason;
  readonly lacks?: Text;
  /** The conversation handed back (state: client); null ends it. */
  readonly context?: Context | null;
  /** The signed token handed back (state: token); null drops it. */
  readonly token?: string | null;
}

/** Bytes of an HTTP/1.1 message as it goes on the wire: its first line, its headers and its body. */
export function wireBytes(firstLine: string, headers: Readonly<Record<string, string | number | readonly string[]>>, body: string): number {
  let bytes = Buffer.byteLength(firstLine) + 2;
  for (const [name, value] of Object.entries(headers)) {
    for (const one of Array.isArray(value) ? (value as readonly string[]) : [String(value)]) bytes += Buffer.byteLength(`${name}: ${one}\r\n`);
  }
  return bytes + 2 + Buffer.byteLength(body);
}

export function requestPath(request: string): string {
  return `/${encodeURIComponent(request)}`;
}

export function requestOfPath(path: string | undefined): string {
  return decodeURIComponent((path ?? '/').split('?')[0]?.slice(1) ?? '');
}

/** Set-Cookie for a session: a new one, or '' to clear it (logout). */
export function sessionCookie(sessionId: string): string {
  return sessionId === '' ? `${SESSION_COOKIE}=; Path=/; Max-Age=0` : `${SESSION_COOKIE}=${sessionId}; Path=/; HttpOnly; SameSite=Lax`;
}

/** The session id a request's Cookie header carries. */
export function sessionOf(cookieHeader: string | undefined): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE && value.length > 0) return value.join('=');
  }
  return undefined;
}

/** A body, read up to the bound. */
export async function readBody(message: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of message) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error(`a body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** String and number fields only (a conversation, parameters); undefined for anything else. */
export function contextOf(value: unknown): Context | undefined {
  if (!isRecord(value)) return undefined;
  const context: Record<string, ParamValue> = {};
  for (const [key, field] of Object.entries(value)) {
    if (typeof field !== 'string' && typeof field !== 'number') return undefined;
    context[key] = field;
  }
  return context;
}

function textOf(value: unknown): Text | undefined {
  return isRecord(value) && typeof value['en'] === 'string' && typeof value['ko'] === 'string' ? { en: value['en'], ko: value['ko'] } : undefined;
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function parseRequestBody(text: string): RequestBody | undefined {
  const body = parsed(text);
  if (!isRecord(body)) return undefined;
  const params = contextOf(body['params'] ?? {});
  const context = body['context'] === undefined ? undefined : contextOf(body['context']);
  if (params === undefined || (body['context'] !== undefined && context === undefined)) return undefined;
  return context === undefined ? { params } : { params, context };
}

export function parseAnswerBody(text: string): AnswerBody | undefined {
  const body = parsed(text);
  if (!isRecord(body) || typeof body['ok'] !== 'boolean' || typeof body['server'] !== 'string') return undefined;
  const reply = textOf(body['reply']);
  if (reply === undefined) return undefined;
  const reason = FAILURE_REASONS.find((known) => known === body['reason']);
  const lacks = textOf(body['lacks']);
  const context = body['context'] === null ? null : contextOf(body['context']);
  const token = body['token'] === null ? null : typeof body['token'] === 'string' ? body['token'] : undefined;
  return {
    ok: body['ok'], reply, server: body['server'],
    ...(reason !== undefined ? { reason } : {}), ...(lacks !== undefined ? { lacks } : {}),
    ...(context !== undefined ? { context } : {}), ...(token !== undefined ? { token } : {}),
  };
}
