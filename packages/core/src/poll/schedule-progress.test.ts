import { describe, expect, it } from "vitest";
import type { Progress, Run } from "../types.js";
import { at, drivePolicy, HI, LO, progress, steadyEnds, timeline } from "./__fixtures__/fake-provider.js";
import { MemoryRunHistory, type ProgressPolicyOptions, progressPolicy } from "./schedule.js";

/** Polls `run(t)` as the poller would until it is terminal or `until`; an empty history unless one is given. */
const drive = (
  run: (t: number) => Run,
  until: number,
  o: { options?: ProgressPolicyOptions; random?: () => number; history?: MemoryRunHistory } = {},
) => drivePolicy(run, until, o.history ?? new MemoryRunHistory(), o);

describe("progressPolicy options", () => {
  it("refuses a jitter, spread, urgency, stretch or priorMedian out of range, with one message", () => {
    const msg = "progressPolicy: jitter in [0, 1], spread ≥ 0, urgency > 0, stretch ≥ 1, priorMedian > 0";
    const bad: ProgressPolicyOptions[] = [
      { jitter: -0.1 },
      { jitter: 1.01 },
      { jitter: Number.NaN },
      { spread: Number.NaN },
      { urgency: 0 },
      { urgency: -1 },
      { urgency: Number.NaN },
      { stretch: 0.99 },
      { stretch: Number.NaN },
      { priorMedian: 0 },
      { priorMedian: -1 },
      { priorMedian: Number.NaN },
    ];
    for (const o of bad) expect(() => progressPolicy(o), JSON.stringify(o)).toThrow(msg);
  });

  it("refuses a negative spread", () => {
    expect(() => progressPolicy({ spread: -0.1 })).toThrow(/spread ≥ 0/);
  });

  it("takes the edges of each range", () => {
    for (const o of [{ jitter: 0 }, { jitter: 1 }, { spread: 0 }, { stretch: 1 }, { urgency: 1e-6 }, { priorMedian: 1 }]) {
      const s = progressPolicy(o)({ minInterval: LO, maxInterval: HI, random: Math.random });
      const d = s.next(at("running"), 0);
      expect(d).toBeGreaterThanOrEqual(LO);
      expect(d).toBeLessThanOrEqual(HI);
    }
  });

  it("by default, jitter shortens a delay by at most a fifth, and does shorten it", () => {
    const run = timeline(steadyEnds(20, 20_000));
    const full = drive(run, 1e7, { random: () => 0 }).gaps;
    // The same snapshots at the same times to a schedule with jitter at its largest and one without.
    const ctx = { minInterval: LO, maxInterval: HI, history: new MemoryRunHistory() };
    const s = progressPolicy()({ ...ctx, random: () => 0.999999 });
    const s0 = progressPolicy()({ ...ctx, random: () => 0 });
    let shortened = 0;
    for (const g of full) {
      const d = s.next(run(g.t), g.t);
      const d0 = s0.next(run(g.t), g.t);
      expect(d).toBeLessThanOrEqual(d0);
      expect(d).toBeGreaterThanOrEqual(Math.max(LO, 0.8 * d0) - 1e-6);
      if (d0 > 2 * LO && d < 0.85 * d0) shortened++;
    }
    expect(shortened).toBeGreaterThan(full.length / 2);
  });

  it("a floor above the cap is used as both", () => {
    const s = progressPolicy()({ minInterval: 5000, maxInterval: 2000, random: Math.random });
    for (let t = 0; t < 100_000; t += 5000) expect(s.next(at("running"), t)).toBe(5000);
  });

  it("higher urgency polls denser, lower urgency sparser", () => {
    const run = timeline(steadyEnds(10, 30_000));
    const n = (urgency: number) => drive(run, 1e7, { options: { urgency }, random: () => 0 }).gaps.length;
    expect(n(5)).toBeGreaterThan(n(0.7));
    expect(n(0.7)).toBeGreaterThan(n(0.05));
    const blind = (urgency: number) => drive(() => at("running"), 600_000, { options: { urgency }, random: () => 0 }).gaps.length;
    expect(blind(50)).toBeGreaterThan(blind(0.7));
  });

  it("a shorter priorMedian polls a young run without history denser", () => {
    const n = (priorMedian: number) =>
      drive(() => at("running"), 120_000, { options: { priorMedian }, random: () => 0 }).gaps.length;
    expect(n(2000)).toBeGreaterThan(n(60_000));
    expect(n(60_000)).toBeGreaterThanOrEqual(n(3_600_000));
  });

  it("stretch bounds the delays that progress licenses past the cap", () => {
    const run = timeline(steadyEnds(20, 300_000));
    for (const stretch of [1, 2, 10]) {
      const { gaps, seenAt } = drive(run, 1e8, { options: { stretch }, random: Math.random });
      const most = Math.max(...gaps.map((g) => g.d));
      expect(most).toBeLessThanOrEqual(stretch * HI);
      if (stretch > 1) expect(most).toBeGreaterThan(HI);
      expect(seenAt - 6_000_000).toBeLessThanOrEqual(HI);
    }
  });
});

