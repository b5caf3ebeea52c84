// Requests from the moment a client sends them until their outcome: each ends exactly once,
// answered, refused or timed out, with the status a real service would give.
import type { Client } from './client';
import type { Exchange } from './envelope';
import type { FailureReason, Params } from './model';
import type { TraceRecorder } from './recorder';
import type { Relay } from './relay';
import type { Text } from './text';

export const STATUS: Readonly<Record<FailureReason, number>> = {
  'missing-state': 409, 'session-expired': 401, 'store-down': 503, 'no-server': 503, 'server-down': 502,
  timeout: 0, 'connection-reset': 0, 'invalid-token': 401, 'server-error': 500, 'not-logged-in': 401, rejected: 400,
};

export class Exchanges {
  private seq = 0;
  /** Requests sent and not yet ended. */
  open = 0;

  constructor(private readonly recorder: TraceRecorder, private readonly relay: () => Relay | undefined) {}

  clear(): void {
    this.seq = 0;
    this.open = 0;
  }

  start(client: Client, request: string, params: Params): Exchange {
    const exchange: Exchange = { id: ++this.seq, client, request, routedTo: undefined, done: false };
    this.open++;
    client.sent++;
    this.recorder.requestStarted(exchange.id, client.id, request, params);
    return exchange;
  }

  /** Ends a request (a second end changes nothing: a late answer after a timeout, the handshake's last ACK). */
  finish(exchange: Exchange, ok: boolean, reason: FailureReason | undefined, label: Text, server?: string, lacks?: Text): void {
    if (exchange.done) return;
    exchange.done = true;
    this.open--;
    this.releaseLoad(exchange);
    this.recorder.outcome(exchange.id, exchange.client.id, exchange.request, ok, ok ? 200 : STATUS[reason ?? 'rejected'], label, reason, server, lacks);
  }

  /** The relay stops counting the request against the server it went to (least-connections). */
  releaseLoad(exchange: Exchange): void {
    if (exchange.routedTo === undefined) return;
    this.relay()?.closed(exchange.routedTo);
    exchange.routedTo = undefined;
  }
}
