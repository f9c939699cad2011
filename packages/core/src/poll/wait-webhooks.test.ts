import { describe, expect, it } from "vitest";
import { AbortError, ApiError, InvalidResponseError, TransportError } from "../errors.js";
import type { PollResult } from "../types.js";
import { type Answer, result, snap } from "./__fixtures__/fake-provider.js";
import { observe, waitSetup } from "./__fixtures__/wait-setup.js";
import type { BudgetGrant, BudgetStore } from "./budget.js";
import { FakeClock } from "./clock.js";
import type { PollEvent } from "./events.js";
import type { PollPolicy } from "./schedule.js";
import { Scheduler } from "./scheduler.js";
import { waitAny, waitForRun } from "./wait.js";

const every =
  (d: number): PollPolicy =>
  () => ({ next: () => d });
const setup = (answer?: (n: number, now: number) => Answer) => waitSetup(answer);

describe("webhook reliability, as waits record it", () => {
  it("a wait sleeping on the safety schedule is woken onto the normal one when webhooks stop arriving", async () => {
    const s = setup();
    const { clock, scheduler, calls, opts } = s;
    for (let i = 0; i < 3; i++) scheduler.push.record("fake:wf", true);
    void waitForRun(s.provider, ["r1"], opts({ target: "wf", expectWebhook: true, policy: every(5000) })).catch(() => {});
    await clock.advance(100);
    expect(calls).toHaveLength(1);
    scheduler.push.record("fake:wf", false);
    scheduler.push.record("fake:wf", false);
    await clock.advance(4899);
    expect(calls).toHaveLength(1);
    await clock.advance(1);
    expect(calls.map((c) => c.at)).toEqual([0, 5000]);
    await clock.advance(5000);
    expect(calls).toHaveLength(3);
  });

  it("runs that waits without webhooks saw end do not count against the target's webhooks", async () => {
    const s = setup((n) => result(n % 2 === 0 ? "running" : "succeeded"));
    for (let i = 0; i < 3; i++) s.scheduler.push.record("fake:wf", true);
    for (const id of ["a", "b"]) {
      const done = waitForRun(s.provider, [id], s.opts({ target: "wf", policy: every(1000) }));
      await s.clock.runAll(10_000);
      await done;
    }
    expect(s.scheduler.push.reliable("fake:wf")).toBe(true);
  });

  it("a run a poll saw end after a retried failure counts as not told by a webhook", async () => {
    const s = setup((n) =>
      n % 3 === 0 ? result("running") : n % 3 === 1 ? new TransportError("fake", "reset") : result("succeeded"),
    );
    const o = s.opts({ target: "wf", expectWebhook: true, policy: every(1000) });
    for (const id of ["a", "b", "c"]) {
      const done = waitForRun(s.provider, [id], o);
      await s.clock.runAll(s.clock.now() + 60_000);
      await done;
    }
    expect(s.scheduler.push.reliable("fake:wf")).toBe(false);
  });

  it("a run whose webhook came while a request was in flight counts as told by it", async () => {
    const s = setup();
    const answers: ((r: PollResult) => void)[] = [];
    s.provider.get = () => new Promise<PollResult>((r) => answers.push(r));
    const o = s.opts({ target: "wf", expectWebhook: true, policy: every(1000) });
    for (const id of ["a", "b", "c"]) {
      const done = waitForRun(s.provider, [id], o);
      await s.clock.advance(0);
      s.scheduler.nudge(`fake:${id}`, "succeeded");
      answers.shift()?.(result("running"));
      await s.clock.advance(0);
      answers.shift()?.(result("succeeded"));
      await done;
    }
    expect(s.scheduler.push.reliable("fake:wf")).toBe(true);
  });

  it("after the poll a webhook asked for during a request, the schedule resumes", async () => {
    const { clock, scheduler, provider, calls, opts } = setup();
    const answers: ((r: PollResult) => void)[] = [];
    provider.get = (_ids, ctx) => {
      calls.push({ at: clock.now(), signal: ctx?.signal });
      return new Promise<PollResult>((r) => answers.push(r));
    };
    void waitForRun(provider, ["r1"], opts({ policy: every(5000), timeout: 60_000 })).catch(() => {});
    await clock.advance(0);
    scheduler.nudge("fake:r1");
    answers.shift()?.(result("running"));
    await clock.advance(0);
    expect(calls).toHaveLength(2);
    answers.shift()?.(result("running"));
    await clock.advance(4999);
    expect(calls).toHaveLength(2);
    await clock.advance(1);
    expect(calls).toHaveLength(3);
  });

  it("a nudge after a failure with a server hint still waits for the hint", async () => {
    const { clock, scheduler, calls, opts, provider } = setup((n) =>
      n === 1 ? new ApiError({ provider: "fake", status: 429, message: "slow down", retryAfterMs: 5000 }) : result("running"),
    );
    void waitForRun(provider, ["r1"], opts({ policy: every(1000), timeout: 60_000 })).catch(() => {});
    await clock.advance(1100);
    expect(calls).toHaveLength(2);
    scheduler.nudge("fake:r1");
    await clock.advance(3000);
    expect(calls).toHaveLength(2);
    await clock.advance(1900);
    expect(calls.map((c) => c.at)).toEqual([0, 1000, 6000]);
  });
});

