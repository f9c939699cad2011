import { describe, expect, it } from "vitest";
import { type BudgetGrant, checkBudget, MemoryBudgetStore } from "./budget.js";

const ticketOf = (g: BudgetGrant) => {
  if (!g.ok) throw new Error("expected a slot");
  return g.ticket;
};

describe("MemoryBudgetStore: refusals a caller relies on", () => {
  it("refuses the request that would overfill the window, at every limit", () => {
    for (const limit of [1, 2, 5]) {
      const s = new MemoryBudgetStore();
      const b = { key: "k", limit, windowMs: 1000 };
      for (let i = 0; i < limit; i++) expect(s.acquire(b, 0).ok).toBe(true);
      expect(s.acquire(b, 0)).toEqual({ ok: false, retryAt: 1001 });
      expect(s.inFlight("k")).toBe(limit);
    }
  });

  it("answers arriving out of order: the refused caller is told the earliest release", () => {
    const s = new MemoryBudgetStore();
    const b = { key: "k", limit: 2, windowMs: 1000 };
    const late = ticketOf(s.acquire(b, 0));
    const early = ticketOf(s.acquire(b, 0));
    s.record(late, 5000);
    s.record(early, 100);
    const refused = s.acquire(b, 200);
    expect(refused).toEqual({ ok: false, retryAt: 1101 });
    expect(s.acquire(b, 1100).ok).toBe(false);
    expect(s.acquire(b, 1101).ok).toBe(true);
    // The slow answer still holds the other slot.
    expect(s.acquire(b, 5000).ok).toBe(false);
  });

  it("an answer stamped before its send (a clock step back) holds the slot one window from the send", () => {
    const s = new MemoryBudgetStore();
    const b = { key: "k", limit: 1, windowMs: 1000 };
    s.record(ticketOf(s.acquire(b, 10_000)), 9_000);
    expect(s.acquire(b, 11_000).ok).toBe(false);
    expect(s.acquire(b, 11_001).ok).toBe(true);
  });

  it("a ticket recorded twice never frees a slot twice", () => {
    const s = new MemoryBudgetStore();
    const b = { key: "k", limit: 1, windowMs: 1000 };
    const t = ticketOf(s.acquire(b, 0));
    s.record(t, 0);
    s.record(t, 0);
    expect(s.inFlight("k")).toBe(0);
    const again = ticketOf(s.acquire(b, 2000));
    expect(s.inFlight("k")).toBe(1);
    expect(s.acquire(b, 2000).ok).toBe(false);
    s.record(again, 2000);
  });

  it("after a lower limit, refused callers are told only the releases that free a slot", () => {
    const s = new MemoryBudgetStore();
    const b = { key: "k", limit: 3, windowMs: 1000 };
    for (const t of [0, 10, 20]) s.record(ticketOf(s.acquire(b, t)), t);
    const retries = Array.from({ length: 6 }, () => s.acquire({ ...b, limit: 2 }, 50)).map((g) => (g.ok ? -1 : g.retryAt));
    expect(new Set(retries)).toEqual(new Set([1011, 1021]));
  });

  it("recording a ticket of a key it never granted is harmless", () => {
    const s = new MemoryBudgetStore();
    s.record({ key: "other", windowMs: 1000, sentAt: 0 }, 0);
    expect(s.size).toBe(0);
    expect(s.inFlight("other")).toBe(0);
  });
});

describe("MemoryBudgetStore: bounded memory without forgetting a window in use", () => {
  it("never remembers more than 256 keys, and forgets the idle ones when the bound is reached", () => {
    const s = new MemoryBudgetStore();
    let most = 0;
    for (let i = 0; i < 600; i++) {
      s.record(ticketOf(s.acquire({ key: `wf-${i}`, limit: 1, windowMs: 1000 }, i * 10_000)), i * 10_000);
      most = Math.max(most, s.size);
    }
    expect(most).toBe(256);
    expect(s.size).toBeLessThan(256);
  });

  it("keeps keys with a request in flight when the bound is reached: their budgets still refuse", () => {
    const s = new MemoryBudgetStore();
    const b = (i: number) => ({ key: `busy-${i}`, limit: 1, windowMs: 1000 });
    for (let i = 0; i < 256; i++) ticketOf(s.acquire(b(i), 0));
    ticketOf(s.acquire({ key: "new", limit: 1, windowMs: 1000 }, 60_000));
    for (let i = 0; i < 256; i++) expect(s.acquire(b(i), 60_000).ok).toBe(false);
  });

  it("keeps keys whose answered requests still count when the bound is reached", () => {
    const s = new MemoryBudgetStore();
    const b = (i: number) => ({ key: `recent-${i}`, limit: 1, windowMs: 1000 });
    for (let i = 0; i < 256; i++) s.record(ticketOf(s.acquire(b(i), 0)), 500);
    // At 1000 every answer still counts until 1501.
    ticketOf(s.acquire({ key: "new", limit: 1, windowMs: 1000 }, 1000));
    for (let i = 0; i < 256; i++) expect(s.acquire(b(i), 1000)).toEqual({ ok: false, retryAt: 1501 });
  });

  it("a key whose last request stops counting exactly now is idle and may be forgotten", () => {
    const s = new MemoryBudgetStore();
    for (let i = 0; i < 256; i++) s.record(ticketOf(s.acquire({ key: `k-${i}`, limit: 1, windowMs: 1000 }, 0)), 0);
    ticketOf(s.acquire({ key: "new", limit: 1, windowMs: 1000 }, 1001));
    expect(s.size).toBe(1);
  });
});

describe("checkBudget: a budget that would not limit is refused", () => {
  it.each([
    ["a windowMs of 0", { key: "k", limit: 1, windowMs: 0 }],
    ["a negative windowMs", { key: "k", limit: 1, windowMs: -1000 }],
    ["an endless windowMs", { key: "k", limit: 1, windowMs: Number.POSITIVE_INFINITY }],
    ["an endless limit", { key: "k", limit: Number.POSITIVE_INFINITY, windowMs: 1000 }],
    ["a negative limit", { key: "k", limit: -1, windowMs: 1000 }],
    ["a NaN limit", { key: "k", limit: Number.NaN, windowMs: 1000 }],
    ["a key that is not a string", { key: 7, limit: 1, windowMs: 1000 }],
    ["no key", { limit: 1, windowMs: 1000 }],
  ])("%s is a UsageError", (_what, bad) => {
    expect(() => checkBudget(bad as never, "onepin")).toThrow(
      "onepin: budget() must return { key, limit (> 0), windowMs (> 0) } or null",
    );
    expect(() => checkBudget(bad as never, "onepin")).toThrow(expect.objectContaining({ provider: "onepin" }));
  });

  it("without a provider name the error names the adapter", () => {
    expect(() => checkBudget(undefined as never)).toThrow(/^adapter: budget\(\) must return/);
  });

  it("a whole limit of at least 1 passes unchanged", () => {
    expect(checkBudget({ key: "k", limit: 1, windowMs: 1 })).toEqual({ key: "k", limit: 1, windowMs: 1 });
    expect(checkBudget({ key: "k", limit: 60, windowMs: 60_000 })).toEqual({ key: "k", limit: 60, windowMs: 60_000 });
  });
});
