// The relay of a story over real sockets: the real reverse proxy (proxy.ts), told of crashes,
// restarts and new servers as the simulated relay is, and drawing its choices in the story's trace.
import type { RelayPolicy } from '../engine/model';
import type { Text } from '../engine/text';
import type { Hops } from './hops';
import type { StoryServer } from './storyServer';

export interface RealRelay {
  readonly url: string;
  down(serverId: string): void;
  up(serverId: string): void;
  add(server: StoryServer): Promise<void>;
  remove(serverId: string): void;
  /** The next request is lost at the relay (drop: next). */
  discardNext(): void;
  stop(): Promise<void>;
}

export interface RelayStart {
  readonly policy: RelayPolicy;
  readonly servers: readonly StoryServer[];
  readonly hops: Hops;
  readonly seed: number;
  /** A client's name in the diagram (the proxy's words say whom it pins). */
  clientLabel(clientId: string): Text | undefined;
}
