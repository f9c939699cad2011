import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkShape, exportsOf } from "../check-shape.mjs";

const repo = join(import.meta.dirname, "..", "..");
const PROVIDERS = ["magnific", "modelslab", "onepin", "wondercat"];
const roots: string[] = [];

/** A scratch root holding the specs and the provider packages' src/ (generated code aside). */
function scratch(): string {
  const root = mkdtempSync(join(tmpdir(), "runstatus-shape-"));
  roots.push(root);
  cpSync(join(repo, "specs"), join(root, "specs"), { recursive: true });
  for (const p of PROVIDERS) {
    cpSync(join(repo, "packages", p, "src"), join(root, "packages", p, "src"), {
      recursive: true,
      filter: (src) => !src.includes("/generated"),
    });
  }
  return root;
}

afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

describe("check-shape", () => {
  it("finds the four provider packages of this repository alike", () => {
    expect(checkShape(repo)).toEqual([]);
  });

  it("reports a provider package that lacks a shape file", () => {
    const root = scratch();
    rmSync(join(root, "packages/onepin/src/onepin-input.ts"));
    expect(checkShape(root)).toContain("packages/onepin/src: missing onepin-input.ts");
  });

  it("reports a file every other provider package has", () => {
    const root = scratch();
    for (const p of ["magnific", "modelslab", "wondercat"]) writeFileSync(join(root, `packages/${p}/src/${p}-webhook.ts`), "");
    expect(checkShape(root)).toEqual(["packages/onepin/src: missing onepin-webhook.ts"]);
  });

  it("reports a missing shape export and a value export every other provider package has", () => {
    const root = scratch();
    const index = join(root, "packages/wondercat/src/index.ts");
    writeFileSync(index, readFileSync(index, "utf8").replace("toWondercatRun,", ""));
    for (const p of ["magnific", "modelslab", "onepin"]) {
      writeFileSync(
        join(root, `packages/${p}/src/index.ts`),
        `${readFileSync(join(root, `packages/${p}/src/index.ts`), "utf8")}export const EXTRA = 1;\n`,
      );
    }
    expect(checkShape(root).sort()).toEqual([
      "packages/wondercat/src/index.ts: missing export extra",
      "packages/wondercat/src/index.ts: missing export towondercatrun",
    ]);
  });

  it("reports an adapter file that does not use defineAdapter", () => {
    const root = scratch();
    writeFileSync(join(root, "packages/magnific/src/magnific-adapter.ts"), "export const magnific = () => ({});\n");
    expect(checkShape(root)).toContain(
      "packages/magnific/src/magnific-adapter.ts: does not build its adapter with defineAdapter",
    );
  });

  it("reads export lists, renames and type-only exports", () => {
    expect(
      exportsOf('export { a, b as c, type D } from "./x.js";\nexport type { E } from "./y.js";\nexport const f = 1;'),
    ).toEqual([
      { name: "a", typeOnly: false },
      { name: "c", typeOnly: false },
      { name: "D", typeOnly: true },
      { name: "E", typeOnly: true },
      { name: "f", typeOnly: false },
    ]);
  });
});
