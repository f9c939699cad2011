import { existsSync } from "node:fs";
import { type SimProvider, type SimulatorHandle, startSimulator } from "@runstatus/simulator";
import { type PrismHandle, specPath, startPrism } from "@runstatus/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakeClock } from "./helpers.js";

/**
 * Every response the simulator sends must be valid against the provider's spec. Each provider
 * is reached through `prism proxy --errors`, which forwards the request to the simulator and
 * turns an answer that violates the spec into a 500 problem+json whose `sl-violations` header
 * lists the violations (it also rejects requests the spec does not allow, so the calls below are
 * valid requests too). Runs for the specs present in specs/.
 */

const GOOD = "good-key";
const BAD = "bad-key";
const PROVIDERS: SimProvider[] = ["magnific", "onepin", "wondercat", "modelslab"];
const present = PROVIDERS.filter((p) => existsSync(specPath(p)));

const clock = fakeClock();
let sim: SimulatorHandle;
const prism: Partial<Record<SimProvider, PrismHandle>> = {};

beforeAll(async () => {
  sim = await startSimulator({ now: clock.now, keys: [GOOD], modelslabRateLimit: { limit: 1000, windowMs: 60_000 } });
  await Promise.all(
    present.map(async (p) => {
      prism[p] = await startPrism(specPath(p), { mode: "proxy", upstream: sim.baseUrls[p] });
    }),
  );
}, 120_000);

afterAll(async () => {
  await Promise.all(Object.values(prism).map((h) => h?.close()));
  await sim?.close();
});

interface Checked {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: bodies are read field by field
  body: any;
  violations: { location: string[]; message: string }[];
}

function authFor(p: SimProvider, key: string): Record<string, string> {
  if (p === "magnific") return { "x-magnific-api-key": key };
  if (p === "modelslab") return { key };
  return { authorization: `Bearer ${key}` };
}

/** One call through Prism; returns the status, body and any spec violations Prism found. */
async function via(
  p: SimProvider,
  path: string,
  opts: { method?: string; body?: unknown; key?: string; headers?: Record<string, string> } = {},
): Promise<Checked> {
  const headers: Record<string, string> = { ...authFor(p, opts.key ?? GOOD), ...opts.headers };
  const init: RequestInit = { method: opts.method ?? "GET", headers };
  if (opts.body !== undefined) {
    init.body = JSON.stringify(opts.body);
    headers["content-type"] = "application/json";
  }
  const res = await fetch(`${prism[p]?.url}${path}`, init);
  const text = await res.text();
  const raw = res.headers.get("sl-violations");
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  const violations = raw ? (JSON.parse(raw) as Checked["violations"]) : [];
  if (res.status === 422 && res.headers.get("content-type")?.includes("problem+json")) {
    throw new Error(`Prism rejected the request ${opts.method ?? "GET"} ${path}: ${text}`);
  }
  return { status: res.status, body, violations };
}

/** Asserts a valid answer with the expected status; the message names the call on failure. */
async function valid(p: SimProvider, path: string, status: number, opts: Parameters<typeof via>[2] = {}): Promise<Checked> {
  const r = await via(p, path, opts);
  expect({ call: `${opts.method ?? "GET"} ${path}`, status: r.status, violations: r.violations }).toEqual({
    call: `${opts.method ?? "GET"} ${path}`,
    status,
    violations: [],
  });
  return r;
}

/** The violations of an unknown-status answer: only the status enum may be broken. */
function onlyStatusEnum(r: Checked): boolean {
  return r.violations.length > 0 && r.violations.every((v) => v.location.at(-1) === "status" && /allowed values/.test(v.message));
}

const STATES = ["queued", "running", "terminal"] as const;

