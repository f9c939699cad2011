import { expect, it } from "vitest";
import { seeded } from "./__fixtures__/fake-provider.js";
import { Heap, type HeapItem } from "./heap.js";

it("pops in (at, seq) order after random pushes and removals", () => {
  const rnd = seeded(11);
  const h = new Heap<HeapItem>();
  const live = new Set<HeapItem>();
  for (let i = 0; i < 3000; i++) {
    if (rnd() < 0.3 && live.size > 0) {
      const x = [...live][Math.floor(rnd() * live.size)] as HeapItem;
      h.remove(x);
      live.delete(x);
      expect(x.heapIndex).toBe(-1);
    } else {
      const x = { at: Math.floor(rnd() * 100), seq: i, heapIndex: -1 };
      h.push(x);
      live.add(x);
    }
  }
  expect(h.size).toBe(live.size);
  const out: HeapItem[] = [];
  for (let x = h.pop(); x; x = h.pop()) out.push(x);
  const want = [...live].sort((a, b) => a.at - b.at || a.seq - b.seq);
  expect(out).toEqual(want);
});
