import { describe, expect, it } from "vitest";
import { elapsedForState, resolveTiming, Timeline } from "../src/timeline.js";
import type { ScenarioName } from "../src/types.js";

const timing = resolveTiming({ queuedMs: 1000, stepMs: 1000, steps: 4 });
const make = (scenario: ScenarioName, speed = 1) => new Timeline({ createdAt: 0, speed, timing, scenario });

describe("Timeline", () => {
  it("succeeded: queued, then one step at a time, then succeeded with every step done", () => {
    const tl = make("succeeded");
    expect(tl.snapshot(500)).toMatchObject({ phase: "queued", done: 0, running: 0, startedAt: null });
    expect(tl.snapshot(1500)).toMatchObject({ phase: "running", done: 0, running: 1, startedAt: 1000 });
    expect(tl.snapshot(3500)).toMatchObject({ phase: "running", done: 2, running: 1 });
    const end = tl.snapshot(5000);
    expect(end).toMatchObject({ phase: "succeeded", done: 4, running: 0, completedAt: 5000 });
    expect(end.steps.map((s) => [s.startedAt, s.completedAt])).toEqual([
      [1000, 2000],
      [2000, 3000],
      [3000, 4000],
      [4000, 5000],
    ]);
    expect(tl.snapshot(999_999).completedAt).toBe(5000);
  });

  it("speed divides every duration", () => {
    const tl = make("succeeded", 10);
    expect(tl.snapshot(99).phase).toBe("queued");
    expect(tl.snapshot(150).phase).toBe("running");
    expect(tl.snapshot(500)).toMatchObject({ phase: "succeeded", completedAt: 500 });
  });

  it("failed: ends in the middle step, which is marked failed; later steps never start", () => {
    const tl = make("failed");
    const s = tl.snapshot(10_000);
    expect(s).toMatchObject({ phase: "failed", done: 1, failed: 1, completedAt: 3000 });
    expect(s.steps.map((x) => x.state)).toEqual(["done", "failed", "pending", "pending"]);
  });

  it("partial: runs to the end with the last step failed", () => {
    const s = make("partial").snapshot(10_000);
    expect(s).toMatchObject({ phase: "partial", done: 3, failed: 1, completedAt: 5000 });
  });

  it("cancelled scenario: cancelled in the middle of its step, that step cancelled", () => {
    const s = make("cancelled").snapshot(10_000);
    expect(s).toMatchObject({ phase: "cancelled", done: 1, completedAt: 2500 });
    expect(s.steps.map((x) => x.state)).toEqual(["done", "cancelled", "pending", "pending"]);
  });

  it("unknown-status: goes quiet in its second step and never ends", () => {
    const tl = make("unknown-status");
    expect(tl.snapshot(1500).phase).toBe("running");
    const s = tl.snapshot(1e9);
    expect(s).toMatchObject({ phase: "unknown", done: 1, running: 1, completedAt: null });
  });

  it("cancel freezes progress at that instant and is refused once the run ended", () => {
    const tl = make("succeeded");
    expect(tl.cancel(2500)).toBe(true);
    const s = tl.snapshot(9000);
    expect(s).toMatchObject({ phase: "cancelled", done: 1, completedAt: 2500 });
    expect(s.steps[1]).toEqual({ state: "cancelled", startedAt: 2000, completedAt: 2500 });
    expect(tl.cancel(9000)).toBe(false);
    const done = make("succeeded");
    expect(done.cancel(6000)).toBe(false);
    expect(done.snapshot(7000).phase).toBe("succeeded");
  });

  it("pause while running: still running with the request noted, then parked at the next step boundary", () => {
    const tl = make("succeeded");
    tl.requestPause(2200);
    expect(tl.snapshot(2500)).toMatchObject({ phase: "running", pauseRequestedAt: 2200, pausedAt: null });
    const parked = tl.snapshot(5000);
    expect(parked).toMatchObject({ phase: "paused", done: 2, running: 0, pausedAt: 3000, pauseRequestedAt: 2200 });
    expect(tl.resume(6000)).toBe(true);
    // Three seconds parked: the remaining two steps start from the resume.
    expect(tl.snapshot(6500)).toMatchObject({ phase: "running", done: 2, pauseRequestedAt: null, pausedAt: null });
    expect(tl.snapshot(8000)).toMatchObject({ phase: "succeeded", completedAt: 8000 });
    expect(tl.snapshot(8000).steps[2]).toMatchObject({ startedAt: 6000, completedAt: 7000 });
  });

  it("pause while queued parks at once; resume is refused unless paused", () => {
    const tl = make("succeeded");
    expect(tl.resume(100)).toBe(false);
    tl.requestPause(500);
    expect(tl.snapshot(800)).toMatchObject({ phase: "paused", pausedAt: 500, startedAt: null });
    expect(tl.resume(1500)).toBe(true);
    expect(tl.snapshot(2000)).toMatchObject({ phase: "running", startedAt: 2000 });
  });

  it("a pause requested during the last step has no effect: the run completes", () => {
    const tl = make("succeeded");
    tl.requestPause(4500);
    expect(tl.snapshot(6000).phase).toBe("succeeded");
  });

  it("paused scenario: parks by itself after half the steps until resumed", () => {
    const tl = make("paused");
    expect(tl.snapshot(2900).phase).toBe("running");
    expect(tl.snapshot(100_000)).toMatchObject({ phase: "paused", done: 2, pausedAt: 3000 });
    tl.resume(100_000);
    expect(tl.snapshot(102_000)).toMatchObject({ phase: "succeeded", completedAt: 102_000 });
  });

  it("a paused run can be cancelled", () => {
    const tl = make("paused");
    expect(tl.cancel(4000)).toBe(true);
    expect(tl.snapshot(5000)).toMatchObject({ phase: "cancelled", done: 2, completedAt: 4000, pausedAt: null });
  });

  it("resolveTiming clamps step numbers into the run", () => {
    expect(resolveTiming({ queuedMs: 0, stepMs: 1, steps: 3, failAtStep: 99, cancelAtStep: 0 })).toMatchObject({
      failAtStep: 3,
      cancelAtStep: 1,
      pauseAtStep: 1,
    });
    expect(resolveTiming({ queuedMs: 0, stepMs: 1, steps: 1 }).pauseAtStep).toBe(0);
  });

  it("elapsedForState lands each state before the scenario's end", () => {
    for (const s of ["succeeded", "failed", "cancelled", "partial"] as const) {
      const tl = make(s);
      const e = elapsedForState(tl, "running");
      const backdated = new Timeline({ createdAt: -e, speed: 1, timing, scenario: s });
      expect(backdated.snapshot(0).phase).toBe("running");
      const end = elapsedForState(tl, "terminal");
      expect(new Timeline({ createdAt: -end, speed: 1, timing, scenario: s }).snapshot(0).phase).not.toBe("running");
    }
  });
});
