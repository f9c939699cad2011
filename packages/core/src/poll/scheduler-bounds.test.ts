import { describe, expect, it } from "vitest";
import { UsageError } from "../errors.js";
import type { PollResult } from "../types.js";
import { fakeProvider, result } from "./__fixtures__/fake-provider.js";
import { MemoryBudgetStore } from "./budget.js";
import { type Clock, FakeClock, realClock } from "./clock.js";
import { MemoryRunHistory } from "./schedule.js";
import { Scheduler, sharedScheduler, type Timed } from "./scheduler.js";
import { waitForRun } from "./wait.js";

/** A clock whose sleeps end only when the test says; it records each sleep asked for. */
class ManualClock implements Clock {
  t = 0;
  readonly sleeps: { ms: number; end: () => void; over: boolean }[] = [];
  now(): number {
    return this.t;
  }
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const s = {
        ms,
        over: false,
        end: () => {
          s.over = true;
          resolve();
        },
      };
      signal?.addEventListener("abort", () => {
        if (s.over) return;
        s.over = true;
        reject(signal.reason);
      });
      this.sleeps.push(s);
    });
  }
  /** Sleeps neither ended nor aborted. */
  get live() {
    return this.sleeps.filter((s) => !s.over);
  }
}

const entry = (at: number, log: number[] = []): Timed => ({ at, seq: 0, heapIndex: -1, fire: (now) => log.push(now) });
const flush = () => new Promise((r) => setImmediate(r));

/** A provider whose answers the test gives, one per request, in order. */
function heldProvider(clock: Clock, name = "held") {
  const { provider, calls } = fakeProvider(clock, () => "hang", { name });
  const answers: ((r: PollResult) => void)[] = [];
  provider.get = () => new Promise<PollResult>((r) => answers.push(r));
  return { provider, calls, answers, sent: () => answers.length };
}

describe("Scheduler options", () => {
  it("reject a cap below 1 or a spacing below 0, or anything not a finite number, naming the option", () => {
    for (const maxInFlight of [0, 0.5, -1, Number.NaN, Number.POSITIVE_INFINITY, "4" as never]) {
      expect(() => new Scheduler({ maxInFlight }), String(maxInFlight)).toThrow(UsageError);
      expect(() => new Scheduler({ maxInFlight }), String(maxInFlight)).toThrow(/`maxInFlight` must be a number ≥ 1/);
    }
    for (const startSpacing of [-0.1, Number.NaN, Number.POSITIVE_INFINITY, "1" as never]) {
      expect(() => new Scheduler({ startSpacing }), String(startSpacing)).toThrow(/`startSpacing` must be a number ≥ 0/);
    }
    expect(new Scheduler({ maxInFlight: 1, startSpacing: 0 }).maxInFlight).toBe(1);
    const s = new Scheduler();
    expect(() => {
      s.maxInFlight = Number.NaN;
    }).toThrow(UsageError);
    expect(s.maxInFlight).toBe(16);
  });

  it("default to the real clock, a memory budget store and history of their own", () => {
    const a = new Scheduler();
    const b = new Scheduler();
    expect(a.clock).toBe(realClock);
    expect(a.budgets).toBeInstanceOf(MemoryBudgetStore);
    expect(a.history).toBeInstanceOf(MemoryRunHistory);
    expect(a.budgets).not.toBe(b.budgets);
    expect(a.history).not.toBe(b.history);
    const clock = new FakeClock();
    const budgets = new MemoryBudgetStore();
    const history = new MemoryRunHistory();
    const c = new Scheduler({ clock, budgets, history });
    expect([c.clock, c.budgets, c.history]).toEqual([clock, budgets, history]);
  });
});

