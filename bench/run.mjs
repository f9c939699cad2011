// `pnpm bench`: runs every bench/*.bench.mjs (or only those named: `pnpm bench polling scale`), one
// at a time, each in its own Node process with --expose-gc, and merges their results into
// bench/results/latest.json and bench/results/latest.md. Benches report, they do not assert.
// Adding a section = adding a `<name>.bench.mjs` that calls `report()` from ./lib.mjs.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const benchDir = fileURLToPath(new URL(".", import.meta.url));
const resultsDir = join(benchDir, "results");
const tmpDir = join(benchDir, ".tmp");

const all = readdirSync(benchDir)
  .filter((f) => f.endsWith(".bench.mjs"))
  .sort();
const names = all.map((f) => f.slice(0, -".bench.mjs".length));
const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !names.includes(w));
if (unknown.length > 0) {
  console.error(`unknown bench ${unknown.join(", ")}; available: ${names.join(", ")}`);
  process.exit(2);
}
const selected = wanted.length > 0 ? names.filter((n) => wanted.includes(n)) : names;

const machine = {
  cpu: os.cpus()[0]?.model ?? "unknown",
  cores: os.availableParallelism?.() ?? os.cpus().length,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  os: `${os.type()} ${os.release()} ${os.arch()}`,
  node: process.version,
};

// Running a subset keeps the other sections from the previous run.
const latestJson = join(resultsDir, "latest.json");
const previous = wanted.length > 0 && existsSync(latestJson) ? JSON.parse(readFileSync(latestJson, "utf8")) : null;
const benches = previous?.benches ?? {};

mkdirSync(resultsDir, { recursive: true });
mkdirSync(tmpDir, { recursive: true });
const started = performance.now();
let failed = 0;
for (const name of selected) {
  const out = join(tmpDir, `${name}.json`);
  rmSync(out, { force: true });
  const t0 = performance.now();
  console.error(`bench: ${name}…`);
  const code = await new Promise((resolve) => {
    const child = spawn(process.execPath, ["--expose-gc", join(benchDir, `${name}.bench.mjs`), "--out", out], {
      stdio: ["ignore", "inherit", "inherit"],
    });
    child.on("exit", (c, signal) => resolve(c ?? (signal ? 1 : 0)));
  });
  const seconds = Math.round((performance.now() - t0) / 100) / 10;
  if (code !== 0 || !existsSync(out)) {
    failed++;
    benches[name] = { title: name, error: `exited with code ${code}`, seconds, ranAt: new Date().toISOString() };
    console.error(`bench: ${name} failed (exit ${code})`);
    continue;
  }
  benches[name] = { ...JSON.parse(readFileSync(out, "utf8")), seconds, ranAt: new Date().toISOString() };
  console.error(`bench: ${name} done in ${seconds} s`);
}
const totalSeconds = Math.round((performance.now() - started) / 100) / 10;

const ordered = Object.fromEntries(
  Object.keys(benches)
    .sort()
    .map((k) => [k, benches[k]]),
);
writeFileSync(latestJson, `${JSON.stringify({ generatedAt: new Date().toISOString(), machine, benches: ordered }, null, 2)}\n`);
writeFileSync(join(resultsDir, "latest.md"), markdown(ordered, totalSeconds));
console.error(`bench: wrote bench/results/latest.{md,json} (${totalSeconds} s)`);
process.exit(failed > 0 ? 1 : 0);

function markdown(sections, seconds) {
  const lines = [
    "# Benchmark results",
    "",
    `Generated ${new Date().toISOString()} by \`pnpm bench\` (${seconds} s for the sections run this time).`,
    "",
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}.`,
    "",
  ];
  for (const [name, r] of Object.entries(sections)) {
    lines.push(`## ${r.title ?? name}`, "");
    if (r.error) {
      lines.push(`Failed: ${r.error}.`, "");
      continue;
    }
    if (r.description) lines.push(r.description, "");
    for (const t of r.tables ?? []) {
      if (t.caption) lines.push(`**${t.caption}**`, "");
      lines.push(`| ${t.columns.map(cell).join(" | ")} |`, `|${t.columns.map(() => " --- ").join("|")}|`);
      for (const row of t.rows) lines.push(`| ${row.map(cell).join(" | ")} |`);
      lines.push("");
    }
    for (const n of r.notes ?? []) lines.push(`- ${n}`);
    if (r.notes?.length) lines.push("");
    lines.push(`<sub>${name}.bench.mjs, ${r.seconds} s, ${r.ranAt}</sub>`, "");
  }
  return lines.join("\n");
}

function cell(v) {
  return String(v ?? "").replace(/\|/g, "\\|");
}
