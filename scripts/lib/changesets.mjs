// Reading and writing .changeset/*.md files (the changesets format: YAML front matter mapping
// package names to bump types, then a markdown summary).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { ToolError } from "./errors.mjs";

export const BUMP_RANK = { patch: 0, minor: 1, major: 2 };

/** Parses one changeset file's text → `{ releases: { [pkg]: bump }, summary }`. */
export function parseChangeset(text, file) {
  const m = /^---\r?\n([\s\S]*?)\r?\n?---\r?\n?([\s\S]*)$/.exec(text);
  if (!m) throw new ToolError(`${file}: not a changeset (no front matter between --- lines)`);
  let releases;
  try {
    releases = m[1].trim() === "" ? {} : parse(m[1]);
  } catch (err) {
    throw new ToolError(`${file}: front matter does not parse: ${err.message.split("\n")[0]}`);
  }
  if (typeof releases !== "object" || releases === null || Array.isArray(releases)) {
    throw new ToolError(`${file}: front matter must map package names to patch, minor or major`);
  }
  for (const [pkg, bump] of Object.entries(releases)) {
    if (!(bump in BUMP_RANK)) throw new ToolError(`${file}: "${pkg}" has bump "${bump}"; expected patch, minor or major`);
  }
  return { releases, summary: m[2].trim() };
}

/** Every changeset in `.changeset/` (README.md excluded) as `{ file, releases, summary }`. */
export function readChangesets(root, files) {
  const dir = join(root, ".changeset");
  if (!existsSync(dir)) return [];
  const names = files ?? readdirSync(dir).filter((f) => f.endsWith(".md") && f !== "README.md");
  return names
    .filter((f) => existsSync(join(dir, f)))
    .sort()
    .map((f) => ({ file: `.changeset/${f}`, ...parseChangeset(readFileSync(join(dir, f), "utf8"), `.changeset/${f}`) }));
}

/** Renders a changeset file; packages are listed in a fixed order so the text is deterministic. */
export function renderChangeset(releases, summary) {
  const head = Object.keys(releases)
    .sort()
    .map((pkg) => `${JSON.stringify(pkg)}: ${releases[pkg]}`)
    .join("\n");
  return `---\n${head}\n---\n\n${summary.trim()}\n`;
}
