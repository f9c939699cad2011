import { describe, expect, it } from "vitest";
import { at, progress } from "./__fixtures__/fake-provider.js";
import { progressPolicy } from "./schedule.js";

/**
 * The gaps a policy asks for when polled just after each step of `durs` (s) ends, with 40 steps in all
 * and `k0` of them done at the first poll: no history, no jitter.
 */
function gapsAfterSteps(durs: readonly number[], k0 = 0): number[] {
  const s = progressPolicy({ jitter: 0 })({ minInterval: 1000, maxInterval: 30_000, random: () => 0 });
  let t = 0;
  const out = [s.next(at("running", progress(k0, 40)), 0)];
  durs.forEach((d, i) => {
    t += d;
    out.push(s.next(at("running", progress(k0 + i + 1, 40)), (t + 0.1) * 1000));
  });
  return out;
}

describe("the pace of the last eight step ends", () => {
  it("a step counts in the pace until eight more step ends are seen, then no more", () => {
    const steady = Array.from({ length: 24 }, () => 10);
    const plain = gapsAfterSteps(steady);
    // Step 6 takes 18 s. A step's end is placed in the middle of the poll gap it was seen in, so the
    // two step times timed from step 6's gap, steps 6 and 7, come out at 14 s each.
    const slowed = gapsAfterSteps(steady.map((d, i) => (i === 5 ? 18 : d)));
    const differ = slowed.map((g, i) => g !== plain[i]);
    // Gaps from the poll after step 6 on differ, up to the one after step 14 (step 7's and seven more
    // ends); from step 15 on they are the steady run's again.
    expect(differ.slice(6, 15).every(Boolean)).toBe(true);
    expect(differ.lastIndexOf(true)).toBe(14);
  });

  it("an estimate from two steps is less sure than one from eight: the wait looks sooner", () => {
    // Both polled just after step 30 of 40 ended, steps of 10 s: one wait joined at step 28, the other at 22.
    const two = gapsAfterSteps([5, 10, 10], 27).at(-1) as number;
    const eight = gapsAfterSteps([5, 10, 10, 10, 10, 10, 10, 10, 10], 21).at(-1) as number;
    expect(two).toBeLessThan(0.9 * eight);
  });
});
