// Mutation testing of poll/schedule.ts alone, against its fast behaviour tests; run it by ranges of lines (see CONTRIBUTING.md, "Mutation testing").
import base from "./stryker.config.mjs";

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  ...base,
  vitest: { configFile: "vitest.mutation-schedule.config.ts" },
  mutate: ["packages/core/src/poll/schedule.ts"],
  htmlReporter: { fileName: "reports/mutation-schedule/index.html" },
  jsonReporter: { fileName: "reports/mutation-schedule/mutation.json" },
  incrementalFile: "reports/mutation-schedule/stryker-incremental.json",
  concurrency: 1,
  timeoutMS: 3000,
};
