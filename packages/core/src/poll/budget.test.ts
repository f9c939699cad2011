import { describe, expect, it } from "vitest";
import { seeded } from "./__fixtures__/fake-provider.js";
import { Budgets, SlidingWindow } from "./budget.js";

/** The most sends found in any half-open window of `windowMs`. */
function worstWindow(times: number[], windowMs: number): number {
  const s = [...times].sort((a, b) => a - b);
  let worst = 0;
  for (let i = 0, j = 0; i < s.length; i++) {
    while ((s[j] as number) <= (s[i] as number) - windowMs) j++;
    worst = Math.max(worst, i - j + 1);
  }
  return worst;
}

describe("SlidingWindow", () => {
  it("hands out `limit` slots at once, then the next one a window after the oldest", () => {
    const w = new SlidingWindow(3, 1000);
    expect([w.reserve(0), w.reserve(0), w.reserve(10), w.reserve(20), w.reserve(20)]).toEqual([0, 0, 10, 1001, 1001]);
  });

  it("never lets any window hold more than `limit` sends, whatever the request pattern", () => {
    const rnd = seeded(5);
    const w = new SlidingWindow(7, 60_000);
    const times: number[] = [];
    let now = 0;
    for (let i = 0; i < 2000; i++) {
      now += rnd() < 0.7 ? 0 : rnd() * 30_000;
      times.push(w.reserve(now));
    }
    expect(worstWindow(times, 60_000)).toBe(7);
    expect(times.every((t, i) => i === 0 || t >= (times[i - 1] as number))).toBe(true);
  });

  it("take() gates the real send times exactly, even when sends happen later than booked", () => {
    const rnd = seeded(8);
    const w = new SlidingWindow(3, 1000);
    // Each booked slot is acted on somewhat late (a busy event loop), in clock order.
    const pending = Array.from({ length: 300 }, (_, i) => w.reserve(i * 50) + rnd() * 400);
    const sent: number[] = [];
    while (pending.length > 0) {
      pending.sort((a, b) => a - b);
      const now = pending.shift() as number;
      const at = w.take(now);
      if (at === now) sent.push(now);
      else pending.push(at);
    }
    expect(sent).toHaveLength(300);
    expect(worstWindow(sent, 1000)).toBeLessThanOrEqual(3);
  });

  it("counts a send from when it really went out (a pause after the gate cannot squeeze one more in)", () => {
    const w = new SlidingWindow(1, 1000);
    expect(w.take(0)).toBe(0);
    w.sent(300); // a 300 ms pause between the gate and the request
    expect(w.take(1001)).toBe(1301);
  });

  it("keeps the most recent sends when the limit changes", () => {
    const w = new SlidingWindow(5, 1000);
    const times = [0, 0, 0, 0, 0].map(() => w.take(0));
    w.limit = 2;
    expect(w.take(0)).toBe(1001);
    times.push(w.take(1001), w.take(1001));
    w.limit = 4;
    times.push(w.take(1500), w.take(1500), w.take(1500));
    expect(times.slice(5)).toEqual([1001, 1001, 1500, 1500, 2002]);
  });
});

describe("Budgets", () => {
  it("shares one window per key and keeps keys apart", () => {
    const b = new Budgets();
    const k1 = { key: "wf-1", limit: 1, windowMs: 60_000 };
    const k2 = { key: "wf-2", limit: 1, windowMs: 60_000 };
    expect([b.for(k1, 0).reserve(0), b.for(k1, 0).reserve(0), b.for(k2, 0).reserve(0)]).toEqual([0, 60_001, 0]);
  });

  it("forgets idle keys once their window has passed, so memory stays bounded", () => {
    const b = new Budgets();
    for (let i = 0; i < 1000; i++) b.for({ key: `wf-${i}`, limit: 10, windowMs: 1000 }, i * 10_000).take(i * 10_000);
    expect(b.size).toBeLessThanOrEqual(256);
  });

  it("rounds a fractional limit (as a server may report it) down, never up", () => {
    const b = new Budgets();
    const w = b.for({ key: "a", limit: 10.5, windowMs: 60_000 }, 0);
    expect([w.limit, w.windowMs]).toEqual([10, 60_000]);
    const slow = b.for({ key: "b", limit: 0.5, windowMs: 60_000 }, 0);
    expect([slow.limit, slow.windowMs]).toEqual([1, 120_000]);
  });

  it("rejects a malformed budget with a UsageError naming the provider", () => {
    const b = new Budgets();
    for (const bad of [
      { key: "", limit: 1, windowMs: 1 },
      { key: "k", limit: 0, windowMs: 1 },
      { key: "k", limit: 1, windowMs: Number.NaN },
      null,
    ]) {
      expect(() => b.for(bad as never, 0, "modelslab")).toThrow(/modelslab: budget\(\) must return/);
    }
  });
});
