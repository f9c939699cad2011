import { describe, expect, it } from "vitest";
import { at, driveSchedule, HI, LO, seeded } from "./__fixtures__/fake-provider.js";
import { MemoryRunHistory, type ProgressPolicyOptions, progressPolicy, type RunHistory } from "./schedule.js";

const U = 0.7;

const endsAt = (ms: number) => (t: number) => at(t >= ms ? "succeeded" : "running");

/** A history holding `ds` (ms) for the target's run phase that learns nothing more: each wait below sees the same runs. */
function fixed(ds: readonly number[]): RunHistory {
  const h = new MemoryRunHistory();
  for (const d of ds) h.add("p:wf|run", d);
  return { durations: (key) => h.durations(key), add() {} };
}

function policy(history: RunHistory | undefined, o: { options?: ProgressPolicyOptions; lo?: number; hi?: number } = {}) {
  return progressPolicy(o.options)({
    minInterval: o.lo ?? LO,
    maxInterval: o.hi ?? HI,
    random: () => 0,
    target: "p:wf",
    history,
  });
}

/** Waits on runs that end at `ends` (ms): each one's delay (ms from its end to the poll that saw it) and requests. */
function waits(history: RunHistory | undefined, ends: readonly number[], o: Parameters<typeof policy>[1] = {}) {
  return ends.map((end) => {
    const r = driveSchedule(policy(history, o), endsAt(end), 1e9);
    return { end, delay: r.seenAt - end, requests: r.requests, gaps: r.gaps };
  });
}

/** What a schedule costs on average, in seconds: detection delay plus requests at `urgency` requests per second. */
function cost(ws: { delay: number; requests: number }[], urgency = U): number {
  return ws.reduce((a, w) => a + w.delay / 1000 + w.requests / urgency, 0) / ws.length;
}

/** The same cost for the best fixed interval between the floor and the cap, chosen in hindsight for these ends. */
function bestFixed(ends: readonly number[], lo = LO, hi = HI, urgency = U): number {
  let best = Number.POSITIVE_INFINITY;
  for (let g = lo; g <= hi; g *= 1.02) {
    const ws = ends.map((e) => {
      const polls = Math.ceil(e / g);
      return { delay: polls * g - e, requests: polls + 1 };
    });
    best = Math.min(best, cost(ws, urgency));
  }
  return best;
}

/**
 * The least mean cost one schedule can have for runs ending at `ends` (ms), by dynamic programming
 * over poll times `step` ms apart: the first poll at 0, then gaps of at least `lo` and at most `cap(age)`.
 */
function optimalCost(ends: readonly number[], lo: number, cap: (age: number) => number, step: number, urgency = U): number {
  const sorted = [...ends].sort((a, b) => a - b);
  const n = Math.ceil(((sorted.at(-1) as number) + lo) / step) + 1;
  // V[i]: the cost still to pay, over the runs not ended at poll time i · step, after a poll there.
  const V = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    const alive = sorted.filter((e) => e > i * step);
    if (alive.length === 0) continue;
    let best = Number.POSITIVE_INFINITY;
    for (let j = i + Math.max(1, Math.ceil(lo / step)); j < n && (j - i) * step <= cap(i * step) + 1e-9; j++) {
      let delay = 0;
      for (const e of alive) if (e <= j * step) delay += (j * step - e) / 1000;
      best = Math.min(best, alive.length / urgency + delay + (V[j] as number));
    }
    V[i] = best;
  }
  return ((V[0] as number) + ends.length / urgency) / ends.length;
}

const draws = (n: number, draw: () => number) => Array.from({ length: n }, draw);

