// The vocabulary of the simulation: where state lives, how the relay routes, which protocol is spoken.

export const STATE_PLACEMENTS = ['server', 'client', 'store', 'token'] as const;
export type StatePlacement = (typeof STATE_PLACEMENTS)[number];

export const RELAY_POLICIES = ['none', 'round-robin', 'random', 'sticky', 'least-connections'] as const;
export type RelayPolicy = (typeof RELAY_POLICIES)[number];

export const PROTOCOL_NAMES = ['shop', 'login', 'tcp'] as const;

/**
 * How much of a run a diagram draws: every hop (client → relay → server), each request as one
 * arrow (the relay's choice in a note on it), or the story (a handshake or a login as one line).
 */
export const DETAIL_LEVELS = ['hop', 'request', 'story'] as const;
export type DetailLevel = (typeof DETAIL_LEVELS)[number];

/** True when `value` is one of these words (settings and command arguments arrive as plain strings). */
export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}
export type ProtocolName = (typeof PROTOCOL_NAMES)[number];

/** Why a request failed; each has a fixed meaning in the metrics and the diagram. */
export type FailureReason =
  | 'missing-state' // the server does not know the conversation
  | 'session-expired' // the store dropped the session after its TTL
  | 'store-down' // the shared session store is unavailable
  | 'no-server' // no server up behind the relay: 503
  | 'server-down' // the chosen server crashed before the request reached it: 502 / connection refused
  | 'timeout' // a message was lost on the way
  | 'connection-reset' // TCP: data to a server that has no such connection: RST
  | 'invalid-token' // a token that does not verify
  | 'server-error' // the server failed while handling the request (error: next)
  | 'not-logged-in' // a request that needs a login came without one: an ordinary 401
  | 'rejected'; // the request itself is wrong (bad password, unknown item)

export const FAILURE_REASONS: readonly FailureReason[] = [
  'missing-state', 'session-expired', 'store-down', 'no-server', 'server-down', 'timeout', 'connection-reset', 'invalid-token', 'server-error', 'not-logged-in', 'rejected',
];

export type ParamValue = string | number;
export type Params = Readonly<Record<string, ParamValue>>;

/** A conversation's state: the fields a server needs to continue it. */
export type Context = Readonly<Record<string, ParamValue>>;

export interface Topology {
  readonly protocol: ProtocolName;
  readonly state: StatePlacement;
  /** Server names; free text in any language. */
  readonly servers: readonly string[];
  readonly relay: RelayPolicy;
  readonly clients: readonly string[];
  readonly seed: number;
  /** Session lifetime in the store, in virtual milliseconds. */
  readonly sessionTtlMs: number;
  /** One-way network latency per hop, in virtual milliseconds. */
  readonly latencyMs: number;
  /** Names in both languages for the names this topology's author chose (built-in stories). */
  readonly names?: Readonly<Record<string, { readonly en: string; readonly ko: string }>>;
  /** False leaves the session cookie out of the messages' words (a run with no request that sends it back). */
  readonly cookies?: boolean;
  /** False where the story is not about the relay (a shift of clerks): its hops are drawn as one. */
  readonly drawRelay?: boolean;
  /** False where a server's routine steps (Verify Request, Store Client Information) are not the story: they are not drawn. */
  readonly drawSteps?: boolean;
}

export const DEFAULT_TTL_MS = 30 * 60 * 1000;
export const DEFAULT_LATENCY_MS = 1;
/** How long a client waits for a lost message before giving up. */
export const CLIENT_TIMEOUT_MS = 3000;

export function defaultRelay(serverCount: number): RelayPolicy {
  return serverCount > 1 ? 'round-robin' : 'none';
}

export function defaultServerNames(count: number): string[] {
  return count === 1 ? ['Server'] : Array.from({ length: count }, (_unused, index) => `Server${index + 1}`);
}
