import { describe, expect, it } from "vitest";
import { UsageError } from "../errors.js";
import type { PollResult, RateBudget } from "../types.js";
import { fakeProvider, result } from "./__fixtures__/fake-provider.js";
import { waitSetup } from "./__fixtures__/wait-setup.js";
import type { BudgetGrant, BudgetStore } from "./budget.js";
import { FakeClock } from "./clock.js";
import type { PollPolicy, RunHistory } from "./schedule.js";
import { Scheduler } from "./scheduler.js";
import { type PollOptions, waitForRun, watchRun } from "./wait.js";

const every =
  (d: number): PollPolicy =>
  () => ({ next: () => d });

describe("what a bad option's UsageError says", () => {
  const cases: [PollOptions, string][] = [
    [{ signal: null as never }, "`signal` must be an AbortSignal, got null"],
    [{ signal: {} as never }, "`signal` must be an AbortSignal, got [object Object]"],
    [{ clock: null as never }, "`clock` must be a Clock, got null"],
    [{ clock: { now: () => 0 } as never }, "`clock` must be a Clock, got [object Object]"],
    [{ scheduler: {} as never }, "`scheduler` must be a Scheduler (on the same clock as `clock`), got [object Object]"],
    [{ expectWebhook: "yes" as never }, "`expectWebhook` must be true or false, got yes"],
    [{ target: 5 as never }, "`target` must be a non-empty string, got 5"],
    [{ target: "" }, "`target` must be a non-empty string, got "],
    [{ timeout: "5" as never }, "`timeout` must be a number of ms ≥ 0, got 5"],
    [{ minInterval: "1000" as never }, "`minInterval` must be a number of ms ≥ 0, got 1000"],
  ];
  for (const [o, message] of cases) {
    it(message, async () => {
      const { provider, opts } = waitSetup();
      const { clock, scheduler, ...rest } = opts();
      const all = { ...("clock" in o || "scheduler" in o ? rest : { clock, scheduler, ...rest }), ...o };
      const err = await waitForRun(provider, ["r1"], all).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UsageError);
      expect((err as Error).message).toBe(message);
      expect(() => watchRun(provider, ["r1"], all)).toThrow(message);
    });
  }

  const historyMessage = "`history` must be a RunHistory ({ durations(key), add(key, ms) }), e.g. new MemoryRunHistory()";
  const badHistories: [string, unknown][] = [
    ["null", null],
    ["without add", { durations: () => undefined }],
    ["without durations", { add: () => {} }],
    ["with add not a function", { durations: () => undefined, add: 1 }],
  ];
  for (const [name, history] of badHistories) {
    it(`a history ${name} is refused before any request`, async () => {
      const { provider, calls, opts } = waitSetup();
      const err = await waitForRun(provider, ["r1"], opts({ history: history as never })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UsageError);
      expect((err as Error).message).toBe(historyMessage);
      expect(calls).toHaveLength(0);
    });
  }

  it("a missing provider is refused, by name of what is expected", async () => {
    const message = "expected a run provider (an adapter such as onepin())";
    const { opts } = waitSetup();
    const err = await waitForRun(undefined as never, ["r1"], opts()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toBe(message);
    expect(() => watchRun({} as never, ["r1"], opts())).toThrow(message);
  });

  it("a string timeout is refused, not taken as a number of ms", async () => {
    const { provider, calls, clock, opts } = waitSetup();
    await expect(waitForRun(provider, ["r1"], opts({ timeout: "5" as never }))).rejects.toBeInstanceOf(UsageError);
    await clock.advance(10);
    expect(calls).toHaveLength(0);
  });
});

