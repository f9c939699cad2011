// The live display (and its progress-bar library) is loaded only by `watch` on a terminal.
// Needs the built CLI (`corepack pnpm build`; `corepack pnpm test` builds first).
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const dist = join(import.meta.dirname, "..", "dist");

/** Runs `body` in a fresh node after importing the CLI, and returns whether cli-progress was loaded. */
function progressLoaded(body: string): boolean {
  const script = `
    import { createRequire } from "node:module";
    const cli = await import(${JSON.stringify(pathToFileURL(join(dist, "index.js")).href)});
    const out = { write() { return true; } };
    ${body}
    const loaded = Object.keys(createRequire(import.meta.url).cache).some((k) => k.includes("cli-progress"));
    process.stdout.write(String(loaded));
  `;
  const res = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: dist, encoding: "utf8" });
  if (res.status !== 0) throw new Error(res.stderr);
  return res.stdout === "true";
}

describe("CLI display code", () => {
  it("is not loaded by importing the CLI and running a command other than watch", () => {
    expect(progressLoaded(`await cli.runCli(["help"], { stdout: out, stderr: out, env: {} });`)).toBe(false);
    expect(progressLoaded(`await cli.runCli(["get", "onepin:a"], { stdout: out, stderr: out, env: {} });`)).toBe(false);
  });

  it("is loaded by a watch on a terminal", () => {
    const tty = `{ write() { return true; }, isTTY: true, columns: 80, on() {}, off() {}, removeListener() {}, cursorTo() { return true; }, moveCursor() { return true; }, clearLine() { return true; }, clearScreenDown() { return true; } }`;
    expect(
      progressLoaded(
        `await cli.runCli(["watch", "onepin:wf/run", "--timeout", "1ms"], { stdout: ${tty}, stderr: out, env: { ONEPIN_API_KEY: "k", RUNSTATUS_ONEPIN_BASE_URL: "http://127.0.0.1:9" } });`,
      ),
    ).toBe(true);
  });
});
