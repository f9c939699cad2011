import { describe, expect, it } from "vitest";
import { UsageError } from "../errors.js";
import { at, HI, LO, progress } from "./__fixtures__/fake-provider.js";
import { MemoryRunHistory, progressPolicy, type RunHistory } from "./schedule.js";

describe("MemoryRunHistory: what it keeps", () => {
  it("keeps the last 64 durations of a key by default, oldest dropped first", () => {
    const h = new MemoryRunHistory();
    for (let i = 1; i <= 70; i++) h.add("k", i);
    expect(h.durations("k")).toEqual(Array.from({ length: 64 }, (_, i) => i + 7));
  });

  it("keeps the last `perKey` durations of a key", () => {
    const h = new MemoryRunHistory({ perKey: 2 });
    for (const d of [5, 6, 7]) h.add("k", d);
    expect(h.durations("k")).toEqual([6, 7]);
    const one = new MemoryRunHistory({ perKey: 1 });
    one.add("k", 1);
    expect(one.durations("k")).toEqual([1]);
    one.add("k", 2);
    expect(one.durations("k")).toEqual([2]);
  });

  it("keeps 1000 keys by default and forgets the least recently added to first", () => {
    const h = new MemoryRunHistory();
    for (let i = 0; i < 1000; i++) h.add(`k${i}`, 1);
    // Adding to k0 again makes it the most recent: k1 is the one forgotten for a new key.
    h.add("k0", 2);
    h.add("new", 1);
    expect(h.durations("k0")).toEqual([1, 2]);
    expect(h.durations("k1")).toBeUndefined();
    expect(h.durations("k2")).toEqual([1]);
    expect(h.durations("new")).toEqual([1]);
    expect(Object.keys(h.toJSON().keys)).toHaveLength(1000);
  });

  it("with `maxKeys`, a new key beyond the limit forgets the oldest one only", () => {
    const h = new MemoryRunHistory({ maxKeys: 2 });
    h.add("a", 1);
    h.add("b", 1);
    // A key already kept takes no new place.
    h.add("a", 3);
    expect(h.durations("a")).toEqual([1, 3]);
    expect(h.durations("b")).toEqual([1]);
    h.add("c", 1);
    expect(h.durations("b")).toBeUndefined();
    expect(h.durations("a")).toEqual([1, 3]);
    expect(h.durations("c")).toEqual([1]);
  });

  it("ignores anything but a finite positive number of ms", () => {
    const h = new MemoryRunHistory();
    for (const d of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, "5", null, undefined])
      h.add("k", d as number);
    expect(h.durations("k")).toBeUndefined();
    h.add("k", Number.MIN_VALUE);
    h.add("k", Number.MAX_VALUE);
    expect(h.durations("k")).toEqual([Number.MIN_VALUE, Number.MAX_VALUE]);
    // An ignored duration does not make a key the most recent either.
    const two = new MemoryRunHistory({ maxKeys: 2 });
    two.add("a", 1);
    two.add("b", 1);
    two.add("a", -1);
    two.add("c", 1);
    expect(two.durations("a")).toBeUndefined();
    expect(two.durations("b")).toEqual([1]);
  });

  it("refuses a `perKey` or `maxKeys` that is not an integer of at least 1", () => {
    for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new MemoryRunHistory({ perKey: bad })).toThrow(UsageError);
      expect(() => new MemoryRunHistory({ maxKeys: bad })).toThrow(UsageError);
    }
    expect(() => new MemoryRunHistory({ perKey: 0 })).toThrow("MemoryRunHistory: `perKey` and `maxKeys` must be integers ≥ 1");
    expect(() => new MemoryRunHistory({ perKey: 1, maxKeys: 1 })).not.toThrow();
  });
});

