import { describe, expect, it } from "vitest";
import type { Run } from "../types.js";
import { at, drivePolicy, LO, progress, seeded, steadyEnds, timeline } from "./__fixtures__/fake-provider.js";
import { MemoryRunHistory, progressPolicy, type RunHistory } from "./schedule.js";

/** A history with the progress curve of `runs` runs of 20 steady steps and `durations` (ms) of runs of the target. */
function history(durations: readonly number[], runs = 20): MemoryRunHistory {
  const h = new MemoryRunHistory();
  for (let i = 0; i < runs; i++)
    for (let p = 1; p < 20; p++) h.add(`p:wf|run@${p}`, (20_000 / p) * (0.95 + (0.1 * i) / (runs - 1)));
  for (const d of durations) h.add("p:wf|run", d);
  return h;
}
/** 40 durations spread evenly on a log scale from 5 s to 30 min, and the age (ms) by which 5 % of them end. */
const SPREAD = Array.from({ length: 40 }, (_, i) => 5000 * 360 ** (i / 39));
const Q05 = SPREAD[2] as number;

/** Running with `k(t)` of 20 steps done (null: no progress reported). */
const running = (k: (t: number) => number | null) => (t: number) => {
  const done = k(t);
  return done === null ? at("running") : at("running", progress(done, 20));
};
/** 20 steady steps of `stepMs`, then succeeded. */
const steady = (stepMs: number) => timeline(steadyEnds(20, stepMs));

/** The gaps (ms) a policy asks for at the polls `times` (ms), the run answering `run(t)`; the random value fixed. */
function gapsAt(run: (t: number) => Run, times: readonly number[], h: RunHistory, random = 0.5): number[] {
  const s = progressPolicy()({ minInterval: LO, maxInterval: 30_000, random: () => random, target: "p:wf", history: h });
  return times.map((t) => s.next(run(t), t));
}

/** Gaps at polls at 0, from/4, from/2 and `from` (ms) of a run without progress, and of one whose progress first shows at `from`. */
function progressFrom(from: number, h: RunHistory) {
  const times = [0, from / 4, from / 2, from];
  return {
    blind: gapsAt(
      running(() => null),
      times,
      h,
    ),
    late: gapsAt(
      running((t) => (t >= from ? 0 : null)),
      times,
      h,
    ),
  };
}

describe("the early first look with progress", () => {
  it("is one look: after it, no poll comes before the run's own pace says, whatever the jitter", () => {
    const h = history(SPREAD);
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      // 20 steps of 90 s: nothing happens in the first minutes.
      const { gaps } = drivePolicy(steady(90_000), 80_000, h, { random: seeded(seed) });
      const early = gaps.filter((g) => g.t < 1.25 * Q05 + 4 * LO);
      // The first poll, and the look by 1.25 × the age at which 5 % of the runs end.
      expect(early.length).toBe(2);
      expect((gaps[0]?.d as number) + (gaps[1]?.d as number)).toBeGreaterThan(1.25 * Q05 + 4 * LO);
    }
    // The same with the jitter at its most: the look lands a fifth early, and still only once.
    const s = progressPolicy()({ minInterval: LO, maxInterval: 30_000, random: () => 0.999, target: "p:wf", history: h });
    const first = s.next(steady(90_000)(0), 0);
    expect(first).toBeLessThanOrEqual(1.25 * Q05);
    expect(s.next(steady(90_000)(first), first)).toBeGreaterThan(4 * LO);
  });

  it("needs eight runs learned: with seven, progress that first shows part-way gives the gap of a run without it", () => {
    // Seven runs: one of 10 s and six of 15 min. Progress first shows at the poll at `from`.
    const h = history([10_000, ...Array.from({ length: 6 }, (_, i) => 900_000 + i * 1000)]);
    for (const from of [4000, 6000, 8000, 9000, 10_000]) {
      const { blind, late } = progressFrom(from, h);
      expect(late).toEqual(blind);
    }
  });

  it("is not taken once its time has passed: progress first showing late gives the gap of a run without it", () => {
    const h = history(SPREAD);
    // Progress first shows after 1.25 × the age at which 5 % of the runs end, less the floor.
    for (const from of [1.25 * Q05 - LO / 2, 1.25 * Q05, 2 * Q05, 60_000]) {
      const { blind, late } = progressFrom(from, h);
      expect(late).toEqual(blind);
      expect(late[3]).toBeGreaterThan(LO);
    }
    // Before that time has passed, it is taken at the poll where progress first shows.
    const from = Q05 / 2;
    const times = [0, from / 2, from];
    const late = gapsAt(
      running((t) => (t >= from ? 0 : null)),
      times,
      h,
    );
    expect(late[2]).toBeLessThanOrEqual(1.25 * Q05 - from + 1e-6);
  });
});

describe("the curve's licence before the first step, from a custom history", () => {
  it("ignores ratios that are not positive, as it ignores their order", () => {
    const h = history(SPREAD);
    const of = (f: (ds: readonly number[]) => number[]): RunHistory => ({
      durations: (key) => {
        const ds = h.durations(key);
        return ds && (key.includes("@") ? f(ds) : [...ds]);
      },
      add() {},
    });
    // Before the first of 20 steps of 90 s ends, the curve's licence lets gaps pass the cap.
    const gapsWith = (hist: RunHistory) => drivePolicy(steady(90_000), 89_000, hist, { random: () => 0.5 }).gaps.map((g) => g.d);
    const plain = gapsWith(of((ds) => [...ds]));
    expect(Math.max(...plain)).toBeGreaterThan(30_000);
    expect(gapsWith(of((ds) => [...ds].reverse()))).toEqual(plain);
    expect(gapsWith(of((ds) => [0, -5, Number.NaN, 0, ...ds, -1000]))).toEqual(plain);
    // ...and a curve that says runs last less does give shorter gaps.
    expect(Math.max(...gapsWith(of((ds) => ds.map((r) => r / 4))))).toBeLessThan(Math.max(...plain));
  });
});
