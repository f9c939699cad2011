/** An entry of a {@link Heap}: ordered by `at`, then by `seq` (first in, first out). */
export interface HeapItem {
  at: number;
  seq: number;
  /** Position in the heap, -1 when not in one. Kept by the heap so removal is O(log n). */
  hi: number;
}

const before = (a: HeapItem, b: HeapItem) => a.at < b.at || (a.at === b.at && a.seq < b.seq);

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
    x.hi = this.#a.length;
    this.#a.push(x);
    this.#up(x.hi);
  }

  pop(): T | undefined {
    const top = this.#a[0];
    if (top) this.remove(top);
    return top;
  }

  remove(x: T): void {
    const i = x.hi;
    const a = this.#a;
    if (i < 0 || a[i] !== x) return;
    const last = a.pop() as T;
    x.hi = -1;
    if (last === x) return;
    a[i] = last;
    last.hi = i;
    this.#up(i);
    this.#down(last.hi);
  }

  #up(i: number): void {
    const a = this.#a;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(a[i] as T, a[p] as T)) break;
      this.#swap(i, p);
      i = p;
    }
  }

  #down(i: number): void {
    const a = this.#a;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < a.length && before(a[l] as T, a[m] as T)) m = l;
      if (r < a.length && before(a[r] as T, a[m] as T)) m = r;
      if (m === i) return;
      this.#swap(i, m);
      i = m;
    }
  }

  #swap(i: number, j: number): void {
    const a = this.#a;
    const x = a[i] as T;
    const y = a[j] as T;
    a[i] = y;
    a[j] = x;
    x.hi = j;
    y.hi = i;
  }
}