describe("MemoryRunHistory: its JSON form", () => {
  it("serializes every key and its durations in order, and a copy the history does not share", () => {
    const h = new MemoryRunHistory();
    h.add("a", 1);
    h.add("a", 2);
    h.add("b", 3);
    const json = h.toJSON();
    expect(json).toEqual({ version: 1, keys: { a: [1, 2], b: [3] } });
    json.keys.a?.push(99);
    expect(h.durations("a")).toEqual([1, 2]);
    expect(JSON.parse(JSON.stringify(h))).toEqual({ version: 1, keys: { a: [1, 2], b: [3] } });
    expect(new MemoryRunHistory().toJSON()).toEqual({ version: 1, keys: {} });
  });

  it("restores from the object or its JSON text, with the options given", () => {
    const json = { version: 1 as const, keys: { a: [1, 2, 3], b: [4] } };
    expect(MemoryRunHistory.from(json).toJSON()).toEqual(json);
    expect(MemoryRunHistory.from(JSON.stringify(json)).toJSON()).toEqual(json);
    const small = MemoryRunHistory.from(json, { perKey: 2, maxKeys: 1 });
    expect(small.toJSON()).toEqual({ version: 1, keys: { b: [4] } });
    // Durations that are not usable are dropped on the way in, as add does.
    expect(MemoryRunHistory.from({ version: 1, keys: { a: [1, -1, 2], c: [] } }).toJSON()).toEqual({
      version: 1,
      keys: { a: [1, 2] },
    });
  });

  it("refuses what is not its JSON form, with a UsageError saying what is wrong", () => {
    expect(() => MemoryRunHistory.from("{")).toThrow("MemoryRunHistory.from: not JSON");
    const shape = "MemoryRunHistory.from: expected { version: 1, keys: { [key]: number[] } }";
    for (const bad of ["null", "5", '"x"', "[]", '{"version":1}', '{"version":1,"keys":null}', '{"version":"1","keys":{}}'])
      expect(() => MemoryRunHistory.from(bad), bad).toThrow(shape);
    for (const bad of [null, undefined, { version: 1, keys: 5 }, { version: 1, keys: "ab" }, { keys: {} }])
      expect(() => MemoryRunHistory.from(bad as never)).toThrow(shape);
    expect(() => MemoryRunHistory.from({ version: 1, keys: { "a b": 5 } } as never)).toThrow(
      'MemoryRunHistory.from: durations of "a b" must be an array',
    );
    expect(() => MemoryRunHistory.from({ version: 1, keys: { a: [1] } }, { perKey: 0 })).toThrow(UsageError);
  });
});

/** A history that records every add, in order. */
function recording(): RunHistory & { added: [string, number][] } {
  const inner = new MemoryRunHistory();
  const added: [string, number][] = [];
  return {
    added,
    durations: (key) => inner.durations(key),
    add(key, ms) {
      added.push([key, ms]);
      inner.add(key, ms);
    },
  };
}

