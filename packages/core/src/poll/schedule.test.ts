import { describe, expect, it } from "vitest";
import { UsageError } from "../errors.js";
import type { Progress, Run, RunState } from "../types.js";
import { progress, seeded, snap } from "./__fixtures__/fake-provider.js";
import { MemoryRunHistory, progressPolicy } from "./schedule.js";

const LO = 1000;
const HI = 30_000;

/** Drives the default policy as the poller would: poll at t, ask for the delay, repeat until `until` or the run ends. */
function drive(at: (t: number) => Run, until: number, random = seeded(9)) {
  const schedule = progressPolicy()({ minInterval: LO, maxInterval: HI, random });
  const polls: { t: number; d: number }[] = [];
  for (let t = 0; t < until; ) {
    const run = at(t);
    if (run.terminal) return { polls, endSeen: t };
    const d = schedule.next(run, t);
    polls.push({ t, d });
    t += d;
  }
  return { polls, endSeen: Number.NaN };
}

const running = (p: Progress | null, state: RunState = "running") => snap(state, { progress: p });

/** A run of `n` equal steps of `stepMs`, then succeeded. */
const steady = (n: number, stepMs: number) => (t: number) =>
  t >= n * stepMs ? snap("succeeded", { progress: progress(n, n) }) : running(progress(Math.floor(t / stepMs), n));

describe("progressPolicy", () => {
  it("polls sparsely while the estimated end is far and densely around it", () => {
    const { polls, endSeen } = drive(steady(20, 60_000), 4 * 3_600_000);
    const end = 20 * 60_000;
    expect(endSeen - end).toBeLessThanOrEqual(5000);
    expect(polls.length).toBeLessThanOrEqual(26);
    // Beyond the blind cap in mid-run, because progress says the end is far...
    expect(Math.max(...polls.filter((p) => p.t < end / 2).map((p) => p.d))).toBeGreaterThan(HI);
    // ...and within a few seconds of each other once the end is near.
    const last = polls.filter((p) => p.t > end - 60_000);
    expect(last.length).toBeGreaterThanOrEqual(3);
    expect(Math.min(...last.map((p) => p.d))).toBeLessThanOrEqual(10_000);
  });

  it("without progress or history, stays within floor and cap and keeps polling", () => {
    const { polls } = drive(() => running(null), 3_600_000);
    for (const { d } of polls) {
      expect(d).toBeGreaterThanOrEqual(LO);
      expect(d).toBeLessThanOrEqual(HI);
    }
    expect(polls.length).toBeGreaterThan(3_600_000 / HI);
  });

  it("uses no progress while the run is queued or paused", () => {
    const { polls } = drive(
      (t) => running(progress(Math.floor(t / 1000), 1_000_000), t < 100_000 ? "queued" : "paused"),
      600_000,
    );
    for (const { d } of polls) expect(d).toBeLessThanOrEqual(HI);
  });

  const bad: [string, (t: number) => Run][] = [
    ["zero total", () => running(progress(0, 0))],
    ["negative total", (t) => running(progress(Math.floor(t / 5000), -10))],
    ["null total", (t) => running(progress(Math.floor(t / 5000), null))],
    ["completed above total", (t) => running(progress(5 + Math.floor(t / 5000), 5))],
    ["negative completed", () => running(progress(-3, 10))],
    ["fractional and NaN counts", (t) => running(progress(t % 2 ? Number.NaN : 2.5, 10))],
    ["progress going backwards", (t) => running(progress(Math.floor(seeded(t)() * 20), 20))],
    ["a total that keeps changing", (t) => running(progress(Math.floor(t / 10_000), 50 + Math.floor(t / 60_000)))],
  ];
  for (const [name, at] of bad) {
    it(`stays within floor and cap and keeps polling with ${name}`, () => {
      const { polls } = drive(at, 6 * 3_600_000);
      const tail = polls.filter((p) => p.t > 600_000);
      for (const { d } of tail) {
        expect(d).toBeGreaterThanOrEqual(LO);
        expect(d).toBeLessThanOrEqual(HI);
      }
      expect(polls.at(-1)?.t).toBeGreaterThan(6 * 3_600_000 - HI);
    });
  }

  it("a run stuck at 99 % for hours: back within the cap once past the estimate, and never stops", () => {
    // 19 steps of 10 s, then the last one never ends.
    const at = (t: number) => running(progress(Math.min(19, Math.floor(t / 10_000)), 20));
    const { polls } = drive(at, 5 * 3_600_000);
    const late = polls.filter((p) => p.t > 600_000);
    for (const { d } of late) {
      expect(d).toBeGreaterThanOrEqual(LO);
      expect(d).toBeLessThanOrEqual(HI);
    }
    expect(late.length).toBeGreaterThan((5 * 3_600_000 - 600_000) / HI);
  });

  it("jitter only shortens the delay, never below the floor", () => {
    const a = drive(
      () => running(null),
      600_000,
      () => 0,
    ).polls.map((p) => p.d);
    const b = drive(
      () => running(null),
      600_000,
      () => 0.999,
    ).polls.map((p) => p.d);
    expect(a.slice(0, 5)).toEqual([1000, 2000, 4000, 8000, 16000]);
    expect(b[0]).toBe(LO);
    for (let i = 1; i < 5; i++) {
      expect(b[i]).toBeLessThan(a[i] as number);
      expect(b[i]).toBeGreaterThanOrEqual(LO);
    }
  });
});