describe("Scheduler timing", () => {
  it("an entry added earlier than the armed one fires first, at its own time", async () => {
    const clock = new FakeClock();
    const s = new Scheduler({ clock });
    const log: number[] = [];
    s.add(entry(1000, log));
    s.add(entry(100, log));
    s.add(entry(100, log));
    await clock.advance(100);
    expect(log).toEqual([100, 100]);
    await clock.advance(900);
    expect(log).toEqual([100, 100, 1000]);
    expect(s.armed).toBe(false);
  });

  it("an entry added again moves to its new time and fires once; a dropped one never fires", async () => {
    const clock = new FakeClock();
    const s = new Scheduler({ clock });
    const moved: number[] = [];
    const dropped: number[] = [];
    const m = entry(100, moved);
    const d = entry(200, dropped);
    s.add(m);
    s.add(d);
    m.at = 300;
    s.add(m);
    expect(s.size).toBe(2);
    s.drop(d);
    s.drop(d);
    expect(s.size).toBe(1);
    await clock.runAll();
    expect([moved, dropped]).toEqual([[300], []]);
    expect([s.size, s.armed, clock.pending]).toEqual([0, false, 0]);
  });

  it("dropping the only entry disarms the clock at once", async () => {
    const clock = new FakeClock();
    const s = new Scheduler({ clock });
    const e = entry(5000);
    s.add(e);
    expect([s.armed, clock.pending]).toEqual([true, 1]);
    s.drop(e);
    await clock.advance(0);
    expect([s.armed, clock.pending]).toEqual([false, 0]);
  });

  it("entries an entry adds while firing are armed for after it", async () => {
    const clock = new FakeClock();
    const s = new Scheduler({ clock });
    const log: number[] = [];
    const chain: Timed = {
      at: 10,
      seq: 0,
      heapIndex: -1,
      fire: (now) => {
        log.push(now);
        if (log.length < 3) {
          chain.at = now + 10;
          s.add(chain);
        }
      },
    };
    s.add(chain);
    await clock.runAll();
    expect(log).toEqual([10, 20, 30]);
    expect(s.armed).toBe(false);
  });

  it("never asks the clock for a sleep past Node's timer limit, nor a negative one", async () => {
    const clock = new ManualClock();
    const s = new Scheduler({ clock });
    const log: number[] = [];
    s.add(entry(2 ** 40, log));
    expect(clock.sleeps.map((x) => x.ms)).toEqual([2 ** 31 - 1]);
    // Woken at the cap with nothing due, it sleeps again for what is left.
    clock.t = 2 ** 31 - 1;
    clock.live[0]?.end();
    await flush();
    expect(log).toEqual([]);
    expect(clock.live.map((x) => x.ms)).toEqual([2 ** 31 - 1]);
    clock.t = 2 ** 40 + 5;
    const late = entry(2 ** 40 - 1, log);
    s.add(late);
    expect(clock.live.map((x) => x.ms)).toEqual([0]);
    clock.live[0]?.end();
    await flush();
    expect(log).toEqual([2 ** 40 + 5, 2 ** 40 + 5]);
    expect(clock.live).toHaveLength(0);
  });

  it("keeps one clock sleep at most, even when an earlier entry comes as the armed sleep ends", async () => {
    const clock = new ManualClock();
    const s = new Scheduler({ clock });
    const log: number[] = [];
    s.add(entry(100, log));
    s.add(entry(50, log));
    expect(clock.live).toHaveLength(1);
    clock.t = 50;
    const ending = clock.live[0];
    ending?.end();
    // Before the ended sleep's callback runs, an entry due earlier arrives.
    s.add(entry(10, log));
    await flush();
    expect(clock.live).toHaveLength(1);
    clock.live[0]?.end();
    await flush();
    expect(log).toEqual([50, 50]);
    expect(clock.live).toHaveLength(1);
    clock.t = 100;
    clock.live[0]?.end();
    await flush();
    expect(log).toEqual([50, 50, 100]);
    expect([clock.live.length, s.armed]).toEqual([0, false]);
  });
});

