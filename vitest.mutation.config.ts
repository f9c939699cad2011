import { defineConfig } from "vitest/config";
import base from "./vitest.config.ts";

// The tests Stryker runs against each mutant: core's and the four adapters' unit tests, in process.
// The slow suites (e2e, Prism, tmux, redis, fuzz, spec types) test other packages and stay out.
export default defineConfig({
  resolve: base.resolve,
  test: {
    include: ["packages/core/src/**/*.test.ts", "packages/{magnific,onepin,wondercat,modelslab}/src/*.test.ts"],
    testTimeout: 30_000,
  },
});
