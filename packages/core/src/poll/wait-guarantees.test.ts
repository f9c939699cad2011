import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { AbortError, ApiError, TimeoutError, TransportError, UsageError } from "../errors.js";
import { makeRun } from "../run.js";
import type { PollResult, RateBudget, RunState } from "../types.js";
import { type Answer, fakeProvider, gaps, result, seeded, snap } from "./__fixtures__/fake-provider.js";
import { observe, waitSetup } from "./__fixtures__/wait-setup.js";
import { type BudgetGrant, type BudgetStore, type BudgetTicket, MemoryBudgetStore } from "./budget.js";
import { FakeClock } from "./clock.js";
import type { PollEvent } from "./events.js";
import type { PollPolicy } from "./schedule.js";
import { Scheduler } from "./scheduler.js";
import { waitAll, waitAny, waitForRun, watchRun } from "./wait.js";

const setup = (answer?: (n: number, now: number) => Answer, extra: Parameters<typeof fakeProvider>[2] = {}) =>
  waitSetup(answer, extra, seeded(7));

/** Runs r1, r2, r3… on one fake provider, each in the state the test sets. */
function fleet(clock: FakeClock, n: number) {
  const states = new Map<string, RunState | Error>();
  const calls: string[] = [];
  for (let i = 1; i <= n; i++) states.set(`r${i}`, "running");
  const { provider } = fakeProvider(clock, () => result("running"));
  provider.get = async (ids) => {
    const id = ids[0] as string;
    calls.push(id);
    const s = states.get(id) ?? "running";
    if (s instanceof Error) throw s;
    return { run: makeRun({ provider: "fake", ids: [id], state: s, providerStatus: s }), retryAfterMs: null };
  };
  const targets = [...states.keys()].map((id) => ({ provider, ids: [id] }));
  return { provider, states, calls, targets };
}

const listenersOn = (s: AbortSignal) => getEventListeners(s, "abort").length;

describe("waitAll and waitAny settle at the right moment", () => {
  it("waitAll stays pending while any run is going and resolves as the last one ends, in input order", async () => {
    const { clock, scheduler, opts } = setup();
    const f = fleet(clock, 3);
    const all = observe(waitAll(f.targets, opts()));
    await clock.advance(0);
    for (const id of ["r2", "r1"]) {
      f.states.set(id, "succeeded");
      scheduler.nudge(`fake:${id}`);
      await clock.advance(0);
      expect(all.settled).toBe(false);
    }
    f.states.set("r3", "failed");
    scheduler.nudge("fake:r3");
    await clock.advance(0);
    expect(all.settled).toBe(true);
    expect(all.value?.map((r) => [r.id, r.state])).toEqual([
      ["r1", "succeeded"],
      ["r2", "succeeded"],
      ["r3", "failed"],
    ]);
    expect(scheduler.size).toBe(0);
  });

  it("waitAny resolves with the first run to end, as it ends, and the others poll no more", async () => {
    const { clock, scheduler, events, opts } = setup();
    const f = fleet(clock, 3);
    const any = observe(waitAny(f.targets, opts()));
    await clock.advance(0);
    expect(any.settled).toBe(false);
    f.states.set("r2", "cancelled");
    scheduler.nudge("fake:r2");
    await clock.advance(0);
    expect(any.settled).toBe(true);
    expect([any.value?.id, any.value?.state]).toEqual(["r2", "cancelled"]);
    const n = f.calls.length;
    await clock.advance(3_600_000);
    expect(f.calls).toHaveLength(n);
    expect(events.filter((e) => e.type === "end").map((e) => [e.ref, e.type === "end" && e.reason])).toEqual([
      ["fake:r2", "terminal"],
      ["fake:r1", "stopped"],
      ["fake:r3", "stopped"],
    ]);
  });

  it("waitAll rejects at the first error, at once, and stops the others", async () => {
    const { clock, scheduler, opts } = setup();
    const f = fleet(clock, 3);
    const ac = new AbortController();
    const all = observe(waitAll(f.targets, opts({ signal: ac.signal })));
    await clock.advance(0);
    f.states.set("r1", "succeeded");
    scheduler.nudge("fake:r1");
    await clock.advance(0);
    f.states.set("r3", new ApiError({ provider: "fake", status: 404, message: "gone" }));
    scheduler.nudge("fake:r3");
    await clock.advance(0);
    expect(all.settled).toBe(true);
    expect((all.error as ApiError).status).toBe(404);
    const n = f.calls.length;
    await clock.advance(3_600_000);
    expect(f.calls).toHaveLength(n);
    expect(listenersOn(ac.signal)).toBe(0);
  });

  it("an empty waitAll resolves with no runs; waitAny needs one; both need an array of runs", async () => {
    await expect(waitAll([])).resolves.toEqual([]);
    await expect(waitAny([])).rejects.toThrow("waitAny: expected a non-empty array of { provider, ids }");
    await expect(waitAll("r1" as never)).rejects.toThrow("waitAll: expected an array of { provider, ids }");
    await expect(waitAny({} as never)).rejects.toThrow(UsageError);
    await expect(waitAll([{ provider: null, ids: ["r1"] } as never])).rejects.toThrow(UsageError);
  });
});

