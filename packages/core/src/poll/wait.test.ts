import { describe, expect, it } from "vitest";
import {
  AbortError,
  ApiError,
  InvalidResponseError,
  RunStatusError,
  TimeoutError,
  TransportError,
  UnknownStateError,
  UsageError,
} from "../errors.js";
import type { Run } from "../types.js";
import { type Answer, fakeProvider, gaps, progress, result, seeded, stepsTimeline } from "./__fixtures__/fake-provider.js";
import { FakeClock } from "./clock.js";
import { MemoryRunHistory } from "./schedule.js";
import { Scheduler } from "./scheduler.js";
import { type PollOptions, waitAll, waitAny, waitForRun, watchRun } from "./wait.js";

function setup(answer: (n: number, now: number) => Answer, extra: Parameters<typeof fakeProvider>[2] = {}) {
  const clock = new FakeClock();
  const scheduler = new Scheduler({ clock });
  const { provider, calls } = fakeProvider(clock, answer, extra);
  const history = new MemoryRunHistory();
  const opts = (o: PollOptions = {}): PollOptions => ({ clock, scheduler, history, random: () => 0, ...o });
  return { clock, scheduler, provider, calls, opts };
}

function settle<T>(p: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  return p.then(
    (value) => ({ value }),
    (error) => ({ error }),
  );
}

const running = () => result("running");
const apiError = (status: number, extra: Partial<ConstructorParameters<typeof ApiError>[0]> = {}) =>
  new ApiError({
    provider: "fake",
    status,
    message: `status ${status}`,
    code: `E${status}`,
    requestId: `req-${status}`,
    ...extra,
  });

describe("waitForRun: schedule", () => {
  it("sends the first poll at once and resolves with the terminal run", async () => {
    const { clock, provider, calls, opts } = setup((n) => (n < 2 ? running() : result("succeeded")));
    const out = settle(waitForRun(provider, ["r1"], opts()));
    await clock.runAll(60_000);
    const { value } = await out;
    expect(calls[0]?.at).toBe(0);
    expect(value?.state).toBe("succeeded");
    expect(calls).toHaveLength(3);
  });

  it("with nothing learned yet, gaps start at the floor, never exceed the run's age, and grow to the cap", async () => {
    const { clock, provider, calls, opts } = setup(running);
    const out = settle(waitForRun(provider, ["r1"], opts({ timeout: 600_000 })));
    await clock.runAll();
    expect((await out).error).toBeInstanceOf(TimeoutError);
    const g = gaps(calls);
    expect(g.slice(0, 4)).toEqual([1000, 2000, 4000, 8000]);
    for (const [i, d] of g.entries()) expect(d).toBeLessThanOrEqual(Math.min(30_000, 1000 + (calls[i]?.at ?? 0)));
    expect(g.every((d, i) => i === 0 || d >= (g[i - 1] as number) - 1e-6)).toBe(true);
    expect(g.slice(-3).map(Math.round)).toEqual([30_000, 30_000, 30_000]);
  });

  it("jitters every delay, including at the cap, and keeps each within floor and cap", async () => {
    const { clock, provider, calls, opts } = setup(running);
    const out = settle(waitForRun(provider, ["r1"], opts({ timeout: 1_200_000, random: seeded(1) })));
    await clock.runAll();
    await out;
    const g = gaps(calls);
    for (const d of g) {
      expect(d).toBeGreaterThanOrEqual(1000);
      expect(d).toBeLessThanOrEqual(30000);
    }
    const atCap = g.slice(-15);
    expect(atCap.length).toBeGreaterThan(10);
    expect(new Set(atCap).size).toBeGreaterThan(atCap.length / 2); // jittered, not a fixed 30 s
    expect(Math.min(...atCap)).toBeGreaterThanOrEqual(24000);
  });

  it("takes floor and cap from the options", async () => {
    const { clock, provider, calls, opts } = setup(running);
    const out = settle(waitForRun(provider, ["r1"], opts({ timeout: 10_000, minInterval: 200, maxInterval: 800 })));
    await clock.runAll();
    await out;
    expect(gaps(calls).slice(0, 4)).toEqual([200, 400, 800, 800]);
  });

  it("never sends before a hint on a successful answer; jitter only adds to it", async () => {
    const { clock, provider, calls, opts } = setup((n) =>
      n === 0 ? result("running", { retryAfterMs: 45_000 }) : result("succeeded"),
    );
    const out = settle(waitForRun(provider, ["r1"], opts({ random: () => 0.999 })));
    await clock.runAll(600_000);
    await out;
    const [g] = gaps(calls);
    expect(g).toBeGreaterThanOrEqual(45_000);
    expect(g).toBeLessThanOrEqual(45_000 * 1.1);
  });

  it("never retries before the Retry-After of a 429, even when its own backoff is shorter", async () => {
    const { clock, provider, calls, opts } = setup((n) =>
      n === 0 ? apiError(429, { retryAfterMs: 20_000 }) : result("succeeded"),
    );
    const out = settle(waitForRun(provider, ["r1"], opts({ random: () => 0.5 })));
    await clock.runAll(600_000);
    expect((await out).value?.state).toBe("succeeded");
    expect(gaps(calls)[0]).toBeGreaterThanOrEqual(20_000);
  });
});

