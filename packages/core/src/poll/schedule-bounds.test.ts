import { describe, expect, it } from "vitest";
import type { Progress } from "../types.js";
import { progress, snap } from "./__fixtures__/fake-provider.js";
import { MemoryRunHistory, progressPolicy } from "./schedule.js";

const LO = 1000;
const HI = 30_000;

/** A history in which runs of the target have been seen ending after about `ms`, often enough to be trusted. */
function learned(ms: number, runs = 20): MemoryRunHistory {
  const h = new MemoryRunHistory();
  for (let i = 0; i < runs; i++) h.add("p:wf|run", ms * (0.95 + (0.1 * i) / runs));
  return h;
}

const running = (p: Progress | null) => snap("running", { progress: p });

describe("progressPolicy under real jitter", () => {
  it("jitter only shortens a delay, by at most the jitter fraction, and never below the floor or past the cap", () => {
    for (const jitter of [0.2, 0.5, 1]) {
      // Two schedules fed the same snapshots at the same times: one with Math.random, one without jitter.
      const ctx = { minInterval: LO, maxInterval: HI, target: "p:wf" };
      const real = progressPolicy({ jitter })({ ...ctx, random: Math.random });
      const none = progressPolicy({ jitter })({ ...ctx, random: () => 0 });
      let shortened = 0;
      for (let t = 0, i = 0; i < 200; i++) {
        const run = running(i < 100 ? null : progress(Math.min(19, Math.floor((i - 100) / 5)), 20));
        const d = real.next(run, t);
        const full = none.next(run, t);
        expect(d).toBeLessThanOrEqual(full);
        expect(d).toBeGreaterThanOrEqual(Math.max(LO, full * (1 - jitter)) - 1e-9);
        // Nothing learned: blind delays keep the cap; steady progress may stretch to 10 × the cap.
        expect(d).toBeLessThanOrEqual(i < 100 ? HI : 10 * HI);
        if (d < full) shortened++;
        t += full;
      }
      // Real randomness is in fact applied (not every delay at its maximum).
      expect(shortened).toBeGreaterThan(50);
    }
  });

  it("with learned durations and real jitter, a delay never passes stretch × maxInterval", () => {
    const s = progressPolicy()({
      minInterval: LO,
      maxInterval: HI,
      random: Math.random,
      target: "p:wf",
      history: learned(3_600_000),
    });
    let most = 0;
    for (let t = 0; t < 4_000_000; ) {
      const d = s.next(running(null), t);
      expect(d).toBeGreaterThanOrEqual(LO);
      most = Math.max(most, d);
      t += d;
    }
    expect(most).toBeGreaterThan(HI);
    expect(most).toBeLessThanOrEqual(10 * HI);
  });

  it("a jitter outside [0, 1] is a UsageError", () => {
    for (const jitter of [-0.1, 1.5, Number.NaN])
      expect(() => progressPolicy({ jitter })).toThrow(/progressPolicy: jitter in \[0, 1\]/);
  });
});

describe("progressPolicy: progress that cannot be trusted keeps the cap", () => {
  /** Feeds steady progress of `total` steps every 20 s, then returns the delay asked for at `last`. */
  function after(history: MemoryRunHistory, steps: [number, number][]): number[] {
    const s = progressPolicy()({ minInterval: LO, maxInterval: HI, random: () => 0, target: "p:wf", history });
    const out: number[] = [];
    let t = 0;
    for (const [k, n] of steps) {
      out.push(s.next(running(progress(k, n)), t));
      t += 20_000;
    }
    return out;
  }

  it("a run still running at 20 of 20 steps is polled at least every maxInterval", () => {
    const steps = Array.from({ length: 21 }, (_, i): [number, number] => [i, 20]);
    const delays = after(learned(3_600_000), [...steps, [20, 20], [20, 20], [20, 20]]);
    for (const d of delays.slice(20)) expect(d).toBeLessThanOrEqual(HI);
  });

  it("a run whose step total changes is polled at least every maxInterval from then on", () => {
    const first = Array.from({ length: 6 }, (_, i): [number, number] => [i, 10]);
    const then = Array.from({ length: 10 }, (_, i): [number, number] => [6 + i, 400]);
    const delays = after(learned(3_600_000), [...first, ...then]);
    for (const d of delays.slice(6)) expect(d).toBeLessThanOrEqual(HI);
  });

  it("a run whose progress goes backwards is polled at least every maxInterval from then on", () => {
    const up = Array.from({ length: 6 }, (_, i): [number, number] => [i * 2, 400]);
    const back = Array.from({ length: 10 }, (_, i): [number, number] => [1 + i, 400]);
    const delays = after(learned(3_600_000), [...up, ...back]);
    for (const d of delays.slice(6)) expect(d).toBeLessThanOrEqual(HI);
  });
});
