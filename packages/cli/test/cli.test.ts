// The CLI as a user runs it: a real `node dist/bin.js` process against the simulator.
// Needs the built CLI (`corepack pnpm build`; `corepack pnpm test` builds first).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { type SimulatorHandle, startSimulator } from "@runstatus/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliBin, runCli, simEnv } from "./helpers.js";

const SECRET = "sk_live_very_secret_value_0123456789";

let sim: SimulatorHandle;
let env: Record<string, string>;

beforeAll(async () => {
  if (!existsSync(cliBin)) throw new Error(`build the CLI first: ${cliBin} is missing (corepack pnpm build)`);
  // Fast runs: 4 steps of 0.4 s simulated at 4x → about half a second of real time.
  sim = await startSimulator({ speed: 4, timing: { queuedMs: 200, stepMs: 400, steps: 4 } });
  env = simEnv(sim);
});
afterAll(async () => {
  await sim?.close();
});

const runModelKeys = [
  "provider",
  "id",
  "ref",
  "state",
  "terminal",
  "providerStatus",
  "progress",
  "steps",
  "outputs",
  "error",
  "createdAt",
  "startedAt",
  "completedAt",
];

async function start(provider: "magnific" | "onepin" | "wondercat" | "modelslab", target: string, inputs: string[] = []) {
  const r = await runCli(["start", provider, target, ...inputs.flatMap((i) => ["--input", i])], env);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return r.stdout.trim();
}

// Each test starts runs of its own, so the tests of this group run at once: their waits overlap.
describe.concurrent("start, get, watch against the simulator", () => {
  it("start prints the new ref; get prints the run once (text and --json)", async () => {
    const ref = await start("onepin", sim.targets.onepin.succeeded as string);
    expect(ref).toMatch(/^onepin:[0-9a-f-]{36}\/[0-9a-f-]{36}$/);
    const text = await runCli(["get", ref], env);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(ref);
    expect(text.stdout).toMatch(/state\s+(queued|running|succeeded)/);
    const json = await runCli(["get", ref, "--json"], env);
    expect(json.code).toBe(0);
    const run = JSON.parse(json.stdout);
    expect(Object.keys(run)).toEqual(expect.arrayContaining(runModelKeys));
    expect(run).toMatchObject({ provider: "onepin", ref });
  });

  it("start --json prints {ref}", async () => {
    const r = await runCli(["start", "wondercat", sim.targets.wondercat.succeeded as string, "--json"], env);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ ref: expect.stringMatching(/^wondercat:run_/) });
  });

  it.each(["magnific", "onepin", "wondercat", "modelslab"] as const)(
    "watch --json on %s: one run per line, one line per change, the last is the final run; exit 0",
    async (provider) => {
      const ref = await start(provider, sim.targets[provider].succeeded as string);
      const r = await runCli(["watch", ref, "--json", "--timeout", "60s"], env);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      const lines = r.stdout.trim().split("\n");
      const runs = lines.map((l) => JSON.parse(l));
      for (const run of runs) expect(Object.keys(run)).toEqual(expect.arrayContaining(runModelKeys));
      const last = runs.at(-1);
      expect(last).toMatchObject({ ref, state: "succeeded", terminal: true });
      expect(runs.slice(0, -1).every((x) => !x.terminal)).toBe(true);
      for (let i = 1; i < lines.length; i++) expect(lines[i]).not.toBe(lines[i - 1]);
      if (provider !== "onepin") expect(last.outputs.length).toBeGreaterThan(0);
    },
  );

  it.each([
    ["onepin", "failed", "failed"],
    ["magnific", "partial", "partial"],
    ["modelslab", "cancelled", "cancelled"],
  ] as const)("watch exits 1 when a %s run ends %s", async (provider, scenario, state) => {
    const ref = await start(provider, sim.targets[provider][scenario] as string);
    const r = await runCli(["watch", ref, "--json"], env);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout.trim().split("\n").at(-1) as string)).toMatchObject({ state, terminal: true });
  });

  it("watch without a terminal prints plain lines and the final run", async () => {
    const ref = await start("wondercat", sim.targets.wondercat.succeeded as string);
    const r = await runCli(["watch", ref], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`${ref}\\s+succeeded`));
    expect(r.stdout).toContain("outputs (");
    expect(r.stdout).not.toContain("\u001b["); // no escape codes without a terminal
  });

  // The slow run must still be running when the command reaches it: not alongside the others.
  it.sequential("watch --timeout gives up with exit 4", async () => {
    const ref = await start("onepin", sim.targets.onepin.slow as string);
    const t0 = Date.now();
    const r = await runCli(["watch", ref, "--timeout", "1s"], env);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/^runstatus: .*gave up waiting/);
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it.sequential("cancel stops a OnePin run (exit 0) and is a usage error where the provider has no cancel (exit 2)", async () => {
    const ref = await start("onepin", sim.targets.onepin.slow as string);
    const ok = await runCli(["cancel", ref, "--json"], env);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ref, state: "cancelled" });
    const magnificRef = await start("magnific", sim.targets.magnific.succeeded as string);
    const no = await runCli(["cancel", magnificRef], env);
    expect(no.code).toBe(2);
    expect(no.stderr.trim().split("\n")).toHaveLength(1);
    expect(no.stderr).toMatch(/magnific does not support cancel/);
  });
});

