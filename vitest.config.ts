import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Tests import workspace packages by name; resolve them to source so unit tests need no build.
// (The CLI and packaging tests run the built dist on purpose.)
const packagesDir = fileURLToPath(new URL("./packages/", import.meta.url));
// A subpath entry comes before its package, so the package's alias does not swallow it.
const alias: Record<string, string> = { "@runstatus/core/adapter": `${packagesDir}core/src/adapter.ts` };
for (const p of ["magnific", "onepin", "wondercat", "modelslab", "webhooks"])
  alias[`runstatus/${p}`] = `${packagesDir}runstatus/src/${p}.ts`;
for (const dir of readdirSync(packagesDir)) {
  const name = dir === "runstatus" ? "runstatus" : `@runstatus/${dir}`;
  alias[name] = `${packagesDir}${dir}/src/index.ts`;
}

export default defineConfig({
  resolve: { alias },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ["default", "./scripts/vitest-summary-reporter.mjs"],
    // vitest's default on 2 cores is one file at a time; most integration files spend their time
    // waiting on servers, timers and child processes, so two at a time keep both cores busy.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        // Unit tests next to the code, in process: the files share worker processes and import
        // each module once; the setup file puts back what a file changed (timers, globals, env).
        test: {
          name: "unit",
          include: ["packages/*/src/**/*.test.ts"],
          isolate: false,
          setupFiles: ["./scripts/vitest-unit-setup.mjs"],
        },
      },
      {
        extends: true,
        // Packaging, CLI, e2e, Prism, Redis, tmux and script tests: each file in a fresh process.
        test: { name: "integration", include: ["packages/*/test/**/*.test.ts", "scripts/test/**/*.test.ts"] },
      },
    ],
  },
});
