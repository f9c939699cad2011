// The short soak: 200 concurrent waits across the four providers on the simulator, 10 % of the
// requests faulted (503, 429 with Retry-After, reset). Every run ends in its true terminal state,
// and once the last has ended no timer is left that would keep the process alive. The full
// 2,000-wait soak, with the time to process exit, is in `pnpm bench` (bench/soak.bench.mjs).
import { expect, it } from "vitest";
import { runSoak } from "./soak.js";

it("200 concurrent waits with 10 % faults all end in their true terminal state, leaving no timer", async () => {
  const timers = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
  const before = timers();
  const r = await runSoak({ waits: 200, faultRate: 0.1, speed: 5 });
  expect(r.wrong).toEqual([]);
  expect(r.correct).toBe(200);
  // The faults were really there: about a tenth of the requests, of every kind.
  expect(r.faults["503"] + r.faults["429=1"] + r.faults.reset).toBeGreaterThan(r.requests * 0.05);
  for (const n of Object.values(r.faults)) expect(n).toBeGreaterThan(0);
  expect(timers()).toBeLessThanOrEqual(before);
}, 60_000);