describe("learning from runs seen ending", () => {
  const ctx = (history: MemoryRunHistory, target = "p:wf") => ({
    minInterval: LO,
    maxInterval: HI,
    random: seeded(4),
    target,
    history,
  });
  /** Polls a run without progress that ends at `endMs`; returns the requests and the detection delay. */
  const blindRun = (history: MemoryRunHistory, endMs: number, target?: string) => {
    const s = progressPolicy()(ctx(history, target));
    let t = 0;
    let n = 1;
    while (t < endMs) {
      t += s.next(running(null), t);
      n++;
    }
    s.end?.(snap("succeeded"), t);
    return { requests: n, delay: t - endMs };
  };

  it("runs of a target that last about 10 min are polled sparsely early and densely around 10 min", () => {
    const history = new MemoryRunHistory();
    const rnd = seeded(2);
    for (let i = 0; i < 30; i++) blindRun(history, 600_000 * (0.95 + 0.1 * rnd()));
    expect(history.durations("p:wf|run")?.length).toBe(30);
    const s = progressPolicy()(ctx(history));
    const gapsAt: { t: number; d: number }[] = [];
    for (let t = 0; t < 700_000; ) {
      const d = s.next(running(null), t);
      gapsAt.push({ t, d });
      t += d;
    }
    // Past the blind cap while the end is improbable, and near the floor where it is likely.
    expect(Math.max(...gapsAt.filter((g) => g.t < 400_000).map((g) => g.d))).toBeGreaterThan(HI);
    expect(Math.min(...gapsAt.filter((g) => g.t > 560_000 && g.t < 640_000).map((g) => g.d))).toBeLessThan(10_000);
    // After the learned durations, the cap holds again.
    for (const g of gapsAt.filter((x) => x.t > 680_000)) expect(g.d).toBeLessThanOrEqual(HI);
  });

  it("learned durations cut both the requests and the delay against a wait with nothing learned", () => {
    const history = new MemoryRunHistory();
    for (let i = 0; i < 20; i++) blindRun(history, 290_000 + i * 1000);
    const ends = Array.from({ length: 20 }, (_, i) => 290_000 + i * 1000 + 500);
    const fresh = ends.map((e) => blindRun(new MemoryRunHistory(), e));
    const learned = ends.map((e) => blindRun(MemoryRunHistory.from(history.toJSON()), e));
    const sum = (xs: { requests: number; delay: number }[], k: "requests" | "delay") => xs.reduce((a, x) => a + x[k], 0);
    expect(sum(learned, "requests")).toBeLessThan(sum(fresh, "requests"));
    expect(sum(learned, "delay")).toBeLessThan(sum(fresh, "delay"));
  });

  it("keeps targets apart", () => {
    const history = new MemoryRunHistory();
    for (let i = 0; i < 10; i++) blindRun(history, 5000, "p:a");
    expect(history.durations("p:a|run")?.length).toBe(10);
    expect(history.durations("p:b|run")).toBeUndefined();
  });

  it("times the queue and the running part apart, and starts over when a run leaves the queue", () => {
    const history = new MemoryRunHistory();
    const s = progressPolicy()(ctx(history));
    let t = 0;
    while (t < 1_200_000) t += s.next(snap("queued"), t);
    const before = s.next(snap("queued"), t);
    t += before;
    const first = s.next(running(null), t);
    // The gap after leaving the queue is short again, whatever it had grown to while queued.
    expect(before).toBeGreaterThan(20_000);
    // The run has been running for about half the last gap: the next gap is bounded by that age.
    expect(first).toBeLessThanOrEqual(LO + before / 2 + 1);
    expect(first).toBeLessThan(before * 0.7);
    s.end?.(snap("succeeded"), t + first);
    expect(history.durations("p:wf|queue")?.length).toBe(1);
    expect(history.durations("p:wf|run")?.[0]).toBeLessThanOrEqual(before / 2 + first + 1);
  });

  it("round-trips through JSON and refuses malformed input", () => {
    const h = new MemoryRunHistory({ perKey: 3 });
    for (const d of [1, 2, 3, 4, -1, Number.NaN]) h.add("k", d);
    expect(h.durations("k")).toEqual([2, 3, 4]);
    const back = MemoryRunHistory.from(JSON.stringify(h));
    expect(back.toJSON()).toEqual(h.toJSON());
    expect(() => MemoryRunHistory.from("{")).toThrow(UsageError);
    expect(() => MemoryRunHistory.from({ version: 2, keys: {} } as never)).toThrow(/version: 1/);
    expect(() => MemoryRunHistory.from({ version: 1, keys: { k: 5 } } as never)).toThrow(/must be an array/);
  });
});