describe("waitForRun: failures", () => {
  it("retries transient failures (network, 408, 429, 5xx) with their own backoff, then goes on", async () => {
    const errs = [new TransportError("fake", "network error (ECONNRESET)"), apiError(408), apiError(503), apiError(429)];
    const { clock, provider, calls, opts } = setup((n) => (n === 0 ? running() : (errs[n - 1] ?? result("succeeded"))));
    const out = settle(waitForRun(provider, ["r1"], opts()));
    await clock.runAll(600_000);
    expect((await out).value?.state).toBe("succeeded");
    // 1 s after the first poll (the schedule), then the retry backoff 1 s, 2 s, 4 s, 8 s.
    expect(gaps(calls)).toEqual([1000, 1000, 2000, 4000, 8000]);
  });

  it("gives up after maxRetries consecutive transient failures, with attempts and the last snapshot", async () => {
    const { clock, provider, calls, opts } = setup((n) =>
      n === 0 ? result("running", { progress: progress(3, 10) }) : apiError(502),
    );
    const out = settle(waitForRun(provider, ["r1"], opts({ maxRetries: 2 })));
    await clock.runAll(600_000);
    const { error } = await out;
    expect(error).toBeInstanceOf(ApiError);
    const e = error as ApiError;
    expect(e.status).toBe(502);
    expect(e.attempts).toBe(3);
    expect(e.lastRun?.progress).toEqual({ completed: 3, total: 10 });
    expect(calls).toHaveLength(4);
  });

  it("resets the retry budget after a success", async () => {
    const seq: Answer[] = [running(), apiError(500), apiError(500), running(), apiError(500), apiError(500), result("succeeded")];
    const { clock, provider, opts } = setup((n) => seq[n] ?? running());
    const out = settle(waitForRun(provider, ["r1"], opts({ maxRetries: 2 })));
    await clock.runAll(600_000);
    expect((await out).value?.state).toBe("succeeded");
  });

  for (const status of [401, 403, 404, 422]) {
    it(`fails at once on ${status} with status, code, request id and the last snapshot`, async () => {
      const { clock, provider, calls, opts } = setup((n) => (n === 0 ? result("queued") : apiError(status)));
      const out = settle(waitForRun(provider, ["r1"], opts()));
      await clock.runAll(600_000);
      const e = (await out).error as ApiError;
      expect(e).toBeInstanceOf(ApiError);
      expect([e.status, e.code, e.requestId, e.attempts]).toEqual([status, `E${status}`, `req-${status}`, 1]);
      expect(e.lastRun?.state).toBe("queued");
      expect(calls).toHaveLength(2);
    });
  }

  it("fails at once on an unreadable response", async () => {
    const bad = new InvalidResponseError({
      provider: "fake",
      status: 200,
      message: "response is not valid JSON",
      excerpt: "<html>",
    });
    const { clock, provider, calls, opts } = setup(() => bad);
    const out = settle(waitForRun(provider, ["r1"], opts()));
    await clock.runAll(600_000);
    expect((await out).error).toBe(bad);
    expect(calls).toHaveLength(1);
  });

  it("fails at once when the adapter returns no run", async () => {
    const { clock, provider, opts } = setup(() => ({}) as Answer);
    const out = settle(waitForRun(provider, ["r1"], opts()));
    await clock.runAll(60_000);
    expect((await out).error).toBeInstanceOf(InvalidResponseError);
  });

  it("bounds unknown states: UnknownStateError with the raw status after maxUnknownPolls", async () => {
    const { clock, provider, calls, opts } = setup(() => result("unknown", { providerStatus: "warming_up" }));
    const out = settle(waitForRun(provider, ["r1"], opts({ maxUnknownPolls: 3 })));
    await clock.runAll(600_000);
    const e = (await out).error as UnknownStateError;
    expect(e).toBeInstanceOf(UnknownStateError);
    expect(e.providerStatus).toBe("warming_up");
    expect(e.lastRun?.providerStatus).toBe("warming_up");
    expect(calls).toHaveLength(4);
  });

  it("a timeout and an unknown status name the run they were about", async () => {
    const slow = setup(running);
    const timedOut = settle(waitForRun(slow.provider, ["r1"], slow.opts({ timeout: 5_000 })));
    await slow.clock.runAll();
    const t = (await timedOut).error as TimeoutError;
    const ref = `${slow.provider.name}:r1`;
    expect(t.ref).toBe(ref);
    expect(t.message).toMatch(new RegExp(`^gave up waiting after 5000 ms for \\w+ \\(run ${ref}\\)$`));
    const odd = setup(() => result("unknown", { providerStatus: "warming_up" }));
    const unknown = settle(waitForRun(odd.provider, ["r2"], odd.opts({ maxUnknownPolls: 1 })));
    await odd.clock.runAll(600_000);
    const u = (await unknown).error as UnknownStateError;
    expect(u.ref).toBe(`${odd.provider.name}:r2`);
    expect(u.message.endsWith(`(run ${odd.provider.name}:r2)`)).toBe(true);
  });

  it("with the defaults, an unknown status ends the wait in about a minute, well before a 2-minute deadline", async () => {
    const { clock, provider, calls, opts } = setup(() => result("unknown", { providerStatus: "stalled" }));
    const out = settle(waitForRun(provider, ["r1"], opts({ timeout: 120_000 })));
    await clock.runAll(600_000);
    const e = (await out).error;
    expect(e).toBeInstanceOf(UnknownStateError);
    expect(calls).toHaveLength(11);
    expect(clock.now()).toBeLessThanOrEqual(60_000);
  });

  it("counts only consecutive unknown states", async () => {
    const { clock, provider, opts } = setup((n) =>
      n >= 12 ? result("succeeded") : n % 3 === 2 ? running() : result("unknown", { providerStatus: "x" }),
    );
    const out = settle(waitForRun(provider, ["r1"], opts({ maxUnknownPolls: 2 })));
    await clock.runAll(3_600_000);
    expect((await out).value?.state).toBe("succeeded");
  });
});

