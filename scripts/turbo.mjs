#!/usr/bin/env node
// `node scripts/turbo.mjs <args>`: runs turbo with the repo's tool environment (a `pnpm` on PATH,
// which turbo needs and fresh machines only have as `corepack pnpm`; telemetry off). The root
// package.json's build/generate/typecheck scripts go through here.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { root, toolEnv } from "./lib/tool-env.mjs";

const res = spawnSync(join(root, "node_modules", ".bin", "turbo"), process.argv.slice(2), {
  cwd: root,
  env: toolEnv(),
  stdio: "inherit",
});
process.exit(res.status ?? 1);
