import { describe, expect, it } from "vitest";
import type { Run } from "../types.js";
import { at, drivePolicy, HI, LO, progress, seeded } from "./__fixtures__/fake-provider.js";
import { MemoryRunHistory, type ProgressPolicyOptions, progressPolicy, type RunHistory } from "./schedule.js";

/** Polls `run(t)` as the poller would until it is terminal or `until`, with `history` (undefined: none). */
const drive = (
  run: (t: number) => Run,
  until: number,
  history: RunHistory | undefined,
  o: { options?: ProgressPolicyOptions; random?: () => number } = {},
) => drivePolicy(run, until, history, { ...o, random: o.random ?? seeded(21) });

/** A history in which `runs` runs of the target lasted `ms` each, give or take 5 %. */
function learned(ms: number, runs = 20, key = "p:wf|run"): MemoryRunHistory {
  const h = new MemoryRunHistory();
  for (let i = 0; i < runs; i++) h.add(key, ms * (0.95 + (0.1 * i) / (runs - 1)));
  return h;
}

/** The durations (ms) by which 5 % and 95 % of a history's runs had ended. */
function quantiles(h: MemoryRunHistory, key = "p:wf|run") {
  const ds = [...(h.durations(key) ?? [])].sort((a, b) => a - b);
  return { q05: ds[Math.floor(0.05 * ds.length)] as number, q95: ds[Math.floor(0.95 * ds.length)] as number };
}

const endsAt = (ms: number) => (t: number) => at(t >= ms ? "succeeded" : "running");

