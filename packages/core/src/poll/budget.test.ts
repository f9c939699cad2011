import { describe, expect, it } from "vitest";
import { seeded } from "./__fixtures__/fake-provider.js";
import { type BudgetTicket, checkBudget, MemoryBudgetStore } from "./budget.js";

/** The most requests whose [sent, answered] span reaches into any half-open window of `windowMs` (a server's worst count). */
function worstWindow(spans: [number, number][], windowMs: number): number {
  const edges = spans.flatMap(([s, a]) => [s, a + windowMs]);
  let worst = 0;
  for (const x of edges) {
    // A window [x - windowMs, x) counts requests arriving in it; an arrival may be anywhere in [sent, answered].
    const n = spans.filter(([s, a]) => s < x && a >= x - windowMs).length;
    worst = Math.max(worst, n);
  }
  return worst;
}

describe("MemoryBudgetStore", () => {
  const b = { key: "wf-1", limit: 3, windowMs: 1000 };

  it("grants `limit` requests at once, then refuses until one window after an answer", () => {
    const s = new MemoryBudgetStore();
    const g = [0, 0, 0].map(() => s.acquire(b, 0));
    expect(g.every((x) => x.ok)).toBe(true);
    const refused = s.acquire(b, 0);
    // Nothing answered yet: no slot can free before one window from now.
    expect(refused).toEqual({ ok: false, retryAt: 1001 });
    s.record((g[0] as { ticket: BudgetTicket }).ticket, 500);
    expect(s.acquire(b, 1000)).toEqual({ ok: false, retryAt: 1501 });
    expect(s.acquire(b, 1501).ok).toBe(true);
  });

  it("counts a request until its answer: a slow answer holds its slot longer", () => {
    const s = new MemoryBudgetStore();
    const one = { key: "k", limit: 1, windowMs: 1000 };
    const g = s.acquire(one, 0);
    expect(s.inFlight("k")).toBe(1);
    expect(s.acquire(one, 5000).ok).toBe(false);
    if (g.ok) s.record(g.ticket, 5000);
    expect(s.inFlight("k")).toBe(0);
    expect(s.acquire(one, 5999).ok).toBe(false);
    expect(s.acquire(one, 6001).ok).toBe(true);
  });

  it("whatever the latencies, no window a server counts in ever holds more than `limit` requests", () => {
    const rnd = seeded(5);
    const s = new MemoryBudgetStore();
    const budget = { key: "k", limit: 7, windowMs: 10_000 };
    const spans: [number, number][] = [];
    const inFlight: { ticket: BudgetTicket; sent: number; answer: number }[] = [];
    let now = 0;
    for (let i = 0; i < 3000; i++) {
      now += rnd() * 400;
      for (const r of inFlight.filter((x) => x.answer <= now)) {
        s.record(r.ticket, r.answer);
        spans.push([r.sent, r.answer]);
        inFlight.splice(inFlight.indexOf(r), 1);
      }
      const g = s.acquire(budget, now);
      if (g.ok) inFlight.push({ ticket: g.ticket, sent: now, answer: now + rnd() ** 3 * 8000 });
      else expect(g.retryAt).toBeGreaterThan(now);
    }
    expect(spans.length).toBeGreaterThan(100);
    expect(worstWindow(spans, 10_000)).toBeLessThanOrEqual(7);
  });

  it("spreads refused callers over the coming releases instead of waking them all at one", () => {
    const s = new MemoryBudgetStore();
    const g = [0, 1, 2].map((t) => s.acquire(b, t));
    for (const [i, x] of g.entries()) if (x.ok) s.record(x.ticket, i * 10);
    const retries = [0, 1, 2].map(() => s.acquire(b, 50)).map((x) => (x.ok ? -1 : x.retryAt));
    expect(new Set(retries).size).toBe(3);
  });

  it("a lower limit applies at once; recent requests still count", () => {
    const s = new MemoryBudgetStore();
    for (let i = 0; i < 3; i++) {
      const g = s.acquire(b, 0);
      if (g.ok) s.record(g.ticket, 0);
    }
    expect(s.acquire({ ...b, limit: 2 }, 500).ok).toBe(false);
    expect(s.acquire({ ...b, limit: 2 }, 1001).ok).toBe(true);
  });

  it("forgets idle keys, so memory stays bounded", () => {
    const s = new MemoryBudgetStore();
    for (let i = 0; i < 1000; i++) {
      const g = s.acquire({ key: `wf-${i}`, limit: 10, windowMs: 1000 }, i * 10_000);
      if (g.ok) s.record(g.ticket, i * 10_000);
    }
    expect(s.size).toBeLessThanOrEqual(257);
  });
});

describe("checkBudget", () => {
  it("rounds a fractional limit (as a server may report it) down, never up", () => {
    expect(checkBudget({ key: "a", limit: 10.5, windowMs: 60_000 })).toMatchObject({ limit: 10, windowMs: 60_000 });
    expect(checkBudget({ key: "b", limit: 0.5, windowMs: 60_000 })).toMatchObject({ limit: 1, windowMs: 120_000 });
  });

  it("rejects a malformed budget with a UsageError naming the provider", () => {
    for (const bad of [
      { key: "", limit: 1, windowMs: 1 },
      { key: "k", limit: 0, windowMs: 1 },
      { key: "k", limit: 1, windowMs: Number.NaN },
      null,
    ]) {
      expect(() => checkBudget(bad as never, "modelslab")).toThrow(/modelslab: budget\(\) must return/);
    }
  });
});