describe("watchRun as an iterator", () => {
  it("polls only once asked, yields each change, and after leaving polls no more and holds nothing", async () => {
    const { clock, scheduler, provider, calls, opts } = setup((n) =>
      result(n < 5 ? "running" : "succeeded", { providerStatus: `s${n}` }),
    );
    const ac = new AbortController();
    const it = watchRun(provider, ["r1"], opts({ signal: ac.signal, minInterval: 1000 }))[Symbol.asyncIterator]();
    await clock.advance(10_000);
    expect(calls).toHaveLength(0);
    const first = it.next();
    await clock.advance(0);
    expect((await first).value?.providerStatus).toBe("s0");
    const second = it.next();
    await clock.runAll(60_000);
    expect((await second).value?.providerStatus).toBe("s1");
    await expect(it.return?.()).resolves.toEqual({ value: undefined, done: true });
    const n = calls.length;
    await clock.advance(600_000);
    expect(calls).toHaveLength(n);
    await expect(it.next()).resolves.toEqual({ value: undefined, done: true });
    expect([scheduler.size, listenersOn(ac.signal)]).toEqual([0, 0]);
  });

  it("throws the wait's error once, then is done", async () => {
    const { clock, provider, opts } = setup((n) =>
      n === 0 ? result("running") : new ApiError({ provider: "fake", status: 401, message: "no" }),
    );
    const it = watchRun(provider, ["r1"], opts())[Symbol.asyncIterator]();
    const first = it.next();
    await clock.advance(0);
    expect((await first).value?.state).toBe("running");
    const failing = observe(it.next());
    await clock.runAll(60_000);
    expect(failing.error).toBeInstanceOf(ApiError);
    await expect(it.next()).resolves.toEqual({ value: undefined, done: true });
  });
});

describe("webhook nudges", () => {
  it("poll at once for an unknown, terminal or absent state; not for one still going", async () => {
    for (const [state, polls] of [
      ["unknown", true],
      ["failed", true],
      [null, true],
      ["queued", false],
      ["running", false],
      ["paused", false],
    ] as const) {
      const { clock, scheduler, calls, provider, opts } = setup();
      void waitForRun(provider, ["r1"], opts({ minInterval: 5000 })).catch(() => {});
      await clock.advance(10);
      scheduler.nudge("fake:r1", state);
      await clock.advance(0);
      expect([state, calls.map((c) => c.at)]).toEqual([state, polls ? [0, 10] : [0]]);
    }
  });

  it("a verified terminal run ends the wait at once, aborting the request in flight, and its answer is ignored", async () => {
    const { clock, scheduler, provider, calls, events, opts } = setup((n) => (n === 0 ? result("running") : "hang"));
    const done = observe(waitForRun(provider, ["r1"], opts({ minInterval: 1000 })));
    await clock.advance(5000);
    expect(calls).toHaveLength(2);
    const ended = snap("succeeded", { outputs: [{ url: "https://example.test/out.png" }] } as never);
    expect(scheduler.nudge("fake:r1", "succeeded", ended)).toBe(1);
    await clock.advance(0);
    expect(done.settled).toBe(true);
    expect(done.value).toEqual(ended);
    expect(calls[1]?.signal?.aborted).toBe(true);
    expect(events.filter((e) => e.type === "end")).toHaveLength(1);
    expect(scheduler.nudge("fake:r1", "succeeded", ended)).toBe(0);
  });

  it("a verified run that is still going polls at once like any other nudge", async () => {
    const { clock, scheduler, provider, calls, opts } = setup();
    void waitForRun(provider, ["r1"], opts({ minInterval: 5000 })).catch(() => {});
    await clock.advance(10);
    scheduler.nudge("fake:r1", null, snap("running"));
    await clock.advance(0);
    expect(calls.map((c) => c.at)).toEqual([0, 10]);
  });
});