describe.skipIf(!present.includes("magnific"))("magnific responses match specs/magnific.yaml", () => {
  const P: SimProvider = "magnific";
  it("list (with search), your apps, get app, run (202, 400 and 422), unknown app and run (404), bad key (401)", async () => {
    await valid(P, "/v1/ai/apps", 200);
    const found = await valid(P, "/v1/ai/apps?search=SKETCH", 200);
    expect(found.body.data.map((a: { name: string }) => a.name)).toEqual(["Sketch to Realism"]);
    await valid(P, "/v1/ai/me/apps", 200);
    await valid(P, "/v1/ai/me/apps", 401, { key: BAD });
    await valid(P, `/v1/ai/apps/${sim.targets.magnific.default}`, 200);
    await valid(P, "/v1/ai/apps/zzzzzzzzzz", 404);
    const app = sim.targets.magnific.default;
    const run = await valid(P, `/v1/ai/apps/${app}/run`, 202, {
      method: "POST",
      body: { inputs: { "input-4050c3f3-8a26-4953-97a8-cb97bceb4816-1": "https://example.org/a.png" } },
    });
    await valid(P, `/v1/ai/apps/runs/${run.body.workflow_run_identifier}`, 200);
    const missing = await valid(P, `/v1/ai/apps/${app}/run`, 422, { method: "POST", body: { inputs: {} } });
    expect(missing.body).toBe("");
    await valid(P, `/v1/ai/apps/${app}/run`, 422, { method: "POST", body: { inputs: { "input-nope": "x" } } });
    await valid(P, `/v1/ai/apps/${app}/run`, 400, {
      method: "POST",
      body: { inputs: { "input-4050c3f3-8a26-4953-97a8-cb97bceb4816-1": "https://example.org/a.png" } },
      headers: { "x-simulator-scenario": "x" },
    });
    await valid(P, "/v1/ai/apps/zzzzzzzzzz/run", 404, { method: "POST", body: { inputs: {} } });
    await valid(P, "/v1/ai/apps/runs/zzzzzzzzzz", 404);
    await valid(P, "/v1/ai/apps", 401, { key: BAD });
  });

  it("every scenario in every state", async () => {
    for (const scenario of ["succeeded", "failed", "partial", "cancelled", "slow"] as const) {
      for (const state of STATES) {
        const run = sim.createRun({ provider: P, target: sim.targets.magnific[scenario], state });
        await valid(P, `/v1/ai/apps/runs/${run.id}`, 200);
      }
    }
    const cancelled = sim.createRun({ provider: P, state: "running" });
    sim.cancelRun(P, cancelled.id);
    await valid(P, `/v1/ai/apps/runs/${cancelled.id}`, 200);
  });

  it("faults: 429 with Retry-After, 500, 503, slow", async () => {
    const run = sim.createRun({ provider: P, state: "running" });
    const path = `/v1/ai/apps/runs/${run.id}`;
    for (const [fault, status] of [
      ["429", 429],
      ["500", 500],
      ["503", 503],
      ["slow=10", 200],
    ] as const) {
      await valid(P, path, status, { headers: { "x-simulator-fault": fault } });
    }
  });

  it("unknown-status breaks only the status enum", async () => {
    const run = sim.createRun({ provider: P, scenario: "unknown-status", state: "terminal" });
    expect(onlyStatusEnum(await via(P, `/v1/ai/apps/runs/${run.id}`))).toBe(true);
  });
});