describe("learned durations, without progress", () => {
  it("past the cap while the end is improbable, dense where runs end, the cap again once past them", () => {
    const h = learned(600_000);
    const { q05, q95 } = quantiles(h);
    const { gaps } = drive(() => at("running"), 1_500_000, h);
    expect(Math.max(...gaps.filter((g) => g.t < 400_000).map((g) => g.d))).toBeGreaterThan(HI);
    expect(Math.min(...gaps.filter((g) => g.t > 560_000 && g.t < 640_000).map((g) => g.d))).toBeLessThan(15_000);
    for (const g of gaps) {
      expect(g.d).toBeGreaterThanOrEqual(LO);
      expect(g.d).toBeLessThanOrEqual(10 * HI);
      // Past the cap only up to half the run's age, or up to where the first 5 % of runs end.
      expect(g.d).toBeLessThanOrEqual(Math.max(HI, g.t / 2, q05 - g.t) + 1e-6);
      if (g.t >= q95) expect(g.d).toBeLessThanOrEqual(HI);
    }
    expect(gaps.filter((g) => g.t > 700_000).length).toBeGreaterThanOrEqual(800_000 / HI - 1);
  });

  it("runs like those learned are seen soon after they end, at fewer requests than with nothing learned", () => {
    const h = learned(600_000);
    const rnd = seeded(5);
    let learnedReq = 0;
    let freshReq = 0;
    for (let i = 0; i < 5; i++) {
      const end = 600_000 * (0.96 + 0.08 * rnd());
      const a = drive(endsAt(end), 1e7, h, { random: rnd });
      const b = drive(endsAt(end), 1e7, new MemoryRunHistory(), { random: rnd });
      expect(a.seenAt - end).toBeLessThanOrEqual(15_000);
      learnedReq += a.requests;
      freshReq += b.requests;
    }
    expect(learnedReq).toBeLessThan(freshReq * 0.75);
  });

  it("stretch bounds learned gaps past the cap", () => {
    for (const stretch of [1, 3]) {
      const { gaps } = drive(() => at("running"), 700_000, learned(600_000), { options: { stretch } });
      const most = Math.max(...gaps.map((g) => g.d));
      expect(most).toBeLessThanOrEqual(stretch * HI);
      if (stretch > 1) expect(most).toBeGreaterThan(HI);
    }
  });

  it("a handful of runs seen is not enough to pass the cap, and a gap stays within the run's age", () => {
    const { gaps } = drive(() => at("running"), 700_000, learned(600_000, 3), { random: () => 0 });
    for (const g of gaps) expect(g.d).toBeLessThanOrEqual(Math.min(HI, LO + g.t));
  });

  it("eight runs seen are enough to pass the cap; seven are not", () => {
    const most = (runs: number) => Math.max(...drive(() => at("running"), 400_000, learned(600_000, runs)).gaps.map((g) => g.d));
    expect(most(7)).toBeLessThanOrEqual(HI);
    expect(most(8)).toBeGreaterThan(HI);
  });

  it("queue time and run time are learned apart: a long queue does not make a short run sparse", () => {
    const h = learned(60_000);
    for (let i = 0; i < 20; i++) h.add("p:wf|queue", 1_800_000 * (0.95 + 0.005 * i));
    const queued = drive(() => at("queued"), 300_000, h).gaps;
    const running = drive(() => at("running"), 300_000, h).gaps;
    // Young in a queue of 30 min: the end of the queue is far, so gaps pass the cap.
    expect(Math.max(...queued.map((g) => g.d))).toBeGreaterThan(HI);
    // A run that lasts about a minute is polled densely near a minute.
    expect(Math.min(...running.filter((g) => g.t > 50_000 && g.t < 70_000).map((g) => g.d))).toBeLessThan(5000);
    expect(running.filter((g) => g.t < 120_000).length).toBeGreaterThan(queued.filter((g) => g.t < 120_000).length);
  });

  it("targets are learned apart", () => {
    const h = learned(600_000, 20, "p:other|run");
    const other = drive(() => at("running"), 700_000, h, { random: () => 0 }).gaps;
    for (const g of other) expect(g.d).toBeLessThanOrEqual(Math.min(HI, LO + g.t));
  });

  it("runs of hours: polled at least every maxInterval once past all of them, and never below the floor", () => {
    const h = learned(7_200_000);
    const { gaps } = drive(() => at("running"), 12 * 3_600_000, h);
    for (const g of gaps) {
      expect(g.d).toBeGreaterThanOrEqual(LO);
      expect(g.d).toBeLessThanOrEqual(10 * HI);
    }
    const past = gaps.filter((g) => g.t > 8 * 3_600_000);
    for (const g of past) expect(g.d).toBeLessThanOrEqual(HI);
    expect(past.length).toBeGreaterThanOrEqual((4 * 3_600_000) / HI - 1);
    // Still dense where they end.
    expect(Math.min(...gaps.filter((g) => g.t > 6_800_000 && g.t < 7_600_000).map((g) => g.d))).toBeLessThan(HI);
  });

  it("a run older than two weeks is still polled at the cap, not at the floor, with or without learned durations", () => {
    const old = 16 * 24 * 3_600_000;
    for (const h of [new MemoryRunHistory(), learned(600_000)]) {
      const s = progressPolicy()({ minInterval: LO, maxInterval: HI, random: () => 0, target: "p:wf", history: h });
      s.next(at("running"), 0);
      for (let t = old; t < old + 300_000; ) {
        const d = s.next(at("running"), t);
        expect(d).toBe(HI);
        t += d;
      }
    }
  });

  it("a history that changes is followed: runs that got much shorter are polled densely where they now end", () => {
    const h = learned(600_000, 32);
    const dense = (hist: RunHistory) =>
      Math.min(
        ...drive(() => at("running"), 90_000, hist, { random: () => 0 })
          .gaps.filter((g) => g.t > 50_000)
          .map((g) => g.d),
      );
    const before = dense(h);
    // Runs now last about a minute; each is told to the history as waits see them end.
    for (let i = 0; i < 64; i++) {
      h.add("p:wf|run", 60_000 * (0.95 + 0.1 * (i / 63)));
      drive(() => at("running"), 5000, h);
    }
    expect(dense(h)).toBeLessThan(5000);
    expect(dense(h)).toBeLessThan(before);
  });

  it("a wait's schedule does not depend on the options of other waits on the same history", () => {
    type Ctx = { minInterval: number; maxInterval: number; options: ProgressPolicyOptions };
    const gapsOf = (h: RunHistory, c: Ctx) => {
      const s = progressPolicy(c.options)({
        minInterval: c.minInterval,
        maxInterval: c.maxInterval,
        random: () => 0,
        target: "p:wf",
        history: h,
      });
      const out: number[] = [];
      for (let t = 0; t < 900_000; ) {
        const d = s.next(at("running"), t);
        out.push(d);
        t += d;
      }
      return out;
    };
    const base: Ctx = { minInterval: LO, maxInterval: HI, options: {} };
    const others: Ctx[] = [
      { ...base, minInterval: 20_000 },
      { ...base, maxInterval: 10_000 },
      { ...base, options: { urgency: 5 } },
      { ...base, options: { stretch: 2 } },
      { ...base, options: { priorMedian: 1000 } },
    ];
    for (const other of others) {
      const shared = learned(600_000, 12);
      gapsOf(shared, base);
      const alone = gapsOf(learned(600_000, 12), other);
      expect(gapsOf(shared, other), JSON.stringify(other)).toEqual(alone);
      expect(alone, JSON.stringify(other)).not.toEqual(gapsOf(shared, base));
    }
  });

  it("two histories with the same runs count, first and last run are still told apart", () => {
    const a = new MemoryRunHistory();
    const b = new MemoryRunHistory();
    for (let i = 0; i < 20; i++) {
      a.add("p:wf|run", i === 0 || i === 19 ? 600_000 : 60_000);
      b.add("p:wf|run", 600_000);
    }
    const ga = drive(() => at("running"), 120_000, a, { random: () => 0 }).gaps;
    const gb = drive(() => at("running"), 120_000, b, { random: () => 0 }).gaps;
    expect(ga.length).toBeGreaterThan(gb.length);
  });

  it("a custom history that answers durations in any order gives the same schedule", () => {
    const ds = Array.from({ length: 20 }, (_, i) => 600_000 * (0.95 + 0.005 * i));
    const sorted: RunHistory = { durations: () => ds, add() {} };
    const shuffled: RunHistory = { durations: () => [...ds].reverse(), add() {} };
    const a = drive(() => at("running"), 800_000, sorted, { random: () => 0 }).gaps;
    const b = drive(() => at("running"), 800_000, shuffled, { random: () => 0 }).gaps;
    expect(b).toEqual(a);
    // Durations that are not positive are left out, not learned.
    const junk: RunHistory = { durations: () => [...ds, 0, -5], add() {} };
    expect(drive(() => at("running"), 800_000, junk, { random: () => 0 }).gaps).toEqual(a);
  });
});

