import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { type SimulatorHandle, startSimulator } from "@runstatus/simulator";
import { repoRoot } from "@runstatus/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakeClock } from "./helpers.js";

/**
 * `pnpm conformance` against the simulator as its upstream: the command runs Prism as a
 * validating proxy, so a faithful run passes and a scenario that drifts from the spec (a run
 * status outside the documented enum) is reported with its JSON path and spec location.
 */

const run = promisify(execFile);
const SCRIPT = join(repoRoot, "scripts", "conformance.mjs");
const KEY = "op_live_conformance0000000000000000";

const clock = fakeClock();
let sim: SimulatorHandle;

beforeAll(async () => {
  sim = await startSimulator({ now: clock.now, keys: [KEY], unknownStatus: "archived" });
});

afterAll(async () => {
  await sim?.close();
});

async function conformance(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [SCRIPT, ...args], {
      env: { PATH: process.env.PATH ?? "", ...env },
      timeout: 90_000,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("pnpm conformance", () => {
  it("exits 0 on a faithful OnePin run: list, get run and status all match the spec", async () => {
    const r = sim.createRun({ provider: "onepin", state: "terminal" });
    const ref = `onepin:${r.ids.join("/")}`;
    const out = await conformance(["onepin", "--run", ref, "--upstream", sim.baseUrls.onepin], { ONEPIN_API_KEY: KEY });
    expect(out.stderr).toBe("");
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(`ok   status: GET /api/v1/workflows/${r.ids[0]}/runs/${r.ids[1]}/status → 200`);
    expect(out.stdout).toContain("every answer matches the spec");
    expect(out.stdout).not.toContain(KEY);
  }, 120_000);

  it("exits 1 on a drifted status and names the JSON path and where the spec declares it", async () => {
    const r = sim.createRun({ provider: "onepin", scenario: "unknown-status", state: "terminal" });
    const out = await conformance(["onepin", "--run", r.ids.join("/"), "--upstream", sim.baseUrls.onepin, "--json"], {
      ONEPIN_API_KEY: KEY,
    });
    expect(out.code).toBe(1);
    const report = JSON.parse(out.stdout);
    const status = report.results.find((x: { label: string }) => x.label === "status");
    expect(status.violations).toContainEqual(
      expect.objectContaining({
        jsonPath: "$.data.status",
        spec: expect.stringMatching(/^specs\/onepin\.yaml:\d+ #\/components\/schemas\/RunStatus$/),
      }),
    );
    // The list carries the same run, so its drift is found at its index in `data`.
    const list = report.results.find((x: { label: string }) => x.label === "list");
    expect(list.violations.map((v: { jsonPath: string }) => v.jsonPath)).toContain("$.data[0].status");
  }, 120_000);

  it("prints the drift in the text report too, for Magnific", async () => {
    const r = sim.createRun({ provider: "magnific", scenario: "unknown-status", state: "terminal" });
    const out = await conformance(["magnific", "--run", `magnific:${r.id}`, "--upstream", sim.baseUrls.magnific], {
      MAGNIFIC_API_KEY: KEY,
    });
    expect(out.code).toBe(1);
    expect(out.stdout).toMatch(/FAIL get run \(status\): GET \/v1\/ai\/apps\/runs\/\w+ → an answer that breaks the spec/);
    expect(out.stdout).toMatch(
      /\$\.data\.status: .*\n\s+declared at specs\/magnific\.yaml:\d+ #\/components\/schemas\/RunStatus/,
    );
    expect(out.stdout).toContain("1 violation");
  }, 120_000);

  it("bad arguments and a missing key exit 2 with a clear message, before any request", async () => {
    const noKey = await conformance(["onepin", "--run", "a/b"]);
    expect(noKey).toMatchObject({ code: 2, stderr: "conformance: set ONEPIN_API_KEY to your onepin API key\n" });
    const badRef = await conformance(["onepin", "--run", "onepin:only-one"], { ONEPIN_API_KEY: KEY });
    expect(badRef.code).toBe(2);
    expect(badRef.stderr).toContain("--run for onepin must look like onepin:<id>/<id>");
    const unknown = await conformance(["nope", "--run", "x"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown provider "nope"');
  });
});