describe("learned shapes: planned gaps and the progress curve, under real jitter", () => {
  /**
   * One wait on a run of `endS` seconds whose steps end at `stepsS` (seconds; null: no progress),
   * polled from age 0 as the poller would, with Math.random as jitter; told the end, so it teaches `history`.
   */
  function waitOn(history: MemoryRunHistory, endS: number, stepsS: readonly number[] | null) {
    const s = progressPolicy()({ minInterval: LO, maxInterval: HI, random: Math.random, target: "p:wf", history });
    const gaps: { t: number; d: number }[] = [];
    let t = 0;
    let requests = 1;
    while (t < endS * 1000) {
      const p = stepsS ? progress(stepsS.filter((e) => e * 1000 <= t).length, stepsS.length) : null;
      const d = s.next(running(p), t);
      gaps.push({ t, d });
      t += d;
      requests++;
    }
    s.end?.(snap("succeeded"), t);
    return { requests, delay: t / 1000 - endS, gaps };
  }
  const rnd = seeded(11);
  /** 20 steps: 18 in the first tenth of the run, then two long ones. */
  const frontLoaded = (d: number) =>
    Array.from({ length: 20 }, (_, i) => (i < 18 ? ((i + 1) / 18) * 0.1 * d : 0.1 * d + ((i - 17) / 2) * 0.9 * d));
  /** 20 steps: two long ones taking 90 % of the run, then 18 quick ones. */
  const backLoaded = (d: number) =>
    Array.from({ length: 20 }, (_, i) => (i < 2 ? ((i + 1) / 2) * 0.9 * d : 0.9 * d + ((i - 1) / 18) * 0.1 * d));
  const total = (xs: { requests: number; delay: number }[]) => ({
    requests: xs.reduce((a, x) => a + x.requests, 0),
    delay: xs.reduce((a, x) => a + x.delay, 0),
  });

  it("fast steps then a long tail: once the target is learned, the tail is not polled densely and the end is seen soon", () => {
    const history = new MemoryRunHistory();
    const ds = Array.from({ length: 60 }, () => 200 + 200 * rnd());
    for (const d of ds.slice(0, 40)) waitOn(history, d, frontLoaded(d));
    expect(history.durations("p:wf|run@18")?.length).toBeGreaterThanOrEqual(20);
    const learned = total(ds.slice(40).map((d) => waitOn(history, d, frontLoaded(d))));
    const fresh = total(ds.slice(40).map((d) => waitOn(new MemoryRunHistory(), d, frontLoaded(d))));
    // 20 runs of 200–400 s: at most 15 requests per run, seen within 12 s of the end on average, and
    // far fewer requests than with nothing learned (where the fast steps predict an early end).
    expect(learned.requests).toBeLessThanOrEqual(20 * 15);
    expect(learned.delay).toBeLessThanOrEqual(20 * 12);
    expect(learned.requests).toBeLessThan(fresh.requests * 0.75);
  });

  it("slow steps then quick ones: the wait sleeps through the slow steps and is there when the quick ones end", () => {
    const history = new MemoryRunHistory();
    const ds = Array.from({ length: 60 }, () => 200 + 200 * rnd());
    for (const d of ds.slice(0, 40)) waitOn(history, d, backLoaded(d));
    const learned = ds.slice(40).map((d) => waitOn(history, d, backLoaded(d)));
    const sum = total(learned);
    expect(sum.requests).toBeLessThanOrEqual(20 * 12);
    expect(sum.delay).toBeLessThanOrEqual(20 * 8);
    for (const r of learned) expect(r.delay).toBeLessThanOrEqual(45);
  });

  it("a run that stalls where its learned curve says it ends is polled at least every maxInterval once past every prediction", () => {
    const history = new MemoryRunHistory();
    for (let i = 0; i < 30; i++) {
      const d = 200 + 200 * rnd();
      waitOn(history, d, backLoaded(d));
    }
    // Two slow steps as usual (done at 270 s), then nothing for an hour.
    const steps = backLoaded(300).map((e, i) => (i < 2 ? e : 1e9));
    const { gaps } = waitOn(history, 3600, steps);
    for (const g of gaps) expect(g.d).toBeGreaterThanOrEqual(LO);
    // Its learned curve puts the end by about 1.15 × 270 s; from 600 s on, the cap holds.
    for (const g of gaps.filter((x) => x.t > 600_000)) expect(g.d).toBeLessThanOrEqual(HI);
    expect(gaps.filter((x) => x.t > 600_000).length).toBeGreaterThanOrEqual((3600 - 600) / 30);
  });

  it("very short runs (1–5 s, no progress) are seen within about a second of their end, at under three requests", () => {
    const history = new MemoryRunHistory();
    const ds = Array.from({ length: 200 }, () => 1 + 4 * rnd());
    for (const d of ds.slice(0, 100)) waitOn(history, d, null);
    const runs = ds.slice(100).map((d) => waitOn(history, d, null));
    const sum = total(runs);
    expect(sum.delay / runs.length).toBeLessThanOrEqual(1.5);
    expect(sum.requests / runs.length).toBeLessThanOrEqual(2.8);
    for (const r of runs) {
      expect(r.delay).toBeLessThanOrEqual(4);
      for (const g of r.gaps) expect(g.d).toBeGreaterThanOrEqual(LO);
    }
  });

  it("runs that end either at about 20 s or at about 10 min: sparse in between, and both kinds seen soon", () => {
    const history = new MemoryRunHistory();
    const ds = Array.from({ length: 120 }, () => (rnd() < 0.5 ? 20 : 600) * (0.9 + 0.2 * rnd()));
    for (const d of ds.slice(0, 80)) waitOn(history, d, null);
    const runs = ds.slice(80).map((d) => ({ d, ...waitOn(history, d, null) }));
    const long = runs.filter((r) => r.d > 100);
    for (const r of long) {
      // Between the two clusters (60–480 s), at most 9 polls (every maxInterval would be 14).
      expect(r.gaps.filter((g) => g.t > 60_000 && g.t < 480_000).length).toBeLessThanOrEqual(9);
    }
    const sum = total(runs);
    expect(sum.delay / runs.length).toBeLessThanOrEqual(12);
    expect(sum.requests / runs.length).toBeLessThanOrEqual(14);
  });
});

