// The runtimes matrix script: what it promises without running the runtimes (that is
// `corepack pnpm test:runtimes`, a CI step of its own, since it fetches five runtimes).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CHECK_SCRIPT, RUNTIMES } from "../runtimes.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const script = fileURLToPath(new URL("../runtimes.mjs", import.meta.url));

describe("scripts/runtimes.mjs", () => {
  it("covers Node 20, 22 and 24, Bun and Deno, each at an exact registry version", () => {
    expect(Object.keys(RUNTIMES)).toEqual(["node20", "node22", "node24", "bun", "deno"]);
    for (const { pkg } of Object.values(RUNTIMES)) expect(pkg).toMatch(/^(node|bun|deno)@\d+\.\d+\.\d+$/);
    expect(RUNTIMES.node20.pkg).toMatch(/^node@20\./);
    expect(RUNTIMES.node22.pkg).toMatch(/^node@22\./);
    expect(RUNTIMES.node24.pkg).toMatch(/^node@24\./);
  });

  it("runs Deno with exactly the permissions the README documents", () => {
    expect(RUNTIMES.deno.args("check.mjs")).toEqual(["run", "--allow-net", "--allow-env", "check.mjs"]);
    const readme = readFileSync(`${root}/README.md`, "utf8");
    expect(readme).toContain("`deno run --allow-net --allow-env app.mjs`");
    for (const { pkg } of Object.values(RUNTIMES)) expect(readme).toContain(`\`${pkg}\``);
  });

  it("checks a get and a wait of a real run through the packed facade and one provider", () => {
    expect(CHECK_SCRIPT).toContain('from "runstatus"');
    expect(CHECK_SCRIPT).toContain('from "runstatus/onepin"');
    expect(CHECK_SCRIPT).toMatch(/rs\.get\(ref\)[\s\S]*rs\.wait\(ref\)/);
  });

  it("an unknown runtime is a usage error (exit 2) naming the known ones, before anything is packed", () => {
    const res = spawnSync(process.execPath, [script, "--only", "node20,nodejs"], { encoding: "utf8" });
    expect(res.status).toBe(2);
    expect(res.stderr.trim()).toBe("unknown runtime nodejs; known: node20, node22, node24, bun, deno");
  });
});
