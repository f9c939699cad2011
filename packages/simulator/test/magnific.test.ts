import { afterEach, describe, expect, it } from "vitest";
import { auth, call, T0, withSim } from "./helpers.js";

const A = auth("magnific");
let close: (() => Promise<void>) | null = null;
afterEach(async () => {
  await close?.();
  close = null;
});

async function setup(opts = {}) {
  const s = await withSim(opts);
  close = () => s.sim.close();
  const base = s.sim.baseUrls.magnific;
  const start = (app: string, body: unknown = { inputs: {} }, headers: Record<string, string> = {}) =>
    call(`${base}/v1/ai/apps/${app}/run`, { method: "POST", headers: { ...A, ...headers }, body });
  const get = (id: string) => call(`${base}/v1/ai/apps/runs/${id}`, { headers: A });
  return { ...s, base, start, get };
}

describe("magnific", () => {
  it("lists apps (search by name, with tool_metadata), your apps and the documented app definition; unknown app is a bodiless 404", async () => {
    const { base, sim } = await setup();
    const list = await call(`${base}/v1/ai/apps`, { headers: A });
    expect(list.status).toBe(200);
    expect(list.body.data.map((a: { sqid: string }) => a.sqid)).toContain(sim.targets.magnific.default);
    expect(list.body.data[0].tool_metadata).toMatchObject({ icon: "workflow", total_cost: 40 });
    const found = await call(`${base}/v1/ai/apps?search=sKeTcH%20TO`, { headers: A });
    expect(found.body.data.map((a: { sqid: string }) => a.sqid)).toEqual([sim.targets.magnific.default]);
    const none = await call(`${base}/v1/ai/apps?search=no-such-app`, { headers: A });
    expect(none.body).toEqual({ data: [] });
    const tooLong = await call(`${base}/v1/ai/apps?search=${"a".repeat(201)}`, { headers: A });
    expect(tooLong).toMatchObject({ status: 400, body: { message: "search must be at most 200 characters" } });
    const mine = await call(`${base}/v1/ai/me/apps`, { headers: A });
    expect(mine.status).toBe(200);
    expect(mine.body.data).toContainEqual({ sqid: sim.targets.magnific.default, name: "Sketch to Realism" });
    const app = await call(`${base}/v1/ai/apps/${sim.targets.magnific.default}`, { headers: A });
    expect(app.body.data).toMatchObject({ sqid: "uqzQLDr2Aw", tool_metadata: { total_cost: 40 } });
    expect(app.body.data.inputs[0]).toMatchObject({ key: "image", required: true, config: { mediaType: "image" } });
    expect(app.body.data.inputs[1]).toMatchObject({ key: "text", type: "text", config: null });
    const missing = await call(`${base}/v1/ai/apps/nope123456`, { headers: A });
    expect(missing).toMatchObject({ status: 404, text: "" });
    expect(missing.headers.get("content-type")).toBeNull();
  });

  it("a run goes pending → running → completed; the POST answer is bare, the GET wrapped in data", async () => {
    const { sim, clock, start, get } = await setup();
    const started = await start("simSuccess");
    expect(started.status).toBe(202);
    expect(started.body.status).toBe("running");
    const id = started.body.workflow_run_identifier as string;
    expect(id).toMatch(/^[A-Za-z0-9]{10}$/);
    const pending = await get(id);
    expect(pending.body.data).toMatchObject({
      run_id: id,
      status: "pending",
      app_id: "simSuccess",
      started_at: null,
      result: null,
    });
    clock.advance(2000);
    const running = await get(id);
    expect(running.body.data).toMatchObject({ status: "running", completed_at: null, result: null });
    expect(running.body.data.started_at).not.toBeNull();
    clock.advance(10_000);
    const done = (await get(id)).body.data;
    expect(done).toMatchObject({ status: "completed", error_message: null, completed_at: "2026-01-01T00:00:07.000Z" });
    expect(done.result.images).toHaveLength(1);
    expect(done.result.videos).toHaveLength(1);
    expect(done.result.audios).toHaveLength(1);
    const img = done.result.images[0];
    expect(img).toMatchObject({ tool: "text-to-image", duration: null, width: 1024, height: 768 });
    expect(done.result.audios[0]).toMatchObject({ width: null, height: null, duration: 3.2 });
    // The URL token carries the 12 h expiry, counted from the asset's created_at.
    const exp = Number(/token=exp_(\d+)~hmac_[0-9a-f]{32}/.exec(img.url)?.[1]);
    expect(exp * 1000).toBe(Date.parse(img.created_at) + 12 * 3600 * 1000);
    const file = await fetch(img.url);
    expect(file.headers.get("content-type")).toBe("image/png");
    expect((await file.arrayBuffer()).byteLength).toBeGreaterThan(0);
    expect(sim.runs("magnific")[0]).toMatchObject({ ref: `magnific:${id}`, providerStatus: "completed" });
  });

  it("failed and partial runs carry error_message; partial keeps the outputs made before the failure", async () => {
    const { clock, start, get } = await setup();
    const f = (await start("simFailure")).body.workflow_run_identifier;
    const p = (await start("simPartial")).body.workflow_run_identifier;
    clock.advance(60_000);
    const failed = (await get(f)).body.data;
    expect(failed).toMatchObject({ status: "failed", result: null });
    expect(failed.error_message).toMatch(/failed/);
    const partial = (await get(p)).body.data;
    expect(partial.status).toBe("completed_with_errors");
    expect(partial.error_message).toMatch(/1 of 4 nodes failed/);
    expect(partial.result.images).toHaveLength(1);
    expect(partial.result.audios).toHaveLength(0);
  });

  it("no cancel call is documented: a run is cancelled by its scenario or through the control API", async () => {
    const { sim, clock, start, get } = await setup();
    const byScenario = (await start("simCancel1")).body.workflow_run_identifier;
    const byControl = (await start("simSuccess")).body.workflow_run_identifier;
    clock.advance(1500);
    expect(sim.cancelRun("magnific", byControl)).toBe(true);
    clock.advance(60_000);
    expect((await get(byScenario)).body.data).toMatchObject({ status: "cancelled", result: null });
    expect((await get(byControl)).body.data).toMatchObject({ status: "cancelled", completed_at: "2026-01-01T00:00:01.500Z" });
  });

  it("the scenario header overrides the target's scenario; a bad one is a 400 {message}", async () => {
    const { clock, start, get } = await setup();
    const id = (await start("simSuccess", { inputs: {} }, { "x-simulator-scenario": "failed" })).body.workflow_run_identifier;
    clock.advance(60_000);
    expect((await get(id)).body.data.status).toBe("failed");
    const bad = await start("simSuccess", { inputs: {} }, { "x-simulator-scenario": "paused" });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/not available for magnific/);
  });

  it("unknown-status reports a status outside the documented enum", async () => {
    const { clock, start, get } = await setup({ unknownStatus: "archived" });
    const id = (await start("simUnknown")).body.workflow_run_identifier;
    clock.advance(3_600_000);
    expect((await get(id)).body.data).toMatchObject({ status: "archived", completed_at: null });
  });

  it("checks inputs: no inputs object is 400 {message}; an unknown, mistyped or missing required input is a bodiless 422", async () => {
    const { start, sim } = await setup();
    const app = sim.targets.magnific.default;
    expect((await start(app, {})).body).toEqual({ message: "inputs is required" });
    expect(await start(app, { inputs: { nope: "x" } })).toMatchObject({ status: 422, text: "" });
    const typed = { "input-4050c3f3-8a26-4953-97a8-cb97bceb4816-1": true };
    expect(await start(app, { inputs: typed })).toMatchObject({ status: 422, text: "" });
    expect(await start(app, { inputs: {} })).toMatchObject({ status: 422, text: "" });
    expect(await start("nope123456", { inputs: {} })).toMatchObject({ status: 404, text: "" });
    const ok = await start(app, { inputs: { "input-4050c3f3-8a26-4953-97a8-cb97bceb4816-1": "https://example.org/a.png" } });
    expect(ok.status).toBe(202);
    expect(
      (await call(`${sim.baseUrls.magnific}/v1/ai/apps/${app}/run`, { method: "POST", headers: A, rawBody: "{" })).status,
    ).toBe(400);
  });

  it("auth: the x-magnific-api-key header only; Bearer or no key is 401, a key outside the configured set too", async () => {
    const { base, get } = await setup({ keys: { magnific: ["right-key"] } });
    const noKey = await call(`${base}/v1/ai/apps`);
    expect(noKey).toMatchObject({ status: 401, body: { message: "Missing API key" } });
    const bearer = await call(`${base}/v1/ai/apps`, { headers: { authorization: "Bearer right-key" } });
    expect(bearer.status).toBe(401);
    const wrong = await call(`${base}/v1/ai/apps`, { headers: auth("magnific", "wrong-key-123") });
    expect(wrong).toMatchObject({ status: 401, body: { message: "Invalid API key" } });
    expect(wrong.text).not.toContain("wrong-key-123");
    expect((await call(`${base}/v1/ai/apps`, { headers: auth("magnific", "right-key") })).status).toBe(200);
    // Unknown run with the wrong key: auth first.
    expect((await get("zzzzzzzzzz")).status).toBe(401);
  });

  it("an unknown run is 404 {message}", async () => {
    const { get } = await setup();
    expect(await get("zzzzzzzzzz")).toMatchObject({ status: 404, body: { message: "Run not found" } });
  });

  it("created_at of a run is the clock's time when it was started", async () => {
    const { sim, start } = await setup();
    await start("simSuccess");
    expect(sim.runs()[0]?.createdAt).toBe(new Date(T0).toISOString());
  });
});
