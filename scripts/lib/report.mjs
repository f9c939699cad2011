// Builds the spec report shared by spec:diff, spec:changeset and check-changeset: for each
// provider, its spec at the base commit vs the working tree, diffed and classified.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { assertSpecLints } from "../lint-specs.mjs";
import { UsageError } from "./errors.mjs";
import { listFilesAt, resolveBase, shortSha, showFile } from "./git.mjs";
import { diffSpecs, summarize } from "./openapi-diff.mjs";
import { listProviders, packageName, parseSpec, provenance, repoRoot, specFile } from "./specs.mjs";

/**
 * @param {object} o
 * @param {string} [o.root] repository root
 * @param {string} [o.base] a git ref; default: see resolveBase
 * @param {string[]} [o.providers] only these (default: every spec at the base or in the tree)
 * @param {boolean} [o.lint] lint each changed working-tree spec first (default true)
 * @returns {{ base: { sha: string|null, short: string, label: string }, providers: ProviderReport[] }}
 */
export function buildReport({ root = repoRoot, base, providers, lint = true } = {}) {
  const b = resolveBase(root, base);
  const baseInfo = { sha: b.sha, short: shortSha(b.sha), label: b.label };
  const atBase = listFilesAt(root, b.sha, "specs")
    .filter((f) => /^specs\/[^/]+\.yaml$/.test(f) && f !== "specs/redocly.yaml")
    .map((f) => f.slice("specs/".length, -".yaml".length));
  const known = [...new Set([...atBase, ...listProviders(root)])].sort();
  if (providers?.length) {
    for (const p of providers) {
      if (!known.includes(p)) throw new UsageError(`unknown provider "${p}"; specs: ${known.join(", ") || "none"}`);
    }
  }
  const selected = providers?.length ? [...providers].sort() : known;
  const reports = [];
  for (const provider of selected) {
    const file = specFile(provider);
    const abs = join(root, file);
    const afterText = existsSync(abs) ? readFileSync(abs, "utf8") : null;
    const base = { package: packageName(provider, root), provider, file };
    if (!b.sha) {
      reports.push({
        ...base,
        status: "no-base",
        before: null,
        after: afterText === null ? null : provenance(provider, afterText),
        ...empty(),
      });
      continue;
    }
    const beforeText = showFile(root, b.sha, file);
    if (beforeText === afterText) {
      reports.push({
        ...base,
        status: "unchanged",
        before: provenance(provider, beforeText),
        after: provenance(provider, afterText),
        ...empty(),
      });
      continue;
    }
    // The working-tree spec is what would be generated and released, so it must lint; the base
    // only has to parse (it was accepted when it was committed).
    const after = afterText === null ? null : parseSpec(afterText, file);
    if (afterText !== null && lint) assertSpecLints(abs, { root, intro: `${file} fails lint; spec:diff stopped:` });
    const before = beforeText === null ? null : parseSpec(beforeText, `${baseInfo.short}:${file}`);
    let changes = diffSpecs(before, after);
    if (changes.length === 0) {
      changes = [
        {
          kind: "docs",
          scope: "document",
          target: "document",
          operationId: null,
          where: "",
          field: null,
          topic: "text",
          message: "formatting or comments only (the parsed document is identical)",
        },
      ];
    }
    const status = beforeText === null ? "added" : afterText === null ? "removed" : "changed";
    reports.push({
      ...base,
      status,
      before: beforeText === null ? null : provenance(provider, beforeText),
      after: afterText === null ? null : provenance(provider, afterText),
      ...summarize(changes),
      changes,
    });
  }
  return { base: baseInfo, providers: reports };
}

function empty() {
  return { counts: { breaking: 0, additive: 0, docs: 0 }, kind: null, bump: null, changes: [] };
}

/** The providers whose spec differs from the base. */
export function changedProviders(report) {
  return report.providers.filter((p) => p.status === "changed" || p.status === "added" || p.status === "removed");
}