describe("waitForRun: deadline and abort", () => {
  it("times out at the deadline with the last snapshot, and sends nothing after it", async () => {
    const { clock, provider, calls, opts } = setup(() => result("running", { progress: progress(1, 4) }));
    const out = settle(waitForRun(provider, ["r1"], opts({ timeout: 20_000 })));
    await clock.runAll(20_000);
    const e = (await out).error as TimeoutError;
    expect(e).toBeInstanceOf(TimeoutError);
    expect(e.timeoutMs).toBe(20_000);
    expect(e.lastRun?.progress?.completed).toBe(1);
    const n = calls.length;
    expect(calls.every((c) => c.at < 20_000)).toBe(true);
    await clock.advance(600_000);
    expect(calls).toHaveLength(n);
    expect(clock.pending).toBe(0);
  });

  it("aborts the request in flight when the deadline passes", async () => {
    const { clock, provider, calls, opts } = setup((n) => (n === 0 ? running() : "hang"));
    const out = settle(waitForRun(provider, ["r1"], opts({ timeout: 5_000 })));
    await clock.runAll();
    expect((await out).error).toBeInstanceOf(TimeoutError);
    expect(clock.now()).toBe(5_000);
    expect(calls).toHaveLength(2);
    expect(calls[1]?.signal?.aborted).toBe(true);
  });

  it("rejects with AbortError and sends nothing when the signal fires during a sleep", async () => {
    const { clock, provider, calls, opts } = setup(running);
    const ac = new AbortController();
    const out = settle(waitForRun(provider, ["r1"], opts({ signal: ac.signal })));
    await clock.advance(1_500);
    expect(calls).toHaveLength(2);
    ac.abort(new Error("user pressed ctrl-c"));
    const e = (await out).error as AbortError;
    expect(e).toBeInstanceOf(AbortError);
    expect(e.lastRun?.state).toBe("running");
    await clock.advance(600_000);
    expect(calls).toHaveLength(2);
  });

  it("aborts the request in flight when the signal fires", async () => {
    const { clock, provider, calls, opts } = setup(() => "hang");
    const ac = new AbortController();
    const out = settle(waitForRun(provider, ["r1"], opts({ signal: ac.signal })));
    await clock.advance(10);
    ac.abort();
    expect((await out).error).toBeInstanceOf(AbortError);
    expect(calls[0]?.signal?.aborted).toBe(true);
  });

  it("sends nothing when the signal has already fired", async () => {
    const { clock, provider, calls, opts } = setup(running);
    const out = settle(waitForRun(provider, ["r1"], opts({ signal: AbortSignal.abort() })));
    await clock.runAll(60_000);
    expect((await out).error).toBeInstanceOf(AbortError);
    expect(calls).toHaveLength(0);
  });

  it("leaves no timer behind once a wait ends", async () => {
    const { clock, scheduler, provider, opts } = setup((n) => (n < 3 ? running() : result("failed")));
    const out = settle(waitForRun(provider, ["r1"], opts({ timeout: 3_600_000 })));
    await clock.runAll(60_000);
    expect((await out).value?.state).toBe("failed");
    expect(scheduler.size).toBe(0);
    expect(scheduler.armed).toBe(false);
    expect(clock.pending).toBe(0);
  });
});

