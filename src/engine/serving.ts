// Serving a request, written once for the simulated server and the real HTTP one: find the
// conversation wherever it lives, do the protocol's work, keep the new state where it lives,
// answer. Where the state lives answers at once in the lab and later from a real Redis; each
// phase goes on directly when the answer is there, and through a promise only when it is not.
import { isPending, type Awaitable } from './awaitable';
import type { FailureReason, Params } from './model';
import type { Carried, Found, Handed, Kept, ServerSide, StatePlacementStrategy } from './placements/placement';
import type { ConversationProtocol, ServeResult } from './protocols/protocol';
import { say, type Text } from './text';

/** What a request asks and carries, however it travelled (an envelope, an HTTP request). */
export interface ServedRequest extends Carried {
  readonly request: string;
  readonly params: Params;
}

/** A server at work on one request: the placement's side of it, and where the answer goes. */
export interface ServingDesk extends ServerSide {
  /** Virtual time (the lab's clock; real mode's clock counts real milliseconds and the waits). */
  readonly now: number;
  /** True once for the request after `error: next`. */
  takeServerError(): boolean;
  newSessionId(): string;
  /** Marks the alternative a server error opens (alt 서버 오류 … else 성공). */
  alternative(label: Text): void;
  answered(reply: Text, handed: Handed): void;
  refused(reason: FailureReason, reply: Text, lacks?: Text): void;
}

export const SERVER_ERROR = say('Server Error', '서버 오류');
const LOGIN_FAILED = say('Login Failed', '로그인 실패');
const INTERNAL_ERROR = say('500 Internal Server Error', '500 서버 오류');

/** Serves one request of a conversation; settles (a promise) only when the state lives in a store that answers later. */
export function serveRequest(protocol: ConversationProtocol, placement: StatePlacementStrategy, request: ServedRequest, at: ServingDesk): Awaitable<void> {
  // 1. Find the conversation, wherever it lives.
  const sessionId = request.sessionId ?? (placement.usesSessions || protocol.name === 'login' ? at.newSessionId() : '');
  const found = placement.find(request, at);
  if (isPending(found)) return found.then((settled) => work(protocol, placement, request, at, sessionId, settled));
  return work(protocol, placement, request, at, sessionId, found);
}

/** 2. Do the work. */
function work(protocol: ConversationProtocol, placement: StatePlacementStrategy, request: ServedRequest, at: ServingDesk, sessionId: string, found: Found): Awaitable<void> {
  if (found.kind === 'refused') {
    at.refused(found.reason, found.reply);
    return;
  }
  const { context } = found;
  const resumed = request.sessionId !== undefined || request.token !== undefined || Object.keys(request.context ?? {}).length > 0;
  const result = protocol.serve({ request: request.request, params: request.params, context, carried: request.context !== undefined, resumed, sessionId, now: at.now });
  const steps = result.steps;
  for (let index = 0; index < steps.length; index++) at.step(steps[index] as Text);
  if (at.takeServerError()) {
    at.alternative(SERVER_ERROR);
    at.refused('server-error', protocol.name === 'login' ? LOGIN_FAILED : INTERNAL_ERROR);
    return;
  }
  if (!result.ok) {
    at.refused(result.missingState ? (found.expired ? 'session-expired' : 'missing-state') : result.unauthenticated === true ? 'not-logged-in' : 'rejected', result.reply, result.lacks);
    return;
  }
  // 3. Keep the new state where it lives, and answer.
  const next = result.context;
  const kept = next === null ? placement.forget(request, sessionId, at) : placement.keep(next, next !== context, request, sessionId, at, result.storeStep);
  if (isPending(kept)) return kept.then((settled) => { answer(at, settled, result); });
  answer(at, kept, result);
}

function answer(at: ServingDesk, kept: Kept, result: ServeResult): void {
  if (kept.kind === 'refused') at.refused(kept.reason, kept.reply);
  else at.answered(result.reply, kept.handed);
}
