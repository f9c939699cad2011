import { describe, expect, it } from "vitest";
import { UsageError } from "../errors.js";
import type { PollResult } from "../types.js";
import { fakeProvider, gaps, result, snap } from "./__fixtures__/fake-provider.js";
import { FakeClock } from "./clock.js";
import { MemoryRunHistory } from "./schedule.js";
import { Scheduler } from "./scheduler.js";
import { type PollOptions, waitForRun } from "./wait.js";

type State = "running" | "succeeded";

function setup() {
  const clock = new FakeClock();
  const scheduler = new Scheduler({ clock });
  const box: { state: State; hint?: number } = { state: "running" };
  const { provider, calls } = fakeProvider(clock, () => result(box.state, box.hint ? { retryAfterMs: box.hint } : {}));
  const opts = (o: PollOptions = {}): PollOptions => ({
    clock,
    scheduler,
    history: new MemoryRunHistory(),
    random: () => 0,
    minInterval: 1000,
    maxInterval: 30_000,
    ...o,
  });
  return { clock, scheduler, provider, calls, box, opts };
}

describe("nudges", () => {
  it("a nudge polls at once; one saying the run still runs does not", async () => {
    const { clock, scheduler, provider, calls, box, opts } = setup();
    const done = waitForRun(provider, ["r1"], opts());
    await clock.advance(0);
    expect(calls).toHaveLength(1);
    expect(scheduler.nudge("fake:r1", "running")).toBe(1);
    await clock.advance(0);
    expect(calls).toHaveLength(1);
    box.state = "succeeded";
    await clock.advance(10);
    expect(scheduler.nudge("fake:r1")).toBe(1);
    await clock.advance(0);
    await expect(done).resolves.toMatchObject({ state: "succeeded" });
    expect(calls.map((c) => c.at)).toEqual([0, 10]);
    expect(scheduler.nudge("fake:r1")).toBe(0);
  });

  it("a nudge during a request in flight polls again right after its answer", async () => {
    const { clock, scheduler, provider, opts } = setup();
    const answers: ((r: PollResult) => void)[] = [];
    const at: number[] = [];
    provider.get = () => {
      at.push(clock.now());
      return new Promise<PollResult>((r) => answers.push(r));
    };
    const done = waitForRun(provider, ["r1"], opts());
    await clock.advance(0);
    expect(at).toEqual([0]);
    scheduler.nudge("fake:r1", "succeeded");
    await clock.advance(100);
    // The answer in flight was read before the run ended: the wait asks again at once.
    answers.shift()?.(result("running"));
    await clock.advance(0);
    expect(at).toEqual([0, 100]);
    answers.shift()?.(result("succeeded"));
    await expect(done).resolves.toMatchObject({ state: "succeeded" });
  });

  it("never polls before a server hint allows it, nudge or not", async () => {
    const { clock, scheduler, provider, calls, box, opts } = setup();
    box.hint = 5000;
    const done = waitForRun(provider, ["r1"], opts());
    await clock.advance(0);
    box.state = "succeeded";
    scheduler.nudge("fake:r1", "succeeded");
    await clock.advance(4999);
    expect(calls).toHaveLength(1);
    await clock.advance(1);
    await expect(done).resolves.toMatchObject({ state: "succeeded" });
    expect(calls.map((c) => c.at)).toEqual([0, 5000]);
  });

  it("a verified terminal run ends the wait without a poll", async () => {
    const { clock, scheduler, provider, calls, opts } = setup();
    const done = waitForRun(provider, ["r1"], opts());
    await clock.advance(0);
    expect(scheduler.nudge("fake:r1", "succeeded", snap("succeeded"))).toBe(1);
    await expect(done).resolves.toMatchObject({ state: "succeeded" });
    expect(calls).toHaveLength(1);
  });
});

describe("safety schedule", () => {
  it("sleeps longer while a wait expects webhooks, and falls back once runs end without them", async () => {
    const { clock, provider, calls, box, opts } = setup();
    const o = opts({ expectWebhook: true, safetyInterval: 600_000 });
    const normal = setup();
    const n = waitForRun(normal.provider, ["r1"], normal.opts());
    const w = waitForRun(provider, ["r1"], o);
    await clock.advance(600_000);
    await normal.clock.advance(600_000);
    box.state = "succeeded";
    normal.box.state = "succeeded";
    await clock.advance(600_000);
    await normal.clock.advance(600_000);
    await Promise.all([n, w]);
    expect(calls.length).toBeLessThan(normal.calls.length / 5);
    // That run ended without its webhook: the next wait of the target polls on the normal schedule.
    box.state = "running";
    const calls0 = calls.length;
    const again = waitForRun(provider, ["r2"], o);
    await clock.advance(120_000);
    const second = calls.slice(calls0);
    expect(Math.max(...gaps(second))).toBeLessThanOrEqual(30_000);
    box.state = "succeeded";
    await clock.advance(60_000);
    await again;
  });

  it("checks its options", async () => {
    const { provider, opts } = setup();
    await expect(waitForRun(provider, ["r1"], opts({ expectWebhook: "yes" as never }))).rejects.toThrow(UsageError);
    await expect(waitForRun(provider, ["r1"], opts({ safetyInterval: 10 }))).rejects.toThrow(/safetyInterval/);
  });
});
