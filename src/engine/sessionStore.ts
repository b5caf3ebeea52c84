// The shared session store (think Redis): all servers read and write it; it can be down;
// sessions expire after their TTL of virtual time.
import type { Context } from './model';

interface Entry {
  readonly context: Context;
  readonly writtenAt: number;
}

export type StoreRead = { readonly kind: 'found'; readonly context: Context } | { readonly kind: 'missing' } | { readonly kind: 'expired'; readonly context: Context };

export class SessionStore {
  up = true;
  private readonly entries = new Map<string, Entry>();

  constructor(
    readonly id: string,
    readonly name: string,
    readonly ttlMs: number,
  ) {}

  read(key: string, now: number): StoreRead {
    const entry = this.entries.get(key);
    if (entry === undefined) return { kind: 'missing' };
    if (now - entry.writtenAt > this.ttlMs) {
      this.entries.delete(key);
      return { kind: 'expired', context: entry.context };
    }
    return { kind: 'found', context: entry.context };
  }

  write(key: string, context: Context, now: number): void {
    this.entries.set(key, { context, writtenAt: now });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Live sessions at `now` (expired ones are not counted). */
  live(now: number): [string, Context][] {
    return [...this.entries].filter(([, entry]) => now - entry.writtenAt <= this.ttlMs).map(([key, entry]) => [key, entry.context]);
  }
}
