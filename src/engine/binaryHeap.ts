// A binary min-heap ordered by (time, seq): the textbook event queue. The lab's EventQueue
// uses it for events that arrive out of order; the engine benchmark uses it as its limit.

export interface Scheduled {
  time: number;
  seq: number;
}

/** True when `a` comes before `b`: earlier time, or the same time and pushed earlier. */
export function before(a: Scheduled, b: Scheduled): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}

export class BinaryHeap<T extends Scheduled> {
  private readonly items: T[] = [];

  get size(): number {
    return this.items.length;
  }

  /** The caller sets `seq`: items with equal times come out in seq order. */
  push(item: T): void {
    const items = this.items;
    let index = items.length;
    items.push(item);
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = items[parentIndex] as T;
      if (before(parent, item)) break;
      items[index] = parent;
      index = parentIndex;
    }
    items[index] = item;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    const length = items.length;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= length) break;
      const right = left + 1;
      let child = left;
      let childItem = items[left] as T;
      if (right < length) {
        const rightItem = items[right] as T;
        if (before(rightItem, childItem)) {
          child = right;
          childItem = rightItem;
        }
      }
      if (before(last, childItem)) break;
      items[index] = childItem;
      index = child;
    }
    items[index] = last;
    return top;
  }

  clear(): void {
    this.items.length = 0;
  }
}
