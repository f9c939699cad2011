import { afterEach, describe, expect, it, vi } from "vitest";
import { fakeProvider, result } from "./__fixtures__/fake-provider.js";
import { FakeClock, realClock } from "./clock.js";
import { Scheduler, sharedScheduler, type Timed } from "./scheduler.js";
import { waitForRun } from "./wait.js";

const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;
/**
 * Counts the real timers armed from here on that have neither fired nor been cleared. Timers other
 * test files left behind in this process are not counted, so the count is the code under test's.
 */
function trackTimers(): () => number {
  const live = new Set<unknown>();
  vi.spyOn(globalThis, "setTimeout").mockImplementation(((fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const t = realSetTimeout(() => {
      live.delete(t);
      fn(...args);
    }, ms);
    live.add(t);
    return t;
  }) as typeof setTimeout);
  vi.spyOn(globalThis, "clearTimeout").mockImplementation(((t: Parameters<typeof clearTimeout>[0]) => {
    live.delete(t);
    realClearTimeout(t);
  }) as typeof clearTimeout);
  return () => live.size;
}
afterEach(() => {
  vi.restoreAllMocks();
});

describe("Scheduler", () => {
  it("runs entries in time order from one armed sleep", async () => {
    const clock = new FakeClock();
    const s = new Scheduler({ clock });
    const log: number[] = [];
    const mk = (at: number): Timed => ({ at, seq: 0, heapIndex: -1, fire: (now) => log.push(now) });
    for (const at of [300, 100, 200]) s.add(mk(at));
    expect(clock.pending).toBe(1);
    await clock.runAll();
    expect(log).toEqual([100, 200, 300]);
    expect([s.size, s.armed, clock.pending]).toEqual([0, false, 0]);
  });

  it("handles thousands of entries due together in slices, not one long task", async () => {
    const clock = new FakeClock();
    const s = new Scheduler({ clock });
    let fired = 0;
    for (let i = 0; i < 5000; i++) s.add({ at: 0, seq: 0, heapIndex: -1, fire: () => fired++ });
    await clock.advance(0);
    expect(fired).toBe(5000);
  });

  it("yields to the event loop while many due entries each take real time", async () => {
    const s = new Scheduler();
    let fired = 0;
    let firedWhenOtherWorkRan = -1;
    const busy = () => {
      const end = performance.now() + 0.2;
      while (performance.now() < end);
    };
    const all = new Promise<void>((done) => {
      for (let i = 0; i < 200; i++) {
        s.add({
          at: 0,
          seq: 0,
          heapIndex: -1,
          fire: () => {
            busy();
            if (++fired === 1) setImmediate(() => (firedWhenOtherWorkRan = fired));
            if (fired === 200) done();
          },
        });
      }
    });
    await all;
    // Other work got a turn after a slice, long before the 200 entries (about 40 ms of work) were done.
    expect(firedWhenOtherWorkRan).toBeGreaterThan(0);
    expect(firedWhenOtherWorkRan).toBeLessThan(200);
  });

  it("one shared scheduler per clock", () => {
    const clock = new FakeClock();
    expect(sharedScheduler(clock)).toBe(sharedScheduler(clock));
    expect(sharedScheduler()).toBe(sharedScheduler(realClock));
    expect(sharedScheduler(clock)).not.toBe(sharedScheduler());
  });

  it("with the real clock, a pending wait holds a timer and the last wait ending leaves none", async () => {
    const s = new Scheduler();
    const timers = trackTimers();
    const { provider } = fakeProvider(realClock, (n) => (n < 2 ? result("running") : result("succeeded")));
    const p = waitForRun(provider, ["r1"], { scheduler: s, minInterval: 20, maxInterval: 40 });
    await new Promise((r) => realSetTimeout(r, 5));
    expect(timers()).toBeGreaterThan(0);
    expect((await p).state).toBe("succeeded");
    expect([s.size, s.armed]).toEqual([0, false]);
    expect(timers()).toBe(0);
  });

  it("with the real clock, an earlier entry re-arms one timer in place of the later one", async () => {
    const s = new Scheduler();
    const timers = trackTimers();
    const log: string[] = [];
    const now = realClock.now();
    const late: Timed = { at: now + 60_000, seq: 0, heapIndex: -1, fire: () => log.push("late") };
    const soon: Timed = { at: now + 5, seq: 0, heapIndex: -1, fire: () => log.push("soon") };
    s.add(late);
    s.add(soon);
    expect(timers()).toBe(1);
    await new Promise((r) => realSetTimeout(r, 30));
    expect(log).toEqual(["soon"]);
    // Re-armed for the late entry: still one timer, and none once it is dropped.
    expect(timers()).toBe(1);
    s.drop(late);
    expect([s.size, s.armed, timers()]).toEqual([0, false, 0]);
  });
});
