// Mutation testing of core and the adapters' mapping code: `pnpm test:mutation` (see CONTRIBUTING.md).
/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  // Named explicitly: pnpm's strict node_modules hides the runner from Stryker's plugin scan.
  plugins: ["@stryker-mutator/vitest-runner"],
  vitest: { configFile: "vitest.mutation.config.ts" },
  coverageAnalysis: "perTest",
  mutate: [
    "packages/core/src/**/*.ts",
    "!packages/core/src/**/*.test.ts",
    "!packages/core/src/**/*.test-d.ts",
    "!packages/core/src/poll/__fixtures__/**",
    "packages/{magnific,onepin,wondercat,modelslab}/src/*-{map,input,error}.ts",
  ],
  reporters: ["html", "json", "clear-text", "progress"],
  htmlReporter: { fileName: "reports/mutation/index.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  incrementalFile: "reports/mutation/stryker-incremental.json",
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
  concurrency: 2,
};
