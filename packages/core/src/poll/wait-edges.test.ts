import { describe, expect, it } from "vitest";
import { AbortError, InvalidResponseError, TransportError, UsageError } from "../errors.js";
import type { PollResult } from "../types.js";
import { type Answer, fakeProvider, gaps, result, snap } from "./__fixtures__/fake-provider.js";
import { observe, waitSetup } from "./__fixtures__/wait-setup.js";
import type { BudgetGrant, BudgetStore } from "./budget.js";
import { FakeClock } from "./clock.js";
import type { PollEvent } from "./events.js";
import type { PollPolicy, RunHistory } from "./schedule.js";
import { Scheduler } from "./scheduler.js";
import { type PollOptions, waitAll, waitForRun, watchRun } from "./wait.js";

const setup = (answer?: (n: number, now: number) => Answer) => waitSetup(answer);

const every =
  (d: number): PollPolicy =>
  () => ({ next: () => d });

describe("options a wait checks", () => {
  it("rejects what is not a number of ms, a function, a signal, a clock or a history, with a UsageError", async () => {
    const { provider } = setup();
    const bad: PollOptions[] = [
      5 as never,
      { maxInterval: Number.POSITIVE_INFINITY },
      { safetyInterval: Number.POSITIVE_INFINITY },
      { minInterval: Number.POSITIVE_INFINITY },
      { maxUnknownPolls: 2.5 },
      { random: 5 as never },
      { policy: {} as never },
      { signal: null as never },
      { clock: null as never },
      { history: null as never },
      { history: { durations: () => undefined } as never },
      { target: "" },
      { target: 5 as never },
    ];
    for (const o of bad) {
      await expect(waitForRun(provider, ["r1"], o), JSON.stringify(o)).rejects.toBeInstanceOf(UsageError);
    }
    await expect(waitAll([null as never])).rejects.toBeInstanceOf(UsageError);
    await expect(waitForRun(provider, ["r1"], { maxRetries: 1.5 })).rejects.toThrow(
      "`maxRetries` must be an integer ≥ 0, got 1.5",
    );
    await expect(waitForRun(provider, ["r1"], { minInterval: -1 })).rejects.toThrow(
      "`minInterval` must be a number of ms ≥ 0, got -1",
    );
    await expect(waitForRun(provider, ["r1"], 5 as never)).rejects.toThrow("poll options must be an object");
  });

  it("a scheduler must be on the wait's clock; without a clock the wait takes the scheduler's", async () => {
    const clock = new FakeClock();
    const scheduler = new Scheduler({ clock });
    const { provider, calls } = fakeProvider(clock, () => result("succeeded"));
    await expect(waitForRun(provider, ["r1"], { clock: new FakeClock(), scheduler })).rejects.toThrow(/`scheduler`/);
    const done = waitForRun(provider, ["r1"], { scheduler });
    await clock.advance(0);
    await expect(done).resolves.toMatchObject({ state: "succeeded" });
    expect(calls).toHaveLength(1);
  });

  it("no deadline by default and Infinity allowed; a floor above the default cap and safety interval raises them", async () => {
    const { clock, calls, provider, opts } = setup();
    const slow = observe(waitForRun(provider, ["r1"], opts({ minInterval: 700_000, timeout: Number.POSITIVE_INFINITY })));
    await clock.advance(2_100_000);
    expect(slow.settled).toBe(false);
    expect(gaps(calls).every((g) => g >= 700_000)).toBe(true);
    expect(calls.length).toBeGreaterThanOrEqual(3);
    const plain = setup();
    const idle = observe(waitForRun(plain.provider, ["r1"], plain.opts({ policy: every(86_400_000) })));
    await plain.clock.advance(30 * 24 * 3_600_000);
    expect(idle.settled).toBe(false);
  });

  it("with no history of its own, a wait teaches the scheduler's", async () => {
    const added: number[] = [];
    const history: RunHistory = { durations: () => undefined, add: (_k, ms) => added.push(ms) };
    const clock = new FakeClock();
    const scheduler = new Scheduler({ clock, history });
    const { provider } = fakeProvider(clock, (_n, now) => result(now >= 10_000 ? "succeeded" : "running"));
    const done = waitForRun(provider, ["r1"], { clock, scheduler, random: () => 0 });
    await clock.runAll(600_000);
    await done;
    expect(added).toHaveLength(1);
  });
});

