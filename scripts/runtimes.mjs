#!/usr/bin/env node
// The runtimes matrix (`corepack pnpm test:runtimes`): the packed facade and the OnePin adapter,
// installed from their tarballs into an empty folder as a user installs them, start a run, get it
// and wait for it against the simulator under Node 20, 22 and 24, Bun and Deno. Each runtime
// comes from the npm registry at an exact version (`npx -y node@…`, the `bun` and `deno`
// packages, whose binaries ship as platform packages), so the matrix needs the registry or a warm
// npm cache, and nothing else. Deno runs with `--allow-net --allow-env` (the adapters read their
// key and base URL from the environment).
//
// It packs the BUILT packages: run `corepack pnpm build` first.
// Usage: node scripts/runtimes.mjs [--only node20,deno] [--json]
// Prints one row per runtime (version, get, wait, outputs, time) and exits 1 when any fails.
import { execFile, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, promisify } from "node:util";
import { pack, workspacePackages } from "./check-packages.mjs";
import { runMain, UsageError } from "./lib/errors.mjs";
import { repoRoot } from "./lib/specs.mjs";

const run = promisify(execFile);

/** Each runtime: the registry package that ships it and the command that runs a module with it. */
export const RUNTIMES = {
  node20: { pkg: "node@20.20.2", args: (script) => [script] },
  node22: { pkg: "node@22.23.3", args: (script) => [script] },
  node24: { pkg: "node@24.21.0", args: (script) => [script] },
  bun: { pkg: "bun@1.4.5", args: (script) => [script] },
  deno: { pkg: "deno@2.9.6", args: (script) => ["run", "--allow-net", "--allow-env", script] },
};

/** What a user writes after `npm install runstatus`: plain ESM, one start, one get, one wait. */
export const CHECK_SCRIPT = `// Plain ESM from ./node_modules: no TypeScript, no bundler.
import { createRunStatus } from "runstatus";
import { onepin } from "runstatus/onepin";

const rs = createRunStatus({ providers: [onepin()], defaults: { minInterval: 50, maxInterval: 200, timeout: 30_000 } });
const ref = await rs.start("onepin", process.env.WORKFLOW_ID);
const now = await rs.get(ref);
const run = await rs.wait(ref);
const version = typeof Deno !== "undefined" ? "deno " + Deno.version.deno : typeof Bun !== "undefined" ? "bun " + Bun.version : "node " + process.versions.node;
console.log(JSON.stringify({ version, ref, get: now.state, wait: run.state, outputs: run.outputs.map((o) => o.kind) }));
`;

/** The workspace packages the facade needs at run time: runstatus and, transitively, its @runstatus dependencies. */
function packagesToPack(root) {
  const all = workspacePackages(root);
  const byName = new Map(all.map((p) => [p.name, p]));
  const wanted = new Set(["runstatus"]);
  for (const name of wanted) {
    for (const dep of Object.keys(byName.get(name)?.manifest.dependencies ?? {})) if (byName.has(dep)) wanted.add(dep);
  }
  return [...wanted].map((name) => byName.get(name));
}

// npm started by pnpm inherits its npm_config_* (local_prefix among them, which would point the
// install at the repo): the install and the runtimes see only the temp folder and the user's npmrc.
function cleanEnv(extra = {}) {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(npm|pnpm)_/i.test(k) || /^npm_config_(registry|userconfig|cache)$/i.test(k)),
  );
  delete env.NODE_OPTIONS;
  delete env.NODE_PATH;
  return { ...env, ...extra };
}

/** Starts the built simulator in its own process on a free port; resolves with its URLs, targets and a close(). */
async function startSimulator(root) {
  const bin = join(root, "packages", "simulator", "dist", "bin.js");
  const child = spawn(process.execPath, [bin, "--port", "0", "--speed", "20", "--json"], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  const info = await new Promise((resolve, reject) => {
    child.stdout.on("data", (d) => {
      out += d;
      const nl = out.indexOf("\n");
      if (nl >= 0) resolve(JSON.parse(out.slice(0, nl)));
    });
    child.stderr.on("data", (d) => (err += d));
    child.on("exit", (code) => reject(new Error(`the simulator exited (${code}) before listening: ${err.trim()}`)));
  });
  const close = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.on("exit", () => resolve());
      child.kill("SIGTERM");
    });
  return { ...info, close };
}