describe("rate budgets", () => {
  it("50 waits on one 10-per-minute budget never send more than 10 requests in any 60 s window", async () => {
    const clock = new FakeClock();
    const scheduler = new Scheduler({ clock });
    const sends: number[] = [];
    const budget = { key: "modelslab:wf-1", limit: 10, windowMs: 60_000 };
    const waits = Array.from({ length: 50 }, (_, i) => {
      const { provider, calls } = fakeProvider(
        clock,
        (_n, now) => (now >= 400_000 + i * 1000 ? result("succeeded") : running()),
        {
          budget,
        },
      );
      const p = settle(waitForRun(provider, ["r1"], { clock, scheduler, random: seeded(i), timeout: 1_800_000 }));
      return { p, calls };
    });
    await clock.runAll();
    for (const w of waits) {
      expect((await w.p).value?.state).toBe("succeeded");
      sends.push(...w.calls.map((c) => c.at));
    }
    sends.sort((a, b) => a - b);
    let worst = 0;
    for (let i = 0, j = 0; i < sends.length; i++) {
      while ((sends[j] as number) <= (sends[i] as number) - 60_000) j++;
      worst = Math.max(worst, i - j + 1);
    }
    expect(worst).toBeLessThanOrEqual(10);
    // The budget is what held them back: 50 waits alone would poll far more often.
    expect(sends.length).toBeGreaterThan(60);
  });

  it("keeps separate budgets for separate keys", async () => {
    const { clock, scheduler } = setup(running);
    const mk = (key: string) => fakeProvider(clock, running, { budget: { key, limit: 1, windowMs: 60_000 } });
    const a = mk("a");
    const b = mk("b");
    const pa = settle(waitForRun(a.provider, ["r1"], { clock, scheduler, timeout: 1_000 }));
    const pb = settle(waitForRun(b.provider, ["r1"], { clock, scheduler, timeout: 1_000 }));
    await clock.runAll();
    await Promise.all([pa, pb]);
    expect([a.calls.length, b.calls.length]).toEqual([1, 1]);
  });

  it("rejects a malformed budget from an adapter with a UsageError", async () => {
    const { clock, provider, calls, opts } = setup(running, { budget: { key: "k", limit: 0, windowMs: 1000 } });
    const out = settle(waitForRun(provider, ["r1"], opts()));
    await clock.runAll(10_000);
    expect((await out).error).toBeInstanceOf(UsageError);
    expect(calls).toHaveLength(0);
  });
});

describe("progress-aware polling through the poller", () => {
  it("with progress: fewer requests and a shorter detection delay than the plain backoff", async () => {
    // 20 steps of 30 s: the run ends at 600 s.
    const ends = Array.from({ length: 20 }, (_, i) => (i + 1) * 30_000);
    const measure = async (withProgress: boolean) => {
      const timeline = stepsTimeline(ends);
      const { clock, provider, calls, opts } = setup((n, now) => {
        const r = timeline(n, now);
        return withProgress ? r : { run: { ...r.run, progress: null } };
      });
      const out = settle(waitForRun(provider, ["r1"], opts({ random: seeded(3) })));
      await clock.runAll(3_600_000);
      expect((await out).value?.state).toBe("succeeded");
      return { requests: calls.length, delay: (calls.at(-1)?.at ?? 0) - 600_000 };
    };
    const blind = await measure(false);
    const aware = await measure(true);
    expect(aware.requests).toBeLessThanOrEqual(blind.requests * 0.7);
    expect(aware.delay).toBeLessThan(blind.delay);
    expect(aware.delay).toBeLessThanOrEqual(6_000);
  });
});

