// A binary min-heap ordered by (time, insertion sequence): equal times keep their order,
// which is what makes runs reproducible byte for byte.

export interface Scheduled {
  time: number;
  seq: number;
}

export class EventQueue<T extends Scheduled> {
  private readonly items: T[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.items.length;
  }

  push(item: T): void {
    item.seq = this.nextSeq++;
    const items = this.items;
    let index = items.length;
    items.push(item);
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = items[parentIndex] as T;
      if (parent.time < item.time || (parent.time === item.time && parent.seq < item.seq)) break;
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
        if (rightItem.time < childItem.time || (rightItem.time === childItem.time && rightItem.seq < childItem.seq)) {
          child = right;
          childItem = rightItem;
        }
      }
      if (last.time < childItem.time || (last.time === childItem.time && last.seq < childItem.seq)) break;
      items[index] = childItem;
      index = child;
    }
    items[index] = last;
    return top;
  }

  clear(): void {
    this.items.length = 0;
    this.nextSeq = 0;
  }
}