describe("custom policies and jitter", () => {
  const policy =
    (d: number): PollPolicy =>
    () => ({ next: () => d });

  it("a delay that is not a finite number ≥ 0 is replaced: the next poll comes between floor and cap", async () => {
    for (const d of [Number.NaN, -5, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY]) {
      const { clock, calls, provider, opts } = setup();
      void waitForRun(provider, ["r1"], opts({ policy: policy(d), minInterval: 1000, maxInterval: 8000, timeout: 60_000 })).catch(
        () => {},
      );
      await clock.runAll(60_000);
      const g = gaps(calls);
      expect(g.length, String(d)).toBeGreaterThan(5);
      for (const x of g) {
        expect(x, String(d)).toBeGreaterThanOrEqual(1000);
        expect(x, String(d)).toBeLessThanOrEqual(8000);
      }
    }
  });

  it("tells the policy how the run ended, once", async () => {
    const ends: [RunState, number][] = [];
    const { clock, provider, opts } = setup((n) => result(n < 2 ? "running" : "partial"));
    const done = waitForRun(
      provider,
      ["r1"],
      opts({ policy: () => ({ next: () => 2000, end: (run, now) => ends.push([run.state, now]) }) }),
    );
    await clock.runAll(60_000);
    await done;
    expect(ends).toEqual([["partial", 4000]]);
  });

  it("with real jitter and no progress, every gap stays within floor and cap, and jitter does vary them", async () => {
    for (const seed of [1, 2, 3]) {
      const { clock, calls, provider, opts } = setup();
      void waitForRun(
        provider,
        ["r1"],
        opts({ random: seeded(seed), minInterval: 2000, maxInterval: 20_000, timeout: 900_000 }),
      ).catch(() => {});
      await clock.runAll(900_000);
      const g = gaps(calls);
      for (const x of g) {
        expect(x).toBeGreaterThanOrEqual(2000);
        expect(x).toBeLessThanOrEqual(20_000);
      }
      expect(new Set(g.slice(-20)).size).toBeGreaterThan(10);
    }
  });

  it("a server hint is a floor that jitter only adds to, by at most a tenth", async () => {
    const { clock, calls, events, provider, opts } = setup(() => result("running", { retryAfterMs: 45_000 }));
    void waitForRun(
      provider,
      ["r1"],
      opts({ random: seeded(3), minInterval: 1000, maxInterval: 10_000, timeout: 900_000 }),
    ).catch(() => {});
    await clock.runAll(900_000);
    const g = gaps(calls);
    expect(g.length).toBeGreaterThan(10);
    for (const x of g) {
      expect(x).toBeGreaterThanOrEqual(45_000);
      expect(x).toBeLessThanOrEqual(49_500);
    }
    const hints = events.filter((e) => e.type === "hint");
    expect(hints.length).toBe(g.length + 1);
    for (const h of hints) {
      if (h.type !== "hint") continue;
      expect(h).toMatchObject({ after: "answer", hintMs: 45_000 });
      expect(h.plannedMs).toBeLessThan(h.delayMs);
    }
  });
});

describe("failures that are not retried", () => {
  it("an AbortError the wait did not cause fails the wait at once, it is not retried", async () => {
    const foreign = new AbortError("fake", "the adapter's own timeout");
    for (const err of [foreign, new DOMException("The operation was aborted.", "AbortError")]) {
      const { clock, calls, provider, events, opts } = setup((n) => (n === 0 ? result("running") : (err as Error)));
      const done = observe(waitForRun(provider, ["r1"], opts({ maxRetries: 5 })));
      await clock.runAll(600_000);
      expect(done.error).toBe(err);
      expect(calls).toHaveLength(2);
      expect(events.some((e) => e.type === "retry")).toBe(false);
    }
  });

  it("a transient failure is retried exactly maxRetries times, then the wait fails with the count", async () => {
    const { clock, calls, provider, opts } = setup((n) => (n === 0 ? result("running") : new TransportError("fake", "reset")));
    const done = observe(waitForRun(provider, ["r1"], opts({ maxRetries: 2 })));
    await clock.runAll(600_000);
    expect(calls).toHaveLength(4);
    expect((done.error as TransportError).attempts).toBe(3);
  });
});