describe("what a wait does after it ended", () => {
  it("an answer arriving after a verified webhook ended the wait is ignored: no event, no update, no poll", async () => {
    const { clock, scheduler, provider, calls, events, opts } = setup();
    const late: ((r: PollResult) => void)[] = [];
    provider.get = (_ids, ctx) => {
      calls.push({ at: clock.now(), signal: ctx?.signal });
      return new Promise<PollResult>((r) => late.push(r));
    };
    const updates: string[] = [];
    const done = observe(waitForRun(provider, ["r1"], opts({ onUpdate: (r) => updates.push(r.state) })));
    await clock.advance(0);
    scheduler.nudge("fake:r1", "succeeded", snap("succeeded"));
    await clock.advance(0);
    expect(done.value?.state).toBe("succeeded");
    const seen = events.length;
    late[0]?.(result("running"));
    await clock.advance(600_000);
    expect(events.length).toBe(seen);
    expect(updates).toEqual(["succeeded"]);
    expect(calls).toHaveLength(1);
    expect(scheduler.inFlight("fake")).toBe(0);
  });

  it("a retryable failure arriving after the deadline is not retried", async () => {
    const { clock, provider, calls, events, opts } = setup();
    const late: ((e: Error) => void)[] = [];
    provider.get = () => new Promise<PollResult>((_, no) => late.push(no));
    const done = observe(waitForRun(provider, ["r1"], opts({ timeout: 5000 })));
    await clock.advance(5000);
    expect((done.error as Error).name).toBe("TimeoutError");
    const seen = events.length;
    late[0]?.(new TransportError("fake", "socket hang up"));
    await clock.advance(600_000);
    expect(events.length).toBe(seen);
    expect(calls).toHaveLength(0);
  });

  it("an onUpdate that aborts the wait on the terminal run ends it once, as aborted", async () => {
    const { clock, provider, events, opts } = setup(() => result("succeeded"));
    const ac = new AbortController();
    const done = observe(waitForRun(provider, ["r1"], opts({ signal: ac.signal, onUpdate: () => ac.abort() })));
    await clock.advance(0);
    expect(done.error).toBeInstanceOf(AbortError);
    expect(events.filter((e) => e.type === "end").map((e) => e.type === "end" && e.reason)).toEqual(["error"]);
  });

  it("watchRun left before it started, or with snapshots still queued, is done at once", async () => {
    const { clock, calls, provider, opts } = setup((n) => result("running", { providerStatus: `s${n}` }));
    const never = watchRun(provider, ["r1"], opts())[Symbol.asyncIterator]();
    await expect(never.return?.()).resolves.toEqual({ value: undefined, done: true });
    await clock.advance(60_000);
    expect(calls).toHaveLength(0);
    const it = watchRun(provider, ["r1"], opts({ policy: every(1000) }))[Symbol.asyncIterator]();
    const first = it.next();
    await clock.advance(0);
    await first;
    await clock.advance(5000);
    await it.return?.();
    await expect(it.next()).resolves.toEqual({ value: undefined, done: true });
  });
});

