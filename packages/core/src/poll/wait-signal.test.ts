import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { AbortError } from "../errors.js";
import { fakeProvider, result } from "./__fixtures__/fake-provider.js";
import { FakeClock } from "./clock.js";
import { Scheduler } from "./scheduler.js";
import { waitForRun } from "./wait.js";

const settle = <T>(p: Promise<T>) =>
  p.then(
    (value) => ({ value, error: undefined }),
    (error: unknown) => ({ value: undefined, error }),
  );

describe("waits on a long-lived shared signal", () => {
  it("release their abort listener when they end, so the signal holds nothing of finished waits", async () => {
    const clock = new FakeClock();
    const scheduler = new Scheduler({ clock });
    const ac = new AbortController();
    // Run i succeeds at its (i + 1)-th poll.
    const fakes = Array.from({ length: 5 }, (_, i) => fakeProvider(clock, (n) => result(n > i ? "succeeded" : "running")));
    const waits = fakes.map((f) =>
      settle(waitForRun(f.provider, ["r1"], { clock, scheduler, signal: ac.signal, random: () => 0 })),
    );
    await clock.advance(1);
    expect(getEventListeners(ac.signal, "abort").length).toBeGreaterThan(0);
    await clock.advance(600_000);
    const done = await Promise.all(waits);
    expect(done.map((d) => d.value?.state)).toEqual(Array(5).fill("succeeded"));
    expect(getEventListeners(ac.signal, "abort")).toHaveLength(0);
  });

  it("while one wait has ended, the signal still stops the others", async () => {
    const clock = new FakeClock();
    const scheduler = new Scheduler({ clock });
    const ac = new AbortController();
    const quick = fakeProvider(clock, () => result("succeeded"));
    const slow = fakeProvider(clock, () => result("running"));
    const first = settle(waitForRun(quick.provider, ["r1"], { clock, scheduler, signal: ac.signal, random: () => 0 }));
    const second = settle(waitForRun(slow.provider, ["r2"], { clock, scheduler, signal: ac.signal, random: () => 0 }));
    await clock.advance(5_000);
    expect((await first).value?.state).toBe("succeeded");
    ac.abort();
    expect((await second).error).toBeInstanceOf(AbortError);
    expect(getEventListeners(ac.signal, "abort")).toHaveLength(0);
  });
});
