// A server's client of the shared session store (as a Redis client is): each call is answered at
// once, and both show in the trace as messages (GET / SET / DEL session, and the store's reply).
// While the store is down a call is lost and the server gets nothing.
import type { Network } from './network';
import type { StoreAccess } from './placements/placement';
import type { TraceRecorder, VirtualClock } from './recorder';
import type { SessionStore } from './sessionStore';
import { say, type Text } from './text';
import type { Context } from './model';

/** What a server's calls to the store and the store's replies say (the real Redis's say the same). */
export const STORE_WORDS = {
  get: say('GET session', '세션 조회'),
  set: say('SET session', '세션 저장'),
  del: say('DEL session', '세션 삭제'),
  found: say('session found', '세션 있음'),
  expired: say('session expired', '세션 만료'),
  missing: say('no such session', '세션 없음'),
  ok: say('OK', '저장 완료'),
} as const;
const { get: GET, set: SET, del: DEL, found: FOUND, expired: EXPIRED, missing: MISSING, ok: OK } = STORE_WORDS;

/** A store message's wire size in the trace: a fixed header and the words. */
export function storeMessageBytes(label: Text): number {
  return 40 + label.en.length;
}

export class StoreClient implements StoreAccess {
  /** Who calls, for which request: set before each request a server serves. */
  serverId = '';
  requestId = 0;

  constructor(private readonly store: SessionStore, private readonly network: Network, private readonly recorder: TraceRecorder, private readonly clock: VirtualClock) {}

  read(key: string): ReturnType<StoreAccess['read']> {
    const store = this.store;
    if (!this.call(GET)) return { kind: 'down' };
    const read = store.read(key, this.clock.now);
    this.reply(read.kind === 'found' ? FOUND : read.kind === 'expired' ? EXPIRED : MISSING);
    if (read.kind === 'found') {
      this.recorder.conversationState('read', store.id, key, read.context, this.requestId);
      return read;
    }
    this.recorder.conversationState(read.kind, store.id, key, undefined, this.requestId);
    return { kind: read.kind };
  }

  write(key: string, context: Context | null): boolean {
    const store = this.store;
    if (!this.call(context === null ? DEL : SET)) return false;
    if (context === null) store.delete(key);
    else {
      store.write(key, context, this.clock.now);
      this.recorder.conversationState('stored', store.id, key, context, this.requestId);
    }
    this.reply(OK);
    return true;
  }

  private call(label: Text): boolean {
    const { recorder, store, serverId, requestId } = this;
    const messageId = this.network.messageId();
    const observed = recorder.observed;
    if (observed) recorder.sent(messageId, requestId, 'store-call', serverId, store.id, label, undefined, storeMessageBytes(label));
    if (!store.up) {
      if (observed) recorder.lost(messageId, requestId, 'store-call', serverId, store.id, label, undefined, 'store-down');
      return false;
    }
    if (observed) recorder.delivered(messageId, requestId, 'store-call', serverId, store.id, label, undefined);
    return true;
  }

  private reply(label: Text): void {
    const { recorder, store, serverId, requestId } = this;
    const messageId = this.network.messageId();
    if (!recorder.observed) return;
    recorder.sent(messageId, requestId, 'store-reply', store.id, serverId, label, undefined, storeMessageBytes(label));
    recorder.delivered(messageId, requestId, 'store-reply', store.id, serverId, label, undefined);
  }
}
