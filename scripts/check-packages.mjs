#!/usr/bin/env node
// Release readiness, run by CI:
// 1. `changeset version` in a temporary copy of the workspace (the repo is not touched), so a
//    broken changeset or config fails here and not at release time;
// 2. `pnpm pack` of every public package (packages/* without "private": true) from that copy,
//    i.e. with the versions and changelogs a release would have;
// 3. every entry of each package's `files` (and its LICENSE) is in its tarball (CHANGELOG.md
//    comes from `changeset version`); publint (no errors) and arethetypeswrong (profile esm-only)
//    on each tarball;
// 4. size budgets (CI ceilings; the size targets reported beside them, see TARGETS), min+gzip with esbuild (bundle, minify, format esm, platform neutral,
//    gzip level 9, 1 KB = 1000 bytes) of what a user's bundle holds when they use a package, not
//    of every helper it exports. openapi-fetch is external (its own row, for reference); the
//    @runstatus/core code the entry uses is counted. The entries (resolved to each package's dist):
//    - provider (target ≤ 4 KB):  export { create<P>Client, <p> } from "@runstatus/<p>";
//    - facade + one provider (target ≤ 8 KB):
//        export { createRunStatus } from "runstatus"; export { <p> } from "runstatus/<p>";
//    - facade + all four (target ≤ 14 KB): the same with the four subpath imports.
//    - queue (no target; a ceiling only): export { createRunQueue, createRunWorker, createRunEvents,
//        RedisBudgetStore } from "@runstatus/queue"; with bullmq, ioredis and node: built-ins external
//        (they are its dependencies, installed beside it, not bundled into a user's code).
// Usage: node scripts/check-packages.mjs [--no-build] [--json]
//   Builds first (`pnpm turbo run build`) unless --no-build. A package without dist/index.js
//   (not written yet) is skipped with a note. Exit 1 when any check fails or a budget is exceeded.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { runMain, UsageError } from "./lib/errors.mjs";
import { repoRoot } from "./lib/specs.mjs";
import { toolEnv as envWithPnpm } from "./lib/tool-env.mjs";

const require = createRequire(import.meta.url);

export const KB = 1000;
/**
 * The size targets. They are reported for every row (met, or missed by how much) and are never
 * loosened; today no row meets its target (see docs/benchmarks.md).
 */
export const TARGETS = { provider: 4 * KB, facadeOne: 8 * KB, facadeAll: 14 * KB };
/**
 * What CI enforces: no bundle may grow past these ceilings (today's largest row of each kind plus
 * about 3 %), and none above its target once it meets it. Lower them whenever a bundle shrinks.
 */
export const BUDGETS = { provider: 9.1 * KB, facadeOne: 20.3 * KB, facadeAll: 23.4 * KB, queue: 10.3 * KB };
const PROVIDERS = ["magnific", "onepin", "wondercat", "modelslab"];
/** Each provider's client factory: with its adapter, what a user of the provider package imports. */
const CLIENT_FACTORY = {
  magnific: "createMagnificClient",
  onepin: "createOnePinClient",
  wondercat: "createWondercatClient",
  modelslab: "createModelsLabClient",
};

/** The entry modules of the size rows (see the header): what a user imports, not `export *`. */
export const sizeEntry = {
  provider: (p) => `export { ${CLIENT_FACTORY[p]}, ${p} } from "@runstatus/${p}";`,
  facade: (ps) =>
    ['export { createRunStatus } from "runstatus";', ...ps.map((p) => `export { ${p} } from "runstatus/${p}";`)].join("\n"),
  queue: () => 'export { createRunEvents, createRunQueue, createRunWorker, RedisBudgetStore } from "@runstatus/queue";',
};
/** Dependencies of the queue a user installs beside it: not counted in its row. */
const QUEUE_EXTERNAL = ["bullmq", "ioredis", "node:*"];
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1", COREPACK_ENABLE_DOWNLOAD_PROMPT: "0", DO_NOT_TRACK: "1" };

/** Every workspace package: `{ dir, name, version, private, manifest }`. */
export function workspacePackages(root = repoRoot) {
  const dir = join(root, "packages");
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((d) => existsSync(join(dir, d, "package.json")))
    .sort()
    .map((d) => {
      const manifest = JSON.parse(readFileSync(join(dir, d, "package.json"), "utf8"));
      return { dir: d, name: manifest.name, version: manifest.version, private: manifest.private === true, manifest };
    });
}

/**
 * Copies what `changeset version` and `pnpm pack` need into a temp dir: manifests, changesets, and
 * every top-level entry a package's `files` lists (dist, bin…) with its README, CHANGELOG and LICENSE.
 */
