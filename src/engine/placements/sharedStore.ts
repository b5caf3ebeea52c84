// Stateful, scaled out: servers keep the session in a shared store (Redis), so any server finds
// it after another crashed; the store's outage and the session's TTL are its own failures.
import { say } from '../text';
import { cookieFor, NO_CONTEXT, type Kept, type StatePlacementStrategy } from './placement';

const STORE_DOWN = say('503 Session store unavailable', '503 세션 저장소 장애');
const REFUSED_STORE_DOWN: Kept = { kind: 'refused', reason: 'store-down', reply: STORE_DOWN };

export const sharedStore: StatePlacementStrategy = {
  name: 'store',
  usesSessions: true,
  needsStore: true,
  header: 'cookie',
  carry: (client) => ({ sessionId: client.sessionId, context: undefined, token: undefined }),
  find(request, at) {
    if (request.sessionId === undefined || at.store === undefined) return { kind: 'found', context: NO_CONTEXT, expired: false };
    const read = at.store.read(request.sessionId);
    if (read.kind === 'down') return REFUSED_STORE_DOWN;
    return { kind: 'found', context: read.kind === 'found' ? read.context : NO_CONTEXT, expired: read.kind === 'expired' };
  },
  keep(next, changed, request, sessionId, at) {
    if (changed) {
      // The store's own SET says "store the client information": the server keeps no copy to say it of.
      if (at.store?.write(sessionId, next) !== true) return REFUSED_STORE_DOWN;
    }
    return { kind: 'kept', handed: { sessionId: cookieFor(request, sessionId) } };
  },
  forget(_request, sessionId, at) {
    if (at.store?.write(sessionId, null) !== true) return REFUSED_STORE_DOWN;
    at.report('deleted', 'store', sessionId);
    return { kind: 'kept', handed: { sessionId: '' } };
  },
};
