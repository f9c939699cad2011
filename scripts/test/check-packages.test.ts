// Release readiness on a small fake workspace: changeset version in a copy, pack, publint, attw, budgets.
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { BUDGETS, bundleSize, checkPackages, listedButNotPacked, sizeEntry, workspacePackages } from "../check-packages.mjs";
import { toolEnv as envWithPnpm } from "../lib/tool-env.mjs";
import { write } from "./helpers.js";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const exportsMap = {
  ".": { types: "./dist/index.d.ts", import: "./dist/index.js", default: "./dist/index.js" },
  "./package.json": "./package.json",
};

function manifest(name: string, extra: Record<string, unknown> = {}): string {
  return `${JSON.stringify(
    {
      name,
      version: "0.1.0",
      license: "MIT",
      type: "module",
      sideEffects: false,
      exports: exportsMap,
      main: "./dist/index.js",
      types: "./dist/index.d.ts",
      files: ["dist"],
      ...extra,
    },
    null,
    2,
  )}\n`;
}

function fakeWorkspace(): string {
  const root = mkdtempSync(join(tmpdir(), "runstatus-packages-test-"));
  dirs.push(root);
  const rootPkg = JSON.parse(readFileSync(join(repo, "package.json"), "utf8"));
  write(root, "package.json", JSON.stringify({ name: "fake", private: true, packageManager: rootPkg.packageManager }));
  write(root, "pnpm-workspace.yaml", 'packages:\n  - "packages/*"\n');
  write(root, ".changeset/config.json", readFileSync(join(repo, ".changeset", "config.json"), "utf8"));
  write(root, ".changeset/core-feature.md", '---\n"@runstatus/core": minor\n---\n\nA feature.\n');
  // CHANGELOG.md is listed but not committed: `changeset version` writes it for core (a changeset
  // is pending) and onepin (which depends on core), not for broken (nothing to release), whose
  // tarball then lacks it.
  write(root, "packages/core/package.json", manifest("@runstatus/core", { files: ["dist", "CHANGELOG.md"] }));
  for (const p of ["core", "onepin", "broken"]) write(root, `packages/${p}/LICENSE`, "MIT License\n");
  write(root, "packages/core/dist/index.js", "export function add(a, b) { return a + b; }\n");
  write(root, "packages/core/dist/index.d.ts", "export declare function add(a: number, b: number): number;\n");
  // A provider whose bundle cannot fit its budget: 10 KB of incompressible text.
  write(
    root,
    "packages/onepin/package.json",
    manifest("@runstatus/onepin", {
      dependencies: { "@runstatus/core": "workspace:^", "openapi-fetch": "0.17.0" },
      files: ["dist", "CHANGELOG.md"],
    }),
  );
  write(
    root,
    "packages/onepin/dist/index.js",
    `import createClient from "openapi-fetch";\nimport { add } from "@runstatus/core";\nexport const blob = ${JSON.stringify(randomBytes(10000).toString("base64"))};\nexport const createOnePinClient = () => createClient({ baseUrl: String(add(1, 2)) });\nexport const onepin = () => blob;\nexport const unused = ${JSON.stringify(randomBytes(6000).toString("base64"))};\n`,
  );
  write(
    root,
    "packages/onepin/dist/index.d.ts",
    "export declare const blob: string;\nexport declare const createOnePinClient: () => unknown;\nexport declare const onepin: () => string;\nexport declare const unused: string;\n",
  );
  // Types promised by the exports map but not shipped: publint must object.
  write(root, "packages/broken/package.json", manifest("@runstatus/broken", { files: ["dist", "CHANGELOG.md"] }));
  write(root, "packages/broken/dist/index.js", "export const x = 1;\n");
  write(root, "packages/test-utils/package.json", manifest("@runstatus/test-utils", { private: true }));
  return root;
}

