#!/usr/bin/env node
// Lints OpenAPI specs with Redocly CLI (offline, telemetry off in redocly.yaml).
// Usage: node scripts/lint-specs.mjs [specs/x.yaml...]   (no argument: every spec)
// Prints each problem as "file:line:col rule message"; exits 1 on any error.
// The YAML is parsed first, so a syntax error is reported with its line and rule `yaml-syntax`
// instead of Redocly's less precise message.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { formatProblem, SpecError } from "./lib/errors.mjs";
import { listProviders, parseSpec, repoRoot } from "./lib/specs.mjs";

const require = createRequire(import.meta.url);

/**
 * Lints one spec. Returns its errors as `{ file, line, col, rule, message }` (warnings are not
 * returned: they do not fail the build). `file` is relative to `root`.
 */
export function lintProblems(specPath, { root = repoRoot } = {}) {
  const file = relative(root, specPath) || specPath;
  if (!existsSync(specPath)) return [{ file, line: null, col: null, rule: "missing-file", message: "no such file" }];
  try {
    parseSpec(readFileSync(specPath, "utf8"), file);
  } catch (err) {
    if (err instanceof SpecError) return err.problems;
    throw err;
  }
  const cli = join(dirname(require.resolve("@redocly/cli/package.json")), "bin", "cli.js");
  const config = existsSync(join(root, "redocly.yaml")) ? join(root, "redocly.yaml") : join(repoRoot, "redocly.yaml");
  const res = spawnSync(process.execPath, [cli, "lint", specPath, "--format=json", "--config", config], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
  });
  let report;
  try {
    report = JSON.parse(res.stdout.slice(res.stdout.indexOf("{")));
  } catch {
    return [{ file, line: null, col: null, rule: "redocly", message: `redocly did not produce a report: ${redoclyOutput(res)}` }];
  }
  const problems = [];
  for (const p of report.problems ?? []) {
    if (p.severity !== "error") continue;
    const start = p.location?.[0]?.start;
    problems.push({ file, line: start?.line ?? null, col: start?.col ?? null, rule: p.ruleId, message: p.message });
  }
  return problems;
}

/** Lints one spec; returns each error as a "file:line:col rule message" line (empty when clean). */
export async function lintSpec(specPath, options = {}) {
  return lintProblems(specPath, options).map(formatProblem);
}

/** Throws a SpecError (file, line, rule of each problem) when the spec does not parse or fails lint. */
export function assertSpecLints(specPath, { root = repoRoot, intro } = {}) {
  const problems = lintProblems(specPath, { root });
  if (problems.length > 0) {
    const file = relative(root, specPath) || specPath;
    throw new SpecError(problems, { intro: intro ?? `${file} fails lint:` });
  }
}

// Redocly prints a boxed Node 20 deprecation banner on every run; drop it so the real message shows.
function redoclyOutput(res) {
  const text = `${res.stderr ?? ""}\n${res.stdout ?? ""}`
    .split("\n")
    .filter((l) => !/[╔╗╚╝║═]/.test(l))
    .join(" ")
    .replace(/\s+/g, " ")
    .trim();
  return text.slice(0, 500) || `exit code ${res.status}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const files = args.length ? args.map((a) => resolve(a)) : listProviders().map((p) => join(repoRoot, "specs", `${p}.yaml`));
  let count = 0;
  for (const f of files) {
    const problems = await lintSpec(f);
    count += problems.length;
    for (const p of problems) console.error(p);
    if (problems.length === 0) console.log(`${relative(repoRoot, f)}: 0 errors`);
  }
  process.exit(count > 0 ? 1 : 0);
}