describe("what a wait teaches its history when the run ends", () => {
  const make = (history?: RunHistory) =>
    progressPolicy()({ minInterval: LO, maxInterval: HI, random: () => 0, target: "p:wf", history });

  it("a run seen running from the first poll: its duration lies between the last poll seen running and the end", () => {
    const h = recording();
    const s = make(h);
    s.next(at("running"), 100_000);
    s.next(at("running"), 110_000);
    s.next(at("running"), 130_000);
    s.end?.(at("succeeded"), 150_000);
    expect(h.added).toHaveLength(1);
    const [key, ms] = h.added[0] as [string, number];
    expect(key).toBe("p:wf|run");
    expect(ms).toBeGreaterThan(130_000 - 100_000);
    expect(ms).toBeLessThan(150_000 - 100_000);
  });

  /** The run time recorded for a run seen running at 0 and 30 s and ended at 50 s, by the draw `u`, after 40 runs of `fromS`–`toS` s. */
  const recordedEnd = (fromS: number, toS: number, u: number) => {
    const h = recording();
    for (let i = 0; i < 40; i++) h.add("p:wf|run", 1000 * (fromS + ((toS - fromS) * i) / 39));
    const s = progressPolicy()({ minInterval: LO, maxInterval: HI, random: () => u, target: "p:wf", history: h });
    s.next(at("running"), 0);
    s.next(at("running"), 30_000);
    s.end?.(at("succeeded"), 50_000);
    expect(h.added).toHaveLength(41);
    return (h.added[40]?.[1] as number) / 1000;
  };

  it("an end seen between two polls is recorded where the runs learned so far end within that gap, not at its middle", () => {
    // Runs of 32–34 s: the end recorded lies among them, whatever the draw.
    const draws = [0.1, 0.3, 0.5, 0.7, 0.9].map((u) => recordedEnd(32, 34, u));
    for (const t of draws) {
      expect(t).toBeGreaterThan(30);
      expect(t).toBeLessThan(37);
    }
    expect(draws[2]).toBeGreaterThan(32);
    expect(draws[2]).toBeLessThan(34.5);
    // Different draws, different points (a higher draw, an earlier end): ends do not pile up on one point.
    for (let i = 1; i < draws.length; i++) expect(draws[i]).toBeLessThan(draws[i - 1] as number);
  });

  it("where nothing learned ends within the gap, recorded ends spread over all of it", () => {
    for (const [from, to] of [
      [1000, 1100],
      [5, 6],
    ] as const) {
      const draws = [0.1, 0.5, 0.9].map((u) => recordedEnd(from, to, u));
      expect(draws[0]).toBeGreaterThan(44);
      expect(draws[0]).toBeLessThanOrEqual(50);
      expect(draws[1]).toBeGreaterThan(36);
      expect(draws[1]).toBeLessThan(44);
      expect(draws[2]).toBeGreaterThan(30);
      expect(draws[2]).toBeLessThan(36);
    }
  });

  it("a failed run is learned too; a cancelled one, or a wait without history, teaches nothing", () => {
    const failed = recording();
    const s = make(failed);
    s.next(at("running"), 0);
    s.end?.(at("failed"), 10_000);
    expect(failed.added.map(([k]) => k)).toEqual(["p:wf|run"]);
    const cancelled = recording();
    const c = make(cancelled);
    c.next(at("running"), 0);
    c.end?.(at("cancelled"), 10_000);
    expect(cancelled.added).toEqual([]);
    const none = make(undefined);
    none.next(at("running"), 0);
    expect(() => none.end?.(at("succeeded"), 10_000)).not.toThrow();
  });

  it("a run that ends on the first poll has been seen neither queued nor running: nothing is learned", () => {
    const h = recording();
    make(h).end?.(at("succeeded"), 5000);
    expect(h.added).toEqual([]);
  });

  it("a run that ends while queued teaches the queue time, and no run time", () => {
    const h = recording();
    const s = make(h);
    s.next(at("queued"), 0);
    s.next(at("queued"), 20_000);
    s.end?.(at("failed"), 40_000);
    expect(h.added.map(([k]) => k)).toEqual(["p:wf|queue"]);
    const ms = h.added[0]?.[1] as number;
    expect(ms).toBeGreaterThan(20_000);
    expect(ms).toBeLessThan(40_000);
  });

  it("a run queued, then running: the queue time and the run time, split between the polls that saw the change", () => {
    const h = recording();
    const s = make(h);
    s.next(at("queued"), 0);
    s.next(at("queued"), 10_000);
    s.next(at("running"), 30_000);
    s.next(at("running"), 40_000);
    s.end?.(at("succeeded"), 60_000);
    const got = Object.fromEntries(h.added);
    expect(Object.keys(got).sort()).toEqual(["p:wf|queue", "p:wf|run"]);
    const queue = got["p:wf|queue"] as number;
    const run = got["p:wf|run"] as number;
    expect(queue).toBeGreaterThan(10_000);
    expect(queue).toBeLessThan(30_000);
    expect(run).toBeGreaterThan(40_000 - 30_000);
    expect(run).toBeLessThan(60_000 - 10_000);
    // Together they span the wait from its first poll to somewhere between the last two.
    expect(queue + run).toBeGreaterThan(40_000);
    expect(queue + run).toBeLessThan(60_000);
  });

  it("paused counts as the queue side; a run that goes back to queued starts its queue time over", () => {
    const h = recording();
    const s = make(h);
    s.next(at("running"), 0);
    s.next(at("paused"), 10_000);
    s.next(at("paused"), 20_000);
    s.end?.(at("cancelled"), 30_000);
    expect(h.added).toEqual([]);
    const h2 = recording();
    const s2 = make(h2);
    s2.next(at("running"), 0);
    s2.next(at("queued"), 100_000);
    s2.end?.(at("failed"), 110_000);
    // Only the time since it went back to the queue: from between 0 and 100 s to 110 s.
    expect(h2.added.map(([k]) => k)).toEqual(["p:wf|queue"]);
    expect(h2.added[0]?.[1]).toBeLessThan(110_000);
    expect(h2.added[0]?.[1]).toBeGreaterThan(10_000);
  });

  it("a duration too short to measure is still learned, as at least 1 ms", () => {
    const h = recording();
    const s = make(h);
    s.next(at("queued"), 5000);
    s.next(at("running"), 5000);
    s.end?.(at("succeeded"), 5000);
    expect(h.added.map(([k]) => k).sort()).toEqual(["p:wf|queue", "p:wf|run"]);
    for (const [, ms] of h.added) expect(ms).toBe(1);
  });

  it("without a target, keys are the phase alone", () => {
    const h = recording();
    const s = progressPolicy()({ minInterval: LO, maxInterval: HI, random: () => 0, history: h });
    s.next(at("running"), 0);
    s.end?.(at("succeeded"), 10_000);
    expect(h.added.map(([k]) => k)).toEqual(["|run"]);
  });
});

