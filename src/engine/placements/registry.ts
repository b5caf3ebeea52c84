// The places state can live, by the `state` word of a scenario. A fifth is one file and one line here.
import { clientCarried } from './clientCarried';
import type { StatePlacementStrategy } from './placement';
import { serverMemory } from './serverMemory';
import { sharedStore } from './sharedStore';
import { signedToken } from './signedToken';

const placements = new Map<string, StatePlacementStrategy>([
  [serverMemory.name, serverMemory],
  [clientCarried.name, clientCarried],
  [sharedStore.name, sharedStore],
  [signedToken.name, signedToken],
]);

export function statePlacement(name: string): StatePlacementStrategy {
  const found = placements.get(name);
  if (found === undefined) throw new Error(`no place for state called "${name}" (known: ${[...placements.keys()].join(', ')})`);
  return found;
}

/** Adds a place for state (a cache in front of the store, a JWT with refresh…). */
export function registerStatePlacement(strategy: StatePlacementStrategy): void {
  placements.set(strategy.name, strategy);
}
