#!/usr/bin/env node
// The demo (`corepack pnpm demo`): install if needed, build, start the provider simulator, start
// one run on each of the four providers with the `runstatus` CLI, watch all four at once with
// live progress, print each final run, stop the simulator. One run meets a rate limit (ModelsLab
// 429 with `retry_after`) and another a server error on the way, so the retries show.
import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { needsInstall, pnpmCommand, root, toolEnv } from "./lib/tool-env.mjs";

const env = toolEnv();
const say = (line) => process.stdout.write(`${line}\n`);

function runSync(title, cmd, args) {
  say(`▶ ${title}`);
  const res = spawnSync(cmd, args, { cwd: root, env, stdio: ["ignore", "inherit", "inherit"] });
  if (res.status !== 0) {
    process.stderr.write(`demo: ${title} failed (exit ${res.status ?? res.signal})\n`);
    process.exit(1);
  }
}

/** Runs the CLI as a child process (async: the simulator lives in this process and must keep serving). */
function cli(args, { inherit = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, "packages/cli/dist/bin.js"), ...args], {
      cwd: root,
      env: cliEnv,
      stdio: inherit ? "inherit" : ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout?.on("data", (d) => {
      out += d;
    });
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, out: out.trim() }));
  });
}

if (needsInstall()) {
  const [cmd, ...rest] = pnpmCommand();
  runSync("install", cmd, [...rest, "install", "--frozen-lockfile"]);
}
runSync("build", join(root, "node_modules/.bin/turbo"), [
  "run",
  "build",
  "--filter=@runstatus/cli...",
  "--filter=@runstatus/simulator",
  "--output-logs=errors-only",
]);

const { startSimulator } = await import(pathToFileURL(join(root, "packages/simulator/dist/index.js")).href);
const sim = await startSimulator({
  timing: { queuedMs: 800, stepMs: 1000, steps: 6 },
  modelslabRateLimit: true,
  faults: [
    { provider: "modelslab", path: "status", nth: 2, kind: "429", retryAfterSec: 2 },
    { provider: "wondercat", path: "status", nth: 3, kind: "5xx", status: 500 },
  ],
});
say(`\nsimulator listening on ${sim.url} (magnific, onepin, wondercat, modelslab)\n`);

const cliEnv = { ...env };
for (const p of ["magnific", "onepin", "wondercat", "modelslab"]) {
  cliEnv[`${p.toUpperCase()}_API_KEY`] = sim.keys[p];
  cliEnv[`RUNSTATUS_${p.toUpperCase()}_BASE_URL`] = sim.baseUrls[p];
}

let exitCode = 0;
try {
  const starts = [
    ["magnific", sim.targets.magnific.default, ["input-4050c3f3-8a26-4953-97a8-cb97bceb4816-1=https://example.com/sketch.png"]],
    ["onepin", sim.targets.onepin.default, ["source_language=en-us"]],
    ["wondercat", sim.targets.wondercat.default, ["step_abc.prompt=a red fox in the snow"]],
    ["modelslab", sim.targets.modelslab.default, ["prompt=a cat in a hat", "width=512", "height=512"]],
  ];
  const refs = [];
  for (const [provider, target, inputs] of starts) {
    const args = ["start", provider, target, ...inputs.flatMap((kv) => ["--input", kv])];
    say(`$ runstatus ${args.map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(" ")}`);
    const { code, out } = await cli(args);
    if (code !== 0) throw new Error(`runstatus start ${provider} exited ${code}`);
    say(`  → ${out}`);
    refs.push(out);
  }
  say(`\n$ runstatus watch ${refs.join(" ")}\n`);
  const watch = await cli(["watch", ...refs, "--timeout", "2m"], { inherit: true });
  const served = sim.requests();
  const faults = served.filter((r) => r.fault);
  say("\nWhat the simulator saw:");
  for (const p of ["magnific", "onepin", "wondercat", "modelslab"]) {
    const n = served.filter((r) => r.provider === p).length;
    say(`  ${p.padEnd(10)} ${String(n).padStart(3)} requests`);
  }
  for (const f of faults)
    say(`  fault served: ${f.provider} ${f.method} ${f.path} → ${f.status} (${f.fault}); the poller waited and retried`);
  exitCode = watch.code ?? 1;
  say(exitCode === 0 ? "\nAll four runs succeeded." : `\nwatch exited ${exitCode}`);
} catch (err) {
  process.stderr.write(`demo: ${err.message}\n`);
  exitCode = 1;
} finally {
  await sim.close();
}
process.exit(exitCode);
