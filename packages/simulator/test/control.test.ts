import type { SimulatorHandle } from "@runstatus/simulator";
import { afterEach, describe, expect, it } from "vitest";
import { auth, call, withSim } from "./helpers.js";

let sim: SimulatorHandle | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

async function setup(opts = {}) {
  const s = await withSim(opts);
  sim = s.sim;
  return s;
}

describe("control API", () => {
  it("GET / and /_simulator describe base URLs, sample keys, targets and scenarios", async () => {
    const { sim } = await setup();
    const root = (await call(`${sim.url}/`)).body;
    expect(root.baseUrls).toEqual(sim.baseUrls);
    expect(root.baseUrls.onepin).toBe(`${sim.url}/onepin`);
    expect(root.keys.wondercat).toMatch(/^sk_[0-9a-f]{64}$/);
    expect(root.scenarios.onepin).toContain("paused");
    expect(root.scenarios.magnific).not.toContain("paused");
    expect((await call(`${sim.url}/_simulator`)).body).toEqual(root);
    expect((await call(`${sim.url}/_simulator/health`)).body).toEqual({ ok: true });
    expect((await call(`${sim.url}/_simulator/targets`)).body.scenarioTargets.wondercat.failed).toBe("bp_sim_failed");
  });

  it("creates a run in a given scenario and state; the provider then serves it", async () => {
    const { sim } = await setup();
    const created = await call(`${sim.url}/_simulator/runs`, {
      method: "POST",
      body: { provider: "modelslab", scenario: "failed", state: "terminal" },
    });
    expect(created.status).toBe(201);
    const run = created.body;
    expect(run).toMatchObject({ provider: "modelslab", scenario: "failed", phase: "failed", providerStatus: "failed" });
    expect(run.ref).toBe(`modelslab:${run.ids[0]}/${run.id}`);
    const exec = await call(`${sim.baseUrls.modelslab}/${run.ids[0]}/runs/${run.id}`, { headers: auth("modelslab") });
    expect(exec.body.execution.status).toBe("failed");
    expect(sim.createRun({ provider: "onepin", state: "paused" })).toMatchObject({ phase: "paused", providerStatus: "paused" });
    expect(sim.createRun({ provider: "wondercat", state: "running" })).toMatchObject({ phase: "running" });
    expect(sim.createRun({ provider: "magnific", elapsedMs: 0 })).toMatchObject({ phase: "queued", providerStatus: "pending" });
    expect(sim.createRun({ provider: "onepin", scenario: "paused", state: "terminal" }).phase).toBe("succeeded");
    const list = (await call(`${sim.url}/_simulator/runs?provider=onepin`)).body.runs;
    expect(list).toHaveLength(2);
    expect((await call(`${sim.url}/_simulator/runs/modelslab/${run.id}`)).body.id).toBe(run.id);
  });

  it("cancels a run of a provider without a cancel call", async () => {
    const { sim } = await setup();
    const run = sim.createRun({ provider: "wondercat", state: "running" });
    const r = await call(`${sim.url}/_simulator/runs/wondercat/${run.id}/cancel`, { method: "POST" });
    expect(r.body).toMatchObject({ cancelled: true, run: { phase: "cancelled", providerStatus: "canceled" } });
    expect((await call(`${sim.url}/_simulator/runs/wondercat/${run.id}/cancel`, { method: "POST" })).body.cancelled).toBe(false);
    expect((await call(`${sim.url}/_simulator/runs/wondercat/run_nope/cancel`, { method: "POST" })).status).toBe(404);
  });

  it("bad control requests are 400 {error} naming what to change", async () => {
    const { sim } = await setup();
    const post = (body: unknown) => call(`${sim.url}/_simulator/runs`, { method: "POST", body });
    expect((await post({ provider: "acme" })).body.error).toMatch(
      /provider must be one of magnific, onepin, wondercat, modelslab/,
    );
    expect((await post({ provider: "magnific", scenario: "paused" })).body.error).toMatch(/not available for magnific/);
    expect((await post({ provider: "magnific", state: "paused" })).body.error).toMatch(/only available for onepin/);
    expect((await post({ provider: "magnific", target: "nope" })).body.error).toMatch(/unknown magnific target "nope"/);
    expect((await post({ provider: "onepin", state: "done" })).status).toBe(400);
    expect((await call(`${sim.url}/_simulator/runs`, { method: "POST", rawBody: "{" })).status).toBe(400);
    expect((await call(`${sim.url}/_simulator/runs?provider=acme`)).status).toBe(400);
    expect((await call(`${sim.url}/_simulator/nope`)).status).toBe(404);
    expect((await call(`${sim.url}/elsewhere`)).status).toBe(404);
    expect(() => sim.createRun({ provider: "onepin", scenario: "bogus" as never })).toThrow(/unknown scenario "bogus"/);
  });

  it("reset forgets runs, faults and the request log", async () => {
    const { sim } = await setup();
    const run = sim.createRun({ provider: "magnific" });
    sim.addFault({ kind: "5xx" });
    await call(`${sim.baseUrls.magnific}/v1/ai/apps`, { headers: auth("magnific") });
    expect((await call(`${sim.url}/_simulator/reset`, { method: "POST" })).body).toEqual({ ok: true });
    expect(sim.runs()).toEqual([]);
    expect((await call(`${sim.baseUrls.magnific}/v1/ai/apps/runs/${run.id}`, { headers: auth("magnific") })).status).toBe(404);
    expect(sim.requests().map((r) => r.route)).toEqual(["status"]);
  });

  it("the request log records route, status and fault, never headers", async () => {
    const lines: string[] = [];
    const { sim } = await setup({ log: (l: string) => lines.push(l) });
    await call(`${sim.baseUrls.onepin}/api/v1/workflows/${sim.targets.onepin.default}/runs`, {
      headers: auth("onepin", "op_live_SECRETKEY"),
    });
    const log = (await call(`${sim.url}/_simulator/requests`)).body.requests;
    expect(log[0]).toEqual({
      at: "2026-01-01T00:00:00.000Z",
      provider: "onepin",
      route: "list-runs",
      method: "GET",
      path: `/onepin/api/v1/workflows/${sim.targets.onepin.default}/runs`,
      status: 200,
      fault: null,
    });
    expect(lines[0]).toMatch(/^GET \/onepin\/api\/v1\/workflows\/.+\/runs -> 200$/);
  });

  it("assets are served for existing runs only", async () => {
    const { sim } = await setup();
    const run = sim.createRun({ provider: "modelslab" });
    expect((await fetch(`${sim.url}/_simulator/assets/modelslab/${run.id}/a.mp3`)).headers.get("content-type")).toBe(
      "audio/mpeg",
    );
    expect((await call(`${sim.url}/_simulator/assets/modelslab/424242/a.mp3`)).status).toBe(404);
    expect((await call(`${sim.url}/_simulator/assets/modelslab/${run.id}/a.exe`)).status).toBe(404);
  });
});