describe("learned shapes of durations, without progress", () => {
  /** 64 runs drawn from `draw` learned, then 20 more waited on: mean delay and requests, and each wait's gaps. */
  function shape(draw: () => number, rnd: () => number) {
    const h = new MemoryRunHistory();
    for (let i = 0; i < 64; i++) h.add("p:wf|run", draw());
    const runs = Array.from({ length: 20 }, () => {
      const end = draw();
      return { end, ...drive(endsAt(end), 1e8, h, { random: rnd }) };
    });
    const fresh = runs.map((r) => drive(endsAt(r.end), 1e8, new MemoryRunHistory(), { random: rnd }));
    const mean = (xs: { seenAt: number; requests: number; end?: number }[], ends: number[]) => ({
      delay: xs.reduce((a, x, i) => a + x.seenAt - (ends[i] as number), 0) / xs.length,
      requests: xs.reduce((a, x) => a + x.requests, 0) / xs.length,
    });
    const ends = runs.map((r) => r.end);
    return { runs, learned: mean(runs, ends), fresh: mean(fresh, ends) };
  }

  it("runs that all last about 5 min: each seen within seconds, at a handful of requests", () => {
    const rnd = seeded(7);
    const { runs, learned, fresh } = shape(() => 300_000 * (0.98 + 0.04 * rnd()), rnd);
    // Each is seen within the span of the runs learned (12 s), most within a few seconds.
    for (const r of runs) expect(r.seenAt - r.end).toBeLessThanOrEqual(12_000);
    expect(learned.delay).toBeLessThanOrEqual(4000);
    expect(learned.requests).toBeLessThanOrEqual(8);
    expect(learned.requests).toBeLessThan(fresh.requests / 2);
    expect(learned.delay).toBeLessThan(fresh.delay / 2);
  });

  it("runs that end at about 20 s or at about 10 min: sparse in between, both kinds seen soon", () => {
    const rnd = seeded(8);
    const { runs, learned, fresh } = shape(() => (rnd() < 0.5 ? 20_000 : 600_000) * (0.9 + 0.2 * rnd()), rnd);
    for (const r of runs.filter((x) => x.end > 100_000))
      expect(r.gaps.filter((g) => g.t > 60_000 && g.t < 480_000).length).toBeLessThanOrEqual(9);
    for (const r of runs.filter((x) => x.end < 100_000)) expect(r.seenAt - r.end).toBeLessThanOrEqual(8000);
    expect(learned.delay).toBeLessThanOrEqual(10_000);
    expect(learned.requests).toBeLessThanOrEqual(12);
    expect(learned.requests).toBeLessThan(fresh.requests);
    expect(learned.delay).toBeLessThan(fresh.delay);
  });

  it("durations spread evenly on a log scale from 10 s to an hour: fewer requests than with nothing learned", () => {
    const rnd = seeded(9);
    const { runs, learned, fresh } = shape(() => Math.exp(Math.log(10_000) + rnd() * Math.log(360)), rnd);
    for (const r of runs) expect(r.seenAt - r.end).toBeLessThanOrEqual(Math.max(HI, r.end / 2));
    expect(learned.requests).toBeLessThan(fresh.requests * 0.8);
    expect(learned.delay).toBeLessThanOrEqual(40_000);
  });
});