function stageCopy(root, pkgs) {
  const tmp = mkdtempSync(join(tmpdir(), "runstatus-release-"));
  for (const f of ["package.json", "pnpm-workspace.yaml"]) cpSync(join(root, f), join(tmp, f));
  if (existsSync(join(root, ".changeset"))) cpSync(join(root, ".changeset"), join(tmp, ".changeset"), { recursive: true });
  for (const p of pkgs) {
    const src = join(root, "packages", p.dir);
    const dst = join(tmp, "packages", p.dir);
    mkdirSync(dst, { recursive: true });
    const listed = new Set(["package.json", "dist", ...(p.manifest.files ?? [])]);
    for (const f of readdirSync(src)) {
      if (listed.has(f) || /^(README|CHANGELOG|LICENSE)/i.test(f)) {
        cpSync(join(src, f), join(dst, f), { recursive: true });
      }
    }
  }
  // pnpm pack rewrites `workspace:` ranges (dev dependencies too) from the installed
  // dependency's version, so link each workspace dependency the way `pnpm install` would.
  for (const p of pkgs) {
    const m = p.manifest;
    const deps = { ...m.devDependencies, ...m.dependencies, ...m.peerDependencies, ...m.optionalDependencies };
    for (const [name, range] of Object.entries(deps)) {
      if (!String(range).startsWith("workspace:")) continue;
      const target = pkgs.find((q) => q.name === name);
      if (!target) continue;
      const link = join(tmp, "packages", p.dir, "node_modules", name);
      mkdirSync(dirname(link), { recursive: true });
      symlinkSync(relative(dirname(link), join(tmp, "packages", target.dir)), link, "dir");
    }
  }
  return tmp;
}

function run(cmd, args, opts) {
  const res = spawnSync(cmd, args, { encoding: "utf8", env, maxBuffer: 64 * 1024 * 1024, ...opts });
  return { ok: res.status === 0, status: res.status, out: `${res.stdout ?? ""}${res.stderr ?? ""}`.trim() };
}

/** `changeset version` in the staged copy; returns the resulting version of every package. */
export function changesetVersion(tmp) {
  const bin = join(dirname(require.resolve("@changesets/cli/package.json")), "bin.js");
  const res = run(process.execPath, [bin, "version"], { cwd: tmp });
  return { ...res, versions: Object.fromEntries(workspacePackages(tmp).map((p) => [p.name, p.version])) };
}

export function pack(tmp, pkg, dest) {
  const res = run("corepack", ["pnpm", "pack", "--pack-destination", dest, "--json"], { cwd: join(tmp, "packages", pkg.dir) });
  if (!res.ok) return { ...res, tarball: null };
  try {
    const json = JSON.parse(res.out.slice(res.out.indexOf("{")));
    return { ...res, tarball: json.filename, files: json.files?.map((f) => f.path) ?? [] };
  } catch {
    return { ...res, ok: false, tarball: null };
  }
}