describe("pause, resume", () => {
  it("pause and resume a OnePin run and print it; where the provider has no pause, a usage error (exit 2)", async () => {
    // A run of 1 s steps for 20 s, on a simulator of its own: still running when the pause
    // reaches it on a busy machine, so the pause cannot miss it by the run's end.
    const long = await startSimulator({ speed: 1, timing: { queuedMs: 200, stepMs: 1000, steps: 20 } });
    const longEnv = simEnv(long);
    try {
      const ref = long.createRun({ provider: "onepin", target: long.targets.onepin.succeeded as string }).ref;
      const paused = await runCli(["pause", ref, "--json"], longEnv);
      expect(paused.stderr).toBe("");
      expect(paused.code).toBe(0);
      expect(JSON.parse(paused.stdout)).toMatchObject({ ref, state: expect.stringMatching(/^(queued|running|paused)$/) });
      // The pause takes effect between steps: read the run until it says paused.
      let state = "";
      for (let i = 0; i < 40 && state !== "paused"; i++) {
        state = JSON.parse((await runCli(["get", ref, "--json"], longEnv)).stdout).state;
        if (state !== "paused") await new Promise((r) => setTimeout(r, 100));
      }
      expect(state).toBe("paused");
      const resumed = await runCli(["resume", ref], longEnv);
      expect(resumed.code).toBe(0);
      expect(resumed.stdout).toContain(ref);
      expect(resumed.stdout).toMatch(/state\s+(queued|running)/);
    } finally {
      await long.close();
    }
    const magnificRef = await start("magnific", sim.targets.magnific.succeeded as string);
    for (const op of ["pause", "resume"]) {
      const no = await runCli([op, magnificRef], env);
      expect(no.code).toBe(2);
      expect(no.stderr).toMatch(new RegExp(`magnific does not support ${op}`));
    }
  });
});