describe("what a wait teaches of the progress curve", () => {
  const make = (history: RunHistory) =>
    progressPolicy()({ minInterval: LO, maxInterval: HI, random: () => 0, target: "p:wf", history });
  /** Polls every `every` ms a run of `n` steps of `stepMs` each, and tells the end; returns what was learned. */
  function learn(n: number, stepMs: number, every: number, history = recording()) {
    const s = make(history);
    let t = 0;
    for (; t < n * stepMs; t += every) s.next(at("running", progress(Math.floor(t / stepMs), n)), t);
    s.end?.(at("succeeded", progress(n, n)), t);
    return { history, endedAt: t };
  }

  it("for steady steps, one ratio per twentieth of the steps: duration over age there, falling as the steps go on", () => {
    const { history, endedAt } = learn(20, 10_000, 1000);
    const curve = history.added.filter(([k]) => k.includes("@"));
    expect(curve.map(([k]) => k)).toEqual(Array.from({ length: 19 }, (_, i) => `p:wf|run@${i + 1}`));
    const run = history.added.find(([k]) => k === "p:wf|run")?.[1] as number;
    expect(run).toBeGreaterThan(endedAt - 1000);
    expect(run).toBeLessThanOrEqual(endedAt);
    for (const [k, r] of curve) {
      const point = Number(k.split("@")[1]);
      // The step of point p ended near p × 10 s: the run lasted about 20 / p times that age.
      expect(r / 1000).toBeGreaterThan((20 / point) * 0.9);
      expect(r / 1000).toBeLessThan((20 / point) * 1.1);
    }
    const ratios = curve.map(([, r]) => r);
    for (let i = 1; i < ratios.length; i++) expect(ratios[i]).toBeLessThan(ratios[i - 1] as number);
  });

  it("for many steps, each twentieth holds the ratio of the step nearest it", () => {
    const { history } = learn(40, 5000, 1000);
    const curve = history.added.filter(([k]) => k.includes("@"));
    expect(curve.map(([k]) => k)).toEqual(Array.from({ length: 19 }, (_, i) => `p:wf|run@${i + 1}`));
    for (const [k, r] of curve) {
      const point = Number(k.split("@")[1]);
      expect(r / 1000).toBeGreaterThan((20 / point) * 0.9);
      expect(r / 1000).toBeLessThan((20 / point) * 1.1);
    }
  });

  it("a run seen at all of its steps while still running, and runs of many steps, teach the nineteen points only", () => {
    const h = recording();
    const s = make(h);
    for (let t = 0; t <= 250_000; t += 1000) s.next(at("running", progress(Math.min(20, Math.floor(t / 10_000)), 20)), t);
    s.end?.(at("succeeded", progress(20, 20)), 251_000);
    const points = h.added.filter(([k]) => k.includes("@")).map(([k]) => k);
    expect(points).toEqual(Array.from({ length: 19 }, (_, i) => `p:wf|run@${i + 1}`));
    // The last point is the 19th step's (the run lasted about 250 s; its 19th step ended at 190 s, its 20th at 200 s).
    const last = h.added.find(([k]) => k === "p:wf|run@19")?.[1] as number;
    expect(last / 1000).toBeGreaterThan(250 / 195);
    expect(last / 1000).toBeLessThan(251 / 189);
    const many = learn(100, 1000, 2000).history;
    const manyPoints = many.added.filter(([k]) => k.includes("@"));
    expect(manyPoints.map(([k]) => k)).toEqual(Array.from({ length: 19 }, (_, i) => `p:wf|run@${i + 1}`));
    // Whichever step of a twentieth is taken, the ratio is that of a step within it.
    for (const [k, r] of manyPoints) {
      const point = Number(k.split("@")[1]);
      expect(r / 1000).toBeGreaterThan(100 / (5 * point + 5));
      expect(r / 1000).toBeLessThan(100 / (5 * point - 3));
    }
  });

  // RunHistory's "run@1" is the duration over the age at 1/20 of the steps: of the steps that round
  // to it (3 to 7 of 100), the 5th's.
  it("for 100 steps, run@1 is the ratio at 5 of 100 steps done", () => {
    const many = learn(100, 1000, 2000).history;
    const r = many.added.find(([k]) => k === "p:wf|run@1")?.[1] as number;
    expect(r / 1000).toBeGreaterThan(20 * 0.9);
  });

  it("steps that end several to a poll are spread over the gap they ended in", () => {
    // 20 steps of 1 s, polled every 5 s: five steps end in each gap (those after the last poll are not seen).
    const { history } = learn(20, 1000, 5000);
    const curve = new Map(history.added.filter(([k]) => k.includes("@")));
    expect([...curve.keys()]).toEqual(Array.from({ length: 15 }, (_, i) => `p:wf|run@${i + 1}`));
    const r = [...curve.values()];
    for (let i = 1; i < r.length; i++) expect(r[i]).toBeLessThan(r[i - 1] as number);
    // The run is taken to have lasted 15–20 s (it was seen ending between the polls at 15 and 20 s);
    // step p ended within 1 s of p s.
    for (const [k, x] of curve) {
      const point = Number(k.split("@")[1]);
      expect(x / 1000).toBeGreaterThan(15 / (point + 1));
      if (point > 1) expect(x / 1000).toBeLessThan(20 / (point - 1));
    }
  });

  it("a run of one step, or progress that went backwards or changed its total, teaches no curve", () => {
    const one = learn(1, 10_000, 1000).history;
    expect(one.added.map(([k]) => k)).toEqual(["p:wf|run"]);
    const back = recording();
    const s = make(back);
    const ks = [0, 2, 4, 3, 5, 8, 12, 16];
    for (const [i, k] of ks.entries()) s.next(at("running", progress(k, 20)), i * 10_000);
    s.end?.(at("succeeded", progress(20, 20)), ks.length * 10_000);
    expect(back.added.map(([k]) => k)).toEqual(["p:wf|run"]);
    const changed = recording();
    const c = make(changed);
    for (const [i, k] of [0, 2, 4, 6].entries()) c.next(at("running", progress(k, i < 2 ? 20 : 30)), i * 10_000);
    c.end?.(at("succeeded", progress(30, 30)), 40_000);
    expect(changed.added.map(([k]) => k)).toEqual(["p:wf|run"]);
  });

  it("progress seen only after the run left the queue is timed from when it started running", () => {
    const h = recording();
    const s = make(h);
    s.next(at("queued"), 0);
    s.next(at("queued"), 99_000);
    for (let t = 100_000; t < 300_000; t += 1000) s.next(at("running", progress(Math.floor((t - 100_000) / 10_000), 20)), t);
    s.end?.(at("succeeded", progress(20, 20)), 300_000);
    const curve = h.added.filter(([k]) => k.includes("@"));
    expect(curve).toHaveLength(19);
    for (const [k, r] of curve) {
      const point = Number(k.split("@")[1]);
      expect(r / 1000).toBeGreaterThan((20 / point) * 0.9);
      expect(r / 1000).toBeLessThan((20 / point) * 1.1);
    }
  });
});
