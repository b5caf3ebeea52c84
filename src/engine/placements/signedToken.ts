// Stateless with a signature: the server signs the conversation into a token the client carries
// (a JWT); any server that knows the key can check it, even after a crash.
import { say } from '../text';
import { signToken, verifyToken } from '../token';
import { NO_CONTEXT, type StatePlacementStrategy } from './placement';

const INVALID = say('401 Invalid token', '401 잘못된 토큰');

export const signedToken: StatePlacementStrategy = {
  name: 'token',
  usesSessions: false,
  needsStore: false,
  header: 'token',
  carry: (client) => ({ sessionId: undefined, context: undefined, token: client.token }),
  find(request) {
    if (request.token === undefined) return { kind: 'found', context: NO_CONTEXT, expired: false };
    const verified = verifyToken(request.token);
    return verified === undefined ? { kind: 'refused', reason: 'invalid-token', reply: INVALID } : { kind: 'found', context: verified, expired: false };
  },
  keep: (next) => ({ kind: 'kept', handed: { token: signToken(next) } }),
  forget: () => ({ kind: 'kept', handed: { token: null } }),
};