describe("watch: several runs, --fail-fast, --interval", () => {
  it("prints a run's error when it happens, naming its ref, while the other runs go on", async () => {
    const slow = await start("onepin", sim.targets.onepin.slow as string);
    const missing = `onepin:${sim.targets.onepin.succeeded}/3fa85f64-5717-4562-b3fc-2c963f66afa6`;
    const r = await runCli(["watch", missing, slow, "--timeout", "1s"], env);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(2);
    // The 404 of one run first, then (at the deadline) the other run's timeout: each names its run.
    expect(lines[0]).toMatch(new RegExp(`^runstatus: ${missing}: .*404`));
    expect(lines[1]).toMatch(new RegExp(`^runstatus: ${slow.replace("/", "\\/")}: .*gave up waiting`));
    expect(r.code).toBe(3);
  });

  it("--fail-fast stops the other runs when one ends failed (exit 1)", async () => {
    const failing = await start("modelslab", sim.targets.modelslab.failed as string);
    const slow = await start("onepin", sim.targets.onepin.slow as string);
    const r = await runCli(["watch", failing, slow, "--fail-fast", "--timeout", "60s"], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(new RegExp(`${failing}\\s+failed`));
    expect(r.stdout).toContain(`${slow}  stopped (--fail-fast)`);
    expect(r.stdout).not.toMatch(new RegExp(`${slow}\\s+succeeded`));
  });

  it("--interval and --max-interval set the floor and the cap between two polls of a run", async () => {
    const ref = await start("wondercat", sim.targets.wondercat.slow as string);
    const id = ref.slice("wondercat:".length);
    const r = await runCli(["watch", ref, "--interval", "300ms", "--max-interval", "300ms", "--json"], env);
    expect(r.code).toBe(0);
    const polls = sim
      .requests()
      .filter((q) => q.provider === "wondercat" && q.route === "status" && q.path.includes(id))
      .map((q) => Date.parse(q.at));
    expect(polls.length).toBeGreaterThanOrEqual(3);
    const gaps = polls.slice(1).map((t, i) => t - (polls[i] as number));
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(290);
    // Before any progress the cap holds: gaps of 300 ms and a little, where the defaults would wait 1 s and more.
    const firstThree = gaps.slice(0, 3).sort((a, b) => a - b);
    expect(firstThree[1]).toBeLessThan(900);
  });
});

describe("help and usage errors", () => {
  it("bare runstatus points to --help (exit 2)", async () => {
    const r = await runCli([], env);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim()).toBe(
      "runstatus: a command is required: get, watch, start, cancel, pause, resume; run `runstatus --help` for usage.",
    );
  });

  it("an unknown flag gets its own sentence and the command's help pointer (exit 2)", async () => {
    const r = await runCli(["get", "magnific:abcdefghij", "--bogus"], env);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe("runstatus: unknown option --bogus; run `runstatus get --help` for its usage.");
  });

  it("get --help shows the help of get (exit 0); --help the global help", async () => {
    const one = await runCli(["get", "--help"], env);
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/^Usage: runstatus get <ref>/);
    expect(one.stdout).toContain("Examples:");
    expect(one.stdout).not.toContain("runstatus watch");
    const all = await runCli(["--help"], env);
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/--version/);
    expect(all.stdout).toMatch(/runstatus pause <ref>/);
  });
});

describe.concurrent("bad input: one sentence on stderr, the documented exit code, no stack trace", () => {
  it.each([
    [["launch"], 2, /unknown command "launch"/],
    [["get", "onepin:only-one-segment"], 2, /expected onepin:<workflow_id>\/<run_id>/],
    [["get", "nosuch:abc"], 2, /unknown provider "nosuch"/],
    [["get", "no-colon"], 2, /malformed run reference/],
    [["watch", "magnific:abc", "--timeout", "soon"], 2, /invalid duration/],
    [["start", "nosuch", "x"], 2, /unknown provider "nosuch"/],
  ])("%j → exit %d", async (argv, code, message) => {
    const r = await runCli(argv as string[], env);
    expect(r.code).toBe(code);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(message as RegExp);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("a missing key names the variable and the flag (exit 2); an empty one counts as missing", async () => {
    const ref = `onepin:${sim.targets.onepin.succeeded}/3fa85f64-5717-4562-b3fc-2c963f66afa6`;
    const r = await runCli(["get", ref], { ...env, ONEPIN_API_KEY: "" });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ONEPIN_API_KEY/);
    expect(r.stderr).toMatch(/--api-key/);
  });

  it("an unknown run is an API error (exit 3), also as JSON with --json", async () => {
    const ref = `onepin:${sim.targets.onepin.succeeded}/3fa85f64-5717-4562-b3fc-2c963f66afa6`;
    const r = await runCli(["get", ref], env);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/HTTP 404/);
    const j = await runCli(["get", ref, "--json"], env);
    expect(j.code).toBe(3);
    expect(JSON.parse(j.stderr)).toMatchObject({ error: { kind: "api", status: 404, provider: "onepin" } });
  });

  it("an unreachable base URL is an API error (exit 3)", async () => {
    const r = await runCli(["get", "magnific:abcdefghij", "--base-url", "http://127.0.0.1:9"], env);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^runstatus: magnific: network error/);
  });

  it("a malformed base URL variable of a provider the command does not use does not get in the way", async () => {
    const ref = await start("onepin", sim.targets.onepin.succeeded as string);
    const r = await runCli(["get", ref], { ...env, RUNSTATUS_MAGNIFIC_BASE_URL: "not a url" });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });

  it("a malformed --base-url is a usage error (exit 2)", async () => {
    const r = await runCli(["get", "magnific:abcdefghij", "--base-url", "ftp://example.com"], env);
    expect(r.code).toBe(2);
    // Named by the flag the user set, not by the library option behind it.
    expect(r.stderr).toMatch(/^runstatus: --base-url must be an absolute http\(s\) URL/);
  });
});