describe("what a wait reports and leaves on errors", () => {
  it("the answer event gives the time the request took", async () => {
    const { clock, events, provider, opts } = setup();
    let n = 0;
    provider.get = async () => {
      if (n++ === 0) return result("running");
      await clock.sleep(250);
      return result("succeeded");
    };
    const done = waitForRun(provider, ["r1"], opts({ policy: every(1000) }));
    await clock.runAll(5000);
    await done;
    const answers = events.filter((e) => e.type === "answer");
    expect(answers.map((e) => [e.at, e.type === "answer" && e.durationMs])).toEqual([
      [0, 0],
      [1250, 250],
    ]);
  });

  it("an adapter that answers nothing fails with an InvalidResponseError that says so", async () => {
    const { clock, provider, opts } = setup(() => undefined as unknown as PollResult);
    const done = observe(waitForRun(provider, ["r1"], opts()));
    await clock.runAll(1000);
    expect(done.error).toBeInstanceOf(InvalidResponseError);
    expect((done.error as InvalidResponseError).provider).toBe("fake");
    expect((done.error as Error).message).toContain("the adapter returned no run");
  });

  it("an error that is not the library's is passed on untouched; one that has its last run keeps it", async () => {
    const foreign = new Error("adapter bug");
    const a = setup((n) => (n === 0 ? result("running") : foreign));
    const first = observe(waitForRun(a.provider, ["r1"], a.opts()));
    await a.clock.runAll(60_000);
    expect(first.error).toBe(foreign);
    expect(Object.keys(foreign)).toEqual([]);
    const own = new ApiError({ provider: "fake", status: 404, message: "gone" });
    const earlier = snap("queued");
    own.lastRun = earlier;
    const b = setup((n) => (n === 0 ? result("running") : own));
    const second = observe(waitForRun(b.provider, ["r1"], b.opts()));
    await b.clock.runAll(60_000);
    expect((second.error as ApiError).lastRun).toBe(earlier);
    const aborted = new AbortError("fake", "elsewhere");
    const c = setup((n) => (n === 0 ? result("running") : aborted));
    const third = observe(waitForRun(c.provider, ["r1"], c.opts()));
    await c.clock.runAll(60_000);
    expect(third.error).toBe(aborted);
    expect("attempts" in aborted).toBe(false);
  });

  it("a budget store failing after the wait ended changes nothing: one end event", async () => {
    const clock = new FakeClock();
    let fail: (e: Error) => void = () => {};
    const store: BudgetStore = {
      acquire: () =>
        new Promise<BudgetGrant>((_, no) => {
          fail = no;
        }),
      record: () => {},
    };
    const scheduler = new Scheduler({ clock, budgets: store });
    const events: PollEvent[] = [];
    const s = setup();
    s.provider.budget = () => ({ key: "k", limit: 1, windowMs: 1000 });
    const done = observe(waitForRun(s.provider, ["r1"], { clock, scheduler, timeout: 100, onEvent: (e) => events.push(e) }));
    await clock.advance(100);
    expect((done.error as Error).name).toBe("TimeoutError");
    fail(new Error("store down"));
    await clock.advance(0);
    expect(events.filter((e) => e.type === "end")).toHaveLength(1);
  });
});

