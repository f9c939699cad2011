/** An entry of a {@link Heap}: ordered by `at`, then by `seq` (first in, first out). */
export interface HeapItem {
  at: number;
  seq: number;
  /** Position in the heap, -1 when not in one. Kept by the heap so removal is O(log n). */
  heapIndex: number;
}

const before = (a?: HeapItem, b?: HeapItem) => !!a && !!b && (a.at < b.at || (a.at === b.at && a.seq < b.seq));

/** A binary min-heap with removal, so cancelled timers never linger (memory stays bounded by live entries). */
export class Heap<T extends HeapItem> {
  readonly #a: T[] = [];

  get size(): number {
    return this.#a.length;
  }

  peek(): T | undefined {
    return this.#a[0];
  }

  push(x: T): void {
    x.heapIndex = this.#a.push(x) - 1;
    this.#fix(x);
  }

  pop(): T | undefined {
    const top = this.#a[0];
    if (top) this.remove(top);
    return top;
  }

  remove(x: T): void {
    const a = this.#a;
    const i = x.heapIndex;
    if (a[i] !== x) return;
    const last = a.pop() as T;
    x.heapIndex = -1;
    if (last === x) return;
    a[i] = last;
    last.heapIndex = i;
    this.#fix(last);
  }

  /** Moves `x` up past larger parents, or down past smaller children, to its place. */
  #fix(x: T): void {
    const a = this.#a;
    for (;;) {
      const i = x.heapIndex;
      let m = i > 0 && before(x, a[(i - 1) >> 1]) ? (i - 1) >> 1 : i;
      if (m === i) for (const c of [2 * i + 1, 2 * i + 2]) if (before(a[c], a[m])) m = c;
      if (m === i) return;
      const y = a[m] as T;
      a[i] = y;
      y.heapIndex = i;
      a[m] = x;
      x.heapIndex = m;
    }
  }
}