describe.skipIf(!present.includes("onepin"))("onepin responses match specs/onepin.yaml", () => {
  const P: SimProvider = "onepin";
  const wf = () => sim.targets.onepin.default as string;
  const base = (w = wf()) => `/api/v1/workflows/${w}/runs`;

  it("start, list (with pagination and filters), summary, and their errors", async () => {
    const started = await valid(P, base(), 202, { method: "POST" });
    const estimate = await valid(P, `${base()}/preview`, 200, { method: "POST", body: { script_text: "Hello" } });
    expect(estimate.body.data.can_run).toBe(true);
    await valid(P, `${base()}/preview`, 200, { method: "POST" });
    await valid(P, base(), 202, { method: "POST", body: { script_text: "Hello", source_language: "en-us" } });
    await valid(P, base(), 422, { method: "POST", headers: { "x-simulator-scenario": "nope" } });
    await valid(P, base(), 401, { method: "POST", key: BAD });
    await valid(P, base("00000000-0000-4000-8000-000000000000"), 404);
    sim.createRun({ provider: P, state: "terminal" });
    const page = await valid(P, `${base()}?limit=1&offset=1&sort=started_at&order=asc`, 200);
    expect(page.body.pagination.next).toMatch(/^http/);
    await valid(P, `${base()}?status=running,paused`, 200);
    await valid(P, `${base()}/summary`, 200);
    await valid(P, `${base()}/summary?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z`, 200);
    await valid(P, `${base()}/summary?from=2027-01-01T00:00:00Z&to=2026-01-01T00:00:00Z`, 422);
    await valid(P, `${base()}/${started.body.data.id}/status`, 200);
  });

  it("every scenario in every state: status, get, steps, outputs, download, list", async () => {
    for (const scenario of ["succeeded", "failed", "partial", "cancelled", "paused", "slow"] as const) {
      for (const state of [...STATES, "paused"] as const) {
        const run = sim.createRun({ provider: P, target: sim.targets.onepin[scenario], state });
        const w = run.ids[0] as string;
        await valid(P, `${base(w)}/${run.id}/status`, 200);
        await valid(P, `${base(w)}/${run.id}`, 200);
        await valid(P, `${base(w)}/${run.id}/steps`, 200);
        await valid(P, `${base(w)}/${run.id}/steps?include_result=true&node_type=operator_generator&node_id=node-0003`, 200);
        await valid(P, `${base(w)}/${run.id}/outputs`, 200);
        await valid(P, `${base(w)}/${run.id}/download`, run.phase === "succeeded" ? 200 : 409);
        await valid(P, `${base(w)}/${run.id}/overview`, 200);
        const rows = await valid(P, `${base(w)}/${run.id}/data?search=line&language=en_US&offset=0&limit=5`, 200);
        const outs = await valid(P, `${base(w)}/${run.id}/outputs`, 200);
        const sink = outs.body.data.outputs[0];
        if (sink) {
          await valid(P, `${base(w)}/${run.id}/nodes/${sink.node_id}/download`, run.phase === "succeeded" ? 200 : 409);
          const audioId = sink.lines[0]?.audio_files[0]?.audio_id;
          if (audioId) await valid(P, `${base(w)}/${run.id}/audio/${audioId}/url`, 200);
        }
        expect(rows.body.pagination.total).toBe(rows.body.data.rows.length);
        await valid(P, `${base(w)}/${run.id}/nodes/node-0001/download`, 404);
        await valid(P, `${base(w)}/${run.id}/audio/0000000000000000/url`, 404);
      }
      await valid(P, base(sim.targets.onepin[scenario]), 200);
      await valid(P, `${base(sim.targets.onepin[scenario])}/summary`, 200);
    }
  });

  it("cancel, pause and resume in every state, with their 409 and 404", async () => {
    for (const state of [...STATES, "paused"] as const) {
      const run = sim.createRun({ provider: P, state });
      const path = `${base()}/${run.id}`;
      await valid(P, `${path}/pause`, 200, { method: "POST" });
      // A queued run parks at once; a running one only at its next step boundary (still running: 409).
      await valid(P, `${path}/resume`, state === "queued" || state === "paused" ? 200 : 409, { method: "POST" });
      await valid(P, `${path}/cancel`, 200, { method: "POST" });
      await valid(P, `${path}/resume`, 409, { method: "POST" });
      await valid(P, `${path}/status`, 200);
    }
    const pausing = sim.createRun({ provider: P, state: "running" });
    await valid(P, `${base()}/${pausing.id}/pause`, 200, { method: "POST" });
    await valid(P, `${base()}/${pausing.id}/status`, 200);
    await valid(P, `${base()}/3fa85f64-5717-4562-b3fc-2c963f66afa6/status`, 404);
    await valid(P, `${base()}/3fa85f64-5717-4562-b3fc-2c963f66afa6/cancel`, 404, { method: "POST" });
  });

  it("faults: 429 with Retry-After, 5xx, slow", async () => {
    const run = sim.createRun({ provider: P, state: "running" });
    for (const [fault, status] of [
      ["429", 429],
      ["500", 500],
      ["503", 503],
      ["slow=10", 200],
    ] as const) {
      await valid(P, `${base()}/${run.id}/status`, status, { headers: { "x-simulator-fault": fault } });
    }
  });

  it("unknown-status breaks only the status enum", async () => {
    const run = sim.createRun({ provider: P, scenario: "unknown-status", state: "terminal" });
    expect(onlyStatusEnum(await via(P, `${base()}/${run.id}/status`))).toBe(true);
  });
});

