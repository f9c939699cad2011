// The few git questions the spec tools ask: which commit is the base, what a file looked like
// there, and which files changed since. Read-only: nothing here changes git state.
import { execFileSync } from "node:child_process";
import { UsageError } from "./errors.mjs";

function git(root, args, { allowFail = false } = {}) {
  try {
    return execFileSync("git", args, {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (err) {
    if (allowFail) return null;
    const msg = String(err.stderr || err.message)
      .trim()
      .split("\n")[0];
    throw new UsageError(`git ${args.join(" ")} failed: ${msg}`);
  }
}

function revParse(root, ref) {
  const out = git(root, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], { allowFail: true });
  return out ? out.trim() : null;
}

export function isGitRepo(root) {
  return git(root, ["rev-parse", "--is-inside-work-tree"], { allowFail: true })?.trim() === "true";
}

/**
 * Resolves the commit the working tree is compared with.
 * - `--base <ref>`: that ref (any commit-ish); an unknown ref is a UsageError.
 * - default: the merge base of HEAD and `main` (or `origin/main`). When that is HEAD itself
 *   (you are on main): HEAD if `specs/` has uncommitted changes (you are editing), otherwise
 *   HEAD~1 (a clean main, as in CI after a push: check the last commit).
 * Returns `{ sha, label }`, or `{ sha: null, label }` when there is no base (not a git repo, no
 * commit yet, no main branch, or main's first commit).
 */
export function resolveBase(root, ref) {
  if (ref !== undefined && ref !== null) {
    if (!isGitRepo(root)) throw new UsageError(`--base ${ref}: ${root} is not a git repository`);
    const sha = revParse(root, ref);
    if (!sha) throw new UsageError(`--base: unknown git ref "${ref}"`);
    return { sha, label: ref };
  }
  if (!isGitRepo(root)) return { sha: null, label: "no base: not a git repository" };
  const head = revParse(root, "HEAD");
  if (!head) return { sha: null, label: "no base: no commit yet" };
  const mainRef = ["main", "origin/main"].find((r) => revParse(root, r));
  if (!mainRef) return { sha: null, label: "no base: no `main` branch (pass --base <ref>)" };
  const mb = git(root, ["merge-base", "HEAD", mainRef], { allowFail: true })?.trim();
  if (!mb) return { sha: null, label: `no base: HEAD and ${mainRef} share no history` };
  if (mb !== head) return { sha: mb, label: `merge base of HEAD and ${mainRef}` };
  if (hasUncommitted(root, "specs")) return { sha: head, label: "HEAD (uncommitted spec changes)" };
  const parent = revParse(root, "HEAD~1");
  if (!parent) return { sha: null, label: "no base: HEAD is the first commit" };
  return { sha: parent, label: "HEAD~1 (on main with a clean specs/ folder: the last commit)" };
}

export function shortSha(sha) {
  return sha ? sha.slice(0, 8) : "none";
}

export function hasUncommitted(root, path) {
  const out = git(root, ["status", "--porcelain", "--untracked-files=all", "--", path], { allowFail: true });
  return Boolean(out?.trim());
}

/** A file's text at a commit, or null when it does not exist there. */
export function showFile(root, sha, path) {
  if (!sha) return null;
  const exists = git(root, ["cat-file", "-e", `${sha}:${path}`], { allowFail: true });
  if (exists === null) return null;
  return git(root, ["show", `${sha}:${path}`]);
}

/** File names (relative to the repo root) under `dir` at a commit. */
export function listFilesAt(root, sha, dir) {
  if (!sha) return [];
  const out = git(root, ["ls-tree", "-r", "--name-only", sha, "--", dir], { allowFail: true });
  return out ? out.split("\n").filter(Boolean) : [];
}

/**
 * Files under `paths` that differ between the base commit and the working tree, including
 * uncommitted and untracked files. `filter` is git's --diff-filter (e.g. "AM").
 */
export function changedFiles(root, sha, paths, { filter } = {}) {
  const out = new Set();
  const diffArgs = ["diff", "--name-only", "--no-renames"];
  if (filter) diffArgs.push(`--diff-filter=${filter}`);
  if (sha) {
    for (const f of (git(root, [...diffArgs, sha, "--", ...paths]) ?? "").split("\n")) if (f) out.add(f);
  }
  if (!filter || filter.includes("A")) {
    const untracked = git(root, ["ls-files", "--others", "--exclude-standard", "--", ...paths], { allowFail: true }) ?? "";
    for (const f of untracked.split("\n")) if (f) out.add(f);
  }
  return [...out].sort();
}
