// Shared helpers for bench/*.bench.mjs. Each bench runs in its own process (started by run.mjs),
// imports workspace TypeScript through `importSource`, and hands its result to `report` (written to
// the file named by `--out <path>`, or printed when the bench runs alone).
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

export const root = fileURLToPath(new URL("..", import.meta.url));
export const tmpDir = join(root, "bench", ".tmp");

/**
 * Bundles a workspace TypeScript entry (e.g. "packages/core/src/index.ts") with esbuild and imports it.
 * Benchmarks thus run the real source, minified the way a user's bundler would ship it.
 */
export async function importSource(entry, { minify = false } = {}) {
  const outfile = join(tmpDir, `${entry.replace(/[^\w]+/g, "_")}${minify ? ".min" : ""}.mjs`);
  mkdirSync(dirname(outfile), { recursive: true });
  await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    minify,
    outfile,
    logLevel: "error",
  });
  return import(pathToFileURL(outfile).href);
}

/** Deterministic uniform [0, 1) generator (mulberry32). */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draw (Box–Muller). */
export function gauss(random) {
  let u = 0;
  while (u === 0) u = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

export const mean = (xs) => xs.reduce((a, b) => a + b, 0) / (xs.length || 1);

/** Nearest-rank percentile (p in 0–100). */
export function pct(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export const round = (x, digits = 2) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : x);

/** Progress lines go to stderr, so a bench's stdout stays free. */
export const log = (...args) => console.error(...args);

/**
 * Hands a bench's result to run.mjs (or prints it when the bench runs alone). Shape:
 * { title, description?, tables: [{ caption?, columns: string[], rows: unknown[][] }], notes?: string[], data?: object }
 */
export function report(result) {
  const i = process.argv.indexOf("--out");
  const out = i > 0 ? process.argv[i + 1] : undefined;
  if (out) writeFileSync(out, JSON.stringify(result, null, 2));
  else console.log(JSON.stringify(result, null, 2));
}
