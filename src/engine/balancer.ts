// The load balancer's choice, on its own: which backend a request goes to by the policy, and why
// (a RouteDecision, said by routing.ts). The simulated relay (relay.ts) and the real proxy
// (src/real/) both choose with it; a backend is anything that is up or down and has a name.
import type { RelayPolicy } from './model';
import type { SeededRandom } from './random';
import type { RouteDecision } from './routing';
import type { Text } from './text';

/** What a balancer routes to: a simulated server, or a real upstream. */
export interface Backend {
  readonly up: boolean;
  readonly label: Text;
}

export class Balancer<T extends Backend> {
  /** Round-robin: the backend picked last and where it stood; the next turn is the one after it (a backend that joins takes the next turn). */
  private lastPicked: T | undefined;
  private lastIndex = -1;
  /** sticky: client → the backend it is pinned to (when the balancer keeps the pins; a cookie can carry them instead). */
  protected readonly pins = new Map<string, T>();
  /** Requests forwarded and not yet answered, per backend (least-connections). */
  protected readonly active = new Map<T, number>();
  /** Round-robin: the downed backend whose turn it was, in the pick just made (said every time its turn comes). */
  private skipped: T | undefined;
  /** Backends that joined and have not had a turn yet. */
  private readonly newcomers = new Set<T>();
  /** Why the last choice picked what it did. */
  decision: RouteDecision | undefined;

  constructor(
    /** The next request is routed by this policy (a proxy may switch it while it runs). */
    public policy: RelayPolicy,
    private readonly random: SeededRandom,
  ) {}

  /**
   * Chooses a backend for a request from `client`; undefined when none is up. `pinned` continues a
   * TCP connection, `opening` starts one. `decision` says why.
   */
  choose(backends: readonly T[], client: string, pinned?: T, opening = false): T | undefined {
    const sticky = this.policy === 'sticky' ? this.pins.get(client) : undefined;
    const chosen = this.decide(backends, sticky, pinned, opening);
    if (chosen !== undefined && this.policy === 'sticky' && chosen !== sticky) this.pins.set(client, chosen);
    return chosen;
  }

  /** sticky with the pin carried by the client (a routing cookie): the balancer keeps no table of its own. */
  chooseCarried(backends: readonly T[], pin: T | undefined): T | undefined {
    return this.decide(backends, this.policy === 'sticky' ? pin : undefined, undefined, false);
  }

  private decide(backends: readonly T[], sticky: T | undefined, pinned: T | undefined, opening: boolean): T | undefined {
    const previous = pinned ?? sticky;
    this.decision = undefined;
    if (previous !== undefined && previous.up && backends.includes(previous)) {
      this.decision = { reason: pinned !== undefined ? 'connection' : 'pinned', to: previous.label };
      return previous;
    }
    this.skipped = undefined;
    const chosen = this.pick(backends);
    if (chosen === undefined) return undefined;
    const joined = this.newcomers.delete(chosen);
    // A new client's pin and a new connection are said as such, even when a downed backend's turn was passed over.
    const down = previous ?? (opening || this.policy === 'sticky' ? undefined : this.skipped);
    this.decision = down !== undefined
      ? { reason: 'rerouted', to: chosen.label, from: down.label, pinned: sticky !== undefined && pinned === undefined }
      : { reason: opening ? 'new-connection' : this.policy === 'sticky' ? 'pin' : joined ? 'joined' : 'policy', to: chosen.label };
    return chosen;
  }

  /** A backend that joins: its first turn is said as such. */
  welcome(backend: T): void {
    this.newcomers.add(backend);
  }

  private pick(backends: readonly T[]): T | undefined {
    const count = backends.length;
    switch (this.policy) {
      case 'none':
        return backends[0]?.up === true ? backends[0] : undefined;
      case 'random': {
        const up = backends.filter((backend) => backend.up);
        return up[this.random.below(up.length)];
      }
      case 'least-connections': {
        let best: T | undefined;
        let bestLoad = Infinity;
        for (const backend of backends) {
          const load = this.active.get(backend) ?? 0;
          if (backend.up && load < bestLoad) {
            best = backend;
            bestLoad = load;
          }
        }
        return best;
      }
      case 'round-robin':
      case 'sticky': {
        // The turn after the last backend picked; it is looked up again only when a removal moved it (-1: start over).
        const last = backends[this.lastIndex] === this.lastPicked ? this.lastIndex : this.lastPicked === undefined ? -1 : backends.indexOf(this.lastPicked);
        const start = last + 1;
        for (let tried = 0; tried < count; tried++) {
          const backend = backends[(start + tried) % count];
          if (backend === undefined) continue;
          if (backend.up) {
            this.lastPicked = backend;
            this.lastIndex = (start + tried) % count;
            return backend;
          }
          if (tried === 0) this.skipped = backend;
        }
        return undefined;
      }
    }
  }

  opened(backend: T): void {
    this.active.set(backend, (this.active.get(backend) ?? 0) + 1);
  }

  closed(backend: T): void {
    this.active.set(backend, Math.max(0, (this.active.get(backend) ?? 0) - 1));
  }

  /** A removed backend: no more load to count. Pins stay, so the next request shows the re-route. */
  forget(backend: T): void {
    this.active.delete(backend);
  }
}
