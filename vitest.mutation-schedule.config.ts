import { defineConfig } from "vitest/config";
import base from "./vitest.config.ts";

// The tests Stryker runs against each mutant of poll/schedule.ts (stryker.schedule.config.mjs): the
// schedule's behaviour tests that run in well under a second each. schedule.test.ts (hours of simulated
// polling per case) and schedule-bounds.test.ts (a thousand polls without a history, where the
// schedule's tables are rebuilt at every poll) cover the same code more slowly and run in the regular suite.
export default defineConfig({
  resolve: base.resolve,
  test: {
    include: [
      "packages/core/src/poll/schedule-history.test.ts",
      "packages/core/src/poll/schedule-progress.test.ts",
      "packages/core/src/poll/schedule-learned.test.ts",
      "packages/core/src/poll/schedule-pace.test.ts",
      "packages/core/src/poll/schedule-table.test.ts",
      "packages/core/src/poll/schedule-first-look.test.ts",
      "packages/core/src/poll/schedule-spacing.test.ts",
      "packages/core/src/poll/schedule-window.test.ts",
    ],
    testTimeout: 30_000,
  },
});