describe("the progress curve of runs seen ending", () => {
  /** A history in which `runs` runs of 20 steps had done step p at `shape(p)` of their duration. */
  function curve(shape: (p: number) => number, runs = 20, spread = 0.1): MemoryRunHistory {
    const h = new MemoryRunHistory();
    for (let i = 0; i < runs; i++)
      for (let p = 1; p < 20; p++) h.add(`p:wf|run@${p}`, (1000 / shape(p)) * (1 - spread / 2 + (spread * i) / (runs - 1)));
    return h;
  }
  const steadyShape = (p: number) => p / 20;
  /** Steps ending at `shape(p)` of a run of `ms`, then succeeded. */
  const run = (ms: number, shape: (p: number) => number) => (t: number) => {
    let k = 0;
    while (k < 20 && shape(k + 1) * ms <= t) k++;
    return k === 20 ? at("succeeded", progress(20, 20)) : at("running", progress(k, 20));
  };

  it("a run that follows the curve: past the cap mid-run, seen soon after its end", () => {
    const h = curve(steadyShape);
    const { gaps, seenAt } = drive(run(600_000, steadyShape), 1e7, h);
    expect(seenAt - 600_000).toBeLessThanOrEqual(10_000);
    expect(Math.max(...gaps.filter((g) => g.t < 400_000).map((g) => g.d))).toBeGreaterThan(HI);
    for (const g of gaps) {
      expect(g.d).toBeGreaterThanOrEqual(LO);
      expect(g.d).toBeLessThanOrEqual(Math.max(HI, g.t / 2, 600_000 - g.t));
    }
  });

  it("fast steps then a long tail: the curve, not the pace, says when the end comes", () => {
    // 18 steps in the first tenth of the run, then two long ones.
    const front = (p: number) => (p <= 18 ? (p / 18) * 0.1 : 0.1 + ((p - 18) / 2) * 0.9);
    const h = curve(front);
    const withCurve = drive(run(600_000, front), 1e7, h);
    const without = drive(run(600_000, front), 1e7, new MemoryRunHistory());
    expect(withCurve.seenAt - 600_000).toBeLessThanOrEqual(HI);
    expect(withCurve.requests).toBeLessThan(without.requests);
  });

  it("a run past every prediction is polled at least every maxInterval", () => {
    const h = curve(steadyShape);
    // Five steps as learned (30 s each), then nothing for an hour.
    const stuck = (t: number) => at("running", progress(Math.min(5, Math.floor(t / 30_000)), 20));
    const { gaps } = drive(stuck, 3_600_000, h, { random: seeded(12) });
    // Its curve puts the end at about 600 s (from the age at its fifth step, known to within a poll
    // gap): well past the latest predictions, the cap holds.
    for (const g of gaps.filter((x) => x.t > 900_000)) expect(g.d).toBeLessThanOrEqual(HI);
    const late = gaps.filter((g) => g.t > 1_200_000);
    for (const g of late) expect(g.d).toBeLessThanOrEqual(HI);
    expect(late.length).toBeGreaterThanOrEqual((3_600_000 - 1_200_000) / HI - 1);
  });

  it("a curve learned from a few runs only is not used", () => {
    const few = curve(steadyShape, 3);
    const a = drive(run(600_000, steadyShape), 1e7, few, { random: () => 0 }).gaps;
    const b = drive(run(600_000, steadyShape), 1e7, new MemoryRunHistory(), { random: () => 0 }).gaps;
    expect(a).toEqual(b);
  });

  it("a curve of eight runs is used; one of seven is not", () => {
    const plain = drive(run(600_000, steadyShape), 1e7, new MemoryRunHistory(), { random: () => 0 }).gaps;
    expect(drive(run(600_000, steadyShape), 1e7, curve(steadyShape, 7), { random: () => 0 }).gaps).toEqual(plain);
    expect(drive(run(600_000, steadyShape), 1e7, curve(steadyShape, 8), { random: () => 0 }).gaps).not.toEqual(plain);
  });

  it("steps that mislead are bounded by the learned durations from eight runs on", () => {
    // Steps of 2 min say the run lasts 40 min, while runs of the target last about 10 min: from eight
    // runs learned, gaps that reach 9–11 min are no longer than twice what the durations alone allow.
    const slow = (t: number) => at("running", progress(Math.min(19, Math.floor(t / 120_000)), 20));
    const most = (runs: number) =>
      Math.max(
        ...drive(slow, 800_000, learned(600_000, runs))
          .gaps.filter((g) => g.t < 660_000 && g.t + g.d > 540_000)
          .map((g) => g.d),
      );
    expect(most(8)).toBeLessThan(most(7));
  });

  it("progress that went backwards does not use the curve, nor pass the cap", () => {
    const h = curve(steadyShape);
    const s = progressPolicy()({ minInterval: LO, maxInterval: HI, random: Math.random, target: "p:wf", history: h });
    const ks = [0, 1, 2, 3, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    ks.forEach((k, i) => {
      const d = s.next(at("running", progress(k, 20)), i * 30_000);
      if (i >= 4) expect(d).toBeLessThanOrEqual(HI);
    });
  });

  it("the curve does not depend on the order its ratios are given in, and ignores ratios that are not positive", () => {
    // Runs that last from half to one and a half times the typical duration.
    const h = curve(steadyShape, 20, 1);
    const of = (f: (ds: readonly number[]) => number[]): RunHistory => ({
      durations: (key) => {
        const ds = h.durations(key);
        return ds && f(ds);
      },
      add() {},
    });
    const gapsWith = (hist: RunHistory) => drive(run(600_000, steadyShape), 1e7, hist, { random: () => 0 }).gaps.map((g) => g.d);
    const plain = gapsWith(of((ds) => [...ds]));
    expect(gapsWith(of((ds) => [...ds].reverse()))).toEqual(plain);
    expect(gapsWith(of((ds) => [0, ...ds, -1000]))).toEqual(plain);
    // ...and a different curve does give other gaps.
    expect(gapsWith(of((ds) => ds.map((r) => r * 1.5)))).not.toEqual(plain);
  });

  /** The curve of `shape`, plus 40 durations spread evenly on a log scale from 5 s to 30 min. */
  function withDurations(shape: (p: number) => number): MemoryRunHistory {
    const h = curve(shape);
    for (let i = 0; i < 40; i++) h.add("p:wf|run", 5000 * 360 ** (i / 39));
    return h;
  }

  it("a short run with progress is looked at before many runs of its target could have ended", () => {
    const h = withDurations(steadyShape);
    const { q05 } = quantiles(h);
    for (const ms of [5500, 7000, 9000]) {
      const withProgress = drive(run(ms, steadyShape), 1e7, h);
      const blind = drive(endsAt(ms), 1e7, h);
      // The first look comes by 1.25 × the age at which 5 % of the runs have ended (about 8.5 s here),
      // where a wait without progress first looks at about 13 s.
      expect(withProgress.gaps[0]?.d).toBeLessThanOrEqual(1.25 * q05);
      expect(withProgress.seenAt).toBeLessThanOrEqual(1.25 * q05 + LO);
      expect(withProgress.seenAt).toBeLessThan(blind.seenAt);
    }
  });

  it("a wait that first sees a run part-way bounds its gaps by the curve's next point, not its first", () => {
    const h = withDurations(steadyShape);
    // First seen with 5 of 20 steps done; the sixth ends 10 min later.
    const partWay = (t: number) => (t < 600_000 ? at("running", progress(5, 20)) : at("running", progress(6, 20)));
    // The least ratio of duration over age at 6/20 of the steps (about 3.3) and at 1/20 (about 20).
    const r6 = Math.min(...(h.durations("p:wf|run@6") ?? [])) / 1000;
    const { gaps } = drive(partWay, 600_000, h);
    for (const g of gaps) expect(g.d).toBeLessThanOrEqual(Math.max(HI, g.t / 2, r6 * g.t - g.t) + 1e-6);
    // The licence of the sixth point still lets it pass the cap, and past half the run's age, which is
    // as far as learned durations alone would let it.
    expect(Math.max(...gaps.map((g) => g.d))).toBeGreaterThan(HI);
    expect(gaps.some((g) => g.d > Math.max(HI, g.t / 2) * 1.2)).toBe(true);
  });

  it("eight runs learned are enough for the early first look", () => {
    const eight = curve(steadyShape);
    for (let i = 0; i < 8; i++) eight.add("p:wf|run", 5000 * 360 ** (i / 7));
    const firstGap = (r: (t: number) => Run) => drive(r, 1e7, eight).gaps[0]?.d as number;
    // The first look comes by 1.25 × the age at which 5 % of them end, before a wait without progress looks.
    expect(firstGap(run(1_800_000, steadyShape))).toBeLessThanOrEqual(1.25 * quantiles(eight).q05);
    expect(firstGap(run(1_800_000, steadyShape))).toBeLessThan(firstGap(() => at("running")));
  });

  it("a run out of the queue gets its early look within 1.25 × the 5 % age of its running time", () => {
    const h = withDurations(steadyShape);
    const { q05 } = quantiles(h);
    // Queued for 20 s, then running with progress for 30 min.
    const queued = (t: number) => (t < 20_000 ? at("queued") : run(1_800_000, steadyShape)(t - 20_000));
    const { gaps } = drive(queued, 200_000, h);
    const out = gaps.findIndex((g) => g.t >= 20_000);
    // The gap after the first poll that sees it running: within 1.25 × the 5 % age, less the time it has
    // already run.
    expect(gaps[out]?.d).toBeLessThanOrEqual(1.25 * q05);
    expect(gaps[out]?.d).toBeLessThan(drive(() => at("running"), 1e7, h).gaps[0]?.d as number);
  });

  it("a run whose first step is long is not polled at the floor once its early look has passed", () => {
    const h = withDurations(steadyShape);
    // The first of 20 steps takes 5 min of a 10 min run.
    const longFirst = (p: number) => (p <= 1 ? 0.5 : 0.5 + ((p - 1) / 19) * 0.5);
    const { gaps } = drive(run(600_000, longFirst), 300_000, h);
    expect(gaps.length).toBeLessThanOrEqual(20);
    expect(gaps.filter((g) => g.d < 2 * LO).length).toBeLessThanOrEqual(1);
  });

  it("eight runs' durations are enough for the curve's licence before the first step", () => {
    const h = curve(steadyShape);
    for (let i = 0; i < 8; i++) h.add("p:wf|run", 5000 * 360 ** (i / 7));
    const { gaps } = drive(run(1_800_000, steadyShape), 90_000, h);
    // Past half the run's age, as far as learned durations alone would let it: the curve's licence.
    expect(gaps.some((g) => g.d > Math.max(HI, g.t / 2) * 1.2)).toBe(true);
  });

  it("gaps before the first step keep the cap until the curve holds eight runs at the next point", () => {
    for (const [runs, past] of [
      [7, false],
      [8, true],
    ] as const) {
      const h = curve(steadyShape, runs);
      for (let i = 0; i < 40; i++) h.add("p:wf|run", 5000 * 360 ** (i / 39));
      const { gaps } = drive(run(1_800_000, steadyShape), 90_000, h);
      expect(Math.max(...gaps.map((g) => g.d)) > HI).toBe(past);
    }
  });

  it("before its first step a run sleeps past the cap only as far as its curve says the run lasts", () => {
    for (const [shape, ms] of [
      [steadyShape, 1_800_000],
      // The first step takes 45 % of the run: its curve says a run lasts about 2.2 × its age at step 1.
      [(p: number) => (p <= 2 ? (p / 2) * 0.9 : 0.9 + ((p - 2) / 18) * 0.1), 120_000],
    ] as const) {
      const h = withDurations(shape);
      // The least ratio of duration over age at step 1 that the history holds.
      const r = Math.min(...(h.durations("p:wf|run@1") ?? [])) / 1000;
      const { gaps, seenAt } = drive(run(ms, shape), 1e7, h);
      const first = shape(1) * ms;
      for (const g of gaps.filter((x) => x.t < first))
        expect(g.d).toBeLessThanOrEqual(Math.max(HI, g.t / 2, r * g.t - g.t) + 1e-6);
      expect(seenAt - ms).toBeLessThanOrEqual(Math.max(HI, ms / 20));
    }
    // Steady steps of 90 s: the gaps before the first step end pass the cap.
    const steady = drive(run(1_800_000, steadyShape), 1e7, withDurations(steadyShape)).gaps;
    expect(Math.max(...steady.filter((g) => g.t < 90_000).map((g) => g.d))).toBeGreaterThan(HI);
  });

  it("a run slower than its curve early on is not slept through: the curve's width grows with the gaps seen", () => {
    const h = curve(steadyShape);
    // The run is twice as slow as the learned ones.
    const { seenAt } = drive(run(1_200_000, steadyShape), 1e7, h);
    expect(seenAt - 1_200_000).toBeLessThanOrEqual(HI);
  });
});
