// Stateful, scaled out: servers keep the session in a shared store (Redis), so any server finds
// it after another crashed; the store's outage and the session's TTL are its own failures. The
// lab's store answers at once, a real Redis later: each rule is written once and continues when
// the answer is there (a promise only for the real one).
import { isPending } from '../awaitable';
import { say } from '../text';
import { cookieFor, NO_CONTEXT, type Carried, type Found, type Kept, type StatePlacementStrategy, type StoreReading } from './placement';

const STORE_DOWN = say('503 Session store unavailable', '503 세션 저장소 장애');
const REFUSED_STORE_DOWN = { kind: 'refused', reason: 'store-down', reply: STORE_DOWN } as const satisfies Kept & Found;

function foundIn(read: StoreReading): Found {
  if (read.kind === 'down') return REFUSED_STORE_DOWN;
  return { kind: 'found', context: read.kind === 'found' ? read.context : NO_CONTEXT, expired: read.kind === 'expired' };
}

function keptIf(written: boolean, request: Carried, sessionId: string): Kept {
  return written ? { kind: 'kept', handed: { sessionId: cookieFor(request, sessionId) } } : REFUSED_STORE_DOWN;
}

export const sharedStore: StatePlacementStrategy = {
  name: 'store',
  usesSessions: true,
  needsStore: true,
  header: 'cookie',
  carry: (client) => ({ sessionId: client.sessionId, context: undefined, token: undefined }),
  find(request, at) {
    if (request.sessionId === undefined || at.store === undefined) return { kind: 'found', context: NO_CONTEXT, expired: false };
    const read = at.store.read(request.sessionId);
    return isPending(read) ? read.then(foundIn) : foundIn(read);
  },
  keep(next, changed, request, sessionId, at) {
    // The store's own SET says "store the client information": the server keeps no copy to say it of.
    if (!changed) return keptIf(true, request, sessionId);
    const written = at.store?.write(sessionId, next) ?? false;
    return isPending(written) ? written.then((done) => keptIf(done, request, sessionId)) : keptIf(written, request, sessionId);
  },
  forget(_request, sessionId, at) {
    const deleted = at.store?.write(sessionId, null) ?? false;
    const forgotten = (done: boolean): Kept => {
      if (!done) return REFUSED_STORE_DOWN;
      at.report('deleted', 'store', sessionId);
      return { kind: 'kept', handed: { sessionId: '' } };
    };
    return isPending(deleted) ? deleted.then(forgotten) : forgotten(deleted);
  },
};