describe("progressPolicy without progress or history", () => {
  it("a gap never exceeds the floor plus the run's age, reaches the cap, and polling goes on", () => {
    const { gaps } = drive(() => at("running"), 3_600_000, { random: () => 0 });
    for (const g of gaps) {
      expect(g.d).toBeGreaterThanOrEqual(LO);
      expect(g.d).toBeLessThanOrEqual(Math.min(HI, LO + g.t));
    }
    expect(gaps.filter((g) => g.d === HI).length).toBeGreaterThan(100);
    expect(gaps.at(-1)?.t).toBeGreaterThan(3_600_000 - HI);
  });

  it("a run that leaves the queue is timed from then: the first gaps are short again", () => {
    const s = progressPolicy()({ minInterval: LO, maxInterval: HI, random: () => 0, target: "p:wf" });
    let t = 0;
    let last = 0;
    while (t < 600_000) {
      last = s.next(at("queued"), t);
      t += last;
    }
    expect(last).toBe(HI);
    const first = s.next(at("running"), t);
    // It has been running for about half the last gap.
    expect(first).toBeLessThanOrEqual(LO + last / 2);
    expect(first).toBeGreaterThanOrEqual(LO);
    // Paused runs count with the queue: back to running does not reset while running.
    const s2 = progressPolicy()({ minInterval: LO, maxInterval: HI, random: () => 0 });
    s2.next(at("running"), 0);
    expect(s2.next(at("running"), 600_000)).toBe(HI);
    const back = s2.next(at("paused"), 602_000);
    expect(back).toBeLessThanOrEqual(LO + 1000);
  });
});

