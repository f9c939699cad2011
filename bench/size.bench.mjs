// Size and cold start: min+gzip of what a user's bundle holds for each provider package and for
// the facade with one and with four providers (the same rows and budgets CI checks in
// scripts/check-packages.mjs; openapi-fetch counted separately), and the time of a cold
// `import()` of the facade in a fresh Node process. Needs the built packages (`pnpm build`).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { log, pct, report, root, round } from "./lib.mjs";

const { sizeRows, workspacePackages } = await import(pathToFileURL(join(root, "scripts", "check-packages.mjs")).href);

const facadeDist = join(root, "packages", "runstatus", "dist", "index.js");
if (!existsSync(facadeDist)) {
  console.error("size bench: build first (corepack pnpm build): packages/runstatus/dist is missing");
  process.exit(1);
}

const { rows, notes } = await sizeRows(root, workspacePackages(root));
const kb = (b) => round(b / 1000, 2);

// Cold import: a fresh process per sample, timing only the import() itself.
const SAMPLES = 15;
const entries = {
  "runstatus (facade)": `await import(${JSON.stringify(pathToFileURL(facadeDist).href)});`,
  "runstatus + runstatus/onepin": `await import(${JSON.stringify(pathToFileURL(facadeDist).href)}); await import(${JSON.stringify(
    pathToFileURL(join(root, "packages", "runstatus", "dist", "onepin.js")).href,
  )});`,
  "node:http (reference)": `await import("node:http");`,
};
const cold = [];
for (const [what, code] of Object.entries(entries)) {
  const samples = [];
  for (let i = 0; i < SAMPLES; i++) {
    const script = `const t0 = performance.now(); ${code} process.stdout.write(String(performance.now() - t0));`;
    const res = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    if (res.status !== 0) throw new Error(`cold import of ${what} failed: ${res.stderr}`);
    samples.push(Number(res.stdout));
  }
  cold.push([what, round(pct(samples, 50), 1), round(Math.min(...samples), 1), round(pct(samples, 90), 1)]);
  log(`size: cold import ${what} done`);
}

report({
  title: "Size and cold import",
  description:
    "min+gzip (gzip level 9, 1 KB = 1000 bytes) of an esbuild bundle (minify, ESM, platform neutral) of what a user imports; openapi-fetch is external and shown on its own row. Cold import: median of fresh Node processes timing `await import()` of the built facade.",
  tables: [
    {
      caption: "bundle sizes",
      columns: ["bundle", "min (KB)", "min+gzip (KB)", "target (KB)", "target", "CI budget (KB)"],
      rows: rows.map((r) => [
        r.what,
        kb(r.min),
        kb(r.gzip),
        r.target ? kb(r.target) : "—",
        r.target ? (r.gzip <= r.target ? "met" : `missed by ${r.gzip - r.target} B`) : "—",
        r.budget ? kb(r.budget) : "—",
      ]),
    },
    { caption: `cold import() (ms, ${SAMPLES} fresh processes)`, columns: ["what", "median", "min", "p90"], rows: cold },
  ],
  notes,
  data: { rows, cold },
});