/** The entries of a `files` list (plus LICENSE) that a packed file list lacks: a file, or a folder with nothing in it. */
export function listedButNotPacked(files = [], packed = []) {
  const paths = packed.map((f) => f.replace(/^package\//, ""));
  return [...files, "LICENSE"].filter((f) => !paths.some((x) => x === f || x.startsWith(`${f.replace(/\/$/, "")}/`)));
}

export async function publintTarball(tarball) {
  const { publint } = await import("publint");
  const { formatMessage } = await import("publint/utils");
  const buf = readFileSync(tarball);
  const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
  const r = await publint({ pack: { tarball: ab }, level: "warning" });
  const errors = r.messages.filter((m) => m.type === "error").map((m) => `${m.code}: ${formatMessage(m, r.pkg)}`);
  const warnings = r.messages.filter((m) => m.type === "warning").map((m) => `${m.code}: ${formatMessage(m, r.pkg)}`);
  return { ok: errors.length === 0, errors, warnings };
}

export function attwTarball(tarball) {
  const bin = join(dirname(require.resolve("@arethetypeswrong/cli/package.json")), "dist", "index.js");
  const res = run(process.execPath, [bin, tarball, "--profile", "esm-only", "--format", "ascii", "--no-color"], {});
  const untyped = /does not contain types/i.test(res.out);
  return { ok: res.ok && !untyped, out: untyped ? "the package has no types" : res.out };
}

/** An esbuild plugin resolving workspace packages to their built dist through their exports map. */
function workspaceResolver(root, pkgs) {
  return {
    name: "workspace",
    setup(build) {
      build.onResolve({ filter: /^(@runstatus\/[^/]+|runstatus)(\/.*)?$/ }, (args) => {
        const m = /^(@runstatus\/[^/]+|runstatus)(\/.*)?$/.exec(args.path);
        const pkg = pkgs.find((p) => p.name === m[1]);
        if (!pkg) return { errors: [{ text: `no workspace package ${m[1]}` }] };
        const sub = m[2] ? `.${m[2]}` : ".";
        const entry = pkg.manifest.exports?.[sub];
        const target = typeof entry === "string" ? entry : (entry?.import ?? entry?.default);
        if (!target) return { errors: [{ text: `${pkg.name} exports no "${sub}"` }] };
        return { path: join(root, "packages", pkg.dir, target) };
      });
    },
  };
}

/** min+gzip bytes of a bundle of `code` (an ESM entry), openapi-fetch (and `external`) external. */
export async function bundleSize(root, pkgs, code, external = []) {
  const esbuild = await import("esbuild");
  const res = await esbuild.build({
    stdin: { contents: code, resolveDir: root, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    // Dependencies that ship CommonJS only (standardwebhooks) resolve through `main`.
    mainFields: ["module", "main"],
    write: false,
    logLevel: "silent",
    external: ["openapi-fetch", ...external],
    plugins: [workspaceResolver(root, pkgs)],
  });
  const bytes = res.outputFiles[0].contents;
  return { min: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

/** The size rows: each provider alone, the facade with each provider, the facade with all four. */
export async function sizeRows(root, pkgs) {
  const built = (name, sub = ".") => {
    const p = pkgs.find((q) => q.name === name);
    const e = p?.manifest.exports?.[sub];
    const t = typeof e === "string" ? e : (e?.import ?? e?.default);
    return Boolean(p && t && existsSync(join(root, "packages", p.dir, t)));
  };
  const rows = [];
  const notes = [];
  const providers = PROVIDERS.filter((p) => {
    if (built(`@runstatus/${p}`)) return true;
    notes.push(`size: @runstatus/${p} is not built (no dist): skipped`);
    return false;
  });
  for (const p of providers) {
    rows.push({
      what: `@runstatus/${p} (client + adapter)`,
      budget: BUDGETS.provider,
      target: TARGETS.provider,
      ...(await bundleSize(root, pkgs, sizeEntry.provider(p))),
    });
  }
  if (!built("runstatus")) {
    notes.push("size: runstatus (the facade) is not built (no dist): skipped");
  } else {
    const withSub = providers.filter((p) => built("runstatus", `./${p}`));
    for (const p of withSub) {
      rows.push({
        what: `runstatus + ${p}`,
        budget: BUDGETS.facadeOne,
        target: TARGETS.facadeOne,
        ...(await bundleSize(root, pkgs, sizeEntry.facade([p]))),
      });
    }
    if (withSub.length === PROVIDERS.length) {
      const code = sizeEntry.facade(PROVIDERS);
      rows.push({
        what: "runstatus + all four",
        budget: BUDGETS.facadeAll,
        target: TARGETS.facadeAll,
        ...(await bundleSize(root, pkgs, code)),
      });
    } else {
      notes.push(
        `size: the facade with all four needs runstatus/{${PROVIDERS.join(",")}} built; only ${withSub.join(", ") || "none"}`,
      );
    }
  }
  if (built("@runstatus/queue")) {
    rows.push({
      what: "@runstatus/queue (bullmq, ioredis external)",
      budget: BUDGETS.queue,
      target: null,
      ...(await bundleSize(root, pkgs, sizeEntry.queue(), QUEUE_EXTERNAL)),
    });
  } else notes.push("size: @runstatus/queue is not built (no dist): skipped");
  const fetchEntry = openapiFetchEntry(root);
  if (fetchEntry) {
    const of = await bundleSize(root, pkgs, `export * from ${JSON.stringify(fetchEntry)};`);
    rows.push({ what: "openapi-fetch (not counted above)", budget: null, target: null, ...of });
  }
  return { rows, notes };
}

// openapi-fetch is a dependency of core, not of the root: find it through core.
function openapiFetchEntry(root) {
  try {
    const req = createRequire(join(root, "packages", "core", "package.json"));
    // Its exports map hides package.json; the CommonJS entry sits next to the ESM one in dist/.
    const dir = dirname(req.resolve("openapi-fetch"));
    const entry = [join(dir, "index.mjs"), join(dir, "index.js")].find((f) => existsSync(f));
    return entry ?? null;
  } catch {
    return null;
  }
}

function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(" | ")} |`;
  return [line(headers), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

export async function checkPackages({ root = repoRoot, build = true, log = (s) => process.stdout.write(`${s}\n`) } = {}) {
  const failures = [];
  const notes = [];
  if (build) {
    log("building: turbo run build");
    const turbo = join(root, "node_modules", ".bin", "turbo");
    const b = run(turbo, ["run", "build", "--output-logs=errors-only"], { cwd: root, env: envWithPnpm(env) });
    if (!b.ok) failures.push(`build failed:\n${b.out.split("\n").slice(-30).join("\n")}`);
  }
  const all = workspacePackages(root);
  const publicPkgs = all.filter((p) => !p.private);
  const builtPkgs = publicPkgs.filter((p) => {
    if (existsSync(join(root, "packages", p.dir, "dist", "index.js"))) return true;
    notes.push(`${p.name}: no dist/index.js (not written or not built yet): skipped`);
    return false;
  });
  const tmp = stageCopy(root, all);
  const results = [];
  try {
    const v = changesetVersion(tmp);
    if (!v.ok) failures.push(`changeset version failed in a copy of the workspace:\n${v.out}`);
    const changed = all.filter((p) => v.versions[p.name] !== p.version);
    log(
      v.ok
        ? `changeset version (dry run in a copy): ${changed.length ? changed.map((p) => `${p.name} ${p.version} → ${v.versions[p.name]}`).join(", ") : "no pending changesets"}`
        : "changeset version: FAILED",
    );
    const dest = join(tmp, "tarballs");
    mkdirSync(dest, { recursive: true });
    for (const p of builtPkgs) {
      const r = { name: p.name, version: v.versions[p.name] ?? p.version, pack: "—", publint: "—", attw: "—" };
      results.push(r);
      const packed = pack(tmp, p, dest);
      if (!packed.ok) {
        r.pack = "FAIL";
        failures.push(`${p.name}: pnpm pack failed: ${packed.out.split("\n").slice(-5).join(" ")}`);
        continue;
      }
      r.pack = "ok";
      const lacking = listedButNotPacked(p.manifest.files, packed.files);
      if (lacking.length) {
        r.pack = "FAIL";
        failures.push(
          `${p.name}: the tarball lacks ${lacking.join(", ")}, listed in "files" (CHANGELOG.md is written by \`changeset version\`: commit one, or add a changeset for the package)`,
        );
      }
      const pl = await publintTarball(packed.tarball);
      r.publint = pl.ok ? (pl.warnings.length ? `ok (${pl.warnings.length} warning)` : "ok") : "FAIL";
      if (!pl.ok) failures.push(`${p.name}: publint:\n  ${pl.errors.join("\n  ")}`);
      for (const w of pl.warnings) notes.push(`${p.name}: publint warning: ${w}`);
      const at = attwTarball(packed.tarball);
      r.attw = at.ok ? "ok" : "FAIL";
      if (!at.ok) failures.push(`${p.name}: arethetypeswrong (esm-only):\n${at.out}`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  if (results.length)
    log(
      `\n${table(
        ["package", "version", "pack", "publint", "attw"],
        results.map((r) => [r.name, r.version, r.pack, r.publint, r.attw]),
      )}`,
    );
  const sizes = await sizeRows(root, all);
  notes.push(...sizes.notes);
  const fmt = (n) => `${(n / KB).toFixed(2)} KB`;
  if (sizes.rows.length) {
    log(
      `\n${table(
        ["bundle (min+gzip, openapi-fetch external)", "min", "gzip", "CI budget", "", "target", ""],
        sizes.rows.map((r) => [
          r.what,
          fmt(r.min),
          fmt(r.gzip),
          r.budget ? fmt(r.budget) : "—",
          r.budget === null ? "" : r.gzip <= r.budget ? "ok" : "OVER",
          r.target ? fmt(r.target) : "—",
          r.target ? (r.gzip <= r.target ? "met" : `missed by ${r.gzip - r.target} B`) : "",
        ]),
      )}`,
    );
  }
  for (const r of sizes.rows) {
    if (r.budget !== null && r.gzip > r.budget)
      failures.push(`${r.what}: ${fmt(r.gzip)} min+gzip is over its budget of ${fmt(r.budget)} (by ${r.gzip - r.budget} bytes)`);
  }
  return { failures, notes, results, sizes: sizes.rows };
}

export async function main(argv, { root = repoRoot } = {}) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { "no-build": { type: "boolean", default: false }, json: { type: "boolean", default: false } },
    });
  } catch (e) {
    throw new UsageError(`${e.message}\nusage: node scripts/check-packages.mjs [--no-build] [--json]`);
  }
  const quiet = parsed.values.json;
  const r = await checkPackages({
    root,
    build: !parsed.values["no-build"],
    log: quiet ? () => {} : (s) => process.stdout.write(`${s}\n`),
  });
  if (quiet) process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
  else {
    for (const n of r.notes) process.stdout.write(`note: ${n}\n`);
    for (const f of r.failures) process.stderr.write(`FAIL ${f}\n`);
    process.stdout.write(r.failures.length ? `\ncheck-packages: ${r.failures.length} problem(s)\n` : "\ncheck-packages: ok\n");
  }
  return r.failures.length ? 1 : 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await runMain((argv) => main(argv));