describe("secrets", () => {
  it("a rejected key never appears in stdout or stderr, text or --json", async () => {
    const strict = await startSimulator({ keys: ["the-only-good-key"] });
    try {
      const senv = { ...simEnv(strict), ONEPIN_API_KEY: SECRET, MAGNIFIC_API_KEY: SECRET };
      const wf = strict.targets.onepin.succeeded as string;
      for (const argv of [
        ["get", `onepin:${wf}/3fa85f64-5717-4562-b3fc-2c963f66afa6`],
        ["get", `onepin:${wf}/3fa85f64-5717-4562-b3fc-2c963f66afa6`, "--json"],
        ["watch", "magnific:abcdefghij", "--json"],
        ["start", "onepin", wf],
        ["get", "magnific:abcdefghij", "--api-key", `${SECRET}-flag`, "--json"],
      ]) {
        const r = await runCli(argv, senv);
        expect(r.code).toBe(3);
        expect(r.stdout + r.stderr).not.toContain(SECRET);
        expect(r.stderr).toMatch(/401/);
      }
    } finally {
      await strict.close();
    }
  });
});

describe("a key with a line break in it", () => {
  it("is a usage error (exit 2) that never prints the key, in text or --json", async () => {
    const bad = `${SECRET}\nsecond-line`;
    for (const json of [false, true]) {
      const r = await runCli(["get", "magnific:abcdefghij", ...(json ? ["--json"] : [])], { ...env, MAGNIFIC_API_KEY: bad });
      expect(r.code).toBe(2);
      expect(r.stdout + r.stderr).not.toContain(SECRET);
      expect(r.stderr).toMatch(/control character/);
    }
  });
});

describe("Ctrl-C", () => {
  it("interrupting watch exits 130 at once", async () => {
    const ref = await start("onepin", sim.targets.onepin.slow as string);
    const child = spawn(process.execPath, [cliBin, "watch", ref, "--json"], { env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    await new Promise<void>((ok) => {
      const check = setInterval(() => {
        if (out.includes("\n")) {
          clearInterval(check);
          ok();
        }
      }, 20);
    });
    const t0 = Date.now();
    child.kill("SIGINT");
    const code = await new Promise<number | null>((ok) => child.on("exit", (c) => ok(c)));
    expect(code).toBe(130);
    expect(Date.now() - t0).toBeLessThan(1500);
  });
});

describe("pnpm -s runstatus from the repo root", () => {
  it("runs the built CLI", async () => {
    const pkg = await import(join(__dirname, "..", "package.json"), { with: { type: "json" } });
    const r = await runCli(["--version"], env);
    expect(r.stdout.trim()).toBe(pkg.default.version);
  });
});