describe("the durations learned: what a wait sees of runs like them", () => {
  // Runs drawn from one distribution: some learned, then others waited on. The schedule made for the
  // learned durations must pay off on new runs: less delay and requests together than any fixed interval.
  const shapes: [string, (r: () => number) => number, { lo?: number; hi?: number }?][] = [
    ["about 10 min (±5 %)", (r) => 600_000 * (0.95 + 0.1 * r())],
    ["about 40 s (±25 %)", (r) => 40_000 * (0.75 + 0.5 * r())],
    ["about 10 s (±25 %)", (r) => 10_000 * (0.75 + 0.5 * r())],
    ["20 s or 10 min", (r) => (r() < 0.5 ? 20_000 : 600_000) * (0.9 + 0.2 * r())],
    ["log-uniform from 100 s to 1000 s", (r) => 100_000 * 10 ** r()],
    // A floor of 10 s: the table's points are closer than the floor up to 500 s.
    ["about 5 min (±25 %), polled at least 10 s apart", (r) => 300_000 * (0.75 + 0.5 * r()), { lo: 10_000, hi: 60_000 }],
  ];
  for (const [name, draw, o = {}] of shapes) {
    it(`runs of ${name}: new runs cost less than at the best fixed interval`, () => {
      const r = seeded(1);
      const history = fixed(draws(16, () => draw(r)));
      const ends = draws(30, () => draw(r));
      expect(cost(waits(history, ends, o))).toBeLessThan(bestFixed(ends, o.lo, o.hi));
    });
  }

  // The schedule made for the learned durations, waited on for those very runs, against the best one
  // schedule for them (found in hindsight, with the same floor, cap and licence past the cap).
  const nearOptimal: [string, (r: () => number) => number, number, number][] = [
    ["runs of 30–50 s", (r) => 40_000 * (0.75 + 0.5 * r()), LO, HI],
    ["runs of 30–50 s without a floor", (r) => 40_000 * (0.75 + 0.5 * r()), 0, HI],
    ["runs of 4–6 min polled at least 10 s apart", (r) => 300_000 * (0.75 + 0.5 * r()), 10_000, 60_000],
  ];
  for (const [name, draw, lo, hi] of nearOptimal) {
    it(`${name}: the schedule learned from them costs at most half more than the best one for those very runs`, () => {
      const r = seeded(1);
      const ds = draws(16, () => draw(r));
      const sorted = [...ds].sort((a, b) => a - b);
      const q05 = sorted[Math.floor(0.05 * ds.length)] as number;
      const q95 = sorted[Math.floor(0.95 * ds.length)] as number;
      // Past the cap only while younger than 95 % of the runs: up to half the age, or where 5 % have ended.
      const licence = (a: number) => (a < q95 ? Math.min(10 * hi, Math.max(hi, a / 2, q05 - a)) : hi);
      const best = optimalCost(ds, lo, licence, Math.max(lo, LO) / 4);
      expect(cost(waits(fixed(ds), ds, { lo, hi }))).toBeLessThanOrEqual(1.5 * best);
    });
  }

  it("runs that end a little before the shortest learned one are each seen within the cap", () => {
    // 20 runs of 570–630 s. Polls cluster there, but a run 1–9 % shorter is not slept through: the
    // learned distribution is smoothed past the runs seen.
    const history = fixed(Array.from({ length: 20 }, (_, i) => 600_000 * (0.95 + (0.1 * i) / 19)));
    for (const w of waits(history, [520_000, 540_000, 555_000, 565_000])) expect(w.delay).toBeLessThanOrEqual(HI);
  });

  it("eight runs spread from 100 s to 1000 s: a run that ends between two of them is seen within seconds on average", () => {
    const learned = Array.from({ length: 8 }, (_, i) => 100_000 * 10 ** (i / 7));
    const between = learned.slice(1).map((d, i) => Math.sqrt(d * (learned[i] as number)));
    const ws = waits(fixed(learned), between);
    expect(ws.reduce((a, w) => a + w.delay, 0) / ws.length).toBeLessThanOrEqual(HI / 2);
  });

  it("between two clusters of runs, no gap passes the licence: half the run's age, or where 5 % of runs have ended", () => {
    const r = seeded(8);
    const ds = draws(64, () => (r() < 0.5 ? 20_000 : 600_000) * (0.9 + 0.2 * r()));
    const q05 = [...ds].sort((a, b) => a - b)[Math.floor(0.05 * ds.length)] as number;
    const { gaps } = driveSchedule(policy(fixed(ds)), () => at("running"), 700_000);
    expect(Math.max(...gaps.map((g) => g.d))).toBeGreaterThan(HI);
    for (const g of gaps) expect(g.d).toBeLessThanOrEqual(Math.max(HI, g.t / 2, q05 - g.t) + 1e-6);
  });

  it("with learned durations, a higher urgency polls denser and sees the end sooner", () => {
    const r = seeded(3);
    const history = fixed(draws(20, () => 300_000 * (0.8 + 0.4 * r())));
    const ends = draws(10, () => 300_000 * (0.8 + 0.4 * r()));
    const of = (urgency: number) => {
      const ws = waits(history, ends, { options: { urgency } });
      return { requests: ws.reduce((a, w) => a + w.requests, 0), delay: ws.reduce((a, w) => a + w.delay, 0) };
    };
    const eager = of(5);
    const lazy = of(0.1);
    expect(eager.requests).toBeGreaterThan(lazy.requests);
    expect(eager.delay).toBeLessThan(lazy.delay);
  });
});