describe.skipIf(!present.includes("wondercat"))("wondercat responses match specs/wondercat.yaml", () => {
  const P: SimProvider = "wondercat";

  it("start (201 and 400), metadata, list runs, unknown ids (404), bad key (401)", async () => {
    const started = await valid(P, "/blueprints/bp_xyz/runs", 201, {
      method: "POST",
      body: { inputs: [{ stepReferenceId: "step_abc", targetField: "prompt", value: "a cat" }], skipMissingMediaInputs: true },
    });
    await valid(P, `/runs/${started.body.runId}`, 200);
    await valid(P, "/blueprints/bp_xyz/runs", 400, {
      method: "POST",
      body: { inputs: [{ stepReferenceId: "step_zzz", targetField: "prompt", value: "x" }] },
    });
    await valid(P, "/blueprints/bp_nope/runs", 404, { method: "POST", body: {} });
    await valid(P, "/blueprints/bp_xyz/metadata", 200);
    await valid(P, "/blueprints/bp_nope/metadata", 404);
    await valid(P, "/runs/run_nope", 404);
    await valid(P, "/runs/run_nope", 401, { key: BAD });
  });

  it("every scenario in every state, and the run lists", async () => {
    for (const scenario of ["succeeded", "failed", "partial", "cancelled", "slow"] as const) {
      for (const state of STATES) {
        const run = sim.createRun({ provider: P, target: sim.targets.wondercat[scenario], state });
        await valid(P, `/runs/${run.id}`, 200);
      }
      await valid(P, `/blueprints/${sim.targets.wondercat[scenario]}/runs`, 200);
    }
  });

  it("faults: 429 throttled with deferUntil, 429 rate_limit_exceeded with Retry-After, 500, slow", async () => {
    const run = sim.createRun({ provider: P, state: "running" });
    await valid(P, `/runs/${run.id}`, 429, { headers: { "x-simulator-fault": "429=3" } });
    sim.addFault({ kind: "429", provider: P, code: "rate_limit_exceeded" });
    await valid(P, `/runs/${run.id}`, 429);
    await valid(P, `/runs/${run.id}`, 500, { headers: { "x-simulator-fault": "500" } });
    await valid(P, `/runs/${run.id}`, 200, { headers: { "x-simulator-fault": "slow=10" } });
  });

  it("unknown-status breaks only the status enum", async () => {
    const run = sim.createRun({ provider: P, scenario: "unknown-status", state: "terminal" });
    expect(onlyStatusEnum(await via(P, `/runs/${run.id}`))).toBe(true);
  });
});

describe.skipIf(!present.includes("modelslab"))("modelslab responses match specs/modelslab.yaml", () => {
  const P: SimProvider = "modelslab";
  const wf = () => sim.targets.modelslab.default as string;

  it("list, schema, run (202, 422, 400), execution, cancel (200, 400), 404s, bad key (401)", async () => {
    await valid(P, "/", 200);
    await valid(P, `/${wf()}`, 200);
    await valid(P, "/00000000-0000-4000-8000-000000000000", 404);
    const started = await valid(P, `/${wf()}/run`, 202, { method: "POST", body: { prompt: "a poster", width: 512 } });
    const id = started.body.execution_id;
    await valid(P, `/${wf()}/runs/${id}`, 200);
    await valid(P, `/${wf()}/run`, 422, { method: "POST", body: {} });
    await valid(P, `/${wf()}/run`, 400, { method: "POST", body: { prompt: "x", width: "wide" } });
    await valid(P, `/${wf()}/runs/${id}/cancel`, 200, { method: "POST" });
    await valid(P, `/${wf()}/runs/${id}/cancel`, 400, { method: "POST" });
    await valid(P, `/${wf()}/runs/999999`, 404);
    await valid(P, `/${wf()}/runs/999999/cancel`, 404, { method: "POST" });
    await valid(P, "/", 401, { key: BAD });
  });

  it("every scenario in every state", async () => {
    for (const scenario of ["succeeded", "failed", "partial", "cancelled", "slow"] as const) {
      for (const state of STATES) {
        const run = sim.createRun({ provider: P, target: sim.targets.modelslab[scenario], state });
        await valid(P, `/${run.ids[0]}/runs/${run.id}`, 200);
      }
    }
  });

  it("faults and the per-workflow limit: 429 with retry_after, 500, 503, slow", async () => {
    const run = sim.createRun({ provider: P, state: "running" });
    const path = `/${run.ids[0]}/runs/${run.id}`;
    for (const [fault, status] of [
      ["429=2", 429],
      ["500", 500],
      ["503", 503],
      ["slow=10", 200],
    ] as const) {
      await valid(P, path, status, { headers: { "x-simulator-fault": fault } });
    }
    const limited = await startSimulator({ keys: [GOOD], modelslabRateLimit: 1 });
    const p = await startPrism(specPath(P), { mode: "proxy", upstream: limited.baseUrls.modelslab });
    try {
      const wfId = limited.targets.modelslab.default;
      const ok = await fetch(`${p.url}/${wfId}`, { headers: { key: GOOD } });
      expect(ok.status).toBe(200);
      const r = await fetch(`${p.url}/${wfId}`, { headers: { key: GOOD } });
      expect([r.status, r.headers.get("sl-violations"), (await r.json()).retry_after]).toEqual([429, null, 60]);
    } finally {
      await p.close();
      await limited.close();
    }
  });

  it("unknown-status breaks only the status enum", async () => {
    const run = sim.createRun({ provider: P, scenario: "unknown-status", state: "terminal" });
    expect(onlyStatusEnum(await via(P, `/${run.ids[0]}/runs/${run.id}`))).toBe(true);
  });
});

it("has at least one spec to check", () => {
  expect(present.length).toBeGreaterThan(0);
});
