import { afterEach, describe, expect, it } from "vitest";
import { auth, call, withSim } from "./helpers.js";

const A = auth("wondercat");
let close: (() => Promise<void>) | null = null;
afterEach(async () => {
  await close?.();
  close = null;
});

async function setup(opts = {}) {
  const s = await withSim(opts);
  close = () => s.sim.close();
  const base = s.sim.baseUrls.wondercat;
  const start = (bp: string, body: unknown = {}, headers: Record<string, string> = {}) =>
    call(`${base}/blueprints/${bp}/runs`, { method: "POST", headers: { ...A, ...headers }, body });
  const get = async (id: string) => (await call(`${base}/runs/${id}`, { headers: A })).body;
  return { ...s, base, start, get };
}

describe("wondercat", () => {
  it("start answers 201 {runId}; the run moves queued → running with progress and steps → succeeded", async () => {
    const { clock, start, get } = await setup();
    const r = await start("bp_xyz");
    expect(r.status).toBe(201);
    const id = r.body.runId as string;
    expect(id).toMatch(/^run_[A-Za-z0-9]+$/);
    const queued = await get(id);
    expect(queued).toMatchObject({ runId: id, blueprintId: "bp_xyz", status: "queued", startedAt: null, finalOutputs: [] });
    expect(queued.steps.map((s: { status: string }) => s.status)).toEqual(["queued", "queued", "queued", "queued"]);
    expect(queued.steps[1].predecessorsLeft).toBe(1);
    clock.advance(2600);
    const running = await get(id);
    expect(running.progress).toEqual({ totalSteps: 4, completedSteps: 1, failedSteps: 0, runningSteps: 1 });
    expect(running.steps.map((s: { status: string }) => s.status)).toEqual(["succeeded", "running", "queued", "queued"]);
    expect(running.steps[0].outputs[0]).toMatchObject({ type: "inference", mimeType: "image/png", width: 1920, height: 1080 });
    expect(running.steps[1]).toMatchObject({ predecessorsLeft: 0, attemptNo: 1, completedAt: null, outputs: [] });
    expect(running.finalOutputs).toEqual([]);
    clock.advance(60_000);
    const done = await get(id);
    expect(done).toMatchObject({ status: "succeeded", completedAt: "2026-01-01T00:00:07.000Z" });
    // finalOutputs are the leaf steps' outputs: not the first step's background image.
    expect(done.finalOutputs.map((o: { mimeType: string }) => o.mimeType)).toEqual(["video/mp4", "audio/mpeg", "image/png"]);
    const video = done.finalOutputs[0];
    expect(video).toMatchObject({ type: "editor", width: 1920, height: 1080, durationMs: 15000 });
    expect(video.outputId).toMatch(/^ejo_/);
    expect(done.finalOutputs[1]).not.toHaveProperty("width");
    expect(done.steps[1].outputs[0].outputId).toBe(video.outputId);
  });

  it("failed and partial end `failed` with a failed step; partial keeps the other leaves' outputs", async () => {
    const { clock, start, get } = await setup();
    const f = (await start("bp_sim_failed")).body.runId;
    const p = (await start("bp_sim_partial")).body.runId;
    clock.advance(60_000);
    const failed = await get(f);
    expect(failed).toMatchObject({ status: "failed", progress: { completedSteps: 1, failedSteps: 1, runningSteps: 0 } });
    expect(failed.steps.map((s: { status: string }) => s.status)).toEqual(["succeeded", "failed", "queued", "queued"]);
    const partial = await get(p);
    expect(partial.status).toBe("failed");
    expect(partial.finalOutputs.map((o: { mimeType: string }) => o.mimeType)).toEqual(["video/mp4", "audio/mpeg"]);
  });

  it("cancelled runs use the platform's spelling `canceled`", async () => {
    const { clock, start, get } = await setup();
    const id = (await start("bp_sim_cancelled")).body.runId;
    clock.advance(60_000);
    const run = await get(id);
    expect(run.status).toBe("canceled");
    expect(run.steps[1].status).toBe("canceled");
    expect(run.finalOutputs).toEqual([]);
  });

  it("metadata names the inputs a run accepts; other inputs are 400 validation_error", async () => {
    const { base, start } = await setup();
    const meta = (await call(`${base}/blueprints/bp_xyz/metadata`, { headers: A })).body;
    expect(meta.inputs[0]).toMatchObject({ referenceId: "step_abc", targetField: "prompt" });
    const ok = await start("bp_xyz", { inputs: [{ stepReferenceId: "step_abc", targetField: "prompt", value: "a cat" }] });
    expect(ok.status).toBe(201);
    const bad = await start("bp_xyz", { inputs: [{ stepReferenceId: "step_zzz", targetField: "prompt", value: "x" }] });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: "validation_error" } } });
    expect((await start("bp_xyz", { variationPrompt: "x".repeat(5001) })).status).toBe(400);
    expect((await start("bp_xyz", { inputs: "nope" })).status).toBe(400);
  });

  it("lists a blueprint's runs newest first, as a bare array", async () => {
    const { base, clock, start } = await setup();
    const a = (await start("bp_xyz")).body.runId;
    clock.advance(60_000);
    const b = (await start("bp_xyz")).body.runId;
    const list = (await call(`${base}/blueprints/bp_xyz/runs`, { headers: A })).body;
    expect(list.map((r: { runId: string }) => r.runId)).toEqual([b, a]);
    expect(list[1]).toMatchObject({ status: "succeeded", blueprintId: "bp_xyz" });
    expect(list[1].thumbnailUrl).toMatch(/\.png$/);
    expect(list[0].thumbnailUrl).toBeNull();
  });

  it("unknown blueprint or run: 404 {error{message, code:not_found}}", async () => {
    const { base, start } = await setup();
    expect((await start("bp_nope")).body).toEqual({ error: { message: "Blueprint not found", code: "not_found" } });
    const r = await call(`${base}/runs/run_nope`, { headers: A });
    expect(r).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
    expect((await call(`${base}/blueprints/bp_nope/metadata`, { headers: A })).status).toBe(404);
  });

  it("auth: Bearer only; 401 {error{code:unauthorized}}", async () => {
    const { base } = await setup({ keys: { wondercat: ["sk_good"] } });
    const none = await call(`${base}/runs/run_x`);
    expect(none).toMatchObject({ status: 401, body: { error: { code: "unauthorized" } } });
    const wrong = await call(`${base}/runs/run_x`, { headers: auth("wondercat", "sk_wrong_key") });
    expect(wrong.status).toBe(401);
    expect(wrong.text).not.toContain("sk_wrong_key");
    expect((await call(`${base}/runs/run_x`, { headers: auth("wondercat", "sk_good") })).status).toBe(404);
  });
});
