import { describe, expect, it } from "vitest";
import type { Run } from "../types.js";
import { at, drivePolicy, HI, LO, progress, seeded, steadyEnds, timeline } from "./__fixtures__/fake-provider.js";
import { MemoryRunHistory, type ProgressPolicyOptions, progressPolicy } from "./schedule.js";

// How the pace of a run's steps, and the progress curve of runs seen ending, turn into polls: what a
// caller of progressPolicy observes under a deterministic clock, with real (seeded) jitter. Bounds
// leave room for a retuning of the gaps; each is one a schedule that lost the behaviour misses.

/** Polls `run(t)` as the poller would until it is terminal or `until`; an empty history unless one is given. */
const drive = (
  run: (t: number) => Run,
  until: number,
  o: { options?: ProgressPolicyOptions; random?: () => number; history?: MemoryRunHistory } = {},
) => drivePolicy(run, until, o.history ?? new MemoryRunHistory(), o);
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
/** The same scenario under `seeds` seeds of jitter. */
const seeds = <T>(n: number, f: (random: () => number, i: number) => T): T[] =>
  Array.from({ length: n }, (_, i) => f(seeded(i + 1), i));

/** A progress curve: 20 runs of 20 steps that had done step p at p/20 of their duration, give or take `spread`/2. */
function curve(spread = 0.1): MemoryRunHistory {
  const h = new MemoryRunHistory();
  for (let i = 0; i < 20; i++)
    for (let p = 1; p < 20; p++) h.add(`p:wf|run@${p}`, (20 / p) * 1000 * (1 - spread / 2 + (spread * i) / 19));
  return h;
}

/** Runs of the target that lasted about `ms`. */
function durations(h: MemoryRunHistory, ms: number): MemoryRunHistory {
  for (let i = 0; i < 20; i++) h.add("p:wf|run", ms * (0.95 + 0.005 * i));
  return h;
}

describe("the pace of recent steps", () => {
  it("once steps slow down, the estimate follows the recent ones: the later steps cost few requests", () => {
    // 60 steps of 5 s, then 20 of a minute: after 8 slow ones, the fast ones say nothing any more.
    const ends = [...steadyEnds(60, 5000), ...steadyEnds(20, 60_000).map((e) => e + 300_000)];
    const from = 300_000 + 8 * 60_000;
    const late = seeds(6, (random) => drive(timeline(ends), 1e8, { random }));
    for (const r of late) expect(r.seenAt - (ends.at(-1) as number)).toBeLessThanOrEqual(8000);
    // 12 steps of a minute: fewer than 1.5 requests a step.
    expect(mean(late.map((r) => r.gaps.filter((g) => g.t > from).length))).toBeLessThan(12 * 1.5);
  });

  it("one long step among the first few does not slow the estimate of the next ones", () => {
    // Six steps of 10 s, the third of which takes 100 s.
    const ends = [10_000, 20_000, 120_000, 130_000, 140_000, 150_000];
    const runs = seeds(8, (random) => drive(timeline(ends), 1e7, { random }));
    expect(mean(runs.map((r) => r.seenAt - 150_000))).toBeLessThanOrEqual(3500);
    for (const r of runs) expect(r.seenAt - 150_000).toBeLessThanOrEqual(10_000);
  });

  it("a wait that starts within a step takes the time to its end as half a step: the next step is not polled densely from its start", () => {
    // Steps of 5 min; the wait starts somewhere in step 19 of 20.
    const runs = seeds(8, (random, i) => {
      const off = 18 * 300_000 + 20_000 + 32_000 * i;
      const r = drive(timeline(steadyEnds(20, 300_000).map((e) => e - off)), 1e7, { random });
      const last = 19 * 300_000 - off;
      return { r, early: r.gaps.filter((g) => g.t > last && g.t < last + 150_000).length, end: 6_000_000 - off };
    });
    // The first half of the last step: a poll every 12.5 s or less often, on average.
    expect(mean(runs.map((x) => x.early))).toBeLessThanOrEqual(12);
    for (const { r, end } of runs) expect(r.seenAt - end).toBeLessThanOrEqual(HI);
  });

  it("a wait that sees a run from its start takes its first step whole: of two steps of 5 min, the end is seen within seconds", () => {
    const runs = seeds(8, (random) => drive(timeline(steadyEnds(2, 300_000)), 1e7, { random }));
    expect(mean(runs.map((r) => r.seenAt - 600_000))).toBeLessThanOrEqual(10_000);
    for (const r of runs) expect(r.seenAt - 600_000).toBeLessThanOrEqual(HI);
  });
});