describe("the wait's pace", () => {
  it("a request in flight holds no timer when the wait has no deadline", async () => {
    const { clock, scheduler, provider, opts } = setup(() => "hang");
    void waitForRun(provider, ["r1"], opts()).catch(() => {});
    await clock.advance(0);
    expect([scheduler.size, scheduler.armed, clock.pending]).toEqual([0, false, 0]);
  });

  it("a hint equal to the planned delay is no hint event; a longer one is", async () => {
    const { clock, events, provider, opts } = setup((n) => result("running", { retryAfterMs: n === 0 ? 4000 : 4001 }));
    void waitForRun(provider, ["r1"], opts({ policy: every(4000), timeout: 8001 })).catch(() => {});
    await clock.runAll(10_000);
    expect(events.filter((e) => e.type === "hint").map((e) => e.type === "hint" && e.delayMs)).toEqual([4001]);
  });

  it("a custom policy without an end hook still ends", async () => {
    const { clock, provider, opts } = setup((n) => result(n < 2 ? "running" : "succeeded"));
    const done = waitForRun(provider, ["r1"], opts({ policy: every(1000) }));
    await clock.runAll(60_000);
    await expect(done).resolves.toMatchObject({ state: "succeeded" });
  });

  it("a nudge during a request that fails is spent by the retry: the answer after it keeps the schedule", async () => {
    const { clock, scheduler, provider, calls, opts } = setup();
    let fail: (e: Error) => void = () => {};
    provider.get = (_ids, ctx) => {
      calls.push({ at: clock.now(), signal: ctx?.signal });
      if (calls.length !== 2) return Promise.resolve(result("running"));
      return new Promise<PollResult>((_, no) => {
        fail = no;
      });
    };
    void waitForRun(provider, ["r1"], opts({ policy: every(10_000), timeout: 40_000 })).catch(() => {});
    await clock.advance(10_000);
    expect(calls).toHaveLength(2);
    scheduler.nudge("fake:r1");
    fail(new TransportError("fake", "reset"));
    await clock.advance(0);
    expect(calls).toHaveLength(2);
    await clock.advance(1000);
    expect(calls.map((c) => c.at)).toEqual([0, 10_000, 11_000]);
    await clock.advance(9999);
    expect(calls).toHaveLength(3);
    await clock.advance(1);
    expect(calls.map((c) => c.at)).toEqual([0, 10_000, 11_000, 21_000]);
  });

  it("a run whose adapter answers null fails with an InvalidResponseError", async () => {
    const { clock, provider, opts } = setup(() => ({ run: null }) as unknown as PollResult);
    const done = observe(waitForRun(provider, ["r1"], opts()));
    await clock.runAll(1000);
    expect(done.error).toBeInstanceOf(InvalidResponseError);
  });

  it("a status the mapping does not know polls at its own pace even while webhooks are relied on", async () => {
    const { clock, scheduler, provider, calls, opts } = setup(() => result("unknown", { providerStatus: "odd" }));
    for (let i = 0; i < 5; i++) scheduler.push.record("fake:wf", true);
    const done = observe(
      waitForRun(provider, ["r1"], opts({ target: "wf", expectWebhook: true, maxUnknownPolls: 3, timeout: 3_600_000 })),
    );
    await clock.runAll(3_600_000);
    expect((done.error as Error).name).toBe("UnknownStateError");
    expect(calls).toHaveLength(4);
    expect(clock.now()).toBeLessThan(60_000);
  });

  it("runs ended by a verified webhook count as told by one: the next wait of the target sleeps on the safety schedule", async () => {
    const { clock, scheduler, provider, calls, opts } = setup();
    const o = opts({ target: "wf", expectWebhook: true, safetyInterval: 600_000 });
    for (const id of ["r1", "r2", "r3"]) {
      const done = waitForRun(provider, [id], o);
      await clock.advance(0);
      scheduler.nudge(`fake:${id}`, "succeeded", snap("succeeded"));
      await done;
    }
    const from = calls.length;
    void waitForRun(provider, ["r4"], o).catch(() => {});
    await clock.advance(599_000);
    expect(calls.length - from).toBe(1);
  });
});

describe("budgets and in-flight slots", () => {
  it("a refusal whose retry time has passed polls again at once, reporting no delay", async () => {
    const clock = new FakeClock();
    const asked: number[] = [];
    const store: BudgetStore = {
      acquire: (_b, now): BudgetGrant => {
        asked.push(now);
        return asked.length === 1
          ? { ok: false, retryAt: now - 500 }
          : { ok: true, ticket: { key: "k", windowMs: 1000, sentAt: now } };
      },
      record: () => {},
    };
    const scheduler = new Scheduler({ clock, budgets: store });
    const events: PollEvent[] = [];
    const { provider, calls } = fakeProvider(clock, () => result("succeeded"), {
      budget: { key: "k", limit: 1, windowMs: 1000 },
    });
    const done = waitForRun(provider, ["r1"], { clock, scheduler, onEvent: (e) => events.push(e) });
    await clock.advance(0);
    await done;
    expect(events.find((e) => e.type === "budget")).toMatchObject({ delayMs: 0 });
    expect([asked, calls.map((c) => c.at)]).toEqual([[0, 0], [0]]);
  });

  it("a wait that ends while its budget answer is pending gives back its in-flight slot", async () => {
    const clock = new FakeClock();
    const store: BudgetStore = { acquire: () => new Promise<BudgetGrant>(() => {}), record: () => {} };
    const scheduler = new Scheduler({ clock, budgets: store, maxInFlight: 1 });
    const { provider } = fakeProvider(clock, () => result("running"), { budget: { key: "k", limit: 1, windowMs: 1000 } });
    const ac = new AbortController();
    void waitForRun(provider, ["r1"], { clock, scheduler, signal: ac.signal }).catch(() => {});
    await clock.advance(0);
    expect(scheduler.inFlight("fake")).toBe(1);
    ac.abort();
    expect(scheduler.inFlight("fake")).toBe(0);
  });
});
