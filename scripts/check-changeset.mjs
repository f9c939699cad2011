#!/usr/bin/env node
// CI: fails when a spec changed since the base without a changeset that releases its package
// with at least the bump the spec diff requires (major for breaking, minor for additive, patch
// for docs-only). Only changesets added or modified since the base count: a pending changeset
// from an earlier change does not cover a new one.
// Usage: node scripts/check-changeset.mjs [--base <git ref>]   (same base rules as spec:diff)
// Exit codes: 0 ok (or no base to compare with: passes with a note); 1 missing or too small
// changeset, or a spec that does not parse; 2 bad arguments.
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { BUMP_RANK, readChangesets } from "./lib/changesets.mjs";
import { runMain, UsageError } from "./lib/errors.mjs";
import { changedFiles } from "./lib/git.mjs";
import { buildReport, changedProviders } from "./lib/report.mjs";
import { repoRoot } from "./lib/specs.mjs";

/** Returns `{ report, problems: string[], notes: string[] }`. */
export function checkChangesets({ root = repoRoot, base } = {}) {
  // Lint is the job of spec:lint and generate; here a spec only has to parse to be diffed.
  const report = buildReport({ root, base, lint: false });
  const notes = [];
  const problems = [];
  if (!report.base.sha) {
    notes.push(`check-changeset: ${report.base.label}; passing without a check`);
    return { report, problems, notes };
  }
  const recent = changedFiles(root, report.base.sha, [".changeset"], { filter: "AM" })
    .filter((f) => /^\.changeset\/[^/]+\.md$/.test(f) && f !== ".changeset/README.md")
    .map((f) => f.slice(".changeset/".length));
  const changesets = readChangesets(root, recent);
  for (const p of changedProviders(report)) {
    const covering = changesets.filter((c) => Object.hasOwn(c.releases, p.package));
    const why = `${p.file} changed since ${report.base.short} (${p.counts.breaking} breaking, ${p.counts.additive} additive, ${p.counts.docs} docs-only)`;
    if (covering.length === 0) {
      problems.push(
        `${why} but no changeset releases ${p.package}: run \`pnpm spec:changeset\` and commit the file (needs ${p.bump})`,
      );
      continue;
    }
    const best = covering.reduce(
      (m, c) => (BUMP_RANK[c.releases[p.package]] > BUMP_RANK[m] ? c.releases[p.package] : m),
      "patch",
    );
    if (BUMP_RANK[best] < BUMP_RANK[p.bump]) {
      problems.push(
        `${why}: ${p.package} needs a ${p.bump} release, but ${covering.map((c) => c.file).join(", ")} only give(s) ${best}: run \`pnpm spec:diff\` to see why`,
      );
    } else {
      notes.push(`${p.file}: ${p.package} ${best} in ${covering.map((c) => c.file).join(", ")} (needs ${p.bump})`);
    }
  }
  if (changedProviders(report).length === 0)
    notes.push(`check-changeset: no spec changed since ${report.base.short} (${report.base.label})`);
  return { report, problems, notes };
}

export async function main(argv, { root = repoRoot, out = process.stdout, err = process.stderr } = {}) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { base: { type: "string" } } });
  } catch (e) {
    throw new UsageError(`${e.message}\nusage: node scripts/check-changeset.mjs [--base <git ref>]`);
  }
  const { problems, notes } = checkChangesets({ root, base: parsed.values.base });
  for (const n of notes) out.write(`${n}\n`);
  for (const p of problems) err.write(`${p}\n`);
  return problems.length > 0 ? 1 : 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await runMain((argv) => main(argv));