describe("check-packages", () => {
  it("versions a copy, packs every public package, runs publint and attw, and enforces the size budgets", async () => {
    const root = fakeWorkspace();
    const logs: string[] = [];
    const r = await checkPackages({ root, build: false, log: (s: string) => logs.push(s) });
    const out = logs.join("\n");
    // changeset version ran on the copy: the tarball carries 0.2.0, the repo keeps its changeset.
    expect(out).toMatch(/changeset version \(dry run in a copy\): @runstatus\/core 0\.1\.0 → 0\.2\.0/);
    expect(existsSync(join(root, ".changeset", "core-feature.md"))).toBe(true);
    expect(JSON.parse(readFileSync(join(root, "packages/core/package.json"), "utf8")).version).toBe("0.1.0");
    expect(r.results.map((x: { name: string }) => x.name)).toEqual(["@runstatus/broken", "@runstatus/core", "@runstatus/onepin"]);
    expect(r.results.find((x: { name: string }) => x.name === "@runstatus/core")).toMatchObject({
      version: "0.2.0",
      pack: "ok",
      publint: "ok",
      attw: "ok",
    });
    expect(r.results.find((x: { name: string }) => x.name === "@runstatus/broken")).toMatchObject({
      pack: "FAIL",
      publint: "FAIL",
      attw: "FAIL",
    });
    expect(r.results.find((x: { name: string }) => x.name === "@runstatus/onepin")).toMatchObject({
      pack: "ok",
      publint: "ok",
      attw: "ok",
    });
    expect(r.failures.join("\n")).toMatch(/@runstatus\/broken: the tarball lacks CHANGELOG\.md, listed in "files"/);
    expect(r.failures.join("\n")).toMatch(/@runstatus\/broken: publint:\n {2}FILE_DOES_NOT_EXIST/);
    // The provider bundle: what `create<P>Client` and the adapter use (core's code counted,
    // openapi-fetch not): over its budget, but not 12 KB, since an export nobody imports is left out.
    const row = r.sizes.find((s: { what: string }) => s.what.startsWith("@runstatus/onepin"));
    expect(row.gzip).toBeGreaterThan(BUDGETS.provider);
    expect(row.gzip).toBeLessThan(12000);
    const budget = (BUDGETS.provider / 1000).toFixed(2).replace(".", "\\.");
    expect(r.failures.join("\n")).toMatch(
      new RegExp(`@runstatus/onepin \\(client \\+ adapter\\): \\d+\\.\\d\\d KB min\\+gzip is over its budget of ${budget} KB`),
    );
    expect(r.notes.join("\n")).toMatch(/runstatus \(the facade\) is not built/);
    expect(r.failures.join("\n")).toMatch(/@runstatus\/broken: arethetypeswrong \(esm-only\):\nthe package has no types/);
    expect(r.failures, r.failures.join("\n")).toHaveLength(4);
  }, 60_000);

  it("measures what a user imports: client and adapter, the facade with its provider subpaths, the queue", () => {
    expect(sizeEntry.provider("onepin")).toBe('export { createOnePinClient, onepin } from "@runstatus/onepin";');
    expect(sizeEntry.facade(["onepin", "modelslab"])).toBe(
      'export { createRunStatus } from "runstatus";\nexport { onepin } from "runstatus/onepin";\nexport { modelslab } from "runstatus/modelslab";',
    );
    expect(sizeEntry.queue()).toBe(
      'export { createRunEvents, createRunQueue, createRunWorker, RedisBudgetStore } from "@runstatus/queue";',
    );
  });

  it("bundleSize leaves openapi-fetch out and counts workspace code it imports", async () => {
    const root = fakeWorkspace();
    const pkgs = workspacePackages(root);
    const withFetch = await bundleSize(root, pkgs, 'import c from "openapi-fetch"; export const x = c;');
    expect(withFetch.min).toBeLessThan(100);
    const withCore = await bundleSize(root, pkgs, 'export { add } from "@runstatus/core";');
    expect(withCore.min).toBeGreaterThan(10);
  });

  it("lists private packages as private", () => {
    const pkgs = workspacePackages(fakeWorkspace());
    expect(pkgs.filter((p: { private: boolean }) => p.private).map((p: { name: string }) => p.name)).toEqual([
      "@runstatus/test-utils",
    ]);
  });

  it("puts a pnpm on PATH for turbo (fresh machines only have corepack) and turns telemetry off", () => {
    const env = envWithPnpm({ PATH: "/nonexistent" });
    const shimDir = (env.PATH as string).split(":")[0] as string;
    expect((env.PATH as string).endsWith(":/nonexistent")).toBe(true);
    expect(readFileSync(join(shimDir, "pnpm"), "utf8")).toMatch(/^#!\/bin\/sh\nexec .*pnpm.* "\$@"\n$/);
    expect(statSync(join(shimDir, "pnpm")).mode & 0o111).not.toBe(0);
    expect(env).toMatchObject({ TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1", REDOCLY_TELEMETRY: "off" });
  });
});

describe("listedButNotPacked", () => {
  it("names each `files` entry (and LICENSE) the tarball lacks; a folder counts when it holds a file", () => {
    const packed = ["package/dist/index.js", "package/README.md", "package/LICENSE", "package/package.json"];
    expect(listedButNotPacked(["dist", "README.md", "CHANGELOG.md"], packed)).toEqual(["CHANGELOG.md"]);
    expect(listedButNotPacked(["dist/", "bin"], ["dist/a.js", "LICENSE"])).toEqual(["bin"]);
    expect(listedButNotPacked(["dist"], ["dist/a.js"])).toEqual(["LICENSE"]);
  });
});