describe("updates", () => {
  const seq = [
    result("queued"),
    result("queued"),
    result("running", { progress: progress(0, 2) }),
    result("running", { progress: progress(0, 2) }),
    result("running", { progress: progress(1, 2) }),
    result("running", { progress: progress(1, 2) }),
    result("succeeded", { progress: progress(2, 2) }),
  ];

  it("onUpdate fires once per change, never for a repeated snapshot", async () => {
    const { clock, provider, calls, opts } = setup((n) => seq[n] ?? result("succeeded"));
    const seen: Run[] = [];
    const out = settle(waitForRun(provider, ["r1"], opts({ onUpdate: (r) => seen.push(r) })));
    await clock.runAll(600_000);
    await out;
    expect(calls).toHaveLength(7);
    expect(seen.map((r) => `${r.state}:${r.progress?.completed ?? "-"}`)).toEqual([
      "queued:-",
      "running:0",
      "running:1",
      "succeeded:2",
    ]);
  });

  it("watchRun yields one snapshot per change and ends with the terminal run, not repeated", async () => {
    const { clock, provider, opts } = setup((n) => seq[n] ?? result("succeeded"));
    const seen: string[] = [];
    const done = (async () => {
      for await (const r of watchRun(provider, ["r1"], opts())) seen.push(`${r.state}:${r.progress?.completed ?? "-"}`);
    })();
    await clock.runAll(600_000);
    await done;
    expect(seen).toEqual(["queued:-", "running:0", "running:1", "succeeded:2"]);
  });

  it("breaking out of watchRun stops polling and leaves no timer", async () => {
    const { clock, scheduler, provider, calls, opts } = setup((n) => result("running", { progress: progress(n, 1000) }));
    let seen = 0;
    const done = (async () => {
      for await (const _ of watchRun(provider, ["r1"], opts({ timeout: 3_600_000 }))) {
        if (++seen === 2) break;
      }
    })();
    await clock.runAll(60_000);
    await done;
    const n = calls.length;
    await clock.advance(3_600_000);
    expect(calls).toHaveLength(n);
    expect(scheduler.size).toBe(0);
    expect(scheduler.armed).toBe(false);
    expect(clock.pending).toBe(0);
  });

  it("watchRun throws the poller's error after the snapshots seen before it", async () => {
    const { clock, provider, opts } = setup((n) => (n === 0 ? running() : apiError(404)));
    const seen: string[] = [];
    const done = settle(
      (async () => {
        for await (const r of watchRun(provider, ["r1"], opts())) seen.push(r.state);
      })(),
    );
    await clock.runAll(60_000);
    expect((await done).error).toBeInstanceOf(ApiError);
    expect(seen).toEqual(["running"]);
  });

  it("a throwing onUpdate ends the wait with its error instead of polling on", async () => {
    const { clock, provider, calls, opts } = setup(running);
    const boom = new Error("callback failed");
    const out = settle(
      waitForRun(
        provider,
        ["r1"],
        opts({
          onUpdate: () => {
            throw boom;
          },
        }),
      ),
    );
    await clock.runAll(60_000);
    expect((await out).error).toBe(boom);
    expect(calls).toHaveLength(1);
  });
});

