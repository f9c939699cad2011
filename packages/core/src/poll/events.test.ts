import { describe, expect, it } from "vitest";
import { ApiError, TransportError } from "../errors.js";
import { fakeProvider, progress, result } from "./__fixtures__/fake-provider.js";
import { waitSetup } from "./__fixtures__/wait-setup.js";
import { FakeClock } from "./clock.js";
import type { PollEvent } from "./events.js";
import { Scheduler } from "./scheduler.js";
import { waitAny, waitForRun, watchRun } from "./wait.js";

const SECRET = "sk-live-SECRET-0123456789";

const setup = waitSetup;

/** The events as short strings, for comparing sequences. */
const kinds = (events: readonly PollEvent[]) => events.map((e) => e.type);

function networkDown(): TransportError {
  // As fetch fails in Node: a TypeError whose cause is the system error.
  const raw = Object.assign(new TypeError("fetch failed"), {
    cause: Object.assign(new Error("connect"), { code: "ECONNREFUSED" }),
  });
  return new TransportError("fake", "network error (ECONNREFUSED): fetch failed", raw);
}

describe("onEvent", () => {
  it("reports poll, answer, state and end for a run that ends, with the ref, provider and clock time", async () => {
    const { clock, provider, events, opts } = setup((n) =>
      n === 0 ? result("queued") : n === 1 ? result("running", { progress: progress(1, 2) }) : result("succeeded"),
    );
    const done = waitForRun(provider, ["r1"], opts());
    await clock.runAll(60_000);
    await done;
    expect(kinds(events)).toEqual(["poll", "answer", "state", "poll", "answer", "state", "poll", "answer", "state", "end"]);
    for (const e of events) expect(e).toMatchObject({ ref: "fake:r1", provider: "fake" });
    expect(events.map((e) => e.at)).toEqual([...events.map((e) => e.at)].sort((a, b) => a - b));
    const states = events.filter((e) => e.type === "state");
    expect(states.map((e) => [e.from, e.to])).toEqual([
      [null, "queued"],
      ["queued", "running"],
      ["running", "succeeded"],
    ]);
    const polls = events.filter((e) => e.type === "poll");
    expect(polls.map((e) => [e.poll, e.attempt])).toEqual([
      [1, 1],
      [2, 1],
      [3, 1],
    ]);
    expect(events.at(-1)).toMatchObject({ type: "end", reason: "terminal", error: null, polls: 3, run: { state: "succeeded" } });
  });

  it("an answer without a change says so and sends no state event", async () => {
    const { clock, provider, events, opts } = setup((n) => (n < 2 ? result("running") : result("succeeded")));
    const done = waitForRun(provider, ["r1"], opts());
    await clock.runAll(60_000);
    await done;
    const answers = events.filter((e) => e.type === "answer");
    expect(answers.map((e) => e.changed)).toEqual([true, false, true]);
    expect(events.filter((e) => e.type === "state")).toHaveLength(2);
  });

  it("reports each retry with its cause, attempt, delay and hint, and the next poll as a further attempt", async () => {
    const errs = [
      networkDown(),
      new ApiError({ provider: "fake", status: 503, message: "unavailable", code: "UNAVAILABLE" }),
      new ApiError({ provider: "fake", status: 429, message: "slow down", retryAfterMs: 20_000 }),
    ];
    const { clock, provider, calls, events, opts } = setup((n) => errs[n] ?? result("succeeded"));
    const done = waitForRun(provider, ["r1"], opts());
    await clock.runAll(600_000);
    await done;
    const retries = events.filter((e) => e.type === "retry");
    expect(retries.map((e) => ({ ...e.cause, attempt: e.attempt, delayMs: e.delayMs, hintMs: e.hintMs }))).toEqual([
      { kind: "transport", status: null, code: null, errno: "ECONNREFUSED", attempt: 1, delayMs: 1000, hintMs: null },
      { kind: "api", status: 503, code: "UNAVAILABLE", errno: null, attempt: 2, delayMs: 2000, hintMs: null },
      { kind: "api", status: 429, code: null, errno: null, attempt: 3, delayMs: 20_000, hintMs: 20_000 },
    ]);
    for (const r of retries) expect(r.maxRetries).toBe(6);
    // Each retry event states when the next request goes: it goes then.
    for (const [i, r] of retries.entries()) expect((calls[i + 1]?.at ?? 0) - r.at).toBe(r.delayMs);
    const polls = events.filter((e) => e.type === "poll");
    expect(polls.map((e) => e.attempt)).toEqual([1, 2, 3, 4]);
    // The 429's hint was longer than the backoff (4 s): a hint event comes just before its retry event.
    const i429 = events.findIndex((e) => e.type === "retry" && e.cause.status === 429);
    expect(events[i429 - 1]).toMatchObject({ type: "hint", after: "error", hintMs: 20_000, delayMs: 20_000, plannedMs: 4000 });
  });

  it("reports a hint on a successful answer only when it made the next poll later", async () => {
    const { clock, provider, calls, events, opts } = setup((n) =>
      n === 0
        ? result("running", { retryAfterMs: 45_000 })
        : n === 1
          ? result("running", { retryAfterMs: 10 })
          : result("succeeded"),
    );
    const done = waitForRun(provider, ["r1"], opts());
    await clock.runAll(600_000);
    await done;
    const hints = events.filter((e) => e.type === "hint");
    expect(hints).toHaveLength(1);
    expect(hints[0]).toMatchObject({ after: "answer", hintMs: 45_000, delayMs: 45_000, plannedMs: 1000, at: 0 });
    expect(calls[1]?.at).toBe(45_000);
  });

  it("reports a rate-budget wait with the delay and the budget, and the poll goes when it says", async () => {
    const budget = { key: "k", limit: 1, windowMs: 10_000 };
    const { clock, provider, calls, events, opts } = setup((n) => (n < 2 ? result("running") : result("succeeded")), { budget });
    const done = waitForRun(provider, ["r1"], opts());
    await clock.runAll(600_000);
    await done;
    const waits = events.filter((e) => e.type === "budget");
    expect(waits.length).toBeGreaterThan(0);
    const first = waits[0] as Extract<PollEvent, { type: "budget" }>;
    expect(first).toMatchObject({ limit: 1, windowMs: 10_000 });
    expect(first.delayMs).toBeGreaterThan(8000);
    expect(calls[1]?.at).toBe(first.at + first.delayMs);
    expect(JSON.stringify(events)).not.toContain('"key"');
  });

  it("ends with reason error and the cause when the wait fails, and with reason stopped when the consumer leaves", async () => {
    const fatal = setup(() => new ApiError({ provider: "fake", status: 404, message: "no such run" }));
    const failed = waitForRun(fatal.provider, ["r1"], fatal.opts()).catch((e: unknown) => e);
    await fatal.clock.runAll(60_000);
    await failed;
    expect(fatal.events.at(-1)).toMatchObject({
      type: "end",
      reason: "error",
      run: null,
      polls: 1,
      error: { kind: "api", status: 404 },
    });
    expect(kinds(fatal.events)).toEqual(["poll", "end"]);

    const timed = setup(() => result("running"));
    const late = waitForRun(timed.provider, ["r1"], timed.opts({ timeout: 5000 })).catch((e: unknown) => e);
    await timed.clock.runAll(60_000);
    await late;
    expect(timed.events.at(-1)).toMatchObject({
      type: "end",
      reason: "error",
      error: { kind: "timeout" },
      run: { state: "running" },
    });

    const left = setup(() => result("running"));
    const watching = (async () => {
      for await (const _run of watchRun(left.provider, ["r1"], left.opts())) break;
    })();
    await left.clock.runAll(60_000);
    await watching;
    expect(left.events.at(-1)).toMatchObject({ type: "end", reason: "stopped", error: null });
  });

  it("in a group, each wait reports under its own ref; the ones waitAny stops end as stopped", async () => {
    const clock = new FakeClock();
    const scheduler = new Scheduler({ clock });
    const events: PollEvent[] = [];
    const fast = fakeProvider(clock, (n) => (n < 1 ? result("running") : result("succeeded")), { name: "fast" }).provider;
    const slow = fakeProvider(clock, () => result("running"), { name: "slow" }).provider;
    const done = waitAny(
      [
        { provider: fast, ids: ["a"] },
        { provider: slow, ids: ["b"] },
      ],
      { clock, scheduler, random: () => 0, onEvent: (e) => events.push(e) },
    );
    await clock.runAll(60_000);
    await done;
    const ends = events.filter((e) => e.type === "end").map((e) => [e.ref, e.reason]);
    expect(ends).toEqual([
      ["fast:a", "terminal"],
      ["slow:b", "stopped"],
    ]);
  });

  it("never carries a secret: no adapter, no error message, no raw cause", async () => {
    const leaky = [
      new ApiError({ provider: "fake", status: 503, message: `upstream said key=${SECRET}`, code: "E503", excerpt: SECRET }),
      new TransportError("fake", `network error: ${SECRET}`, new Error(SECRET)),
      new ApiError({ provider: "fake", status: 401, message: `bad key ${SECRET}` }),
    ];
    const { clock, provider, events, opts } = setup((n) => (n === 0 ? result("running") : (leaky[n - 1] as Error)));
    expect(provider.secretField).toBe(SECRET);
    const done = waitForRun(provider, ["r1"], opts()).catch((e: unknown) => e);
    await clock.runAll(600_000);
    expect(((await done) as Error).message).toContain(SECRET); // the errors did carry it
    expect(kinds(events)).toContain("retry");
    expect(events.at(-1)).toMatchObject({ type: "end", reason: "error", error: { status: 401 } });
    expect(JSON.stringify(events)).not.toContain(SECRET);
    for (const e of events) for (const v of Object.values(e)) expect(v instanceof Error).toBe(false);
  });

  it("a listener that throws does not disturb the wait", async () => {
    const { clock, provider, opts } = setup((n) => (n < 1 ? result("running") : result("succeeded")));
    const thrown: unknown[] = [];
    const realQueue = globalThis.queueMicrotask;
    globalThis.queueMicrotask = (fn) =>
      realQueue(() => {
        try {
          fn();
        } catch (e) {
          thrown.push(e);
        }
      });
    try {
      const done = waitForRun(
        provider,
        ["r1"],
        opts({
          onEvent: () => {
            throw new Error("listener bug");
          },
        }),
      );
      await clock.runAll(60_000);
      expect((await done).state).toBe("succeeded");
    } finally {
      globalThis.queueMicrotask = realQueue;
    }
    expect(thrown.length).toBeGreaterThan(0);
    expect((thrown[0] as Error).message).toBe("listener bug");
  });

  it("rejects an onEvent that is not a function with a UsageError", async () => {
    const { provider, opts } = setup(() => result("running"));
    await expect(waitForRun(provider, ["r1"], opts({ onEvent: 1 as never }))).rejects.toThrow(/`onEvent` must be a function/);
  });
});