describe("progressPolicy with step progress", () => {
  it("steady steps: past the cap mid-run, dense near the end, the end seen soon", () => {
    const ends = steadyEnds(20, 60_000);
    const { gaps, seenAt } = drive(timeline(ends), 1e8);
    expect(seenAt - 1_200_000).toBeLessThanOrEqual(10_000);
    expect(Math.max(...gaps.filter((g) => g.t < 600_000).map((g) => g.d))).toBeGreaterThan(HI);
    for (const g of gaps) expect(g.d).toBeLessThanOrEqual(10 * HI);
    const late = gaps.filter((g) => g.t > 1_140_000);
    expect(late.length).toBeGreaterThanOrEqual(2);
    expect(Math.min(...late.map((g) => g.d))).toBeLessThanOrEqual(10_000);
    // Far fewer requests than polling at the cap (the last step, polled densely, costs a few).
    expect(gaps.length).toBeLessThan((1_200_000 / HI) * 0.6);
  });

  it("steady steps of a few seconds: seen within a second or two of the end, at a few requests per step", () => {
    const ends = steadyEnds(20, 3000);
    const { gaps, seenAt } = drive(timeline(ends), 1e7);
    expect(seenAt - 60_000).toBeLessThanOrEqual(2500);
    expect(gaps.length).toBeLessThanOrEqual(60);
  });

  it("the pace comes from our own clock between polls, whatever step the run started at", () => {
    // Tracking begins half-way (10 of 20 done), steps of 20 s.
    const ends = steadyEnds(20, 20_000).map((e) => e - 200_000);
    const { gaps, seenAt } = drive(timeline(ends), 1e7);
    expect(seenAt - 200_000).toBeLessThanOrEqual(8000);
    expect(gaps.length).toBeLessThanOrEqual(30);
  });

  it("a step that ends several to a poll gives the same pace as one a poll", () => {
    // 40 steps of 2 s: the gaps soon span several steps.
    const ends = steadyEnds(40, 2000);
    const { seenAt, gaps } = drive(timeline(ends), 1e7);
    expect(seenAt - 80_000).toBeLessThanOrEqual(3000);
    expect(gaps.length).toBeLessThanOrEqual(40);
  });

  it("before any step ends, no delay passes the cap; a run that has done none of many steps in a long time waits at the cap", () => {
    const { gaps } = drive(() => at("running", progress(0, 20)), 600_000, { random: () => 0 });
    for (const g of gaps) expect(g.d).toBeLessThanOrEqual(HI);
    // After 90 s with none of 20 steps done, the other 19 will take about as long: the end is far.
    const late = gaps.filter((g) => g.t > 90_000);
    for (const g of late) expect(g.d).toBe(HI);
    // ...sooner than without progress, which keeps growing the gap with the age only.
    const blind = drive(() => at("running"), 600_000, { random: () => 0 }).gaps;
    const reachCap = (gs: { t: number; d: number }[]) => gs.find((g) => g.d === HI)?.t ?? Number.POSITIVE_INFINITY;
    expect(reachCap(gaps)).toBeLessThanOrEqual(reachCap(blind));
  });

  it("before the first step ends, the gap grows with the time it has taken: not the cap at once", () => {
    const s = progressPolicy()({ minInterval: LO, maxInterval: HI, random: () => 0, history: new MemoryRunHistory() });
    const t0 = 5_000_000;
    const first = s.next(at("running", progress(0, 20)), t0);
    const second = s.next(at("running", progress(0, 20)), t0 + first);
    expect(first).toBeLessThan(HI);
    expect(second).toBeLessThan(HI);
    expect(second).toBeGreaterThanOrEqual(first);
  });

  it("only elapsed time counts: the same run seen at another clock time gets the same gaps", () => {
    const history = new MemoryRunHistory();
    for (let i = 0; i < 20; i++) history.add("p:wf|run", 600_000 * (0.95 + 0.005 * i));
    for (let i = 0; i < 20; i++) for (let p = 1; p < 20; p++) history.add(`p:wf|run@${p}`, (20 / p) * 1000 * (0.95 + 0.005 * i));
    const shapes: ((t: number) => Run)[] = [
      timeline(steadyEnds(20, 30_000)),
      timeline([...steadyEnds(5, 10_000), ...steadyEnds(15, 40_000).map((e) => e + 50_000)]),
      (t) => (t < 100_000 ? at("queued") : at("running", progress(Math.min(19, Math.floor((t - 100_000) / 20_000)), 20))),
      () => at("running"),
    ];
    for (const [i, shape] of shapes.entries()) {
      const gapsFrom = (t0: number, h?: MemoryRunHistory) => {
        const s = progressPolicy()({ minInterval: LO, maxInterval: HI, random: () => 0, target: "p:wf", history: h });
        const out: number[] = [];
        for (let t = 0; t < 900_000; ) {
          const r = shape(t);
          if (r.terminal) break;
          const d = s.next(r, t0 + t);
          out.push(d);
          t += d;
        }
        return out;
      };
      for (const h of [history, undefined]) {
        const a = gapsFrom(0, h);
        const b = gapsFrom(7_777_000, h);
        expect(b.length, `shape ${i}`).toBe(a.length);
        for (const [j, d] of b.entries()) expect(d, `shape ${i}, gap ${j}`).toBeCloseTo(a[j] as number, 3);
      }
    }
  });

  it("one step of one: the time it has taken says nothing about the end, so the gap is the blind one", () => {
    const a = drive(() => at("running", progress(0, 1)), 300_000, { random: () => 0 }).gaps;
    const b = drive(() => at("running"), 300_000, { random: () => 0 }).gaps;
    expect(a).toEqual(b);
  });

  it("a stall (no step for several times the pace) brings the cap back; steps again after it stretch again", () => {
    // 10 steps of 10 s, nothing for 20 min, then 10 steps of 10 s.
    const ends = [...steadyEnds(10, 10_000), ...steadyEnds(10, 10_000).map((e) => e + 1_300_000)];
    const { gaps, seenAt } = drive(timeline(ends), 1e8);
    // Within a few paces of the last step end, and for as long as the stall lasts.
    for (const g of gaps.filter((x) => x.t > 150_000 && x.t < 1_300_000)) expect(g.d).toBeLessThanOrEqual(HI);
    expect(gaps.filter((x) => x.t > 200_000 && x.t < 1_300_000).length).toBeGreaterThanOrEqual(1_000_000 / HI);
    expect(seenAt - (ends.at(-1) as number)).toBeLessThanOrEqual(8000);
  });

  it("a stall early in a long run withdraws the licence to sleep past the cap, long before the estimated end", () => {
    // 20 of 100 steps of 10 s, then nothing for an hour: 800 s of steps were still expected.
    const stuck = (t: number) => at("running", progress(Math.min(20, Math.floor(t / 10_000)), 100));
    const { gaps } = drive(stuck, 3_800_000, { random: () => 0 });
    expect(Math.max(...gaps.filter((g) => g.t < 200_000).map((g) => g.d))).toBeGreaterThan(HI);
    const stalled = gaps.filter((g) => g.t > 400_000);
    for (const g of stalled) expect(g.d).toBeLessThanOrEqual(HI);
    expect(gaps.filter((g) => g.t > 1_000_000).length).toBeGreaterThanOrEqual((3_800_000 - 1_000_000) / HI - 1);
    // Even where learned durations (runs of about 2 h) would license sleeping past the cap.
    const history = new MemoryRunHistory();
    for (let i = 0; i < 20; i++) history.add("p:wf|run", 7_200_000 * (0.95 + 0.005 * i));
    const learned = drive(stuck, 3_800_000, { random: () => 0, history }).gaps;
    for (const g of learned.filter((x) => x.t > 400_000)) expect(g.d).toBeLessThanOrEqual(HI);
  });

  it("a stalled last step is polled at the cap for as long as it lasts", () => {
    const at99 = (t: number) => at("running", progress(Math.min(19, Math.floor(t / 5000)), 20));
    const { gaps } = drive(at99, 3_600_000, { random: Math.random });
    const late = gaps.filter((g) => g.t > 300_000);
    for (const g of late) {
      expect(g.d).toBeGreaterThanOrEqual(LO);
      expect(g.d).toBeLessThanOrEqual(HI);
    }
    expect(late.length).toBeGreaterThan((3_600_000 - 300_000) / HI);
  });

  it("a run at all of its steps but still running is polled within the cap", () => {
    const { gaps } = drive((t) => at("running", progress(Math.min(20, Math.floor(t / 10_000)), 20)), 3_600_000);
    for (const g of gaps.filter((x) => x.t >= 200_000)) expect(g.d).toBeLessThanOrEqual(HI);
  });

  it("progress that is not usable is ignored: the gaps are those of a run without progress", () => {
    const blind = drive(() => at("running"), 300_000, { random: () => 0 }).gaps.map((g) => g.d);
    const bad: Progress[] = [
      progress(1, 1e9),
      progress(2.5, 10),
      progress(2, 10.5),
      progress(-1, 10),
      progress(11, 10),
      progress(0, 0),
      { completed: Number.NaN, total: 10 },
      { completed: null as never, total: 10 },
      progress(1, null),
    ];
    for (const p of bad) {
      const got = drive(() => at("running", p), 300_000, { random: () => 0 }).gaps.map((g) => g.d);
      expect(got, JSON.stringify(p)).toEqual(blind);
    }
    // The same with learned durations that license sleeping past the cap: unusable progress does not withdraw it.
    const history = new MemoryRunHistory();
    for (let i = 0; i < 20; i++) history.add("p:wf|run", 3_600_000 * (0.95 + 0.005 * i));
    const learnedBlind = drive(() => at("running"), 900_000, { random: () => 0, history }).gaps.map((g) => g.d);
    expect(Math.max(...learnedBlind)).toBeGreaterThan(HI);
    for (const p of bad) {
      const got = drive(() => at("running", p), 900_000, { random: () => 0, history }).gaps.map((g) => g.d);
      expect(got, JSON.stringify(p)).toEqual(learnedBlind);
    }
    // Progress of a queued or paused run is not used either.
    const queued = drive(() => at("queued", progress(0, 20)), 300_000, { random: () => 0 }).gaps.map((g) => g.d);
    expect(queued).toEqual(blind);
  });

  it("a total just under a billion steps is still progress", () => {
    const n = 999_999_999;
    const { gaps } = drive((t) => at("running", progress(Math.floor(t / 10), n)), 3_600_000, { random: () => 0 });
    // Millions of steps left at the pace seen: the end is far, and the delay stretches past the cap.
    expect(Math.max(...gaps.map((g) => g.d))).toBeGreaterThan(HI);
  });

  it("one step seen ending is not enough to stretch past the cap", () => {
    // Steps of 10 min: by the time the second ends, only the first has been seen.
    const ends = steadyEnds(20, 600_000);
    const { gaps } = drive(timeline(ends), 1_190_000, { random: () => 0 });
    for (const g of gaps) expect(g.d).toBeLessThanOrEqual(HI);
    const more = drive(timeline(ends), 3_000_000, { random: () => 0 }).gaps;
    expect(Math.max(...more.map((g) => g.d))).toBeGreaterThan(HI);
  });
});