describe("deadlines and shared signals", () => {
  it("a timeout of 0 ends the wait before any request", async () => {
    const { clock, calls, provider, opts } = setup();
    const done = observe(waitForRun(provider, ["r1"], opts({ timeout: 0 })));
    await clock.runAll(1000);
    expect(done.error).toBeInstanceOf(TimeoutError);
    expect(calls).toHaveLength(0);
  });

  it("a wait in line for an in-flight slot still times out at its deadline", async () => {
    const { clock, calls, provider, opts } = setup(() => "hang");
    const scheduler = new Scheduler({ clock, maxInFlight: 1, startSpacing: 0 });
    const first = observe(waitForRun(provider, ["r1"], opts({ scheduler, timeout: 60_000 })));
    const second = observe(waitForRun(provider, ["r2"], opts({ scheduler, timeout: 7_000 })));
    await clock.advance(6_999);
    expect([calls.length, second.settled]).toEqual([1, false]);
    await clock.advance(1);
    expect(second.error).toBeInstanceOf(TimeoutError);
    expect(first.settled).toBe(false);
    expect(scheduler.inFlight("fake")).toBe(1);
  });

  it("every way a wait ends releases its listener on a shared signal; the signal's listener stays while a wait is left", async () => {
    const { clock, scheduler, opts } = setup();
    const ac = new AbortController();
    const f = fleet(clock, 4);
    const o = opts({ signal: ac.signal });
    const ended = observe(waitForRun(f.provider, ["r1"], o));
    const timedOut = observe(waitForRun(f.provider, ["r2"], { ...o, timeout: 3000 }));
    const failed = observe(waitForRun(f.provider, ["r3"], o));
    const watcher = watchRun(f.provider, ["r4"], o)[Symbol.asyncIterator]();
    const first = watcher.next();
    await clock.advance(1);
    await first;
    expect(listenersOn(ac.signal)).toBe(1);
    f.states.set("r1", "succeeded");
    f.states.set("r3", new ApiError({ provider: "fake", status: 403, message: "no" }));
    scheduler.nudge("fake:r1");
    scheduler.nudge("fake:r3");
    await clock.advance(3000);
    expect([ended.settled, timedOut.settled, failed.settled]).toEqual([true, true, true]);
    expect(listenersOn(ac.signal)).toBe(1);
    await watcher.return?.();
    expect(listenersOn(ac.signal)).toBe(0);
  });
});

