// The programs in examples/ type-check and run as a user runs them: each is bundled against the
// built packages (as `node examples/<name>.ts` resolves them in this repository) and run as its
// own process, against the simulator on a free port, configured by the environment only.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type SimulatorHandle, startSimulator } from "@runstatus/simulator";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const examples = join(root, "examples");
const require = createRequire(import.meta.url);
const ONEPIN_KEY = "sim-onepin-key";

let sim: SimulatorHandle;
let out: string;

beforeAll(async () => {
  // Only this OnePin key is accepted, so that a wrong one is refused as a provider would.
  sim = await startSimulator({ speed: 20, keys: { onepin: [ONEPIN_KEY] } });
  out = mkdtempSync(join(tmpdir(), "runstatus-examples-"));
});
afterAll(async () => {
  await sim?.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

/** The environment a user sets: keys and base URLs, nothing else from this process. */
function userEnv(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    ONEPIN_API_KEY: ONEPIN_KEY,
    MODELSLAB_API_KEY: "sim-modelslab-key",
    WONDERCAT_API_KEY: "sim-wondercat-key",
    MAGNIFIC_API_KEY: "sim-magnific-key",
    RUNSTATUS_ONEPIN_BASE_URL: sim.baseUrls.onepin,
    RUNSTATUS_MODELSLAB_BASE_URL: sim.baseUrls.modelslab,
    RUNSTATUS_WONDERCAT_BASE_URL: sim.baseUrls.wondercat,
    RUNSTATUS_MAGNIFIC_BASE_URL: sim.baseUrls.magnific,
  };
}

/** Bundles examples/<name>.ts and runs it with `args`; resolves with its exit code and output. */
async function runExample(name: string, args: string[]) {
  const outfile = join(out, `${name}.mjs`);
  await build({
    entryPoints: [join(examples, `${name}.ts`)],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    logLevel: "silent",
  });
  const child = spawn(process.execPath, [outfile, ...args], { env: userEnv(), stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  const code = await new Promise<number | null>((r) => child.on("close", r));
  return { code, stdout, stderr };
}

describe("examples/", () => {
  it("every example type-checks against the built packages", () => {
    const tsc = require.resolve("typescript/bin/tsc");
    const res = spawnSync(process.execPath, [tsc, "-p", join(examples, "tsconfig.json")], { encoding: "utf8" });
    expect(res.stdout + res.stderr).toBe("");
    expect(res.status).toBe(0);
    // Every example has a run below.
    expect(
      readdirSync(examples)
        .filter((f) => f.endsWith(".ts"))
        .sort(),
    ).toEqual(["cancel-a-run.ts", "first-run.ts", "mistakes.ts", "watch-many.ts"].sort());
  });
});

// Each example runs in its own process: side by side.
describe.concurrent("examples/ run against the simulator", () => {
  it("first-run starts a OnePin run, waits for it and prints its outputs", async () => {
    const { code, stdout, stderr } = await runExample("first-run", [sim.targets.onepin.succeeded as string]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^started onepin:[0-9a-f-]{36}\/[0-9a-f-]{36}\n/);
    expect(stdout).toMatch(/ ended succeeded\n/);
    expect(stdout).toMatch(/ {2}output file application\/zip http:\/\/127\.0\.0\.1:\d+\/\S+\.zip/);
  });

  it("first-run exits 1 when the run fails, printing the provider's failure", async () => {
    const { code, stdout } = await runExample("first-run", [sim.targets.onepin.failed as string]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/ ended failed\n {2}error: \S/);
  });

  it("watch-many follows runs of three providers to the end", async () => {
    const created = (["onepin", "wondercat", "modelslab"] as const).map((provider) =>
      sim.createRun({ provider, scenario: "succeeded" }),
    );
    const { code, stdout, stderr } = await runExample(
      "watch-many",
      created.map((c) => c.ref),
    );
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const summary = stdout.split("---\n")[1] ?? "";
    for (const c of created) expect(summary).toContain(`${c.ref} succeeded`);
  });

  it("mistakes: a bad reference, a wrong key and a base URL without its path each give a typed error", async () => {
    const { code, stdout } = await runExample("mistakes", [sim.targets.onepin.default as string]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/bad ref: UsageError \(kind usage\)\n {2}.*expected onepin:<workflow_id>\/<run_id>/);
    expect(stdout).toMatch(/bad key: ApiError \(kind api 401\)/);
    expect(stdout).toMatch(/bad base URL: ApiError \(kind api 404\)/);
    expect(stdout).not.toContain("op_live_not_my_key");
  });

  it.each(["onepin", "modelslab"] as const)("cancel-a-run on %s resolves with the cancelled run", async (provider) => {
    const { code, stdout, stderr } = await runExample("cancel-a-run", [provider, sim.targets[provider].slow as string]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toMatch(/ running\ncancel → cancelled \(cancel+ed\)\n$/);
  });
});
