#!/usr/bin/env node
// Lints OpenAPI specs with Redocly CLI (offline, telemetry off in redocly.yaml).
// Usage: node scripts/lint-specs.mjs [specs/x.yaml...]   (no argument: every spec)
// Prints each problem as "file:line:col rule message"; exits 1 on any error.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);

export async function lintSpec(specPath) {
  const cli = join(dirname(require.resolve("@redocly/cli/package.json")), "bin", "cli.js");
  const res = spawnSync(process.execPath, [cli, "lint", specPath, "--format=json", "--config", join(root, "redocly.yaml")], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
  });
  let report;
  try {
    report = JSON.parse(res.stdout.slice(res.stdout.indexOf("{")));
  } catch {
    return [`${relative(root, specPath)}: redocly did not produce a report: ${(res.stderr || res.stdout).trim().slice(0, 500)}`];
  }
  const problems = [];
  for (const p of report.problems ?? []) {
    if (p.severity !== "error") continue;
    const loc = p.location?.[0];
    const line = loc?.start?.line ?? "?";
    const col = loc?.start?.col ?? "?";
    problems.push(`${relative(root, specPath)}:${line}:${col} ${p.ruleId} ${p.message}`);
  }
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const files = args.length
    ? args.map((a) => resolve(a))
    : readdirSync(join(root, "specs"))
        .filter((f) => f.endsWith(".yaml"))
        .map((f) => join(root, "specs", f));
  let count = 0;
  for (const f of files) {
    const problems = await lintSpec(f);
    count += problems.length;
    for (const p of problems) console.error(p);
    if (problems.length === 0) console.log(`${relative(root, f)}: 0 errors`);
  }
  process.exit(count > 0 ? 1 : 0);
}
