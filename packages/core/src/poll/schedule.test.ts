import { describe, expect, it } from "vitest";
import type { Progress, Run, RunState } from "../types.js";
import { progress, seeded, snap } from "./__fixtures__/fake-provider.js";
import { progressPolicy } from "./schedule.js";

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
    expect(endSeen - end).toBeLessThanOrEqual(10_000);
    expect(polls.length).toBeLessThanOrEqual(20);
    // Beyond the blind cap in mid-run, because progress says the end is far...
    expect(Math.max(...polls.filter((p) => p.t < end / 2).map((p) => p.d))).toBeGreaterThan(HI);
    // ...and within a few seconds of each other once the end is near.
    const last = polls.filter((p) => p.t > end - 60_000);
    expect(last.length).toBeGreaterThanOrEqual(3);
    expect(Math.min(...last.map((p) => p.d))).toBeLessThanOrEqual(10_000);
  });

  it("falls back to jittered backoff within floor and cap without progress", () => {
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
    expect(a.slice(0, 6)).toEqual([1000, 2500, 6250, 15625, 30000, 30000]);
    expect(b[0]).toBe(LO);
    for (let i = 1; i < 6; i++) {
      expect(b[i]).toBeLessThan(a[i] as number);
      expect(b[i]).toBeGreaterThanOrEqual(Math.max(LO, (a[i] as number) * 0.8));
    }
  });
});
