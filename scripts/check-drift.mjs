#!/usr/bin/env node
// CI drift check: renders every provider's generated files in memory from its spec (exactly as
// `pnpm generate` would) and fails naming each file that differs from the one in the tree:
// packages/<p>/src/generated/schema.d.ts, spec.ts, and the "x-spec" provenance in package.json.
// Also names generated folders whose spec is gone. Nothing is written.
// Usage: node scripts/check-drift.mjs [provider...]
// Exit codes: 0 in sync; 1 drift, or a spec that does not parse or fails lint; 2 bad arguments.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { render } from "./generate.mjs";
import { runMain, ToolError, UsageError } from "./lib/errors.mjs";
import { listProviders, repoRoot } from "./lib/specs.mjs";

/** Returns `{ drifted: [{ path, reason }], failures: string[] }`. */
export async function checkDrift({ root = repoRoot, providers } = {}) {
  const known = listProviders(root);
  for (const p of providers ?? []) {
    if (!known.includes(p)) throw new UsageError(`check-drift: unknown provider "${p}"; specs: ${known.join(", ") || "none"}`);
  }
  const drifted = [];
  const failures = [];
  for (const p of providers?.length ? providers : known) {
    let rendered;
    try {
      rendered = await render(p, { root });
    } catch (err) {
      if (!(err instanceof ToolError)) throw err;
      failures.push(err.message);
      continue;
    }
    for (const f of rendered.files) {
      const abs = join(root, f.path);
      if (!existsSync(abs)) drifted.push({ path: f.path, reason: "missing" });
      else if (readFileSync(abs, "utf8") !== f.content) drifted.push({ path: f.path, reason: "differs from a fresh generation" });
    }
  }
  if (!providers?.length) {
    const pkgs = existsSync(join(root, "packages")) ? readdirSync(join(root, "packages")) : [];
    for (const dir of pkgs) {
      const gen = `packages/${dir}/src/generated/schema.d.ts`;
      if (existsSync(join(root, gen)) && !known.includes(dir))
        drifted.push({ path: gen, reason: `no spec at specs/${dir}.yaml` });
    }
  }
  return { drifted, failures };
}

export async function main(argv, { root = repoRoot, out = process.stdout, err = process.stderr } = {}) {
  for (const a of argv)
    if (a.startsWith("-"))
      throw new UsageError(`check-drift: unknown option ${a}\nusage: node scripts/check-drift.mjs [provider...]`);
  const { drifted, failures } = await checkDrift({ root, providers: argv });
  for (const f of failures) err.write(`${f}\n`);
  for (const d of drifted) err.write(`${d.path}: ${d.reason}\n`);
  if (drifted.length > 0) err.write("generated files are out of date: run `pnpm generate` and commit\n");
  if (failures.length === 0 && drifted.length === 0) out.write("check-drift: generated files match their specs\n");
  return failures.length > 0 || drifted.length > 0 ? 1 : 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await runMain((argv) => main(argv));
