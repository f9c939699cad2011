import { describe, expect, it } from "vitest";
import type { Run, RunState } from "../types.js";
import { type Nudgeable, PushRegistry } from "./push.js";

/** A wait that records what the registry told it. */
function waiter() {
  const told: { state: RunState | null; run: Run | null }[] = [];
  let degraded = 0;
  const w: Nudgeable = {
    nudge: (state, run) => told.push({ state, run }),
    degrade: () => degraded++,
  };
  return { w, told, degraded: () => degraded };
}

const recordAll = (p: PushRegistry, target: string, runs: readonly boolean[]) => {
  for (const byWebhook of runs) p.record(target, byWebhook);
};
const T = true;
const F = false;

describe("PushRegistry: webhooks reach every wait on their run", () => {
  it("two waits on one run are both nudged; a wait that left is not", () => {
    const p = new PushRegistry();
    const [a, b] = [waiter(), waiter()];
    p.watch("x:r1", "x:t", a.w);
    p.watch("x:r1", "x:t", b.w);
    expect(p.nudge("x:r1", "succeeded")).toBe(2);
    expect([a.told, b.told]).toEqual([[{ state: "succeeded", run: null }], [{ state: "succeeded", run: null }]]);
    p.unwatch("x:r1", "x:t", a.w);
    expect(p.nudge("x:r1")).toBe(1);
    expect([a.told.length, b.told.length]).toEqual([1, 2]);
    p.unwatch("x:r1", "x:t", b.w);
    p.unwatch("x:r1", "x:t", b.w);
    expect(p.nudge("x:r1")).toBe(0);
  });

  it("a wait that leaves while being nudged does not stop the others being told", () => {
    const p = new PushRegistry();
    const got: string[] = [];
    const mk = (name: string): Nudgeable => {
      const w: Nudgeable = {
        nudge: () => {
          got.push(name);
          p.unwatch("x:r1", "x:t", w);
        },
        degrade: () => {},
      };
      return w;
    };
    for (const n of ["a", "b", "c"]) p.watch("x:r1", "x:t", mk(n));
    expect(p.nudge("x:r1")).toBe(3);
    expect(got).toEqual(["a", "b", "c"]);
    expect(p.nudge("x:r1")).toBe(0);
  });
});

describe("PushRegistry: when webhooks count as reliable", () => {
  it("after exactly three runs told by a webhook, not two", () => {
    const p = new PushRegistry();
    recordAll(p, "x:t", [T, T]);
    expect(p.reliable("x:t")).toBe(false);
    p.record("x:t", T);
    expect(p.reliable("x:t")).toBe(true);
    expect(p.reliable("x:other")).toBe(false);
  });

  it("while at least 80 % of recent runs were told: 4 of 5 is enough, 3 of 4 is not", () => {
    const p = new PushRegistry();
    recordAll(p, "x:a", [T, T, T, F, T]);
    expect(p.reliable("x:a")).toBe(true);
    recordAll(p, "x:b", [T, T, T, F]);
    expect(p.reliable("x:b")).toBe(false);
  });

  it("judges the last 20 runs only", () => {
    const p = new PushRegistry();
    // 16 told of the last 20 (80 %): reliable; a lost run 21 back no longer counts.
    recordAll(p, "x:a", [F, F, F, F, F, ...Array(16).fill(T)]);
    expect(p.reliable("x:a")).toBe(true);
    // Ten lost runs long ago are forgotten once 20 told ones follow.
    recordAll(p, "x:b", [...Array(10).fill(F), ...Array(20).fill(T)]);
    expect(p.reliable("x:b")).toBe(true);
    // A window of 20, not 19: the told run 20 back still counts.
    recordAll(p, "x:c", [T, F, F, F, F, ...Array(15).fill(T)]);
    expect(p.reliable("x:c")).toBe(true);
  });

  it("remembers at most 1000 targets, forgetting the one used longest ago", () => {
    const p = new PushRegistry();
    recordAll(p, "x:old", [T, T, T]);
    recordAll(p, "x:kept", [T, T, T]);
    for (let i = 0; i < 997; i++) p.record(`x:t${i}`, T);
    // 999 targets so far; using x:old again makes x:kept the one used longest ago.
    p.record("x:old", T);
    p.record("x:new1", T);
    expect([p.reliable("x:old"), p.reliable("x:kept")]).toEqual([true, true]);
    p.record("x:new2", T);
    expect([p.reliable("x:old"), p.reliable("x:kept")]).toEqual([true, false]);
  });
});

describe("PushRegistry: losing webhooks wakes the waits that rely on them", () => {
  it("degrades the waits of the target once, when it stops being reliable, and no one else", () => {
    const p = new PushRegistry();
    const [a, b, other] = [waiter(), waiter(), waiter()];
    p.watch("x:r1", "x:t", a.w);
    p.watch("x:r2", "x:t", b.w);
    p.watch("y:r1", "y:t", other.w);
    recordAll(p, "y:t", [T, T, T]);
    // Not yet reliable: a lost run changes nothing to wake.
    recordAll(p, "x:t", [T, T, F]);
    expect(a.degraded()).toBe(0);
    recordAll(p, "x:t", Array(7).fill(T));
    expect(p.reliable("x:t")).toBe(true);
    // 9 told of 11, then 9 of 12: the second loss makes it unreliable.
    p.record("x:t", F);
    expect(p.reliable("x:t")).toBe(true);
    expect(a.degraded()).toBe(0);
    p.record("x:t", F);
    expect(p.reliable("x:t")).toBe(false);
    expect([a.degraded(), b.degraded(), other.degraded()]).toEqual([1, 1, 0]);
    // Still unreliable: no second wake.
    p.record("x:t", F);
    expect(a.degraded()).toBe(1);
  });

  it("a target nobody waits on can become unreliable", () => {
    const p = new PushRegistry();
    recordAll(p, "x:t", [T, T, T, F, F]);
    expect(p.reliable("x:t")).toBe(false);
  });
});
