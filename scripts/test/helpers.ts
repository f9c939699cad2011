// Temporary git repositories for the spec-tool tests. Nothing here touches the real checkout.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

export const fixturesDir = join(dirname(fileURLToPath(import.meta.url)), "fixtures");
export const miniSpecText = readFileSync(join(fixturesDir, "mini.yaml"), "utf8");

/** The mini fixture spec as a fresh object, to mutate per test. */
// biome-ignore lint/suspicious/noExplicitAny: tests reach deep into the spec to mutate one node
export function miniSpec(): Record<string, any> {
  return parse(miniSpecText);
}

export function git(root: string, ...args: string[]): string {
  return execFileSync("git", args, {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, GIT_AUTHOR_DATE: "2026-01-01T00:00:00Z", GIT_COMMITTER_DATE: "2026-01-01T00:00:00Z" },
  });
}

export function write(root: string, path: string, content: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}

export function read(root: string, path: string): string {
  return readFileSync(join(root, path), "utf8");
}

export function commitAll(root: string, message: string): void {
  git(root, "add", "-A");
  git(root, "commit", "-q", "--allow-empty", "-m", message);
}

const made: string[] = [];

/** A new git repo on branch `main` holding `files`, committed once (unless `commit: false`). */
export function makeRepo(files: Record<string, string>, { commit = true } = {}): string {
  const root = mkdtempSync(join(tmpdir(), "runstatus-spec-test-"));
  made.push(root);
  git(root, "init", "-q", "-b", "main");
  git(root, "config", "user.email", "test@example.invalid");
  git(root, "config", "user.name", "test");
  git(root, "config", "commit.gpgsign", "false");
  for (const [path, content] of Object.entries(files)) write(root, path, content);
  if (commit) commitAll(root, "initial");
  return root;
}

export function cleanupRepos(): void {
  for (const r of made.splice(0)) rmSync(r, { recursive: true, force: true });
}

/** A writable stand-in for process.stdout / stderr that keeps what was written. */
export function sink(): { write(s: string): boolean; text(): string } {
  let buf = "";
  return {
    write(s: string) {
      buf += s;
      return true;
    },
    text: () => buf,
  };
}

/** The files a provider needs in a temp repo: its spec and a package.json. */
export function providerFiles(provider: string, spec: string = miniSpecText): Record<string, string> {
  return {
    [`specs/${provider}.yaml`]: spec,
    [`packages/${provider}/package.json`]: `${JSON.stringify({ name: `@runstatus/${provider}`, version: "0.1.0", type: "module" }, null, 2)}\n`,
    [`packages/${provider}/src/${provider}-adapter.ts`]: "export const adapter = 1;\n",
  };
}