describe("Scheduler in-flight cap", () => {
  it("is 16 per provider by default; each provider has its own", async () => {
    const clock = new FakeClock();
    const scheduler = new Scheduler({ clock, startSpacing: 0 });
    const a = heldProvider(clock, "a");
    const b = heldProvider(clock, "b");
    for (let i = 0; i < 20; i++) void waitForRun(a.provider, [`r${i}`], { clock, scheduler }).catch(() => {});
    for (let i = 0; i < 3; i++) void waitForRun(b.provider, [`r${i}`], { clock, scheduler }).catch(() => {});
    await clock.advance(0);
    expect([a.sent(), b.sent()]).toEqual([16, 3]);
    expect([scheduler.inFlight("a"), scheduler.inFlight("b"), scheduler.inFlight("none")]).toEqual([16, 3, 0]);
    for (const r of a.answers.slice(0, 2)) r(result("succeeded"));
    await clock.advance(0);
    expect(a.sent()).toBe(18);
    expect(scheduler.inFlight("a")).toBe(16);
  });

  it("raising it lets exactly that many more polls go at once; lowering it holds the line until requests drain below it", async () => {
    const clock = new FakeClock();
    const scheduler = new Scheduler({ clock, maxInFlight: 2, startSpacing: 0 });
    const h = heldProvider(clock);
    const waits = Array.from({ length: 8 }, (_, i) => waitForRun(h.provider, [`r${i}`], { clock, scheduler }));
    await clock.advance(0);
    expect(h.sent()).toBe(2);
    scheduler.maxInFlight = 4;
    await clock.advance(0);
    expect([h.sent(), scheduler.inFlight("held")]).toEqual([4, 4]);
    scheduler.maxInFlight = 2;
    // Four in flight, cap 2: the first two answers free no slot for the line, the third does.
    h.answers[0]?.(result("succeeded"));
    await clock.advance(0);
    expect(h.sent()).toBe(4);
    h.answers[1]?.(result("succeeded"));
    await clock.advance(0);
    expect(h.sent()).toBe(4);
    h.answers[2]?.(result("succeeded"));
    await clock.advance(0);
    expect([h.sent(), scheduler.inFlight("held")]).toEqual([5, 2]);
    for (let i = 3; i < 8; i++) {
      h.answers[i]?.(result("succeeded"));
      await clock.advance(0);
    }
    expect(h.sent()).toBe(8);
    await expect(Promise.all(waits)).resolves.toHaveLength(8);
    expect(scheduler.inFlight("held")).toBe(0);
  });

  it("raised above the line, it lets the whole line go and no more", async () => {
    const clock = new FakeClock();
    const scheduler = new Scheduler({ clock, maxInFlight: 1, startSpacing: 0 });
    const h = heldProvider(clock);
    const other = heldProvider(clock, "other");
    const waits = Array.from({ length: 3 }, (_, i) => waitForRun(h.provider, [`r${i}`], { clock, scheduler }));
    void waitForRun(other.provider, ["o1"], { clock, scheduler }).catch(() => {});
    await clock.advance(0);
    expect([h.sent(), other.sent()]).toEqual([1, 1]);
    scheduler.maxInFlight = 10;
    await clock.advance(0);
    expect([h.sent(), scheduler.inFlight("held"), scheduler.inFlight("other")]).toEqual([3, 3, 1]);
    for (const r of h.answers) r(result("succeeded"));
    await expect(Promise.all(waits)).resolves.toHaveLength(3);
    expect(() => {
      scheduler.maxInFlight = 0;
    }).toThrow("`maxInFlight` must be a number ≥ 1, got 0");
  });

  it("holds across answers with nobody in line: a request still in flight keeps its slot counted", async () => {
    const clock = new FakeClock();
    const scheduler = new Scheduler({ clock, maxInFlight: 2, startSpacing: 0 });
    const h = heldProvider(clock);
    void waitForRun(h.provider, ["a"], { clock, scheduler, minInterval: 1000, random: () => 0 }).catch(() => {});
    void waitForRun(h.provider, ["b"], { clock, scheduler }).catch(() => {});
    await clock.advance(0);
    expect(h.sent()).toBe(2);
    // a answers and polls again a second later; b is still in flight throughout.
    h.answers[0]?.(result("running"));
    await clock.advance(0);
    expect(scheduler.inFlight("held")).toBe(1);
    await clock.advance(1000);
    expect([h.sent(), scheduler.inFlight("held")]).toEqual([3, 2]);
    void waitForRun(h.provider, ["c"], { clock, scheduler }).catch(() => {});
    await clock.advance(0);
    expect([h.sent(), scheduler.inFlight("held")]).toEqual([3, 2]);
  });

  it("a wait that ends while in line gives up its place; the next in line gets the slot", async () => {
    const clock = new FakeClock();
    const scheduler = new Scheduler({ clock, maxInFlight: 1, startSpacing: 0 });
    const h = heldProvider(clock);
    const ac = new AbortController();
    const first = waitForRun(h.provider, ["r1"], { clock, scheduler });
    const quitter = waitForRun(h.provider, ["r2"], { clock, scheduler, signal: ac.signal }).catch((e: unknown) => e);
    const third = waitForRun(h.provider, ["r3"], { clock, scheduler });
    await clock.advance(0);
    expect(h.sent()).toBe(1);
    ac.abort();
    expect(((await quitter) as Error).name).toBe("AbortError");
    h.answers[0]?.(result("succeeded"));
    await clock.advance(0);
    expect([h.sent(), h.calls.length]).toEqual([2, 0]);
    h.answers[1]?.(result("succeeded"));
    await expect(Promise.all([first, third])).resolves.toHaveLength(2);
    expect(h.sent()).toBe(2);
    expect(scheduler.inFlight("held")).toBe(0);
  });
});

describe("Scheduler start spacing", () => {
  it("is 0.25 ms by default, and a wait started later than the spacing polls at once", async () => {
    const clock = new FakeClock();
    const scheduler = new Scheduler({ clock });
    const { provider, calls } = fakeProvider(clock, () => result("succeeded"));
    const waits = Array.from({ length: 4 }, (_, i) => waitForRun(provider, [`r${i}`], { clock, scheduler }));
    await clock.runAll();
    await Promise.all(waits);
    expect(calls.map((c) => c.at)).toEqual([0, 0.25, 0.5, 0.75]);
    await clock.advanceTo(5);
    const late = waitForRun(provider, ["late"], { clock, scheduler });
    await clock.runAll();
    await late;
    expect(calls.at(-1)?.at).toBe(5);
  });
});

describe("sharedScheduler", () => {
  it("is a real scheduler on the clock asked for, and the one a wait without its own uses", async () => {
    const clock = new FakeClock();
    const s = sharedScheduler(clock);
    expect(s).toBeInstanceOf(Scheduler);
    expect(s.clock).toBe(clock);
    expect(sharedScheduler()).toBeInstanceOf(Scheduler);
    expect(sharedScheduler().clock).toBe(realClock);
    const { provider } = fakeProvider(clock, (n) => result(n > 0 ? "succeeded" : "running"));
    const done = waitForRun(provider, ["r1"], { clock, random: () => 0 });
    await clock.advance(0);
    expect(s.size).toBe(1);
    await clock.runAll();
    await expect(done).resolves.toMatchObject({ state: "succeeded" });
    expect([s.size, s.armed]).toEqual([0, false]);
  });
});