describe("budgets through a store that answers later", () => {
  /** A store whose answers the test gives: each acquire waits for `answer`. */
  function laterStore() {
    const asked: ((g: BudgetGrant | Error) => void)[] = [];
    const recorded: BudgetTicket[] = [];
    const store: BudgetStore = {
      acquire: () => new Promise<BudgetGrant>((ok, no) => asked.push((g) => (g instanceof Error ? no(g) : ok(g)))),
      record: (t) => {
        recorded.push(t);
      },
    };
    return { store, asked, recorded };
  }
  const budget: RateBudget = { key: "k", limit: 2, windowMs: 10_000 };
  const ticket = (sentAt: number): BudgetTicket => ({ key: "k", windowMs: 10_000, sentAt });

  it("sends once the store grants, records the ticket at the answer, and waits as long as a refusal says", async () => {
    const clock = new FakeClock();
    const { store, asked, recorded } = laterStore();
    const scheduler = new Scheduler({ clock, budgets: store });
    const { provider, calls } = fakeProvider(clock, (n) => result(n < 1 ? "running" : "succeeded"), { budget });
    const events: PollEvent[] = [];
    const done = observe(waitForRun(provider, ["r1"], { clock, scheduler, random: () => 0, onEvent: (e) => events.push(e) }));
    await clock.advance(100);
    expect([asked.length, calls.length]).toEqual([1, 0]);
    asked[0]?.({ ok: true, ticket: ticket(100) });
    await clock.advance(0);
    expect(calls.map((c) => c.at)).toEqual([100]);
    expect(recorded).toEqual([ticket(100)]);
    await clock.advance(5000);
    expect(asked).toHaveLength(2);
    asked[1]?.({ ok: false, retryAt: clock.now() + 7000 });
    await clock.advance(6999);
    expect([asked.length, calls.length]).toEqual([2, 1]);
    expect(events.find((e) => e.type === "budget")).toMatchObject({ delayMs: 7000, limit: 2, windowMs: 10_000 });
    await clock.advance(1);
    expect(asked).toHaveLength(3);
    asked[2]?.({ ok: true, ticket: ticket(clock.now()) });
    await clock.advance(0);
    expect(done.value?.state).toBe("succeeded");
    expect(recorded).toHaveLength(2);
  });

  it("a grant that arrives after the wait ended is given back, and sends nothing", async () => {
    const clock = new FakeClock();
    const { store, asked, recorded } = laterStore();
    const scheduler = new Scheduler({ clock, budgets: store });
    const { provider, calls } = fakeProvider(clock, () => result("running"), { budget });
    const ac = new AbortController();
    const done = observe(waitForRun(provider, ["r1"], { clock, scheduler, signal: ac.signal }));
    await clock.advance(0);
    ac.abort();
    await clock.advance(0);
    expect(done.error).toBeInstanceOf(AbortError);
    asked[0]?.({ ok: true, ticket: ticket(0) });
    await clock.advance(0);
    expect([calls.length, recorded]).toEqual([0, [ticket(0)]]);
    // A refusal arriving late is simply dropped.
    const late = observe(waitForRun(provider, ["r2"], { clock, scheduler, timeout: 50 }));
    await clock.advance(50);
    expect(late.error).toBeInstanceOf(TimeoutError);
    asked[1]?.({ ok: false, retryAt: 1_000_000 });
    await clock.advance(0);
    expect([calls.length, recorded.length, scheduler.size]).toEqual([0, 1, 0]);
  });

  it("a store that fails fails the wait with its error", async () => {
    const clock = new FakeClock();
    const { store, asked } = laterStore();
    const scheduler = new Scheduler({ clock, budgets: store });
    const { provider, calls } = fakeProvider(clock, () => result("running"), { budget });
    const done = observe(waitForRun(provider, ["r1"], { clock, scheduler }));
    await clock.advance(0);
    const down = new Error("budget store unreachable");
    asked[0]?.(down);
    await clock.advance(0);
    expect([done.error, calls.length, scheduler.size]).toEqual([down, 0, 0]);
  });

  it("a refused poll gives its in-flight slot to the next wait while it waits", async () => {
    const clock = new FakeClock();
    const scheduler = new Scheduler({ clock, maxInFlight: 1, startSpacing: 0, budgets: new MemoryBudgetStore() });
    const limited = fakeProvider(clock, () => result("running"), { budget: { key: "tight", limit: 1, windowMs: 60_000 } });
    const other = fakeProvider(clock, () => result("running"), { budget: null });
    // Both adapters are named "fake": they share the in-flight cap.
    void waitForRun(limited.provider, ["a"], { clock, scheduler, timeout: 30_000 }).catch(() => {});
    void waitForRun(limited.provider, ["b"], { clock, scheduler, timeout: 30_000 }).catch(() => {});
    void waitForRun(other.provider, ["c"], { clock, scheduler, timeout: 30_000, minInterval: 1000 }).catch(() => {});
    await clock.advance(5000);
    expect(limited.calls).toHaveLength(1);
    expect(other.calls.length).toBeGreaterThan(2);
    expect(scheduler.inFlight("fake")).toBe(0);
  });
});

describe("answers the adapter gets wrong", () => {
  it("an adapter that throws instead of rejecting fails the wait with its error", async () => {
    const { clock, provider, opts } = setup();
    const bug = new TypeError("adapter bug");
    provider.get = () => {
      throw bug;
    };
    const done = observe(waitForRun(provider, ["r1"], opts()));
    await clock.runAll(1000);
    expect(done.error).toBe(bug);
  });

  it("a run whose state is not a word fails the wait", async () => {
    const { clock, provider, opts } = setup(() => ({ run: { ...snap("running"), state: 3 } }) as unknown as PollResult);
    const done = observe(waitForRun(provider, ["r1"], opts()));
    await clock.runAll(1000);
    expect((done.error as Error).name).toBe("InvalidResponseError");
  });
});