describe("waitAll / waitAny", () => {
  it("waitAll resolves every run in input order", async () => {
    const clock = new FakeClock();
    const scheduler = new Scheduler({ clock });
    const mk = (endAt: number) => fakeProvider(clock, (_n, now) => (now >= endAt ? result("succeeded") : running()));
    const a = mk(50_000);
    const b = mk(5_000);
    const out = settle(
      waitAll(
        [a, b].map((x) => ({ provider: x.provider, ids: ["r1"] })),
        { clock, scheduler, random: () => 0 },
      ),
    );
    await clock.runAll(600_000);
    expect((await out).value?.map((r) => r.state)).toEqual(["succeeded", "succeeded"]);
  });

  it("waitAll rejects on the first error and stops the other waits", async () => {
    const clock = new FakeClock();
    const scheduler = new Scheduler({ clock });
    const ok = fakeProvider(clock, running);
    const bad = fakeProvider(clock, (n) => (n < 2 ? running() : apiError(403)));
    const out = settle(
      waitAll(
        [ok, bad].map((x) => ({ provider: x.provider, ids: ["r1"] })),
        { clock, scheduler, random: () => 0 },
      ),
    );
    await clock.runAll(60_000);
    expect((await out).error).toBeInstanceOf(ApiError);
    const n = ok.calls.length;
    await clock.advance(600_000);
    expect(ok.calls).toHaveLength(n);
    expect(scheduler.size).toBe(0);
  });

  it("waitAny resolves with the first run to end and stops the rest", async () => {
    const clock = new FakeClock();
    const scheduler = new Scheduler({ clock });
    const slow = fakeProvider(clock, (_n, now) => (now >= 500_000 ? result("succeeded") : running()));
    const fast = fakeProvider(clock, (_n, now) => (now >= 10_000 ? result("cancelled") : running()));
    const out = settle(
      waitAny(
        [slow, fast].map((x) => ({ provider: x.provider, ids: ["r1"] })),
        { clock, scheduler },
      ),
    );
    await clock.runAll(60_000);
    expect((await out).value?.state).toBe("cancelled");
    const n = slow.calls.length;
    await clock.advance(600_000);
    expect(slow.calls).toHaveLength(n);
    expect(scheduler.size).toBe(0);
  });

  it("one abort signal shared by many waits stops them all, with a single listener", async () => {
    const clock = new FakeClock();
    const scheduler = new Scheduler({ clock });
    const ac = new AbortController();
    const fakes = Array.from({ length: 30 }, () => fakeProvider(clock, running));
    let added = 0;
    const orig = ac.signal.addEventListener.bind(ac.signal);
    ac.signal.addEventListener = ((...args: Parameters<AbortSignal["addEventListener"]>) => {
      added++;
      return orig(...args);
    }) as AbortSignal["addEventListener"];
    const out = settle(
      waitAll(
        fakes.map((f) => ({ provider: f.provider, ids: ["r1"] })),
        { clock, scheduler, signal: ac.signal },
      ),
    );
    await clock.advance(5_000);
    ac.abort();
    expect((await out).error).toBeInstanceOf(AbortError);
    expect(added).toBe(1);
    expect(scheduler.size).toBe(0);
  });
});

describe("bad input", () => {
  const { provider } = fakeProvider(new FakeClock(), running);
  const bad: [string, PollOptions][] = [
    ["timeout", { timeout: -1 }],
    ["timeout", { timeout: Number.NaN }],
    ["minInterval", { minInterval: -5 }],
    ["maxInterval", { minInterval: 5000, maxInterval: 1000 }],
    ["maxRetries", { maxRetries: 1.5 }],
    ["maxUnknownPolls", { maxUnknownPolls: -1 }],
    ["onUpdate", { onUpdate: "yes" as unknown as () => void }],
    ["signal", { signal: {} as AbortSignal }],
    ["clock", { clock: { now: () => 0 } as unknown as FakeClock }],
    ["scheduler", { scheduler: {} as Scheduler }],
  ];
  for (const [name, o] of bad) {
    it(`rejects a bad \`${name}\` with a UsageError naming it, before any request`, async () => {
      const { error } = await settle(waitForRun(provider, ["r1"], o));
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toContain(`\`${name}\``);
      expect(() => watchRun(provider, ["r1"], o)).toThrow(UsageError);
    });
  }

  it("rejects a missing provider or empty ids", async () => {
    expect((await settle(waitForRun(undefined as never, ["r1"]))).error).toBeInstanceOf(UsageError);
    expect((await settle(waitForRun(provider, []))).error).toBeInstanceOf(UsageError);
    expect((await settle(waitForRun(provider, [""]))).error).toBeInstanceOf(UsageError);
    expect((await settle(waitAny([]))).error).toBeInstanceOf(UsageError);
    expect((await settle(waitAll([]))).value).toEqual([]);
  });

  it("errors carry plain data: no provider object, no signal, nothing secret", async () => {
    const errors: unknown[] = [];
    for (const [answer, o] of [
      [running, { timeout: 3_000 }],
      [(n: number) => (n === 0 ? running() : apiError(503)), { maxRetries: 1 }],
      [(n: number) => (n === 0 ? running() : new TransportError("fake", "network error")), { maxRetries: 0 }],
      [() => result("unknown", { providerStatus: "odd" }), { maxUnknownPolls: 1 }],
    ] as const) {
      const { clock, provider: p, opts } = setup(answer);
      const out = settle(waitForRun(p, ["r1"], opts({ ...o, signal: new AbortController().signal })));
      await clock.runAll(600_000);
      errors.push((await out).error);
    }
    for (const e of errors) {
      expect(RunStatusError.is(e)).toBe(true);
      const text = `${String(e)} ${JSON.stringify(e)}`;
      expect(text).not.toContain("sk-live-SECRET");
      expect(JSON.parse(JSON.stringify(e)).lastRun.ref).toBe("fake:r1");
    }
  });
});

