import { afterEach, describe, expect, it } from "vitest";
import { auth, call, withSim } from "./helpers.js";

const A = auth("modelslab");
let close: (() => Promise<void>) | null = null;
afterEach(async () => {
  await close?.();
  close = null;
});

async function setup(opts = {}) {
  const s = await withSim(opts);
  close = () => s.sim.close();
  const base = s.sim.baseUrls.modelslab;
  const start = (wf: string, body: unknown = { prompt: "a poster" }, headers: Record<string, string> = A) =>
    call(`${base}/${wf}/run`, { method: "POST", headers, body });
  const get = (wf: string, id: number | string, headers = A) => call(`${base}/${wf}/runs/${id}`, { headers });
  const cancel = (wf: string, id: number | string) => call(`${base}/${wf}/runs/${id}/cancel`, { method: "POST", headers: A });
  return { ...s, base, start, get, cancel };
}

describe("modelslab", () => {
  it("lists workflows at the base URL itself and serves a workflow's schema", async () => {
    const { sim, base } = await setup();
    for (const url of [base, `${base}/`]) {
      const list = await call(url, { headers: A });
      expect(list.body.status).toBe("success");
      expect(list.body.workflows[0]).toMatchObject({ id: sim.targets.modelslab.default, rate_limit: 10, last_called_at: null });
    }
    const wf = sim.targets.modelslab.default as string;
    const schema = (await call(`${base}/${wf}`, { headers: A })).body;
    expect(schema.workflow).toMatchObject({ id: wf, rate_limit: 10, webhook_url: null });
    expect(schema.parameters[0]).toMatchObject({ key: "prompt", type: "string", required: true });
    expect(schema.endpoints).toEqual({ run: `${base}/${wf}/run`, status: `${base}/${wf}/runs/{id}` });
  });

  it("start answers 202 with an integer execution_id; the execution lists only the steps reached", async () => {
    const { sim, clock, start, get } = await setup();
    const wf = sim.targets.modelslab.default as string;
    const r = await start(wf);
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({
      status: "success",
      message: "Workflow execution started.",
      workflow_id: wf,
      webhook_url: null,
    });
    const id = r.body.execution_id;
    expect(Number.isInteger(id)).toBe(true);
    expect(r.body.status_url).toBe(`${sim.baseUrls.modelslab}/${wf}/runs/${id}`);
    expect((await get(wf, id)).body).toEqual({
      status: "success",
      execution: { id, workflow_id: wf, status: "pending", started_at: null, completed_at: null, execution_time: null },
      steps: [],
    });
    clock.advance(2600);
    const running = (await get(wf, id)).body;
    expect(running.execution.status).toBe("running");
    expect(running.steps.map((s: { status: string }) => s.status)).toEqual(["completed", "running"]);
    expect(running).not.toHaveProperty("output");
    clock.advance(60_000);
    const done = (await get(wf, id)).body;
    expect(done.execution).toMatchObject({ status: "completed", execution_time: 6 });
    expect(done.output.status).toBe("success");
    expect(done.output.output.map((u: string) => u.split(".").pop())).toEqual(["png", "mp4", "mp3"]);
    expect(done.output.proxy_links).toHaveLength(3);
    expect((await fetch(done.output.output[1])).headers.get("content-type")).toBe("video/mp4");
    const listed = (await call(sim.baseUrls.modelslab, { headers: A })).body.workflows[0];
    expect(listed).toMatchObject({ call_count: 1, last_called_at: "2026-01-01T00:00:00.000Z" });
  });

  it("a failed execution is still status:success around it, with `error` and the failed step", async () => {
    const { sim, clock, start, get } = await setup();
    const wf = sim.targets.modelslab.failed as string;
    const id = (await start(wf, {})).body.execution_id;
    clock.advance(60_000);
    const body = (await get(wf, id)).body;
    expect(body.status).toBe("success");
    expect(body.execution.status).toBe("failed");
    expect(body.error).toMatch(/failed/);
    expect(body.steps.map((s: { status: string }) => s.status)).toEqual(["completed", "failed"]);
  });

  it("cancel: 200 while pending or running, then 400 once ended; the execution reports cancelled", async () => {
    const { sim, clock, start, get, cancel } = await setup();
    const wf = sim.targets.modelslab.default as string;
    const id = (await start(wf)).body.execution_id;
    clock.advance(3000);
    expect((await cancel(wf, id)).body).toEqual({ status: "success", message: "Execution cancelled." });
    const c = (await get(wf, id)).body;
    expect(c.execution.status).toBe("cancelled");
    expect(c.steps.at(-1).status).toBe("cancelled");
    const again = await cancel(wf, id);
    expect(again).toMatchObject({ status: 400, body: { status: "error" } });
    const done = (await start(wf)).body.execution_id;
    clock.advance(60_000);
    expect((await cancel(wf, done)).body.message).toBe("Execution has already completed and cannot be cancelled.");
  });

  it("start: missing required parameters are 422, wrong types 400, unknown workflow 404", async () => {
    const { sim, start } = await setup();
    const wf = sim.targets.modelslab.default as string;
    expect(await start(wf, {})).toMatchObject({
      status: 422,
      body: { status: "error", message: "Missing required parameters: prompt" },
    });
    expect((await start(wf, { prompt: "x", width: "wide" })).status).toBe(400);
    expect((await start(wf, { prompt: "x", width: 512 })).status).toBe(202);
    expect(await start("00000000-0000-4000-8000-000000000000")).toMatchObject({
      status: 404,
      body: { message: "Workflow not found." },
    });
  });

  it("unknown, malformed or other-workflow execution ids are 404", async () => {
    const { sim, start, get } = await setup();
    const wf = sim.targets.modelslab.default as string;
    const id = (await start(wf)).body.execution_id;
    expect(await get(wf, 999_999)).toMatchObject({ status: 404, body: { status: "error", message: "Execution not found." } });
    expect((await get(wf, "abc")).status).toBe(404);
    expect((await get(sim.targets.modelslab.failed as string, id)).status).toBe(404);
  });

  it("per-workflow rate limit: over the limit is 429 with retry_after; counted per key and workflow", async () => {
    const { sim, clock, start, get, base } = await setup({ modelslabRateLimit: { limit: 3, windowMs: 60_000 } });
    const wf = sim.targets.modelslab.default as string;
    expect((await call(`${base}/${wf}`, { headers: A })).body.workflow.rate_limit).toBe(3);
    const id = (await start(wf)).body.execution_id;
    clock.advance(10_000);
    expect((await get(wf, id)).status).toBe(200);
    const limited = await get(wf, id);
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ status: "error", message: "Rate limit exceeded for this workflow.", retry_after: 50 });
    expect(limited.headers.get("retry-after")).toBeNull();
    // The fake clock stands at 2026-01-01T00:00:10Z; the window resets 50 s later.
    expect(limited.headers.get("x-ratelimit-reset")).toBe(String(Date.parse("2026-01-01T00:01:00Z") / 1000));
    // Another workflow and another key have their own windows; the list call is not per workflow.
    expect((await call(`${base}/${sim.targets.modelslab.failed}`, { headers: A })).status).toBe(200);
    expect((await get(wf, id, auth("modelslab", "other-key"))).status).toBe(200);
    expect((await call(base, { headers: A })).status).toBe(200);
    clock.advance(50_000);
    expect((await get(wf, id)).status).toBe(200);
    expect(sim.requests().filter((r) => r.fault === "rate-limit")).toHaveLength(1);
  });

  it("without the option no limit is enforced", async () => {
    const { sim, start, get } = await setup();
    const wf = sim.targets.modelslab.default as string;
    const id = (await start(wf)).body.execution_id;
    for (let i = 0; i < 15; i++) expect((await get(wf, id)).status).toBe(200);
  });

  it("auth: the `key` header only; 401 {status:error, message}", async () => {
    const { base } = await setup({ keys: ["ml-good"] });
    expect(await call(base)).toMatchObject({ status: 401, body: { status: "error", message: "Invalid API key." } });
    expect((await call(base, { headers: { authorization: "Bearer ml-good" } })).status).toBe(401);
    const wrong = await call(base, { headers: auth("modelslab", "ml-wrong-key") });
    expect(wrong.status).toBe(401);
    expect(wrong.text).not.toContain("ml-wrong-key");
    expect((await call(base, { headers: auth("modelslab", "ml-good") })).status).toBe(200);
  });
});
