#!/usr/bin/env node
// pnpm spec:changeset [<provider>...] [--base <git ref>] [--dry-run]
// Turns the spec diff (same base rules as spec:diff) into one changeset per changed spec:
//   .changeset/spec-<provider>-<hash>.md
//   "@runstatus/<provider>": major (any breaking change) | minor (additive) | patch (docs only)
//   "runstatus": minor (patch when the spec change is docs-only) when the provider's hand-written
//     source (packages/<provider>/src, without generated/ and tests) also changed since the base:
//     the adapter had to change, so facade users get new behaviour. The facade's own API does not
//     change with a spec, so it never gets a major from here; edit the file if it should.
// The summary is the change list. <hash> depends only on the spec at the base and in the tree, so
// a re-run writes the same file (no duplicates); after more edits it replaces the file it wrote
// earlier on this branch (a spec-<provider>-*.md that is not in the base commit).
import { existsSync, mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { renderChangeset } from "./lib/changesets.mjs";
import { runMain, UsageError } from "./lib/errors.mjs";
import { changesetSummary } from "./lib/format.mjs";
import { changedFiles, listFilesAt } from "./lib/git.mjs";
import { buildReport, changedProviders } from "./lib/report.mjs";
import { repoRoot, sha256 } from "./lib/specs.mjs";

const HELP = `usage: pnpm spec:changeset [<provider>...] [--base <git ref>] [--dry-run]
`;

/** Hand-written source files of a provider package changed since the base (uncommitted included). */
export function adapterChanges(root, baseSha, provider) {
  return changedFiles(root, baseSha, [`packages/${provider}/src`]).filter(
    (f) => !/\/generated\//.test(f) && !/\.test(-d)?\.ts$/.test(f) && !/\/__fixtures__\//.test(f),
  );
}

export function facadePackage(root) {
  const pj = join(root, "packages", "runstatus", "package.json");
  if (!existsSync(pj)) return null;
  return JSON.parse(readFileSync(pj, "utf8")).name ?? "runstatus";
}

export function changesetName(p) {
  const h = sha256(`${p.provider}\n${p.before?.sha256 ?? "none"}\n${p.after?.sha256 ?? "none"}`).slice(0, 8);
  return `spec-${p.provider}-${h}.md`;
}

/** Plans (and unless dryRun, writes) the changesets. Returns `{ report, planned: [{ file, content, removed, written }] }`. */
export function specChangesets({ root = repoRoot, base, providers, dryRun = false } = {}) {
  const report = buildReport({ root, base, providers });
  const planned = [];
  if (!report.base.sha) return { report, planned };
  const facade = facadePackage(root);
  const atBase = new Set(listFilesAt(root, report.base.sha, ".changeset"));
  for (const p of changedProviders(report)) {
    const releases = { [p.package]: p.bump };
    let facadeNote;
    const adapter = adapterChanges(root, report.base.sha, p.provider);
    if (facade && adapter.length > 0) {
      releases[facade] = p.bump === "patch" ? "patch" : "minor";
      facadeNote = `${facade}: the ${p.provider} adapter changed with this spec (${adapter.join(", ")}).`;
    }
    const name = changesetName(p);
    const file = `.changeset/${name}`;
    const content = renderChangeset(releases, changesetSummary(p, { facadeNote }));
    const abs = join(root, file);
    const stale = listOwn(root, p.provider).filter((f) => f !== file && !atBase.has(f));
    const same = existsSync(abs) && readFileSync(abs, "utf8") === content;
    if (!dryRun) {
      for (const f of stale) unlinkSync(join(root, f));
      if (!same) {
        mkdirSync(join(root, ".changeset"), { recursive: true });
        writeFileSync(abs, content);
      }
    }
    planned.push({ file, provider: p.provider, releases, content, removed: stale, written: !same });
  }
  return { report, planned };
}

function listOwn(root, provider) {
  // Only files this script names: spec-<provider>-<8 hex>.md.
  const dir = join(root, ".changeset");
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.startsWith(`spec-${provider}-`) && /^[0-9a-f]{8}\.md$/.test(f.slice(`spec-${provider}-`.length)))
    .map((f) => `.changeset/${f}`);
}

export async function main(argv, { root = repoRoot, out = process.stdout } = {}) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        base: { type: "string" },
        "dry-run": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (err) {
    throw new UsageError(`${err.message}\n${HELP}`);
  }
  if (parsed.values.help) {
    out.write(HELP);
    return 0;
  }
  const { report, planned } = specChangesets({
    root,
    base: parsed.values.base,
    providers: parsed.positionals,
    dryRun: parsed.values["dry-run"],
  });
  if (!report.base.sha) {
    out.write(`spec:changeset: ${report.base.label}; nothing to do\n`);
    return 0;
  }
  if (planned.length === 0) {
    out.write(`spec:changeset: no spec changed since ${report.base.short} (${report.base.label})\n`);
    return 0;
  }
  for (const c of planned) {
    const bumps = Object.entries(c.releases)
      .map(([pkg, b]) => `${pkg} ${b}`)
      .join(", ");
    const verb = parsed.values["dry-run"] ? "would write" : c.written ? "wrote" : "up to date";
    out.write(`${verb} ${c.file}: ${bumps}\n`);
    for (const f of c.removed)
      out.write(`${parsed.values["dry-run"] ? "would remove" : "removed"} ${f} (an earlier version of this changeset)\n`);
    if (parsed.values["dry-run"]) out.write(`${c.content}\n`);
  }
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await runMain((argv) => main(argv));
