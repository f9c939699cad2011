import { describe, expect, it } from "vitest";
import { makeRun } from "../run.js";
import { backoffDelay, hintFloor, pollDelay, retryDelay, scheduleDelay, UNKNOWN_PACE_MS, validHint } from "./pace.js";
import type { Schedule } from "./schedule.js";

const limits = { minInterval: 1000, maxInterval: 30_000, random: () => 0.5 };
const run = (state: "running" | "unknown") =>
  makeRun({ provider: "onepin", ids: ["w", "r"], state, providerStatus: state === "unknown" ? "weird" : "RUNNING" });
const fixed = (ms: number): Schedule => ({ next: () => ms });

describe("pollDelay", () => {
  it("is the schedule's gap, never under the server's hint", () => {
    expect(pollDelay(fixed(2000), run("running"), 0, 0, null, limits)).toBe(2000);
    expect(pollDelay(fixed(2000), run("running"), 0, 0, 10_000, limits)).toBe(10_500);
  });

  it("bounds the gap at the unknown-status pace while the status is unknown", () => {
    expect(pollDelay(fixed(60_000), run("unknown"), 0, 1, null, limits)).toBe(UNKNOWN_PACE_MS);
    expect(pollDelay(fixed(60_000), run("running"), 0, 0, null, limits)).toBe(60_000);
  });

  it("falls back to the cap when a schedule returns nonsense", () => {
    expect(pollDelay(fixed(Number.NaN), run("running"), 0, 0, null, limits)).toBe(30_000);
    expect(pollDelay(fixed(-5), run("running"), 0, 0, null, limits)).toBe(30_000);
  });

  it("keeps a schedule's 0 (poll again at once, the wait's floor applies), which is not nonsense", () => {
    expect(pollDelay(fixed(0), run("running"), 0, 0, null, limits)).toBe(0);
  });
});

describe("scheduleDelay", () => {
  it("is the gap before any hint: a hint raises pollDelay, never scheduleDelay", () => {
    expect(scheduleDelay(fixed(2000), run("running"), 0, 0, limits)).toBe(2000);
    expect(scheduleDelay(fixed(60_000), run("unknown"), 0, 1, limits)).toBe(UNKNOWN_PACE_MS);
    expect(pollDelay(fixed(2000), run("running"), 0, 0, 10_000, limits)).toBeGreaterThan(
      scheduleDelay(fixed(2000), run("running"), 0, 0, limits),
    );
  });
});

describe("retryDelay", () => {
  it("doubles per attempt from the floor, capped, jittered down by at most 20 %, with the hint as floor", () => {
    expect(retryDelay(1, null, limits)).toBe(1000);
    expect(retryDelay(3, null, limits)).toBe(3600);
    expect(retryDelay(20, null, limits)).toBe(27_000);
    expect(retryDelay(1, 5000, limits)).toBe(5250);
    expect(backoffDelay(1, limits)).toBe(1000);
    expect(backoffDelay(3, { ...limits, minInterval: 4000 })).toBe(14_400);
  });
});

describe("hintFloor", () => {
  it("ignores hints that are not a positive finite number", () => {
    for (const h of [null, undefined, 0, -1, Number.NaN, Number.POSITIVE_INFINITY]) expect(hintFloor(h, () => 0)).toBe(0);
    expect(hintFloor(1000, () => 1)).toBe(1100);
  });
});

describe("validHint", () => {
  it("is a positive finite hint, and no hint for 0, a negative, an infinite or an absent one", () => {
    expect(validHint(1500)).toBe(1500);
    for (const v of [0, -1, Number.POSITIVE_INFINITY, Number.NaN, null, undefined]) expect(validHint(v)).toBeNull();
  });
});