describe("progress with learned durations", () => {
  it("once durations are learned, progress gaps are at most twice what the durations alone allow", () => {
    const history = new MemoryRunHistory();
    // Runs of this target last about 10 min; this one's steps say 100 min.
    for (let i = 0; i < 20; i++) history.add("p:wf|run", 600_000 * (0.95 + 0.005 * i));
    const run = timeline(steadyEnds(20, 300_000));
    const { gaps } = drive(run, 1_500_000, { history, random: () => 0 });
    const fresh = drive(run, 1_500_000, { random: () => 0 }).gaps;
    // Near and past the learned end, gaps stay short, where progress alone would stretch them.
    const near = gaps.filter((g) => g.t > 550_000 && g.t < 700_000);
    expect(near.length).toBeGreaterThanOrEqual(2);
    for (const g of near) expect(g.d).toBeLessThanOrEqual(2 * HI);
    expect(gaps.length).toBeGreaterThan(fresh.length);
    // ...but not polled at the floor either.
    expect(gaps.length).toBeLessThan(1_500_000 / LO / 4);
  });

  it("a run at all of its steps but still running keeps the cap even where learned durations would stretch", () => {
    const history = new MemoryRunHistory();
    for (let i = 0; i < 20; i++) history.add("p:wf|run", 3_600_000 * (0.95 + 0.005 * i));
    const { gaps } = drive((t) => at("running", progress(Math.min(20, Math.floor(t / 10_000)), 20)), 1_200_000, {
      history,
    });
    for (const g of gaps.filter((x) => x.t >= 200_000)) expect(g.d).toBeLessThanOrEqual(HI);
  });
});