async function runOne(name, app, sim) {
  const { pkg, args } = RUNTIMES[name];
  const t0 = performance.now();
  const env = cleanEnv({
    ONEPIN_API_KEY: "sim-onepin-key",
    RUNSTATUS_ONEPIN_BASE_URL: sim.baseUrls.onepin,
    WORKFLOW_ID: sim.targets.onepin.succeeded,
    NO_COLOR: "1",
  });
  try {
    const { stdout } = await run("npx", ["-y", pkg, ...args("check.mjs")], { cwd: app, env, timeout: 180_000 });
    const result = JSON.parse(stdout.trim().split("\n").at(-1));
    const ok = result.get !== undefined && result.wait === "succeeded" && result.outputs.join() === "file";
    return { name, pkg, ...result, ok, ms: performance.now() - t0, error: ok ? null : `unexpected result: ${stdout.trim()}` };
  } catch (e) {
    const detail = `${e.stderr ?? ""}${e.stdout ?? ""}`.trim().split("\n").slice(-6).join("\n") || e.message;
    return { name, pkg, ok: false, ms: performance.now() - t0, error: detail };
  }
}

export async function runtimes({
  root = repoRoot,
  only = Object.keys(RUNTIMES),
  log = (s) => process.stdout.write(`${s}\n`),
} = {}) {
  const pkgs = packagesToPack(root);
  const missing = [
    ...pkgs.map((p) => join("packages", p.dir, "dist", "index.js")),
    join("packages", "simulator", "dist", "bin.js"),
  ].filter((f) => !existsSync(join(root, f)));
  if (missing.length) throw new UsageError(`not built (missing ${missing.join(", ")}): run \`corepack pnpm build\` first`);
  const t0 = performance.now();
  const tmp = mkdtempSync(join(tmpdir(), "runstatus-runtimes-"));
  const sim = await startSimulator(root);
  try {
    const tarballs = join(tmp, "tarballs");
    const app = join(tmp, "app");
    mkdirSync(tarballs);
    mkdirSync(app);
    const files = pkgs.map((p) => {
      const r = pack(root, p, tarballs);
      if (!r.ok || !r.tarball) throw new Error(`pnpm pack ${p.name} failed:\n${r.out}`);
      return r.tarball;
    });
    writeFileSync(
      join(app, "package.json"),
      `${JSON.stringify({ name: "runtimes-check", private: true, type: "module" }, null, 2)}\n`,
    );
    await run("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", "--prefer-offline", ...files], {
      cwd: app,
      env: cleanEnv(),
      maxBuffer: 16 * 1024 * 1024,
    }).catch((e) => {
      throw new Error(`npm install of the tarballs failed:\n${e.stdout ?? ""}${e.stderr ?? ""}`);
    });
    writeFileSync(join(app, "check.mjs"), CHECK_SCRIPT);
    const setupMs = performance.now() - t0;
    log(`packed ${pkgs.map((p) => p.name).join(", ")} and installed them in ${(setupMs / 1000).toFixed(1)} s`);
    const results = [];
    for (const name of only) {
      const r = await runOne(name, app, sim);
      results.push(r);
      log(
        `${r.ok ? "ok  " : "FAIL"} ${name.padEnd(7)} ${(r.version ?? r.pkg).padEnd(14)} get ${String(r.get ?? "—").padEnd(9)} wait ${String(r.wait ?? "—").padEnd(9)} outputs ${(r.outputs ?? []).join(",") || "—"}  ${(r.ms / 1000).toFixed(1)} s${r.error ? `\n     ${r.error.replaceAll("\n", "\n     ")}` : ""}`,
      );
    }
    return { ok: results.every((r) => r.ok), results, setupMs, totalMs: performance.now() - t0 };
  } finally {
    await sim.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await runMain(async () => {
    const { values } = parseArgs({ options: { only: { type: "string" }, json: { type: "boolean" } } });
    const only = values.only ? values.only.split(",").map((s) => s.trim()) : Object.keys(RUNTIMES);
    const unknown = only.filter((n) => !(n in RUNTIMES));
    if (unknown.length) throw new UsageError(`unknown runtime ${unknown.join(", ")}; known: ${Object.keys(RUNTIMES).join(", ")}`);
    const res = await runtimes({ only, log: values.json ? () => {} : undefined });
    if (values.json) process.stdout.write(`${JSON.stringify(res)}\n`);
    else process.stdout.write(`runtimes: ${res.ok ? "ok" : "FAILED"} in ${(res.totalMs / 1000).toFixed(1)} s\n`);
    return res.ok ? 0 : 1;
  });
}