describe("the last step and past the estimate", () => {
  it("the last step is polled more densely than the one before it", () => {
    for (const stepMs of [60_000, 300_000]) {
      let last = 0;
      let before = 0;
      for (const r of seeds(8, (random) => drive(timeline(steadyEnds(20, stepMs)), 1e8, { random }))) {
        last += r.gaps.filter((g) => g.t >= 19 * stepMs).length;
        before += r.gaps.filter((g) => g.t >= 18 * stepMs && g.t < 19 * stepMs).length;
      }
      expect(last, `steps of ${stepMs} ms`).toBeGreaterThanOrEqual(3 * before);
    }
  });

  it("a last step that takes twice the pace is polled densely, but not at the floor", () => {
    // Five steps of a minute, then one of two.
    const ends = [...steadyEnds(5, 60_000), 420_000];
    for (const r of seeds(6, (random) => drive(timeline(ends), 1e7, { random }))) {
      const inLast = r.gaps.filter((g) => g.t > 300_000 && g.t < 420_000).length;
      expect(120_000 / inLast).toBeGreaterThanOrEqual(2.5 * LO);
      expect(r.seenAt - 420_000).toBeLessThanOrEqual(15_000);
    }
  });

  it("with spread 0, a last step that outlasts the estimate falls back under the cap: not polled at the floor", () => {
    // Five steps of a minute, then one of 170 s (short of a stall at three paces).
    const ends = [...steadyEnds(5, 60_000), 470_000];
    for (const r of seeds(12, (random) => drive(timeline(ends), 1e7, { options: { spread: 0 }, random }))) {
      const past = r.gaps.filter((g) => g.t > 380_000 && g.t < 470_000);
      // 90 s well past the estimated end: a dozen polls at most.
      expect(past.length).toBeLessThanOrEqual(12);
      for (const g of past) expect(g.d).toBeLessThanOrEqual(HI);
      expect(r.seenAt - 470_000).toBeLessThanOrEqual(HI);
    }
  });

  it("learned durations that agree with the steps keep the stretch past the cap", () => {
    // Runs of about 2 h; this one's 40 steps of 3 min say the same.
    const h = durations(new MemoryRunHistory(), 7_200_000);
    const { gaps } = drive(timeline(steadyEnds(40, 180_000)), 3_600_000, { history: h });
    const mid = gaps.filter((g) => g.t > 600_000);
    expect(Math.max(...mid.map((g) => g.d))).toBeGreaterThan(3 * HI);
    for (const g of mid) expect(g.d).toBeLessThanOrEqual(10 * HI);
  });
});