describe("the target a wait learns under", () => {
  it("a reference of three segments records the learned durations under every segment but the run id", async () => {
    const s = waitSetup((n) => result(n < 2 ? "running" : "succeeded"));
    const { clock, opts } = s;
    const provider = { ...s.provider, refSegments: ["app", "workflow", "run_id"] };
    const keys: string[] = [];
    const history: RunHistory = { durations: () => undefined, add: (k) => void keys.push(k) };
    const done = waitForRun(provider, ["a", "b", "r1"], opts({ history }));
    await clock.runAll(600_000);
    await expect(done).resolves.toMatchObject({ state: "succeeded" });
    expect(keys.length).toBeGreaterThan(0);
    for (const k of keys) expect(k).toMatch(/^fake:a\/b\|/);
  });
});

describe("webhooks while a budget answer is pending", () => {
  const budget: RateBudget = { key: "k", limit: 2, windowMs: 10_000 };

  it("a nudge asks for no second budget slot, and the run counts as told by its webhook", async () => {
    const clock = new FakeClock();
    const asked: ((g: BudgetGrant) => void)[] = [];
    const store: BudgetStore = {
      acquire: () => new Promise<BudgetGrant>((ok) => asked.push(ok)),
      record: () => {},
    };
    const scheduler = new Scheduler({ clock, budgets: store });
    const { provider, calls } = fakeProvider(clock, () => result("succeeded"), { budget });
    for (const id of ["a", "b", "c"]) {
      const done = waitForRun(provider, [id], { clock, scheduler, random: () => 0, target: "wf", expectWebhook: true });
      await clock.advance(100);
      expect(asked).toHaveLength(1);
      scheduler.nudge(`fake:${id}`);
      await clock.advance(0);
      expect(asked).toHaveLength(1);
      asked.shift()?.({ ok: true, ticket: { key: "k", windowMs: 10_000, sentAt: clock.now() } });
      await clock.advance(0);
      await expect(done).resolves.toMatchObject({ state: "succeeded" });
    }
    expect(calls).toHaveLength(3);
    expect(scheduler.push.reliable("fake:wf")).toBe(true);
  });
});

describe("webhooks stopping while a wait sleeps on the safety schedule", () => {
  /** A wait told by webhooks until now: answered once at 0, sleeping on the safety schedule, its normal poll due at 5000. */
  async function sleeping() {
    const s = waitSetup();
    const answers: ((r: PollResult) => void)[] = [];
    s.provider.get = (_ids, ctx) => {
      s.calls.push({ at: s.clock.now(), signal: ctx?.signal });
      return new Promise<PollResult>((r) => answers.push(r));
    };
    for (let i = 0; i < 3; i++) s.scheduler.push.record("fake:wf", true);
    void waitForRun(s.provider, ["r1"], s.opts({ target: "wf", expectWebhook: true, policy: every(5000) })).catch(() => {});
    await s.clock.advance(0);
    answers.shift()?.(result("running"));
    await s.clock.advance(100);
    expect(s.calls.map((c) => c.at)).toEqual([0]);
    const stop = () => {
      s.scheduler.push.record("fake:wf", false);
      s.scheduler.push.record("fake:wf", false);
      expect(s.scheduler.push.reliable("fake:wf")).toBe(false);
    };
    return { ...s, answers, stop };
  }

  it("a wait whose request is in flight sends nothing more until it answers", async () => {
    const { clock, scheduler, calls, answers, stop } = await sleeping();
    scheduler.nudge("fake:r1");
    await clock.advance(0);
    expect(calls.map((c) => c.at)).toEqual([0, 100]);
    stop();
    await clock.advance(20_000);
    expect(calls.map((c) => c.at)).toEqual([0, 100]);
    answers.shift()?.(result("running"));
    await clock.advance(0);
    await clock.advance(5000);
    expect(calls.map((c) => c.at)).toEqual([0, 100, 25_100]);
  });

  it("the poll a nudge asked for goes out at once, not at the normal schedule's time", async () => {
    const { clock, scheduler, calls, stop } = await sleeping();
    scheduler.nudge("fake:r1");
    stop();
    await clock.advance(0);
    expect(calls.map((c) => c.at)).toEqual([0, 100]);
  });
});
