// `runstatus` with one adapter must not pull another provider's code into a bundle. This bundles
// the BUILT packages (packages/*/dist, as a registry would ship them) with esbuild and reads the
// metafile: every file esbuild loaded is listed there, whether tree shaking kept it or not.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { repoRoot } from "@runstatus/test-utils";
import * as esbuild from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import { PROVIDERS, type Provider } from "./helpers.js";

const facadeDir = join(repoRoot, "packages", "runstatus");

beforeAll(() => {
  const missing = ["core", "runstatus", ...PROVIDERS]
    .map((p) => join(repoRoot, "packages", p, "dist", "index.js"))
    .filter((f) => !existsSync(f));
  if (missing.length > 0) {
    throw new Error(
      `build the packages first (\`corepack pnpm test\` does; or \`corepack pnpm build\` with pnpm on PATH); missing: ${missing.join(", ")}`,
    );
  }
});

async function bundle(contents: string, minify = false) {
  const res = await esbuild.build({
    // Resolved from the facade's own folder: "runstatus" is then the package itself (a self-reference
    // through its exports map), and its dependencies are the workspace links a user would install.
    stdin: { contents, resolveDir: facadeDir, loader: "js", sourcefile: "entry.js" },
    absWorkingDir: repoRoot,
    bundle: true,
    write: false,
    metafile: true,
    minify,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    conditions: ["import"],
    logLevel: "silent",
  });
  const inputs = Object.keys(res.metafile.inputs);
  const bytes = res.outputFiles[0]?.contents ?? new Uint8Array();
  return { inputs, min: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

const entry = (providers: readonly Provider[]) =>
  [
    `import { createRunStatus } from "runstatus";`,
    ...providers.map((p) => `import { ${p} } from "runstatus/${p}";`),
    `export const rs = createRunStatus({ providers: [${providers.map((p) => `${p}()`).join(", ")}] });`,
  ].join("\n");

const providerOf = (input: string) => /^packages\/(magnific|onepin|wondercat|modelslab)\//.exec(input)?.[1] ?? null;

describe("a bundle of the facade", () => {
  it.each(PROVIDERS)("with %s alone holds no other provider's code", async (p) => {
    const { inputs } = await bundle(entry([p]));
    const providers = new Set(inputs.map(providerOf).filter((x) => x !== null));
    expect([...providers]).toEqual([p]);
    // The facade and core are in, from their built dist.
    expect(inputs).toEqual(expect.arrayContaining(["packages/runstatus/dist/index.js", "packages/core/dist/index.js"]));
    expect(inputs.some((i) => i.startsWith(`packages/${p}/dist/`))).toBe(true);
  });

  it("with two adapters holds exactly those two (the check sees what is imported)", async () => {
    const { inputs } = await bundle(entry(["magnific", "modelslab"]));
    expect(new Set(inputs.map(providerOf).filter((x) => x !== null))).toEqual(new Set(["magnific", "modelslab"]));
  });

  it("the facade alone holds no provider; sizes (min+gzip, openapi-fetch included) for the record", async () => {
    const { inputs } = await bundle(`export { createRunStatus } from "runstatus";`);
    expect(inputs.filter((i) => providerOf(i) !== null)).toEqual([]);
    const sizes: Record<string, { min: number; gzip: number }> = {};
    for (const p of PROVIDERS) sizes[`runstatus + ${p}`] = await bundle(entry([p]), true);
    sizes["runstatus alone"] = await bundle(`export { createRunStatus } from "runstatus";`, true);
    sizes["runstatus + all four"] = await bundle(entry(PROVIDERS), true);
    const rows = Object.entries(sizes).map(
      ([what, s]) => `${what.padEnd(24)} ${String(s.min).padStart(7)} B min ${String(s.gzip).padStart(6)} B gzip`,
    );
    console.log(`bundle sizes (esbuild, esm, neutral):\n${rows.join("\n")}`);
    // Each single-provider bundle is smaller than all four together.
    for (const p of PROVIDERS)
      expect(sizes[`runstatus + ${p}`]?.gzip).toBeLessThan(sizes["runstatus + all four"]?.gzip as number);
  });
});