describe("targets and slots", () => {
  it("a wait of a target whose webhooks are relied on sleeps on the safety schedule; a wait of another target does not", async () => {
    const s = setup();
    for (let i = 0; i < 3; i++) s.scheduler.push.record("fake:wf", true);
    void waitForRun(s.provider, ["r1"], s.opts({ target: "wf", expectWebhook: true, policy: every(5000) })).catch(() => {});
    await s.clock.advance(599_000);
    expect(s.calls).toHaveLength(1);
    const t = setup();
    for (let i = 0; i < 3; i++) t.scheduler.push.record("fake:wf", true);
    void waitForRun(t.provider, ["r1"], t.opts({ target: "other", expectWebhook: true, policy: every(5000) })).catch(() => {});
    await t.clock.advance(20_000);
    expect(t.calls).toHaveLength(5);
  });

  it("runs a first poll saw end count as not told by a webhook", async () => {
    const s = setup(() => result("succeeded"));
    for (const id of ["a", "b", "c"]) {
      const done = waitForRun(s.provider, [id], s.opts({ target: "wf", expectWebhook: true }));
      await s.clock.advance(1);
      await done;
    }
    expect(s.scheduler.push.reliable("fake:wf")).toBe(false);
  });

  it("a poll the budget refused takes an in-flight slot again when it goes", async () => {
    const clock = new FakeClock();
    const scheduler = new Scheduler({ clock, maxInFlight: 2, startSpacing: 0 });
    const s = setup();
    const answers: ((r: PollResult) => void)[] = [];
    s.provider.get = () => new Promise<PollResult>((r) => answers.push(r));
    s.provider.budget = () => ({ key: "k", limit: 1, windowMs: 1000 });
    void waitForRun(s.provider, ["a"], { clock, scheduler }).catch(() => {});
    void waitForRun(s.provider, ["b"], { clock, scheduler }).catch(() => {});
    await clock.advance(0);
    expect([answers.length, scheduler.inFlight("fake")]).toEqual([1, 1]);
    answers[0]?.(result("succeeded"));
    await clock.advance(0);
    expect(scheduler.inFlight("fake")).toBe(0);
    await clock.advance(1100);
    expect([answers.length, scheduler.inFlight("fake")]).toEqual([2, 1]);
    answers[1]?.(result("succeeded"));
    await clock.advance(0);
    expect(scheduler.inFlight("fake")).toBe(0);
  });
});

describe("what the adapter's signal and the waits of one run see", () => {
  it("the request a verified webhook or a group stop cuts short is aborted with an AbortError that says why", async () => {
    const s = setup(() => "hang");
    void waitForRun(s.provider, ["r1"], s.opts()).catch(() => {});
    await s.clock.advance(0);
    s.scheduler.nudge("fake:r1", "succeeded", snap("succeeded"));
    const reason = s.calls[0]?.signal?.reason as AbortError;
    expect(reason).toBeInstanceOf(AbortError);
    expect(reason.cause).toBe("a verified webhook ended the run");
    const t = setup(() => "hang");
    const other = setup((n) => (n === 0 ? result("running") : result("failed")));
    void waitAny(
      [
        { provider: t.provider, ids: ["r1"] },
        { provider: other.provider, ids: ["r2"] },
      ],
      t.opts({ policy: every(1000) }),
    ).catch(() => {});
    await t.clock.advance(2000);
    const stopped = t.calls[0]?.signal?.reason as AbortError | undefined;
    expect(stopped).toBeInstanceOf(AbortError);
    expect(stopped?.cause).toBe("stopped");
  });

  it("two waits on one run told by one verified webhook: the group ends once", async () => {
    const s = setup();
    const events: PollEvent[] = [];
    const done = observe(
      waitAny(
        [
          { provider: s.provider, ids: ["r1"] },
          { provider: s.provider, ids: ["r1"] },
        ],
        s.opts({ onEvent: (e) => events.push(e) }),
      ),
    );
    await s.clock.advance(1);
    expect(s.scheduler.nudge("fake:r1", "succeeded", snap("succeeded"))).toBe(2);
    await s.clock.advance(0);
    expect(done.value?.state).toBe("succeeded");
    expect(events.filter((e) => e.type === "end").map((e) => e.type === "end" && e.reason)).toEqual(["terminal", "stopped"]);
    // Nothing is reported for a wait after its end.
    expect(events.at(-1)).toMatchObject({ type: "end", reason: "stopped" });
  });

  it("a nudge while the budget store has not answered asks it nothing more", async () => {
    const clock = new FakeClock();
    let asked = 0;
    const store: BudgetStore = {
      acquire: () => {
        asked++;
        return new Promise<BudgetGrant>(() => {});
      },
      record: () => {},
    };
    const scheduler = new Scheduler({ clock, budgets: store });
    const s = setup();
    s.provider.budget = () => ({ key: "k", limit: 1, windowMs: 1000 });
    void waitForRun(s.provider, ["r1"], { clock, scheduler, timeout: 10_000 }).catch(() => {});
    await clock.advance(0);
    scheduler.nudge("fake:r1");
    await clock.advance(5000);
    expect(asked).toBe(1);
  });
});
