// A value now, or later. The simulated store answers at once and a real Redis answers later; the
// rules that read a store (placements, serving a request) are written once over both, and take the
// promise path only when a promise comes back, so the simulation allocates nothing for it.

export type Awaitable<T> = T | Promise<T>;

/** True when the value is still to come (a real store's answer). */
export function isPending<T>(value: Awaitable<T>): value is Promise<T> {
  return value instanceof Promise;
}
