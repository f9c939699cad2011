#!/usr/bin/env node
import { spawn, spawnSync } from "node:child_process";
// The demo (`corepack pnpm demo`): install if needed, build, start the provider simulator, start
// one run on each of the four providers with the `runstatus` CLI, watch all four at once with
// live progress, print each final run, stop the simulator. One run meets a rate limit (ModelsLab
// 429 with `retry_after`) and another a server error on the way, so the retries show. Then push
// and pull: two Magnific runs side by side, one reporting to a webhook receiver in this process
// (the wait polls once more when the push arrives) and one polled on the normal schedule.
import { createServer } from "node:http";
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
  if (exitCode === 0) exitCode = await pushAndPull();
} catch (err) {
  process.stderr.write(`demo: ${err.message}\n`);
  exitCode = 1;
} finally {
  await sim.close();
}
process.exit(exitCode);

/** One webhook-nudged Magnific run beside a polled one, through the facade. */
async function pushAndPull() {
  const dist = (p) => import(pathToFileURL(join(root, `packages/${p}/dist/index.js`)).href);
  const { createRunStatus } = await dist("runstatus");
  const { createWebhookHandler, toNodeListener } = await import(
    pathToFileURL(join(root, "packages/runstatus/dist/webhooks.js")).href
  );
  const { magnific } = await dist("magnific");
  const pushedAt = new Map();
  const rs = createRunStatus({
    providers: [magnific({ apiKey: sim.keys.magnific, baseUrl: sim.baseUrls.magnific })],
  });
  const webhooks = createWebhookHandler(rs, {
    onEvent: (e) => e.state === "succeeded" && pushedAt.set(e.ref, performance.now()),
  });
  const server = createServer(toNodeListener(webhooks));
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const hook = `http://127.0.0.1:${server.address().port}/webhooks/magnific`;
  say(`\nPush and pull: two Magnific runs; the first reports to ${hook}, the second is only polled.`);
  try {
    const app = sim.targets.magnific.succeeded;
    const pushed = await rs.start("magnific", app, {}, { webhookUrl: hook });
    const polled = await rs.start("magnific", app, {});
    const ends = await Promise.all(
      [pushed, polled].map((ref) => rs.wait(ref, { timeout: 120_000 }).then((run) => ({ run, at: performance.now() }))),
    );
    for (const [label, ref, { run, at }] of [
      ["webhook-nudged", pushed, ends[0]],
      ["polled", polled, ends[1]],
    ]) {
      const id = ref.split(":")[1];
      const polls = sim.requests().filter((r) => r.route === "status" && r.path.endsWith(`/${id}`)).length;
      const late = Date.now() - Date.parse(run.completedAt) - (performance.now() - at);
      const push = pushedAt.has(ref) ? `, ${Math.round(at - pushedAt.get(ref))} ms after the push` : "";
      say(
        `  ${label.padEnd(15)} ${run.state}, ${polls} status polls, seen ${Math.max(0, Math.round(late))} ms after it ended${push}`,
      );
    }
    return 0;
  } catch (err) {
    process.stderr.write(`demo: push and pull: ${err.message}\n`);
    return 1;
  } finally {
    await new Promise((ok) => server.close(ok));
  }
}