describe("a few runs learned", () => {
  it("three runs learned: polls are denser around them than with nothing learned, and one ending there is seen sooner", () => {
    const ends = [550_000, 600_000, 650_000];
    const learned = waits(fixed([500_000, 600_000, 700_000]), ends);
    const none = waits(fixed([]), ends);
    const mean = (ws: { delay: number }[]) => ws.reduce((a, w) => a + w.delay, 0) / ws.length;
    expect(mean(learned)).toBeLessThan(mean(none));
  });

  it("two runs learned: polls are denser around them than with nothing learned", () => {
    const around = (h: RunHistory) =>
      driveSchedule(policy(h), () => at("running"), 800_000).gaps.filter((g) => g.t > 450_000 && g.t < 750_000).length;
    expect(around(fixed([500_000, 700_000]))).toBeGreaterThan(around(fixed([])));
  });

  it("durations that are not positive do not count as runs: seven runs and a 0 do not license gaps past the cap", () => {
    const seven = Array.from({ length: 7 }, (_, i) => 600_000 + 1000 * i);
    const history: RunHistory = { durations: () => [...seven, 0], add() {} };
    const { gaps } = driveSchedule(policy(history), () => at("running"), 700_000);
    for (const g of gaps) expect(g.d).toBeLessThanOrEqual(Math.min(HI, LO + g.t));
  });
});

describe("without any run learned", () => {
  it("the gaps grow with the run's age: the prior's hazard falls", () => {
    const { gaps } = driveSchedule(policy(fixed([])), () => at("running"), 3_600_000);
    for (let i = 1; i < gaps.length; i++)
      expect((gaps[i] as { d: number }).d).toBeGreaterThanOrEqual((gaps[i - 1] as { d: number }).d);
    expect(gaps.at(-1)?.d).toBe(HI);
  });
});

