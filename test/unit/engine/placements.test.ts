// Where state lives is a strategy: the four places behave as the notes say, and a fifth is one
// definition and one registration (here, in the test itself).
import * as assert from 'node:assert/strict';
import { Lab } from '../../../src/engine/lab';
import type { Context, StatePlacement } from '../../../src/engine/model';
import type { StatePlacementStrategy } from '../../../src/engine/placements/placement';
import { registerStatePlacement, statePlacement } from '../../../src/engine/placements/registry';
import { purchase } from '../../support/labs';

describe('places for state', () => {
  it('has the four places of the notes, each with the same few operations', () => {
    for (const name of ['server', 'client', 'store', 'token']) {
      const placement = statePlacement(name);
      assert.equal(placement.name, name);
      for (const operation of ['carry', 'find', 'keep', 'forget'] as const) assert.equal(typeof placement[operation], 'function', `${name}.${operation}`);
    }
    assert.throws(() => statePlacement('cloud'), /no place for state called "cloud" \(known: server, client, store, token/);
  });

  it('takes a fifth place defined here: a memory all servers share (a cache), which outlives a crash', () => {
    const cache = new Map<string, Context>();
    const sharedCache: StatePlacementStrategy = {
      name: 'shared-cache',
      usesSessions: true,
      needsStore: false,
      header: 'cookie',
      carry: (client) => ({ sessionId: client.sessionId }),
      find: (request) => ({ kind: 'found', context: (request.sessionId === undefined ? undefined : cache.get(request.sessionId)) ?? {}, expired: false }),
      keep(next, changed, request, sessionId, at) {
        if (changed) {
          cache.set(sessionId, next);
          at.report('stored', at.serverId, sessionId, next);
        }
        return { kind: 'kept', handed: { sessionId: request.sessionId === sessionId ? undefined : sessionId } };
      },
      forget(_request, sessionId) {
        cache.delete(sessionId);
        return { kind: 'kept', handed: { sessionId: '' } };
      },
    };
    registerStatePlacement(sharedCache);
    const lab = new Lab({ protocol: 'shop', state: 'shared-cache' as StatePlacement, servers: ['A', 'B', 'C'], relay: 'round-robin', clients: ['Client'], seed: 1, sessionTtlMs: 1000, latencyMs: 1 });
    const [price] = purchase(lab);
    lab.crash('A');
    const [, order, pay] = purchase(lab);
    // Every request reached another server than the one before, and none lost the conversation.
    assert.deepEqual([price.ok, order.ok, pay.ok], [true, true, true]);
    assert.equal(lab.trace.filter((event) => event.type === 'request-outcome' && !event.ok).length, 0);
    assert.ok(cache.size > 0);
  });
});
