// The lab's event queue, ordered by (time, insertion sequence): equal times keep their order,
// which is what makes runs reproducible byte for byte.
//
// Messages take the topology's fixed latency, so nearly every event is scheduled no earlier
// than the one scheduled before it. Those go to an in-order lane (a plain FIFO); only the
// others (a timeout followed by quicker messages) go to a binary heap. Pop takes the earlier
// of the two heads, so the order is exactly that of a single heap.
import { BinaryHeap, before, type Scheduled } from './binaryHeap';

export type { Scheduled } from './binaryHeap';

/** Consumed lane slots are dropped in one go once there are this many and they are half the lane. */
const COMPACT_AFTER = 4096;

export class EventQueue<T extends Scheduled> {
  private readonly heap = new BinaryHeap<T>();
  /**
   * The lane: slots [laneHead, laneTail) hold events in order. When it empties, the indices go
   * back to 0 but the array keeps its length, so a busy lab does not regrow it for every batch;
   * popped slots are cleared so that nothing handled stays reachable from here.
   */
  private lane: (T | undefined)[] = [];
  private laneHead = 0;
  private laneTail = 0;
  private nextSeq = 0;

  get size(): number {
    return this.heap.size + this.laneTail - this.laneHead;
  }

  push(item: T): void {
    item.seq = this.nextSeq++;
    const tail = this.laneTail > this.laneHead ? this.lane[this.laneTail - 1] : undefined;
    // A later seq with a time no earlier than the lane's tail keeps the lane sorted.
    if (tail === undefined || item.time >= tail.time) this.lane[this.laneTail++] = item;
    else this.heap.push(item);
  }

  peek(): T | undefined {
    const first = this.laneFirst();
    const top = this.heap.peek();
    if (first === undefined) return top;
    return top !== undefined && before(top, first) ? top : first;
  }

  pop(): T | undefined {
    const next = this.peek();
    if (next === undefined || next !== this.laneFirst()) return this.heap.pop();
    const lane = this.lane;
    lane[this.laneHead++] = undefined;
    if (this.laneHead === this.laneTail) {
      this.laneHead = this.laneTail = 0;
    } else if (this.laneHead >= COMPACT_AFTER && this.laneHead * 2 >= this.laneTail) {
      // A lab that never goes idle: move what is left to the front, keeping the array.
      lane.copyWithin(0, this.laneHead, this.laneTail);
      lane.fill(undefined, this.laneTail - this.laneHead, this.laneTail);
      this.laneTail -= this.laneHead;
      this.laneHead = 0;
    }
    return next;
  }

  private laneFirst(): T | undefined {
    return this.laneHead < this.laneTail ? this.lane[this.laneHead] : undefined;
  }

  clear(): void {
    this.heap.clear();
    this.lane = [];
    this.laneHead = this.laneTail = 0;
    this.nextSeq = 0;
  }
}