describe("very short runs and the last step", () => {
  /** One wait without progress on a run of `endMs`, seeded jitter; returns requests and delay (ms) and teaches `history`. */
  function blindWait(history: MemoryRunHistory, endMs: number, random: () => number, jitter?: number) {
    const s = progressPolicy(jitter === undefined ? {} : { jitter })({
      minInterval: LO,
      maxInterval: HI,
      random,
      target: "p:short",
      history,
    });
    let t = 0;
    let requests = 1;
    const gaps: number[] = [];
    while (t < endMs) {
      const d = s.next(running(null), t);
      gaps.push(d);
      t += d;
      requests++;
    }
    s.end?.(snap("succeeded"), t);
    return { requests, delay: t - endMs, gaps };
  }
  /** Mean requests and delay (ms) of polling every `T` ms from 0 on runs of durations `ds` (ms). */
  const fixedOn = (ds: readonly number[], T: number) => ({
    requests: ds.reduce((a, d) => a + Math.floor(d / T) + 2, 0) / ds.length,
    delay: ds.reduce((a, d) => a + (Math.floor(d / T) + 1) * T - d, 0) / ds.length,
  });

  it("1–5 s runs, once learned, are seen sooner than by the fixed interval that costs the same requests", () => {
    const rnd = seeded(21);
    const jitter = seeded(22);
    const history = new MemoryRunHistory();
    const ds = Array.from({ length: 300 }, () => 1000 + 4000 * rnd());
    for (const d of ds.slice(0, 100)) blindWait(history, d, jitter);
    const measured = ds.slice(100);
    const runs = measured.map((d) => blindWait(history, d, jitter));
    const requests = runs.reduce((a, r) => a + r.requests, 0) / runs.length;
    const delay = runs.reduce((a, r) => a + r.delay, 0) / runs.length;
    // The fixed interval of the same mean requests on the same runs (requests fall as T grows).
    let lo = 100;
    let hi = 100_000;
    for (let i = 0; i < 60; i++) {
      const m = (lo + hi) / 2;
      if (fixedOn(measured, m).requests > requests) lo = m;
      else hi = m;
    }
    const fixed = fixedOn(measured, hi);
    expect(requests).toBeLessThanOrEqual(3);
    expect(delay).toBeLessThanOrEqual(0.65 * fixed.delay);
    for (const r of runs) for (const g of r.gaps) expect(g).toBeGreaterThanOrEqual(LO);
  });

  it("a run seen ending is recorded within the gap it ended in, not all at one point", () => {
    const history = new MemoryRunHistory();
    const random = seeded(5);
    // Without jitter every wait polls at the same ages: 0, then the first gap.
    const first = progressPolicy({ jitter: 0 })({ minInterval: LO, maxInterval: HI, random, target: "p:short" }).next(
      running(null),
      0,
    );
    for (let i = 0; i < 20; i++) blindWait(history, first / 2, random, 0);
    const recorded = history.durations("p:short|run") ?? [];
    expect(recorded.length).toBe(20);
    for (const d of recorded) {
      expect(d).toBeGreaterThan(0);
      expect(d).toBeLessThanOrEqual(first);
    }
    expect(Math.max(...recorded) - Math.min(...recorded)).toBeGreaterThan(first / 10);
  });

  it("polls densely in the last step, never below the floor", () => {
    for (const minInterval of [1000, 20_000]) {
      const schedule = progressPolicy()({ minInterval, maxInterval: HI, random: seeded(3) });
      const at = steady(20, 60_000);
      const end = 20 * 60_000;
      let t = 0;
      const lastStep: number[] = [];
      for (;;) {
        const run = at(t);
        if (run.terminal) break;
        const d = schedule.next(run, t);
        expect(d).toBeGreaterThanOrEqual(minInterval);
        if (t >= end - 60_000) lastStep.push(d);
        t += d;
      }
      // Seen within the floor of the end (a few seconds without one), after several polls in the last minute.
      expect(t - end).toBeLessThanOrEqual(Math.max(minInterval, 5000));
      expect(lastStep.length).toBeGreaterThanOrEqual(minInterval > 10_000 ? 2 : 5);
    }
  });
});
