import { afterEach, describe, expect, it } from "vitest";
import { auth, call, withSim } from "./helpers.js";

const A = auth("onepin");
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
let close: (() => Promise<void>) | null = null;
afterEach(async () => {
  await close?.();
  close = null;
});

async function setup(opts = {}) {
  const s = await withSim(opts);
  close = () => s.sim.close();
  const base = `${s.sim.baseUrls.onepin}/api/v1/workflows`;
  const start = async (wf: string, headers: Record<string, string> = {}) => {
    const r = await call(`${base}/${wf}/runs`, { method: "POST", headers: { ...A, ...headers } });
    return r;
  };
  const runUrl = (wf: string, id: string, rest = "") => `${base}/${wf}/runs/${id}${rest}`;
  const status = async (wf: string, id: string) => (await call(runUrl(wf, id, "/status"), { headers: A })).body.data;
  const post = (wf: string, id: string, action: string) => call(runUrl(wf, id, `/${action}`), { method: "POST", headers: A });
  return { ...s, base, start, runUrl, status, post };
}

describe("onepin", () => {
  it("start answers 202 {data, meta}; status moves pending → running with finished_steps → completed", async () => {
    const { sim, clock, start, status } = await setup();
    const wf = sim.targets.onepin.default as string;
    const r = await start(wf);
    expect(r.status).toBe(202);
    expect(r.body.meta.request_id).toMatch(/^req_/);
    const run = r.body.data;
    expect(run.id).toMatch(UUID);
    expect(run).toMatchObject({ workflow_id: wf, status: "pending", run_number: 1, total_steps: null, credits: null });
    clock.advance(2600);
    expect(await status(wf, run.id)).toMatchObject({ status: "running", total_steps: 4, finished_steps: 1 });
    clock.advance(10_000);
    const done = await status(wf, run.id);
    expect(done).toMatchObject({ status: "completed", finished_steps: 4, has_export: true, error: null });
    expect(done).not.toHaveProperty("credits");
    expect(done.completed_at).toBe("2026-01-01T00:00:07.000Z");
    expect((await start(wf)).body.data.run_number).toBe(2);
  });

  it("failed runs carry `error`; the scenario header picks the scenario per request", async () => {
    const { sim, clock, start, status } = await setup();
    const wf = sim.targets.onepin.default as string;
    const id = (await start(wf, { "x-simulator-scenario": "failed" })).body.data.id;
    clock.advance(60_000);
    const s = await status(wf, id);
    expect(s).toMatchObject({ status: "failed", finished_steps: 1, has_export: false });
    expect(s.error).toMatch(/failed/);
    const bad = await start(wf, { "x-simulator-scenario": "nope" });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatchObject({ code: "VALIDATION_ERROR" });
    expect(bad.body.error.message).toMatch(/unknown scenario "nope"/);
  });

  it("pause while running: running with pause_requested_at, then paused at the step boundary; resume continues", async () => {
    const { sim, clock, start, status, post } = await setup();
    const wf = sim.targets.onepin.default as string;
    const id = (await start(wf)).body.data.id;
    clock.advance(1200);
    const pausing = await post(wf, id, "pause");
    expect(pausing.status).toBe(200);
    expect(pausing.body.data).toMatchObject({
      status: "running",
      pause_requested_at: "2026-01-01T00:00:01.200Z",
      paused_at: null,
    });
    clock.advance(5000);
    expect(await status(wf, id)).toMatchObject({ status: "paused", finished_steps: 1, paused_at: "2026-01-01T00:00:02.500Z" });
    expect((await post(wf, id, "pause")).body.data.status).toBe("paused");
    const resumed = await post(wf, id, "resume");
    expect(resumed.body.data).toMatchObject({ status: "running", pause_requested_at: null, paused_at: null });
    clock.advance(60_000);
    expect((await status(wf, id)).status).toBe("completed");
    const again = await post(wf, id, "resume");
    expect(again.status).toBe(409);
    expect(again.body.error).toEqual({ code: "CONFLICT", message: "Run is not paused (status is completed)." });
  });

  it("a pending run parks at once; the paused scenario parks by itself", async () => {
    const { sim, clock, start, status, post } = await setup();
    const wf = sim.targets.onepin.default as string;
    const id = (await start(wf)).body.data.id;
    expect((await post(wf, id, "pause")).body.data).toMatchObject({ status: "paused", started_at: null });
    const pwf = sim.targets.onepin.paused as string;
    const auto = (await start(pwf)).body.data.id;
    clock.advance(60_000);
    expect(await status(pwf, auto)).toMatchObject({ status: "paused", finished_steps: 2 });
    expect(await status(wf, id)).toMatchObject({ status: "paused", finished_steps: null });
  });

  it("cancel is immediate and idempotent; a terminal run comes back unchanged", async () => {
    const { sim, clock, start, status, post } = await setup();
    const wf = sim.targets.onepin.default as string;
    const id = (await start(wf)).body.data.id;
    clock.advance(3000);
    const c = await post(wf, id, "cancel");
    expect(c.body.data).toMatchObject({ status: "cancelled", finished_steps: 1, completed_at: "2026-01-01T00:00:03.000Z" });
    expect(c.body.data.credits).toBe(25);
    clock.advance(1000);
    expect((await post(wf, id, "cancel")).body.data.completed_at).toBe("2026-01-01T00:00:03.000Z");
    const done = (await start(wf)).body.data.id;
    clock.advance(60_000);
    expect((await post(wf, done, "cancel")).body.data.status).toBe("completed");
    expect((await post(wf, id, "resume")).status).toBe(409);
    expect((await status(wf, id)).status).toBe("cancelled");
  });

  it("get returns the run with its definition snapshot; steps lists the started steps", async () => {
    const { sim, clock, start, runUrl } = await setup();
    const wf = sim.targets.onepin.default as string;
    const id = (await start(wf)).body.data.id;
    clock.advance(4200);
    const full = (await call(runUrl(wf, id), { headers: A })).body.data;
    expect(full.definition_snapshot.nodes.map((n: { type: string }) => n.type)).toEqual([
      "source_script",
      "operator_translator",
      "operator_generator",
      "sink_preview",
    ]);
    const steps = (await call(runUrl(wf, id, "/steps"), { headers: A })).body.data;
    expect(steps.map((s: { status: string }) => s.status)).toEqual(["completed", "completed", "running"]);
    expect(steps[0]).toMatchObject({ node_id: "node-0001", result: null, has_result: true });
    clock.advance(60_000);
    const withResult = (await call(runUrl(wf, id, "/steps?include_result=true&node_type=operator_generator"), { headers: A }))
      .body.data;
    expect(withResult).toHaveLength(1);
    expect(withResult[0].result.audio).toMatchObject({ duration_ms: 5230, content_type: "audio/mpeg" });
    const bad = await call(runUrl(wf, id, "/steps?node_type=bogus"), { headers: A });
    expect(bad.status).toBe(422);
    expect(bad.body.detail[0].loc).toEqual(["query", "node_type"]);
  });

  it("outputs lists the sink; download is 409 until completed, then a 15-minute URL", async () => {
    const { sim, clock, start, runUrl } = await setup();
    const wf = sim.targets.onepin.default as string;
    const id = (await start(wf)).body.data.id;
    const early = await call(runUrl(wf, id, "/download"), { headers: A });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe("CONFLICT");
    expect((await call(runUrl(wf, id, "/outputs"), { headers: A })).body.data.outputs[0]).toMatchObject({
      lines: [],
      line_count: 0,
    });
    clock.advance(60_000);
    const outs = (await call(runUrl(wf, id, "/outputs"), { headers: A })).body.data;
    expect(outs).toMatchObject({ run_id: id, run_status: "completed" });
    expect(outs.outputs[0].lines[0].audio_files[0].content_type).toBe("audio/mpeg");
    const dl = (await call(runUrl(wf, id, "/download"), { headers: A })).body.data;
    expect(Date.parse(dl.expires_at) - (Date.parse("2026-01-01T00:00:00Z") + 60_000)).toBe(15 * 60 * 1000);
    expect((await fetch(dl.url)).headers.get("content-type")).toBe("application/zip");
  });

  it("output lines use the SDK's names only; preview, overview, data, node download and audio URL follow the run", async () => {
    const { sim, clock, start, runUrl, base } = await setup();
    const wf = sim.targets.onepin.default as string;
    const estimate = await call(`${base}/${wf}/runs/preview`, { method: "POST", headers: A, body: { script_text: "Hi" } });
    expect(estimate.body.data).toMatchObject({ min_credits: 100, expected_credits: 100, max_credits: 100, can_run: true });
    expect(estimate.body.data.breakdown).toHaveLength(4);
    const badPreview = await call(`${base}/${wf}/runs/preview`, { method: "POST", headers: A, body: { script_text: 5 } });
    expect(badPreview.body.detail[0].loc).toEqual(["body", "script_text"]);
    expect(sim.runs("onepin")).toHaveLength(0);

    const id = (await start(wf)).body.data.id;
    const sink = "node-0004";
    expect((await call(runUrl(wf, id, `/nodes/${sink}/download`), { headers: A })).status).toBe(409);
    expect((await call(runUrl(wf, id, "/data"), { headers: A })).body.data).toMatchObject({
      rows: [],
      partial: { is_partial: true },
    });
    clock.advance(60_000);
    const line = (await call(runUrl(wf, id, "/outputs"), { headers: A })).body.data.outputs[0].lines[0];
    expect(Object.keys(line).sort()).toEqual(["audio_files", "delivery", "recommended_audio_file_index"]);
    const audioId = line.audio_files[0].audio_id as string;
    expect(audioId).toMatch(/^[0-9a-f]{16}$/);
    const fresh = (await call(runUrl(wf, id, `/audio/${audioId}/url`), { headers: A })).body.data;
    expect(fresh.url).toBe(line.audio_files[0].url);
    expect((await call(runUrl(wf, id, "/audio/0000000000000000/url"), { headers: A })).status).toBe(404);

    const overview = (await call(runUrl(wf, id, "/overview"), { headers: A })).body.data;
    expect(overview.run).toMatchObject({ id, status: "completed" });
    expect(overview.workflow_snapshot.nodes).toHaveLength(4);
    const data = await call(runUrl(wf, id, "/data?search=LINE%201&language=en_US"), { headers: A });
    expect(data.body.pagination.total).toBe(1);
    expect(data.body.data.rows[0].cards[0]).toMatchObject({ locale_code: "en-US", audio: { status: "available" } });
    const otherLanguage = await call(runUrl(wf, id, "/data?language=de-DE"), { headers: A });
    expect(otherLanguage.body.data.rows[0].cards).toEqual([]);

    const zip = (await call(runUrl(wf, id, `/nodes/${sink}/download`), { headers: A })).body.data;
    expect(zip.filename).toBe(`run-1-${sink}.zip`);
    const notSink = await call(runUrl(wf, id, "/nodes/node-0001/download"), { headers: A });
    expect(notSink).toMatchObject({ status: 404, body: { error: { code: "NOT_FOUND" } } });
  });

  it("list: newest first, offset/limit pagination with full URLs, status filter; bad parameters are 422 {detail}", async () => {
    const { sim, clock, start, base } = await setup();
    const wf = sim.targets.onepin.default as string;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await start(wf)).body.data.id);
      clock.advance(1);
    }
    const page = (await call(`${base}/${wf}/runs?limit=2`, { headers: A })).body;
    expect(page.data.map((r: { id: string }) => r.id)).toEqual([ids[2], ids[1]]);
    expect(page.data[0]).not.toHaveProperty("workflow_id");
    expect(page.pagination).toMatchObject({ limit: 2, total: 3, prev: null });
    const next = (await call(page.pagination.next, { headers: A })).body;
    expect(next.data.map((r: { id: string }) => r.id)).toEqual([ids[0]]);
    expect(next.pagination.next).toBeNull();
    const filtered = (await call(`${base}/${wf}/runs?status=completed,failed`, { headers: A })).body;
    expect(filtered.pagination.total).toBe(0);
    for (const q of ["limit=500", "limit=0", "status=draft", "status=a,,b", "order=up", "offset=-1"]) {
      const r = await call(`${base}/${wf}/runs?${q}`, { headers: A });
      expect([q, r.status]).toEqual([q, 422]);
      expect(r.body.detail[0].loc[0]).toBe("query");
    }
  });

  it("summary counts the workflow's runs by status; naive datetimes are 422", async () => {
    const { sim, clock, start, base, post } = await setup();
    const wf = sim.targets.onepin.default as string;
    await start(wf);
    const c = (await start(wf)).body.data.id;
    await post(wf, c, "cancel");
    clock.advance(60_000);
    await start(wf);
    const s = (await call(`${base}/${wf}/runs/summary`, { headers: A })).body.data;
    expect(s).toMatchObject({
      total_runs: 3,
      completed: 1,
      cancelled: 1,
      pending: 1,
      pass_rate: 0.5,
      average_duration_seconds: 6,
    });
    expect((await call(`${base}/${wf}/runs/summary?from=2026-01-01T00:00:00`, { headers: A })).status).toBe(422);
    const inv = await call(`${base}/${wf}/runs/summary?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z`, { headers: A });
    expect(inv.status).toBe(422);
    const ranged = await call(`${base}/${wf}/runs/summary?from=2026-01-01T00:00:30Z`, { headers: A });
    expect(ranged.body.data.total_runs).toBe(1);
  });

  it("ids: a non-uuid is 422 {detail}; an unknown workflow or run, or a run of another workflow, is 404", async () => {
    const { sim, start, runUrl, base } = await setup();
    const wf = sim.targets.onepin.default as string;
    const other = sim.targets.onepin.failed as string;
    const id = (await start(wf)).body.data.id;
    expect((await call(runUrl(wf, "not-a-uuid", "/status"), { headers: A })).body.detail[0].type).toBe("uuid_parsing");
    expect((await call(`${base}/not-a-uuid/runs`, { headers: A })).status).toBe(422);
    const unknownWf = await call(`${base}/00000000-0000-4000-8000-000000000000/runs`, { headers: A });
    expect(unknownWf).toMatchObject({ status: 404, body: { error: { code: "NOT_FOUND", message: "Workflow not found." } } });
    expect((await call(runUrl(wf, "3fa85f64-5717-4562-b3fc-2c963f66afa6", "/status"), { headers: A })).status).toBe(404);
    expect((await call(runUrl(other, id, "/status"), { headers: A })).body.error.message).toBe("Run not found.");
  });

  it("auth: Authorization Bearer only; 401 {error{code:INVALID_API_KEY}, meta}", async () => {
    const { sim, base } = await setup({ keys: ["op_live_good"] });
    const wf = sim.targets.onepin.default as string;
    const none = await call(`${base}/${wf}/runs`);
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe("INVALID_API_KEY");
    expect(none.body.meta.request_id).toMatch(/^req_/);
    expect((await call(`${base}/${wf}/runs`, { headers: { authorization: "Basic op_live_good" } })).status).toBe(401);
    const wrong = await call(`${base}/${wf}/runs`, { headers: auth("onepin", "op_live_wrong") });
    expect(wrong.status).toBe(401);
    expect(wrong.text).not.toContain("op_live_wrong");
    expect((await call(`${base}/${wf}/runs`, { headers: auth("onepin", "op_live_good") })).status).toBe(200);
  });

  it("start validates its optional body", async () => {
    const { sim, base } = await setup();
    const wf = sim.targets.onepin.default as string;
    const ok = await call(`${base}/${wf}/runs`, {
      method: "POST",
      headers: A,
      body: { script_text: "Hello", source_language: "en-us" },
    });
    expect(ok.status).toBe(202);
    const bad = await call(`${base}/${wf}/runs`, { method: "POST", headers: A, body: { script_text: 5 } });
    expect(bad.status).toBe(422);
    expect(bad.body.detail[0].loc).toEqual(["body", "script_text"]);
  });
});
