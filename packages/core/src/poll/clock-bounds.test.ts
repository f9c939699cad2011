import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { FakeClock, realClock } from "./clock.js";
import { Heap, type HeapItem } from "./heap.js";

const timers = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
const later = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("realClock bounds", () => {
  it("a sleep longer than Node's timer limit does not fire early", async () => {
    const ac = new AbortController();
    let woke = false;
    const p = realClock.sleep(2 ** 40, ac.signal).then(() => {
      woke = true;
    });
    // Past the limit Node would fire a timer after 1 ms instead.
    await later(30);
    expect(woke).toBe(false);
    ac.abort(new Error("done"));
    await expect(p).rejects.toThrow("done");
  });

  it("a negative sleep resolves at once, and an already fired signal rejects with its reason", async () => {
    await realClock.sleep(-1000);
    const reason = new Error("already");
    await expect(realClock.sleep(10, AbortSignal.abort(reason))).rejects.toBe(reason);
  });

  it("a sleep that ends releases its listener on a long-lived signal", async () => {
    const ac = new AbortController();
    await realClock.sleep(1, ac.signal);
    await realClock.sleep(1, ac.signal);
    expect(getEventListeners(ac.signal, "abort")).toHaveLength(0);
    const p = realClock.sleep(60_000, ac.signal);
    const before = timers();
    ac.abort(new Error("stop"));
    await expect(p).rejects.toThrow("stop");
    expect(getEventListeners(ac.signal, "abort")).toHaveLength(0);
    expect(timers()).toBe(before - 1);
  });
});

describe("FakeClock bounds", () => {
  it("a sleep that ends releases its listener; an aborted one leaves none either", async () => {
    const c = new FakeClock();
    const ac = new AbortController();
    const p = c.sleep(10, ac.signal);
    await c.advance(10);
    await p;
    expect(getEventListeners(ac.signal, "abort")).toHaveLength(0);
    const q = c.sleep(10, ac.signal);
    expect(getEventListeners(ac.signal, "abort")).toHaveLength(1);
    ac.abort(new Error("stop"));
    await expect(q).rejects.toThrow("stop");
    expect(getEventListeners(ac.signal, "abort")).toHaveLength(0);
    expect(c.pending).toBe(0);
  });

  it("a negative sleep is due now, in the order it was asked for", async () => {
    const c = new FakeClock(1000);
    const log: string[] = [];
    void c.sleep(0).then(() => log.push(`zero@${c.now()}`));
    void c.sleep(-500).then(() => log.push(`negative@${c.now()}`));
    await c.advance(0);
    expect(log).toEqual(["zero@1000", "negative@1000"]);
  });

  it("never moves backwards, and runAll stops before a sleep due after its limit", async () => {
    const c = new FakeClock(100);
    await c.advanceTo(50);
    expect(c.now()).toBe(100);
    await c.advance(-30);
    expect(c.now()).toBe(100);
    let woke = 0;
    void c.sleep(100).then(() => woke++);
    void c.sleep(300).then(() => woke++);
    expect(await c.runAll(250)).toBe(200);
    expect([woke, c.pending]).toEqual([1, 1]);
    expect(await c.runAll(400)).toBe(400);
    expect([woke, c.pending]).toEqual([2, 0]);
  });

  it("starts at 0 by default, and advance moves from the current time", async () => {
    const c = new FakeClock();
    expect(c.now()).toBe(0);
    await c.advance(30);
    await c.advance(12);
    expect(c.now()).toBe(42);
  });
});

describe("Heap bounds", () => {
  const item = (at: number, seq: number): HeapItem => ({ at, seq, heapIndex: -1 });

  it("removing an entry that is not in the heap, or twice, leaves the others", () => {
    const h = new Heap<HeapItem>();
    const [a, b, c] = [item(1, 0), item(2, 1), item(3, 2)];
    for (const x of [a, b, c]) h.push(x);
    h.remove(item(0, 9));
    h.remove(b);
    h.remove(b);
    expect(h.size).toBe(2);
    expect([h.pop(), h.pop(), h.pop()]).toEqual([a, c, undefined]);
    expect(h.size).toBe(0);
  });

  it("entries due together come out first in, first out, and a moved entry takes its new place", () => {
    const h = new Heap<HeapItem>();
    const xs = Array.from({ length: 9 }, (_, i) => item(5, i));
    for (const x of xs) h.push(x);
    const last = xs[8] as HeapItem;
    h.remove(last);
    last.at = 1;
    h.push(last);
    expect(h.peek()).toBe(last);
    const out: number[] = [];
    for (let x = h.pop(); x; x = h.pop()) out.push(x.seq);
    expect(out).toEqual([8, 0, 1, 2, 3, 4, 5, 6, 7]);
  });
});
