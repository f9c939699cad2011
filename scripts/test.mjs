#!/usr/bin/env node
// The project's test command (`corepack pnpm test`, also what .ci/run runs):
// install if needed → spec lint → drift check → generate + build + typecheck (turbo) →
// format/lint → provider package shape → changeset check → package checks (publint, attw, size budgets) → vitest.
// Every step runs even when an earlier one failed, so one run shows every problem;
// the exit code is non-zero when any step failed. The last line is vitest's "N passed, N failed".
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { needsInstall, pnpmCommand, root, toolEnv } from "./lib/tool-env.mjs";

const env = toolEnv();
const pnpm = pnpmCommand();
const bin = (name) => join(root, "node_modules", ".bin", name);

function step(title, cmd, args, opts = {}) {
  process.stdout.write(`\n▶ ${title}\n`);
  const t0 = Date.now();
  const res = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env, ...opts });
  const ok = res.status === 0;
  process.stdout.write(`${ok ? "✔" : "✘"} ${title} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
  return ok;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const failed = [];
  const run = (title, cmd, args, opts) => {
    if (!step(title, cmd, args, opts)) failed.push(title);
  };
  if (needsInstall()) {
    if (!step("install", pnpm[0], [...pnpm.slice(1), "install", "--frozen-lockfile"])) process.exit(1);
  }
  run("spec lint", process.execPath, ["scripts/lint-specs.mjs"]);
  // Before turbo regenerates anything: the committed generated files must match the specs.
  run("generated code is up to date", process.execPath, ["scripts/check-drift.mjs"]);
  run("generate, build, typecheck", bin("turbo"), ["run", "generate", "build", "typecheck", "--output-logs=errors-only"]);
  run("format and lint", bin("biome"), ["check", "."]);
  run("provider packages share one shape", process.execPath, ["scripts/check-shape.mjs"]);
  if (existsSync(join(root, "scripts/check-changeset.mjs")))
    run("spec changes carry changesets", process.execPath, ["scripts/check-changeset.mjs"]);
  if (existsSync(join(root, "scripts/check-packages.mjs")))
    // The build ran two steps before (its failure is reported there): no second turbo run.
    run("packages: publint, attw, size budgets", process.execPath, ["scripts/check-packages.mjs", "--no-build"]);
  run("tests", bin("vitest"), ["run"]);
  if (failed.length > 0) {
    process.stdout.write(`\nfailed steps: ${failed.join(", ")}\n`);
    process.exit(1);
  }
}
