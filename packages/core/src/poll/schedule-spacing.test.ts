import { describe, expect, it } from "vitest";
import { at } from "./__fixtures__/fake-provider.js";
import { MemoryRunHistory, progressPolicy } from "./schedule.js";

/**
 * Before any run of a target has been seen ending, the durations are the prior's: log-logistic with
 * median m and shape 1, whose survival is m / (m + t) and whose hazard is 1 / (m + t). The gap the
 * policy documents for a hazard h is sqrt(2 / (urgency × h)), taken at the end of the gap: the d with
 * d² × urgency / (m + t + d) = 2.
 */
const priorGap = (m: number, t: number, urgency: number) => (2 + Math.sqrt(4 + 8 * urgency * (m + t))) / (2 * urgency);

describe("the spacing rule on the prior, nothing learned", () => {
  for (const [priorMedian, urgency] of [
    [60_000, 0.7],
    [5000, 0.7],
    [60_000, 0.2],
    [600_000, 2],
  ] as const) {
    it(`follows sqrt(2 / (urgency × hazard)) to 0.1 %, within the floor, the age and the cap (median ${priorMedian / 1000} s, urgency ${urgency})`, () => {
      const lo = 1;
      const hi = 120;
      const s = progressPolicy({ priorMedian, urgency, jitter: 0 })({
        minInterval: lo * 1000,
        maxInterval: hi * 1000,
        random: Math.random,
        target: "p:wf",
        history: new MemoryRunHistory(),
      });
      let free = 0;
      // The first poll starts the run's age.
      expect(s.next(at("running"), 0)).toBe(lo * 1000);
      // Ages 3 % apart: wherever they fall between the points the durations are tabulated at.
      for (let t = 0.5; t < 3000; t *= 1.03) {
        const got = s.next(at("running"), t * 1000) / 1000;
        const want = Math.min(hi, lo + t, Math.max(lo, priorGap(priorMedian / 1000, t, urgency)));
        expect(Math.abs(got / want - 1)).toBeLessThan(1e-3);
        if (want > lo && want < Math.min(hi, lo + t)) free++;
      }
      // The rule itself, not a bound, decided most of these gaps.
      expect(free).toBeGreaterThan(20);
    });
  }
});