describe("the progress curve", () => {
  /** 19 of 20 steps as the curve has them (30 s each), then the last never ends. */
  const stuckInLast = (t: number) => at("running", progress(Math.min(19, Math.floor(t / 30_000)), 20));

  it("a last step that outlasts every prediction is polled at the cap, not densely, however wide the curve", () => {
    for (const spread of [0.1, 0.6]) {
      const { gaps } = drive(stuckInLast, 1_600_000, { history: curve(spread) });
      // The curve puts the end at 600 s, give or take spread/2: three tenths past the latest, the run is past all of it.
      const from = 1.3 * (1 + spread / 2) * 600_000;
      const past = gaps.filter((g) => g.t > from && g.t < from + 300_000);
      expect(past.length, `spread ${spread}`).toBeLessThanOrEqual((300_000 / HI) * 1.5);
      for (const g of past) {
        expect(g.d, `spread ${spread}`).toBeGreaterThanOrEqual(HI / 2);
        expect(g.d, `spread ${spread}`).toBeLessThanOrEqual(HI);
      }
    }
  });

  it("a run past every prediction keeps the cap even where learned durations would stretch", () => {
    const h = durations(curve(), 7_200_000);
    const { gaps } = drive(stuckInLast, 1_500_000, { history: h });
    for (const g of gaps.filter((x) => x.t > 700_000)) expect(g.d).toBeLessThanOrEqual(HI);
  });

  it("runs that end as the curve predicts are seen within half a percent of their duration, at fewer requests than the pace alone", () => {
    const runs = seeds(8, (random, i) => {
      // 19 steps of 30 s, the last ending within the curve's ±2.5 %.
      const end = 600_000 * (1 + 0.05 * ((i + 0.5) / 8 - 0.5));
      const ends = [...steadyEnds(19, 30_000), end];
      const withCurve = drive(timeline(ends), 1e7, { history: curve(0.05), random });
      const alone = drive(timeline(ends), 1e7, { random: seeded(i + 1) });
      return { delay: withCurve.seenAt - end, requests: withCurve.requests, alone: alone.requests };
    });
    expect(mean(runs.map((r) => r.delay))).toBeLessThanOrEqual(3000);
    for (const r of runs) expect(r.delay).toBeLessThanOrEqual(10_000);
    expect(mean(runs.map((r) => r.requests))).toBeLessThan(mean(runs.map((r) => r.alone)));
  });

  it("along the curve, higher urgency polls denser, lower urgency sparser", () => {
    const run = timeline(steadyEnds(20, 30_000));
    const n = (urgency: number) => drive(run, 1e7, { history: curve(), options: { urgency } }).requests;
    expect(n(5)).toBeGreaterThan(n(0.7));
    expect(n(0.7)).toBeGreaterThan(n(0.1));
  });
});

describe("what a wait teaches of the progress curve", () => {
  const points = (h: MemoryRunHistory) =>
    Array.from({ length: 22 }, (_, p) => p).filter((p) => h.durations(`p:wf|run@${p}`) !== undefined);

  it("a run seen one step a poll for 200 steps: a wait keeps only its recent steps, and nothing at the end itself", () => {
    const h = new MemoryRunHistory();
    const s = progressPolicy()({ minInterval: LO, maxInterval: HI, random: () => 0, target: "p:wf", history: h });
    for (let k = 0; k < 200; k++) s.next(at("running", progress(k, 200)), 1000 + 2000 * k);
    s.end?.(at("succeeded", progress(200, 200)), 401_000);
    const got = points(h);
    // The memory of a wait is bounded: its first steps are forgotten, its late ones taught.
    for (let p = 1; p <= 8; p++) expect(got).not.toContain(p);
    for (let p = 13; p <= 19; p++) expect(got).toContain(p);
    // Points are shares of the steps short of the end: none at 0 or 20.
    expect(got.every((p) => p >= 1 && p <= 19)).toBe(true);
  });

  it("steps done before the run was seen running teach nothing: their end times are unknown", () => {
    const h = new MemoryRunHistory();
    // Queued until 10 s; then 6 of 20 steps are already done, the rest end every 10 s.
    const ends = steadyEnds(20, 10_000).map((e) => e - 55_000);
    drive((t) => (t < 10_000 ? at("queued") : timeline(ends)(t)), 1e7, { history: h });
    const got = points(h);
    for (let p = 1; p <= 6; p++) expect(got).not.toContain(p);
    for (let p = 7; p <= 19; p++) expect(got).toContain(p);
  });
});

describe("after a stall", () => {
  it("the first poll that sees steps again does not license a sleep past the cap", () => {
    // 10 steps of 10 s, a 10-minute stall, then 10 steps of 2.5 s.
    const ends = [...steadyEnds(10, 10_000), ...steadyEnds(10, 2500).map((e) => 700_000 + e)];
    const late: number[] = [];
    for (let seed = 1; seed <= 60; seed++) {
      const { gaps, seenAt } = drivePolicy(timeline(ends), 3_600_000, undefined, { random: seeded(seed) });
      for (const g of gaps.filter((x) => x.t > 150_000)) expect(g.d).toBeLessThanOrEqual(HI);
      late.push(seenAt - (ends[19] as number));
    }
    // The ten quick steps take 25 s: the wait sees them with a poll or two at most, so the end comes
    // within the cap of the last step, and mostly well within it.
    late.sort((a, b) => a - b);
    expect(late[59]).toBeLessThanOrEqual(HI);
    expect(late[30]).toBeLessThanOrEqual(10_000);
  });
});
