// Stateless: the client keeps the conversation and sends all of it with every request
// ("노트북 2개를 신용카드로"), so any server can answer. The cost: more data per request.
import { NO_CONTEXT, type StatePlacementStrategy } from './placement';

export const clientCarried: StatePlacementStrategy = {
  name: 'client',
  usesSessions: false,
  needsStore: false,
  header: undefined,
  carry: (client) => ({ sessionId: undefined, context: client.context, token: undefined }),
  find: (request) => ({ kind: 'found', context: request.context ?? NO_CONTEXT, expired: false }),
  keep: (next) => ({ kind: 'kept', handed: { context: next } }),
  forget: () => ({ kind: 'kept', handed: { context: null } }),
};