describe("where a run seen ending between two polls is recorded", () => {
  /** The run times a wait records, for a run seen running at `polls` (ms) and ended at `end`, after `learned` runs. */
  function recorded(learned: readonly number[], polls: readonly number[], end: number, u: number): number {
    const added: number[] = [];
    const inner = new MemoryRunHistory();
    for (const d of learned) inner.add("p:wf|run", d);
    const h: RunHistory = { durations: (key) => inner.durations(key), add: (key, ms) => key === "p:wf|run" && added.push(ms) };
    const s = progressPolicy()({ minInterval: LO, maxInterval: HI, random: () => u, target: "p:wf", history: h });
    for (const t of polls) s.next(at("running"), t);
    s.end?.(at("succeeded"), end);
    expect(added).toHaveLength(1);
    return added[0] as number;
  }

  it("a gap of half a second: different draws, different points within it", () => {
    const learned = Array.from({ length: 40 }, (_, i) => 29_000 + 100 * i);
    const ends = [0.1, 0.5, 0.9].map((u) => recorded(learned, [0, 30_000], 30_500, u));
    for (const e of ends) {
      expect(e).toBeGreaterThan(30_000);
      expect(e).toBeLessThanOrEqual(30_500);
    }
    expect(new Set(ends).size).toBe(3);
  });

  it("a gap across the end of the table (about 13.7 days): different draws, different points within it", () => {
    const day = 24 * 3_600_000;
    const ends = [0.1, 0.5, 0.9].map((u) => recorded([600_000, 610_000], [0, 12 * day], 15 * day, u));
    for (const e of ends) {
      expect(e).toBeGreaterThan(12 * day);
      expect(e).toBeLessThanOrEqual(15 * day);
    }
    expect(new Set(ends).size).toBe(3);
  });

  it("a run older than the table's two weeks: its end is recorded within its gap", () => {
    const old = 15 * 24 * 3_600_000;
    for (const u of [0.1, 0.9]) {
      const e = recorded([600_000, 610_000], [0, old, old + 30_000], old + 60_000, u);
      expect(e).toBeGreaterThan(old + 30_000);
      expect(e).toBeLessThanOrEqual(old + 60_000);
    }
  });
});

describe("a shared table follows its history", () => {
  /** A store over processes that keeps the last `cap` durations of each key and answers them sorted (any order is allowed). */
  function sortedStore(cap: number): RunHistory {
    const keys = new Map<string, number[]>();
    return {
      durations: (key) => {
        const a = keys.get(key);
        return a && [...a].sort((x, y) => x - y);
      },
      add(key, ms) {
        const a = keys.get(key) ?? [];
        a.push(ms);
        if (a.length > cap) a.shift();
        keys.set(key, a);
      },
    };
  }
  const polledBetween = (h: RunHistory, from: number, to: number) =>
    driveSchedule(policy(h), () => at("running"), to).gaps.filter((g) => g.t > from && g.t < to).length;

  it("a store that answers its durations sorted: runs that got ten times longer are followed", () => {
    const h = sortedStore(20);
    for (let i = 0; i < 20; i++) h.add("p:wf|run", 60_000);
    const before = polledBetween(h, 40_000, 80_000);
    // Runs now last about 10 min; a wait polls between each one told to the store.
    for (let i = 0; i < 19; i++) {
      h.add("p:wf|run", 600_000 + 1000 * i);
      driveSchedule(policy(h), () => at("running"), 5000);
    }
    expect(polledBetween(h, 40_000, 80_000)).toBeLessThan(before / 2);
  });

  it("a table shared by many waits is rebuilt once an eighth of its runs have changed, not at every change", () => {
    const h = new MemoryRunHistory();
    for (let i = 0; i < 16; i++) h.add("p:wf|run", 600_000 * (0.95 + 0.1 * (i / 15)));
    const gapsNow = () => driveSchedule(policy(h), () => at("running"), 700_000).gaps;
    const before = gapsNow();
    // One run of a minute among 16 of ten: waits keep the table they share.
    h.add("p:wf|run", 60_000);
    expect(gapsNow()).toEqual(before);
    expect(gapsNow()).toEqual(before);
    // A second one (an eighth of 16): the table is rebuilt.
    h.add("p:wf|run", 60_000);
    expect(gapsNow()).not.toEqual(before);
  });

  it("a store that answers its durations sorted: runs that changed between the shortest and the longest are followed", () => {
    // A sorted store at its size whose shortest and longest runs stay: only durations between them change.
    const h = sortedStore(20);
    for (let i = 0; i < 18; i++) h.add("p:wf|run", 600_000);
    h.add("p:wf|run", 30_000);
    h.add("p:wf|run", 3_600_000);
    const before = polledBetween(h, 90_000, 110_000);
    for (let i = 0; i < 18; i++) {
      h.add("p:wf|run", 100_000);
      driveSchedule(policy(h), () => at("running"), 5000);
    }
    expect(polledBetween(h, 90_000, 110_000)).toBeGreaterThan(before);
  });
});
