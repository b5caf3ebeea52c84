// What a story's steps are played on: the simulated lab, or the real one (real sockets, a real
// Redis). The runner and the operations know only this, so the steps mean the same on both.
import type { Params } from '../engine/model';
import type { Text } from '../engine/text';
import type { TraceEvent } from '../engine/trace';

export interface StoryLab {
  subscribe(listener: (event: TraceEvent) => void): () => void;
  /** Handles the next simulated event; false when there is none (a real lab's events arrive by themselves). */
  step(): boolean;
  /** Nothing in flight: no message, no request, no operation still settling (a real server still starting). */
  readonly idle: boolean;
  /** A client sends a request; returns its id. */
  send(clientName: string, request: string, params?: Params): number;
  group(phase: 'start' | 'else' | 'end', label: Text): void;
  crash(serverName: string): void;
  restart(serverName: string): void;
  addServer(name?: string): string;
  removeServer(serverName: string): void;
  setStore(up: boolean): void;
  dropNext(): void;
  failNext(): void;
  wait(ms: number): void;
}
