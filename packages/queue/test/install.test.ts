// The queue, packed as it would be published, installs into an empty folder beside the facade
// (npm takes the @runstatus packages from their tarballs and bullmq from the registry), and a plain
// Node ESM script there tracks a run on the simulator, polls it with a worker and reads its end.
// It packs the BUILT packages (packages/*/dist): run `node scripts/turbo.mjs run build` first.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { type SimulatorHandle, startSimulator } from "@runstatus/simulator";
import { cleanEnv, npmInstallTarballs, type RedisHandle, repoRoot, startRedis } from "@runstatus/test-utils";
import { afterAll, beforeAll, expect, it } from "vitest";

const run = promisify(execFile);
let tmp = "";
let app = "";
let redis: RedisHandle;
let sim: SimulatorHandle;

const SCRIPT = `import { createRunEvents, createRunQueue, createRunWorker } from "@runstatus/queue";
import { createRunStatus } from "runstatus";
import { onepin } from "runstatus/onepin";

const [connection, baseUrl, ref] = process.argv.slice(2);
const events = createRunEvents({ connection, from: "0" });
const queue = createRunQueue({ connection });
const worker = createRunWorker({ runStatus: createRunStatus({ providers: [onepin({ baseUrl, apiKey: "op_live_install" })] }), connection, minInterval: 100 });
await queue.track(ref);
for await (const e of events) {
  if (e.type !== "ended") continue;
  console.log(JSON.stringify({ resolved: import.meta.resolve("@runstatus/queue"), ref: e.ref, reason: e.reason, state: e.run.state }));
  break;
}
await Promise.all([worker.close(), queue.close(), events.close()]);
`;

beforeAll(async () => {
  const all = readdirSync(join(repoRoot, "packages")).map((dir) => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, "packages", dir, "package.json"), "utf8")) as Record<string, unknown>;
    return { dir, name: manifest.name as string, manifest };
  });
  // The queue, the facade, and the @runstatus packages they need.
  const wanted = new Set(["@runstatus/queue", "runstatus"]);
  for (const name of wanted) {
    const deps = (all.find((p) => p.name === name)?.manifest.dependencies ?? {}) as Record<string, string>;
    for (const d of Object.keys(deps)) if (all.some((p) => p.name === d)) wanted.add(d);
  }
  const pkgs = all.filter((p) => wanted.has(p.name));
  const missing = pkgs.filter((p) => !existsSync(join(repoRoot, "packages", p.dir, "dist", "index.js")));
  if (missing.length)
    throw new Error(`not built: ${missing.map((p) => p.name).join(", ")}; run \`node scripts/turbo.mjs run build\``);
  [redis, sim] = await Promise.all([startRedis(), startSimulator({ timing: { queuedMs: 200, stepMs: 200, steps: 2 } })]);
  tmp = mkdtempSync(join(tmpdir(), "runstatus-queue-install-"));
  app = join(tmp, "app");
  mkdirSync(app);
  const files: string[] = [];
  for (const p of pkgs) {
    const r = await run("corepack", ["pnpm", "pack", "--pack-destination", tmp, "--json"], {
      cwd: join(repoRoot, "packages", p.dir),
    });
    files.push((JSON.parse(r.stdout.slice(r.stdout.indexOf("{"))) as { filename: string }).filename);
  }
  await npmInstallTarballs(app, files);
  writeFileSync(join(app, "track.mjs"), SCRIPT);
}, 120_000);

afterAll(async () => {
  await sim?.close();
  await redis?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

it("installs from its tarball beside the facade and follows a run to its end in plain Node ESM", async () => {
  const lock = JSON.parse(readFileSync(join(app, "package-lock.json"), "utf8")) as {
    packages: Record<string, { resolved?: string }>;
  };
  expect(lock.packages["node_modules/@runstatus/queue"]?.resolved).toMatch(/^file:/);
  expect(lock.packages["node_modules/bullmq"]?.resolved ?? "").not.toMatch(/^file:/);
  const ref = sim.createRun({ provider: "onepin" }).ref;
  const res = await run(process.execPath, ["track.mjs", redis.url, sim.baseUrls.onepin, ref], { cwd: app, env: cleanEnv() });
  const out = JSON.parse(res.stdout) as { resolved: string; ref: string; reason: string; state: string };
  expect(out.resolved).toContain(join(app, "node_modules", "@runstatus", "queue"));
  expect(out).toMatchObject({ ref, reason: "terminal", state: "succeeded" });
}, 30_000);
