// Where a conversation's state lives, as one small interface (as expressjs/session's Store is):
// what a request carries, how a server finds the conversation, keeps it and forgets it. Each
// place is a file of its own; none knows the event queue or virtual time, so a real HTTP server
// calls them unchanged with a real Redis behind `store`. A store may answer at once (the lab's)
// or later (Redis): the operations that reach it return an Awaitable, a promise only then.
import type { Awaitable } from '../awaitable';
import type { Context, FailureReason } from '../model';
import type { Text } from '../text';
import type { StateAction } from '../trace';

/** What a client sends with each request: its session cookie, its whole context, or its token. */
export interface Carried {
  readonly sessionId?: string | undefined;
  readonly context?: Context | undefined;
  readonly token?: string | undefined;
}

/** What a client remembers between requests. */
export interface ClientMemory {
  readonly sessionId: string | undefined;
  readonly context: Context;
  readonly token: string | undefined;
}

export type StoreReading = { readonly kind: 'found'; readonly context: Context } | { readonly kind: 'expired' | 'missing' | 'down' };

/** A session store as a server reaches it (the lab's, whose calls show as messages, answers at once; a real Redis later). */
export interface StoreAccess {
  read(key: string): Awaitable<StoreReading>;
  /** Writes (or deletes, with null) a session; false when the store is down. */
  write(key: string, context: Context | null): Awaitable<boolean>;
}

/** What a server has at hand while it finds and keeps a conversation. */
export interface ServerSide {
  /** The server's own memory: its sessions by id. */
  readonly memory: Map<string, Context>;
  readonly serverId: string;
  readonly store: StoreAccess | undefined;
  /** Reports a change of state for the trace (read, missing, stored, deleted). */
  report(action: StateAction, holder: string, key: string, context?: Context): void;
  /** Shows a step the server takes (Store Client Information). */
  step(label: Text): void;
}

export type Found =
  | { readonly kind: 'found'; readonly context: Context; readonly expired: boolean }
  | { readonly kind: 'refused'; readonly reason: FailureReason; readonly reply: Text };

/** What the answer hands back so the client can continue: a cookie to set ('' clears it), the context, a token (null drops it). */
export interface Handed {
  readonly sessionId?: string | undefined;
  readonly context?: Context | null | undefined;
  readonly token?: string | null | undefined;
}

export type Kept = { readonly kind: 'kept'; readonly handed: Handed } | { readonly kind: 'refused'; readonly reason: FailureReason; readonly reply: Text };

export interface StatePlacementStrategy {
  /** The `state` word of a scenario file. */
  readonly name: string;
  /** Conversations are named by a session id the server makes (and the cookie carries). */
  readonly usesSessions: boolean;
  /** The servers share a session store. */
  readonly needsStore: boolean;
  /** What messages show of what they carry. */
  readonly header: 'cookie' | 'token' | undefined;
  /** What a client's request carries. */
  carry(client: ClientMemory): Carried;
  /** The conversation a request continues ({} when there is none). */
  find(request: Carried, at: ServerSide): Awaitable<Found>;
  /**
   * Keeps the conversation as it is after a request; `changed` is false when the request only
   * read it (a profile). `storeStep` is the step a server shows when it keeps state itself.
   */
  keep(next: Context, changed: boolean, request: Carried, sessionId: string, at: ServerSide, storeStep: Text | undefined): Awaitable<Kept>;
  /** Ends the conversation (logout). */
  forget(request: Carried, sessionId: string, at: ServerSide): Awaitable<Kept>;
}

export const NO_CONTEXT: Context = {};

/** The cookie an answer sets: a new session's id, none when the request already carried it. */
export function cookieFor(request: Carried, sessionId: string): string | undefined {
  return request.sessionId === sessionId ? undefined : sessionId;
}
