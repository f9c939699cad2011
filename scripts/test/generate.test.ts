// generate (provenance, determinism, bad specs write nothing), the drift check and spec lint output.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { main as driftMain } from "../check-drift.mjs";
import { generate, generateAll, render } from "../generate.mjs";
import { sha256 } from "../lib/specs.mjs";
import { miniSpecText, providerFiles, read, sink, write } from "./helpers.js";

const scriptsDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "runstatus-generate-test-"));
  dirs.push(root);
  for (const [p, c] of Object.entries(files)) write(root, p, c);
  return root;
}

const gen = "packages/mini/src/generated";
const brokenYaml = miniSpecText.replace("    get:\n      operationId: getRun", "    get:\n     operationId: getRun");
const failsLint = miniSpecText.replace("operationId: startRun", "operationId: getRun");

describe("generate", () => {
  it("writes the types, the SPEC constant and x-spec in package.json, all recording the spec's version and hash", async () => {
    const root = workspace(providerFiles("mini"));
    await generate("mini", { root });
    const hash = sha256(miniSpecText);
    const schema = read(root, `${gen}/schema.d.ts`);
    expect(schema).toMatch(
      /^\/\*\*\n \* GENERATED FILE - DO NOT EDIT\. Run `pnpm generate` to rebuild it from specs\/mini\.yaml\.\n \* spec-version: 1\.0\.0\n/,
    );
    expect(schema).toContain(` * spec-sha256: ${hash}\n`);
    expect(schema).toMatch(/status: components\["schemas"\]\["RunStatus"\]/);
    expect(read(root, `${gen}/spec.ts`)).toContain(
      `export const SPEC = { file: "specs/mini.yaml", version: "1.0.0", sha256: "${hash}" } as const;`,
    );
    const pkg = JSON.parse(read(root, "packages/mini/package.json"));
    expect(pkg["x-spec"]).toEqual({ file: "specs/mini.yaml", version: "1.0.0", sha256: hash });
    expect(Object.keys(pkg)).toEqual(["name", "version", "x-spec", "type"]);
  });

  it("is deterministic: regenerating an unchanged spec rewrites nothing", async () => {
    const root = workspace(providerFiles("mini"));
    await generate("mini", { root });
    const before = ["schema.d.ts", "spec.ts"].map((f) => read(root, `${gen}/${f}`));
    const mtime = statSync(join(root, gen, "schema.d.ts")).mtimeMs;
    const [result] = await generateAll(["mini"], { root });
    expect(result?.written).toEqual([]);
    expect(["schema.d.ts", "spec.ts"].map((f) => read(root, `${gen}/${f}`))).toEqual(before);
    expect(statSync(join(root, gen, "schema.d.ts")).mtimeMs).toBe(mtime);
  });

  it("a spec that does not parse stops it with file, line and rule, and writes nothing", async () => {
    const root = workspace(providerFiles("mini", brokenYaml));
    const pkgBefore = read(root, "packages/mini/package.json");
    const err = await generate("mini", { root }).catch((e) => e);
    expect(err.name).toBe("SpecError");
    expect(err.message).toMatch(/^specs\/mini\.yaml:16:19 yaml-syntax /m);
    expect(existsSync(join(root, gen))).toBe(false);
    expect(read(root, "packages/mini/package.json")).toBe(pkgBefore);
  });

  it("a spec that fails lint stops it with file, line and rule, and writes nothing", async () => {
    const root = workspace(providerFiles("mini", failsLint));
    const err = await generate("mini", { root }).catch((e) => e);
    expect(err.message).toMatch(/^specs\/mini\.yaml fails lint; nothing was written:$/m);
    expect(err.message).toMatch(/^specs\/mini\.yaml:\d+:\d+ operation-operationId-unique /m);
    expect(existsSync(join(root, gen))).toBe(false);
  });

  it("with several specs, one bad spec means nothing is written for any of them", async () => {
    const root = workspace({ ...providerFiles("mini"), ...providerFiles("bad", brokenYaml) });
    await expect(generateAll(["mini", "bad"], { root })).rejects.toThrow(/generate: nothing was written \(1 spec\(s\) failed\)/);
    expect(existsSync(join(root, gen))).toBe(false);
  });
});

describe("check-drift", () => {
  it("passes when the generated files match, and names each file that differs", async () => {
    const root = workspace(providerFiles("mini"));
    await generate("mini", { root });
    const ok = sink();
    expect(await driftMain([], { root, out: ok, err: sink() })).toBe(0);
    expect(ok.text()).toMatch(/generated files match their specs/);

    write(root, `${gen}/schema.d.ts`, `${read(root, `${gen}/schema.d.ts`)}// hand edit\n`);
    let err = sink();
    expect(await driftMain([], { root, out: sink(), err })).toBe(1);
    expect(err.text()).toBe(
      `${gen}/schema.d.ts: differs from a fresh generation\ngenerated files are out of date: run \`pnpm generate\` and commit\n`,
    );

    await generate("mini", { root });
    write(root, "specs/mini.yaml", miniSpecText.replace('version: "1.0.0"', 'version: "1.1.0"'));
    err = sink();
    expect(await driftMain([], { root, out: sink(), err })).toBe(1);
    for (const f of [`${gen}/schema.d.ts`, `${gen}/spec.ts`, "packages/mini/package.json"])
      expect(err.text()).toContain(`${f}: differs`);
  });

  it("names generated files whose spec is gone, and fails on a spec that fails lint", async () => {
    const root = workspace({ ...providerFiles("mini"), "packages/gone/src/generated/schema.d.ts": "export {};\n" });
    await generate("mini", { root });
    let err = sink();
    expect(await driftMain([], { root, out: sink(), err })).toBe(1);
    expect(err.text()).toContain("packages/gone/src/generated/schema.d.ts: no spec at specs/gone.yaml");

    write(root, "specs/mini.yaml", failsLint);
    err = sink();
    expect(await driftMain(["mini"], { root, out: sink(), err })).toBe(1);
    expect(err.text()).toMatch(/operation-operationId-unique/);
  });

  it("render writes nothing at all", async () => {
    const root = workspace(providerFiles("mini"));
    const r = await render("mini", { root });
    expect(r.files.map((f: { path: string }) => f.path)).toEqual([
      `${gen}/schema.d.ts`,
      `${gen}/spec.ts`,
      "packages/mini/package.json",
    ]);
    expect(existsSync(join(root, gen))).toBe(false);
  });
});

describe("spec:lint", () => {
  it("prints file:line:col rule message for each error and exits 1", () => {
    const root = workspace({ "specs/bad.yaml": failsLint });
    const res = spawnSync(process.execPath, [join(scriptsDir, "lint-specs.mjs"), join(root, "specs", "bad.yaml")], {
      encoding: "utf8",
    });
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(
      /bad\.yaml:\d+:\d+ operation-operationId-unique Every operation must have a unique `operationId`\./,
    );
    expect(readFileSync(join(root, "specs", "bad.yaml"), "utf8")).toBe(failsLint);
  });
});
