// Stateful: the server keeps the conversation in its own memory, found by the session cookie.
// Another server, or the same one after a crash, does not know it.
import { cookieFor, NO_CONTEXT, type StatePlacementStrategy } from './placement';

export const serverMemory: StatePlacementStrategy = {
  name: 'server',
  usesSessions: true,
  needsStore: false,
  header: 'cookie',
  carry: (client) => ({ sessionId: client.sessionId, context: undefined, token: undefined }),
  find(request, at) {
    if (request.sessionId === undefined) return { kind: 'found', context: NO_CONTEXT, expired: false };
    const kept = at.memory.get(request.sessionId);
    if (kept === undefined) {
      at.report('missing', at.serverId, request.sessionId);
      return { kind: 'found', context: NO_CONTEXT, expired: false };
    }
    at.report('read', at.serverId, request.sessionId, kept);
    return { kind: 'found', context: kept, expired: false };
  },
  keep(next, changed, request, sessionId, at, storeStep) {
    if (changed) {
      if (storeStep !== undefined) at.step(storeStep);
      at.memory.set(sessionId, next);
      at.report('stored', at.serverId, sessionId, next);
    }
    return { kind: 'kept', handed: { sessionId: cookieFor(request, sessionId) } };
  },
  forget(_request, sessionId, at) {
    at.memory.delete(sessionId);
    at.report('deleted', at.serverId, sessionId);
    return { kind: 'kept', handed: { sessionId: '' } };
  },
};
