// Measures a run from its trace alone (the trace is the single source).
import type { FailureReason } from './model';
import type { TraceEvent } from './trace';

export interface RunMetrics {
  requests: number;
  succeeded: number;
  failed: number;
  failedByReason: Partial<Record<FailureReason, number>>;
  /** Bytes of everything clients sent towards the servers. */
  bytesClientToServer: number;
  bytesPerRequest: number;
  /** Requests (or TCP segments) each server received, by server id. */
  loadPerServer: Record<string, number>;
  /** Conversations that had to start over: the server lost the thread, the session expired, the connection was reset. */
  conversationRestarts: number;
  /** Login requests beyond each client's first. */
  relogins: number;
  messages: number;
  lostMessages: number;
}

const RESTART_REASONS: ReadonlySet<FailureReason> = new Set(['missing-state', 'session-expired', 'connection-reset', 'invalid-token']);

export class MetricsCollector {
  private readonly metrics: RunMetrics = {
    requests: 0, succeeded: 0, failed: 0, failedByReason: {}, bytesClientToServer: 0, bytesPerRequest: 0,
    loadPerServer: {}, conversationRestarts: 0, relogins: 0, messages: 0, lostMessages: 0,
  };
  private readonly loggedIn = new Set<string>();

  /** Pass to `lab.subscribe`. */
  readonly observe = (event: TraceEvent): void => {
    const metrics = this.metrics;
    switch (event.type) {
      case 'request-started':
        metrics.requests++;
        if (event.request === 'login') {
          if (this.loggedIn.has(event.client)) metrics.relogins++;
          this.loggedIn.add(event.client);
        }
        return;
      case 'message-sent':
        metrics.messages++;
        if (isClient(event.from)) metrics.bytesClientToServer += event.bytes;
        return;
      case 'message-delivered':
        if ((event.kind === 'request' || event.kind === 'packet') && isServer(event.to)) metrics.loadPerServer[event.to] = (metrics.loadPerServer[event.to] ?? 0) + 1;
        return;
      case 'message-lost':
        metrics.lostMessages++;
        return;
      case 'request-outcome':
        if (event.ok) {
          metrics.succeeded++;
          return;
        }
        metrics.failed++;
        if (event.reason !== undefined) {
          metrics.failedByReason[event.reason] = (metrics.failedByReason[event.reason] ?? 0) + 1;
          if (RESTART_REASONS.has(event.reason)) metrics.conversationRestarts++;
        }
        return;
      default:
        return;
    }
  };

  /** A collector that goes on from where this one is (a replay's checkpoint). */
  copy(): MetricsCollector {
    const copy = new MetricsCollector();
    Object.assign(copy.metrics, this.result());
    for (const client of this.loggedIn) copy.loggedIn.add(client);
    return copy;
  }

  result(): RunMetrics {
    const metrics = this.metrics;
    return { ...metrics, failedByReason: { ...metrics.failedByReason }, loadPerServer: { ...metrics.loadPerServer }, bytesPerRequest: metrics.requests === 0 ? 0 : Math.round(metrics.bytesClientToServer / metrics.requests) };
  }
}

/** Participant ids are generated: c1, c2 … for clients, s1, s2 … for servers. */
export function isClient(id: string): boolean {
  return /^c\d+$/.test(id);
}

export function isServer(id: string): boolean {
  return /^s\d+$/.test(id);
}
