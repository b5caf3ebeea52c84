// What every real lab shares: the engine's Lab keeps the books (on real time), nothing is simulated
// (real events arrive by themselves), and the runner waits for the real work in flight to settle.
// Each kind of story does its steps' real part (realLab.ts over HTTP, tcpLab.ts over TCP).
import { Lab } from '../engine/lab';
import type { Params, Topology } from '../engine/model';
import type { Text } from '../engine/text';
import type { TraceEvent } from '../engine/trace';
import type { StoryLab } from '../scenario/storyLab';
import { InFlight } from './inFlight';
import { RealClock } from './realClock';

export abstract class RealStoryLab implements StoryLab {
  readonly lab: Lab;
  protected readonly inFlight: InFlight;

  /** `alsoBusy`: what else keeps the lab from settling besides the work it tracks. */
  protected constructor(topology: Topology, alsoBusy?: () => boolean) {
    this.lab = new Lab(topology, { clock: new RealClock() });
    this.inFlight = new InFlight(alsoBusy);
  }

  subscribe(listener: (event: TraceEvent) => void): () => void {
    return this.lab.subscribe(listener);
  }

  /** Nothing is simulated: real events arrive by themselves. */
  step(): boolean {
    return false;
  }

  get idle(): boolean {
    return this.inFlight.idle;
  }

  /** Resolves when nothing is in flight any more; rejects with what went wrong in the real part. */
  settled(): Promise<void> {
    return this.inFlight.settled();
  }

  group(phase: 'start' | 'else' | 'end', label: Text): void {
    this.lab.group(phase, label);
  }

  failNext(): void {
    this.lab.failNext();
  }

  wait(ms: number): void {
    this.lab.wait(ms);
  }

  protected track(work: Promise<void>): void {
    this.inFlight.track(work);
  }

  abstract send(clientName: string, request: string, params?: Params): number;
  abstract crash(serverName: string): void;
  abstract restart(serverName: string): void;
  abstract addServer(name?: string): string;
  abstract removeServer(serverName: string): void;
  abstract setStore(up: boolean): void;
  abstract dropNext(): void;
  /** Where a server listens: a person may call it too. */
  abstract addressOf(serverName: string): string;
  abstract close(): Promise<void>;
}
