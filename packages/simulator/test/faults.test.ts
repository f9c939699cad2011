import { type SimProvider, SimulatorError, type SimulatorHandle, startSimulator } from "@runstatus/simulator";
import { afterEach, describe, expect, it } from "vitest";
import { auth, call, withSim } from "./helpers.js";

let sims: SimulatorHandle[] = [];
afterEach(async () => {
  await Promise.all(sims.map((s) => s.close()));
  sims = [];
});

async function setup(opts = {}) {
  const s = await withSim(opts);
  sims.push(s.sim);
  return s;
}

/** A status-call URL for a fresh run of each provider (created through the control API). */
function statusUrl(sim: SimulatorHandle, p: SimProvider): string {
  const run = sim.createRun({ provider: p });
  const b = sim.baseUrls[p];
  switch (p) {
    case "magnific":
      return `${b}/v1/ai/apps/runs/${run.id}`;
    case "onepin":
      return `${b}/api/v1/workflows/${run.ids[0]}/runs/${run.id}/status`;
    case "wondercat":
      return `${b}/runs/${run.id}`;
    case "modelslab":
      return `${b}/${run.ids[0]}/runs/${run.id}`;
  }
}

describe("faults", () => {
  it("429 carries each provider's rate-limit hint", async () => {
    const { sim, clock } = await setup({
      faults: [
        { kind: "429", retryAfterSec: 7, times: "always", provider: "magnific" },
        { kind: "429", retryAfterSec: 7, times: "always", provider: "onepin" },
        { kind: "429", retryAfterSec: 7, times: "always", provider: "modelslab" },
      ],
    });
    const mg = await call(statusUrl(sim, "magnific"), { headers: auth("magnific") });
    expect(mg).toMatchObject({ status: 429, body: { message: "Rate limit exceeded" } });
    expect(mg.headers.get("retry-after")).toBe("7");
    const op = await call(statusUrl(sim, "onepin"), { headers: auth("onepin") });
    expect(op.status).toBe(429);
    expect(op.body.error.code).toBe("RATE_LIMITED");
    expect(op.headers.get("retry-after")).toBe("7");
    const ml = await call(statusUrl(sim, "modelslab"), { headers: auth("modelslab") });
    expect(ml.body).toEqual({ status: "error", message: "Rate limit exceeded for this workflow.", retry_after: 7 });
    const wc = statusUrl(sim, "wondercat");
    sim.addFault({ kind: "429", provider: "wondercat", retryAfterSec: 30 });
    const throttled = await call(wc, { headers: auth("wondercat") });
    expect(throttled.body.error).toMatchObject({ code: "throttled" });
    expect(Date.parse(throttled.body.error.deferUntil)).toBe(clock.now() + 30_000);
    sim.addFault({ kind: "429", provider: "wondercat", code: "rate_limit_exceeded", retryAfterSec: 2 });
    const limited = await call(wc, { headers: auth("wondercat") });
    expect(limited.body.error).toEqual({ message: "Rate limit exceeded", code: "rate_limit_exceeded" });
    expect(limited.headers.get("retry-after")).toBe("2");
    expect((await call(wc, { headers: auth("wondercat") })).status).toBe(200);
  });

  it("5xx answers the provider's error body with the chosen status", async () => {
    const { sim } = await setup();
    sim.addFault({ kind: "5xx", provider: "magnific", status: 503 });
    sim.addFault({ kind: "5xx", provider: "onepin" });
    sim.addFault({ kind: "5xx", provider: "wondercat" });
    sim.addFault({ kind: "5xx", provider: "modelslab", status: 503 });
    const mg = await call(statusUrl(sim, "magnific"), { headers: auth("magnific") });
    expect(mg).toMatchObject({ status: 503, body: { message: "Service Unavailable. Please try again later." } });
    const op = await call(statusUrl(sim, "onepin"), { headers: auth("onepin") });
    expect(op).toMatchObject({ status: 500, body: { error: { code: "SERVER_ERROR" } } });
    const wc = await call(statusUrl(sim, "wondercat"), { headers: auth("wondercat") });
    expect(wc).toMatchObject({ status: 500, body: { error: { code: "internal_server_error" } } });
    const ml = await call(statusUrl(sim, "modelslab"), { headers: auth("modelslab") });
    expect(ml).toMatchObject({ status: 503, body: { status: "error" } });
  });

  it("nth and times: the plan counts matching requests and fires on the nth, times in a row", async () => {
    const { sim } = await setup({
      faults: [{ provider: "modelslab", path: "status", nth: 2, times: 2, kind: "5xx" }],
    });
    const url = statusUrl(sim, "modelslab");
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await call(url, { headers: auth("modelslab") })).status);
    expect(codes).toEqual([200, 500, 500, 200, 200]);
    // Another route of the same provider does not count.
    await call(sim.baseUrls.modelslab, { headers: auth("modelslab") });
    expect(sim.requests().map((r) => r.fault)).toEqual([null, "5xx", "5xx", null, null, null]);
  });

  it("matches by route name, by path prefix and by method", async () => {
    const { sim } = await setup({
      faults: [
        { provider: "onepin", path: "start", kind: "5xx", times: "always" },
        { provider: "wondercat", path: "/blueprints/", method: "GET", kind: "5xx", times: "always" },
      ],
    });
    const wf = sim.targets.onepin.default;
    const opStart = await call(`${sim.baseUrls.onepin}/api/v1/workflows/${wf}/runs`, { method: "POST", headers: auth("onepin") });
    expect(opStart.status).toBe(500);
    expect((await call(`${sim.baseUrls.onepin}/api/v1/workflows/${wf}/runs`, { headers: auth("onepin") })).status).toBe(200);
    const wc = sim.baseUrls.wondercat;
    expect((await call(`${wc}/blueprints/bp_xyz/metadata`, { headers: auth("wondercat") })).status).toBe(500);
    const post = await call(`${wc}/blueprints/bp_xyz/runs`, { method: "POST", headers: auth("wondercat"), body: {} });
    expect(post.status).toBe(201);
    expect((await call(`${wc}/runs/${post.body.runId}`, { headers: auth("wondercat") })).status).toBe(200);
  });

  it("slow delays the normal answer by delayMs", async () => {
    const { sim } = await setup({ faults: [{ kind: "slow", delayMs: 300 }] });
    const url = statusUrl(sim, "onepin");
    const t = performance.now();
    const r = await call(url, { headers: auth("onepin") });
    expect(r.status).toBe(200);
    expect(performance.now() - t).toBeGreaterThanOrEqual(290);
    expect(sim.requests().at(-1)?.fault).toBe("slow");
  });

  it("drop cuts the connection mid-response: headers arrive, the body never completes", async () => {
    const { sim } = await setup({ faults: [{ kind: "drop" }] });
    const res = await fetch(statusUrl(sim, "wondercat"), { headers: auth("wondercat") });
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
    expect((await call(statusUrl(sim, "wondercat"), { headers: auth("wondercat") })).status).toBe(200);
  });

  it("reset closes the connection without an answer", async () => {
    const { sim } = await setup({ faults: [{ kind: "reset", provider: "magnific" }] });
    await expect(fetch(statusUrl(sim, "magnific"), { headers: auth("magnific") })).rejects.toThrow();
    expect(sim.requests().at(-1)).toMatchObject({ fault: "reset", status: 0 });
  });

  it("a request can ask for its own fault with x-simulator-fault", async () => {
    const { sim } = await setup();
    const url = statusUrl(sim, "modelslab");
    const h = (v: string) => ({ ...auth("modelslab"), "x-simulator-fault": v });
    expect((await call(url, { headers: h("429=4") })).body.retry_after).toBe(4);
    expect((await call(url, { headers: h("503") })).status).toBe(503);
    expect((await call(url, { headers: h("5xx") })).status).toBe(500);
    const bad = await call(url, { headers: h("boom") });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/x-simulator-fault/);
  });

  it("the control endpoint adds, lists and clears faults; a bad fault is a 400 naming the field", async () => {
    const { sim } = await setup();
    const ctl = `${sim.url}/_simulator/faults`;
    const added = await call(ctl, {
      method: "POST",
      body: { provider: "onepin", path: "status", kind: "429", retryAfterSec: 3 },
    });
    expect(added.status).toBe(201);
    expect(added.body.faults).toHaveLength(1);
    const url = statusUrl(sim, "onepin");
    expect((await call(url, { headers: auth("onepin") })).status).toBe(429);
    expect((await call(ctl)).body.faults[0]).toMatchObject({ seen: 1, fired: 1 });
    const bad = await call(ctl, { method: "POST", body: { kind: "explode" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/fault\.kind must be one of 429, 5xx, slow, drop, reset/);
    await call(ctl, { method: "POST", body: { kind: "5xx" } });
    expect((await call(ctl, { method: "DELETE" })).body.faults).toEqual([]);
    expect((await call(url, { headers: auth("onepin") })).status).toBe(200);
  });

  it("bad faults in options are a SimulatorError naming the field", async () => {
    await expect(startSimulator({ faults: [{ kind: "429", nth: 0 }] })).rejects.toThrow(/faults\[0\]\.nth must be an integer/);
    await expect(startSimulator({ faults: [{ kind: "5xx", status: 404 }] })).rejects.toBeInstanceOf(SimulatorError);
    // biome-ignore lint/suspicious/noExplicitAny: a wrong value on purpose
    await expect(startSimulator({ faults: [{ kind: "429", provider: "acme" as any }] })).rejects.toThrow(
      /provider must be one of/,
    );
  });
});