describe("many waits at once", () => {
  /** A provider whose answers take `latencyMs` of fake time; records each request's send and answer times. */
  function slowProvider(
    clock: FakeClock,
    latencyMs: number,
    budget: { key: string; limit: number; windowMs: number } | null,
    endAt: number,
  ) {
    const spans: [number, number][] = [];
    let inFlight = 0;
    let most = 0;
    const provider = {
      name: "slow",
      refSegments: ["run_id"],
      capabilities: { start: false, cancel: false, pause: false, list: false, webhooks: false, progress: false },
      budget: () => budget,
      async get() {
        const sent = clock.now();
        most = Math.max(most, ++inFlight);
        await clock.sleep(latencyMs);
        inFlight--;
        spans.push([sent, clock.now()]);
        return clock.now() >= endAt ? result("succeeded") : running();
      },
    };
    return { provider, spans, most: () => most };
  }

  it("caps the requests in flight per provider; the others wait their turn and all complete", async () => {
    const clock = new FakeClock();
    const scheduler = new Scheduler({ clock, maxInFlight: 3 });
    const slow = slowProvider(clock, 2000, null, 10_000);
    const waits = Array.from({ length: 12 }, (_, i) =>
      settle(waitForRun(slow.provider, [`r${i}`], { clock, scheduler, random: seeded(i), timeout: 600_000 })),
    );
    await clock.runAll();
    const out = await Promise.all(waits);
    expect(out.every((o) => o.value?.state === "succeeded")).toBe(true);
    expect(slow.most()).toBe(3);
    expect(scheduler.inFlight("slow")).toBe(0);
    expect(() => {
      scheduler.maxInFlight = 0;
    }).toThrow(UsageError);
  });

  it("spreads the first polls of waits started together; a lone wait still polls at once", async () => {
    const clock = new FakeClock();
    const scheduler = new Scheduler({ clock, startSpacing: 10 });
    const { provider, calls } = fakeProvider(clock, () => result("succeeded"));
    const waits = Array.from({ length: 20 }, (_, i) => waitForRun(provider, [`r${i}`], { clock, scheduler }));
    await clock.runAll();
    await Promise.all(waits);
    const at = calls.map((c) => c.at);
    expect(new Set(at).size).toBe(20);
    expect(Math.max(...at)).toBe(190);
    await clock.advance(1000);
    const lone = waitForRun(provider, ["r-late"], { clock, scheduler });
    await clock.runAll();
    await lone;
    expect(calls.at(-1)?.at).toBe(clock.now());
  });

  it("counts a budgeted request from its send to its answer: slow answers never let a server count too many", async () => {
    const clock = new FakeClock();
    const scheduler = new Scheduler({ clock });
    const budget = { key: "k", limit: 5, windowMs: 10_000 };
    const slow = slowProvider(clock, 4000, budget, 120_000);
    const waits = Array.from({ length: 30 }, (_, i) =>
      settle(waitForRun(slow.provider, [`r${i}`], { clock, scheduler, random: seeded(i), minInterval: 100 })),
    );
    await clock.runAll();
    expect((await Promise.all(waits)).every((o) => o.value?.state === "succeeded")).toBe(true);
    // A server may see a request arrive anywhere between its send and its answer: count every window.
    let worst = 0;
    for (const [, a] of slow.spans) {
      for (const x of [a, a + 10_000]) {
        worst = Math.max(worst, slow.spans.filter(([s2, a2]) => s2 < x && a2 >= x - 10_000).length);
      }
    }
    expect(worst).toBeLessThanOrEqual(5);
  });
});
