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
  it("relies on webhooks once a few runs were told by one, and falls back when they stop", async () => {
    const { clock, scheduler, provider, calls, box, opts } = setup();
    const o = opts({ expectWebhook: true, safetyInterval: 600_000 });
    // One run of the target: poll at once, then at the given time the run ends, told or not by a webhook.
    const runOnce = async (id: string, endAfter: number, told: boolean) => {
      box.state = "running";
      const from = calls.length;
      const done = waitForRun(provider, [id], o);
      await clock.advance(endAfter);
      box.state = "succeeded";
      if (told) scheduler.nudge(`fake:${id}`, "succeeded");
      await clock.advance(told ? 0 : 600_000);
      await done;
      return calls.slice(from);
    };
    // No run told yet: the normal schedule (gaps of at most maxInterval).
    const first = await runOnce("r1", 120_000, true);
    expect(Math.max(...gaps(first))).toBeLessThanOrEqual(30_000);
    await runOnce("r2", 10_000, true);
    await runOnce("r3", 10_000, true);
    // Three runs told by their webhook: the next wait polls once, then sleeps on the safety schedule.
    const relied = await runOnce("r4", 120_000, true);
    expect(relied).toHaveLength(2);
    // A run whose webhook never comes ends at its safety poll; then 3 of 5 told is too few and the
    // waits sleeping on the safety schedule are woken onto the normal one.
    box.state = "running";
    const sleeping = waitForRun(provider, ["r6"], o);
    await clock.advance(0);
    const lost = await runOnce("r5", 60_000, false);
    // r5's end was seen by its safety poll ten minutes on; r6, asleep on the same schedule, was
    // woken by that and polled at once.
    expect(lost).toHaveLength(3);
    expect((lost[1]?.at ?? 0) - (lost[0]?.at ?? 0)).toBeGreaterThanOrEqual(599_999);
    expect((lost[2]?.at ?? 0) - (lost[1]?.at ?? 0)).toBeLessThan(1);
    await expect(sleeping).resolves.toMatchObject({ state: "succeeded" });
    // And the next wait of the target is back on the normal schedule.
    const after = await runOnce("r7", 120_000, true);
    expect(Math.max(...gaps(after))).toBeLessThanOrEqual(30_000);
  });

  it("checks its options", async () => {
    const { provider, opts } = setup();
    await expect(waitForRun(provider, ["r1"], opts({ expectWebhook: "yes" as never }))).rejects.toThrow(UsageError);
    await expect(waitForRun(provider, ["r1"], opts({ safetyInterval: 10 }))).rejects.toThrow(/safetyInterval/);
  });
});
