import { stepTemplate } from "../catalog.js";
import { bearer, isObject, iso, isoOrNull, isUuid, json, type Reply } from "../http.js";
import { newId } from "../ids.js";
import { type SimRun, type SimState, stable } from "../state.js";
import { runStatus, stepStatus } from "../status.js";
import { isTerminalPhase, type Snapshot } from "../timeline.js";
import type { SimProvider } from "../types.js";
import {
  failedStepName,
  type HandlerContext,
  type ProviderModule,
  producedOutputs,
  requestedScenario,
  target,
} from "./shared.js";

const P: SimProvider = "onepin";
const COST_PER_STEP = 25;
const BALANCE = 100_000;
const LOCALE = "en-US";
const FIFTEEN_MINUTES = 15 * 60 * 1000;
const STATUSES = ["pending", "running", "paused", "completed", "failed", "cancelled"];
const NODE_TYPES = [
  "source_script",
  "operator_translator",
  "operator_normalizer",
  "operator_generator",
  "sink_preview",
  "validator_error_rate",
  "validator_naturalness",
  "validator_noise",
];

const meta = (sim: SimState) => ({ request_id: newId.requestId(), timestamp: iso(sim.now()) });
const one = (sim: SimState, status: number, data: unknown, headers?: Record<string, string>) =>
  json(status, { data, meta: meta(sim) }, headers);
const fail = (sim: SimState, status: number, code: string, message: string, headers?: Record<string, string>) =>
  json(status, { error: { code, message }, meta: meta(sim) }, headers);

/** FastAPI's request-validation body, as OnePin's framework answers bad parameters. */
const detail422 = (loc: (string | number)[], msg: string, type: string, input: unknown) =>
  json(422, { detail: [{ loc, msg, type, input }] });

const TRIGGERED_BY = { user_id: "d290f1ee-6c54-4b01-90e6-d701748f0851", user_name: "simulator@example.com" };

/** The volatile part of a run (the status call's body, `WorkflowRunStatus`). */
function runStatusBody(sim: SimState, run: SimRun, snap: Snapshot) {
  const queued = snap.phase === "queued" || (snap.phase === "paused" && snap.startedAt === null);
  const n = snap.steps.length;
  const cost = snap.done * COST_PER_STEP;
  let error: string | null = null;
  if (snap.phase === "failed" || snap.phase === "partial") {
    error = `Node "${failedStepName(P, snap)}" failed: the voice provider timed out.`;
  }
  return {
    id: run.id,
    workflow_id: run.target.id,
    status: runStatus(P, snap.phase, sim.opts.unknownStatus),
    run_number: run.runNumber,
    total_nodes: n,
    total_steps: queued ? null : n,
    finished_steps: queued ? null : snap.done,
    token_cost: cost,
    usage_summary: queued ? null : { api_calls: snap.done * 2, tokens_used: snap.done * 300 },
    started_at: isoOrNull(snap.startedAt),
    completed_at: isoOrNull(snap.completedAt),
    pause_requested_at: isoOrNull(snap.pauseRequestedAt),
    paused_at: isoOrNull(snap.pausedAt),
    created_at: iso(snap.createdAt),
    updated_at: iso(snap.updatedAt),
    error,
    has_export: snap.phase === "succeeded",
    triggered_by: TRIGGERED_BY,
  };
}

/** A run as start, cancel, pause and resume return it (`WorkflowRun`: the status plus credits). */
function runBody(sim: SimState, run: SimRun) {
  const snap = sim.snapshot(run);
  const base = runStatusBody(sim, run, snap);
  return { ...base, credits: isTerminalPhase(snap.phase) ? base.token_cost : null };
}

function nodeId(i: number): string {
  return `node-${String(i + 1).padStart(4, "0")}`;
}

function definitionSnapshot(n: number) {
  const nodes = [];
  const edges = [];
  for (let i = 0; i < n; i++) {
    const t = stepTemplate(P, i);
    nodes.push({ id: nodeId(i), type: t.nodeType, name: t.name });
    if (i > 0) edges.push({ source: nodeId(i - 1), target: nodeId(i) });
  }
  return { nodes, edges };
}

/** Checks the workflow id (FastAPI answers 422 for a non-uuid) and that it exists. */
function workflow(sim: SimState, id: string): Reply | null {
  if (!isUuid(id)) return detail422(["path", "workflow_id"], "Input should be a valid UUID", "uuid_parsing", id);
  return target(P, id) ? null : fail(sim, 404, "NOT_FOUND", "Workflow not found.");
}

/** The run of this workflow named by the path, or the error to answer. */
function findRun(sim: SimState, params: Record<string, string>): SimRun | Reply {
  const wf = workflow(sim, params.wf as string);
  if (wf) return wf;
  const id = params.runId as string;
  if (!isUuid(id)) return detail422(["path", "run_id"], "Input should be a valid UUID", "uuid_parsing", id);
  const run = sim.getRun(P, id);
  if (!run || run.target.id !== params.wf) return fail(sim, 404, "NOT_FOUND", "Run not found.");
  return run;
}

const isReply = (x: SimRun | Reply): x is Reply => "status" in x && typeof x.status === "number";

function intParam(q: URLSearchParams, name: string, lo: number, hi: number): number | Reply | undefined {
  const v = q.get(name);
  if (v === null) return undefined;
  if (!/^-?\d+$/.test(v)) return detail422(["query", name], "Input should be a valid integer", "int_parsing", v);
  const n = Number(v);
  if (n < lo) return detail422(["query", name], `Input should be greater than or equal to ${lo}`, "greater_than_equal", v);
  if (n > hi) return detail422(["query", name], `Input should be less than or equal to ${hi}`, "less_than_equal", v);
  return n;
}

function listRuns({ sim, req, params }: HandlerContext): Reply {
  const wf = workflow(sim, params.wf as string);
  if (wf) return wf;
  const q = req.query;
  const offset = intParam(q, "offset", 0, Number.MAX_SAFE_INTEGER) ?? 0;
  if (typeof offset !== "number") return offset;
  const limit = intParam(q, "limit", 1, 100) ?? 20;
  if (typeof limit !== "number") return limit;
  const statusFilter = q.get("status");
  let wanted: string[] | null = null;
  if (statusFilter !== null) {
    wanted = statusFilter.split(",");
    if (wanted.some((s) => !STATUSES.includes(s))) {
      return detail422(["query", "status"], `Unknown status in ${JSON.stringify(statusFilter)}`, "value_error", statusFilter);
    }
  }
  const sort = q.get("sort") ?? "created_at";
  if (!["created_at", "started_at", "completed_at", "status"].includes(sort)) {
    return detail422(["query", "sort"], "Input should be 'created_at', 'started_at', 'completed_at' or 'status'", "enum", sort);
  }
  const order = q.get("order") ?? "desc";
  if (order !== "asc" && order !== "desc") {
    return detail422(["query", "order"], "Input should be 'asc' or 'desc'", "enum", order);
  }
  const search = q.get("search")?.toLowerCase() ?? null;
  const rows = sim
    .listRuns(P, params.wf)
    .map((run) => ({ run, body: runBody(sim, run) }))
    .filter(({ body }) => wanted === null || wanted.includes(body.status))
    .filter(() => search === null || TRIGGERED_BY.user_name.toLowerCase().includes(search));
  const key = (b: ReturnType<typeof runBody>): string =>
    sort === "status" ? b.status : (((b as Record<string, unknown>)[sort] ?? "") as string);
  rows.sort((a, b) => {
    const ka = key(a.body);
    const kb = key(b.body);
    const c = ka < kb ? -1 : ka > kb ? 1 : 0;
    if (c !== 0) return order === "asc" ? c : -c;
    return a.run.id < b.run.id ? -1 : a.run.id > b.run.id ? 1 : 0;
  });
  const page = rows.slice(offset, offset + limit).map(({ body }) => ({
    id: body.id,
    status: body.status,
    run_number: body.run_number,
    total_nodes: body.total_nodes,
    total_steps: body.total_steps,
    finished_steps: body.finished_steps,
    credits: body.credits,
    usage_summary: body.usage_summary,
    started_at: body.started_at,
    completed_at: body.completed_at,
    pause_requested_at: body.pause_requested_at,
    paused_at: body.paused_at,
    created_at: body.created_at,
    triggered_by: body.triggered_by,
  }));
  const pageUrl = (o: number) => {
    const u = new URLSearchParams(q);
    u.set("offset", String(o));
    u.set("limit", String(limit));
    return `${sim.baseUrl(P)}/api/v1/workflows/${params.wf}/runs?${u.toString()}`;
  };
  return json(200, {
    data: page,
    meta: meta(sim),
    pagination: {
      next: offset + limit < rows.length ? pageUrl(offset + limit) : null,
      prev: offset > 0 ? pageUrl(Math.max(0, offset - limit)) : null,
      limit,
      total: rows.length,
    },
  });
}

/** The optional run body (`script_text`, `source_language`) of start and preview; the 422 to answer, or null. */
function badRunBody(req: HandlerContext["req"]): Reply | null {
  if (req.badJson) return detail422(["body"], "JSON decode error", "json_invalid", null);
  const body = req.body;
  if (body === undefined || body === null) return null;
  if (!isObject(body)) return detail422(["body"], "Input should be a valid dictionary", "dict_type", body);
  for (const k of ["script_text", "source_language"]) {
    if (body[k] !== undefined && typeof body[k] !== "string") {
      return detail422(["body", k], "Input should be a valid string", "string_type", body[k]);
    }
  }
  return null;
}

function startRun({ sim, req, params }: HandlerContext): Reply {
  const wf = workflow(sim, params.wf as string) ?? badRunBody(req);
  if (wf) return wf;
  const run = sim.createRun(P, target(P, params.wf as string)!, { scenario: requestedScenario(P, req) });
  return one(sim, 202, runBody(sim, run));
}

/** A dry-run estimate: every step of the workflow at its per-step cost; nothing is created. */
function preview({ sim, req, params }: HandlerContext): Reply {
  const wf = workflow(sim, params.wf as string) ?? badRunBody(req);
  if (wf) return wf;
  const t = target(P, params.wf as string)!;
  const steps = sim.opts.timingFor(t.scenario ?? sim.opts.defaultScenario[P]).steps;
  const breakdown = Array.from({ length: steps }, (_, i) => ({
    node_id: nodeId(i),
    node_type: stepTemplate(P, i).nodeType,
    credits: COST_PER_STEP,
  }));
  const expected = steps * COST_PER_STEP;
  return one(sim, 200, {
    min_credits: expected,
    expected_credits: expected,
    max_credits: expected,
    breakdown,
    current_balance: BALANCE,
    deficit_at_max: Math.max(0, expected - BALANCE),
    can_run: expected <= BALANCE,
  });
}

function summary({ sim, req, params }: HandlerContext): Reply {
  const wf = workflow(sim, params.wf as string);
  if (wf) return wf;
  const bound = (name: string): number | Reply | null => {
    const v = req.query.get(name);
    if (v === null) return null;
    const t = Date.parse(v);
    if (Number.isNaN(t) || !/([zZ]|[+-]\d\d:?\d\d)$/.test(v)) {
      return fail(sim, 422, "VALIDATION_ERROR", `\`${name}\` must be an ISO 8601 date-time with a UTC offset.`);
    }
    return t;
  };
  const from = bound("from");
  if (from !== null && typeof from !== "number") return from;
  const to = bound("to");
  if (to !== null && typeof to !== "number") return to;
  if (from !== null && to !== null && from > to) return fail(sim, 422, "VALIDATION_ERROR", "`from` must not be after `to`.");
  const counts: Record<string, number> = { pending: 0, running: 0, paused: 0, completed: 0, failed: 0, cancelled: 0 };
  let total = 0;
  let durations = 0;
  let completedWithTimes = 0;
  for (const run of sim.listRuns(P, params.wf)) {
    const snap = sim.snapshot(run);
    if ((from !== null && snap.createdAt < from) || (to !== null && snap.createdAt > to)) continue;
    total++;
    const s = runStatus(P, snap.phase, sim.opts.unknownStatus);
    if (s in counts) counts[s] = (counts[s] as number) + 1;
    if (s === "completed" && snap.startedAt !== null && snap.completedAt !== null) {
      durations += (snap.completedAt - snap.startedAt) / 1000;
      completedWithTimes++;
    }
  }
  const ended = (counts.completed as number) + (counts.failed as number) + (counts.cancelled as number);
  return one(sim, 200, {
    total_runs: total,
    ...counts,
    pass_rate: ended === 0 ? null : (counts.completed as number) / ended,
    average_duration_seconds: completedWithTimes === 0 ? null : durations / completedWithTimes,
  });
}

function getRun({ sim, params }: HandlerContext): Reply {
  const run = findRun(sim, params);
  if (isReply(run)) return run;
  const snap = sim.snapshot(run);
  return one(sim, 200, {
    ...runBody(sim, run),
    definition_snapshot: definitionSnapshot(snap.steps.length),
    credits_absorbed: isTerminalPhase(snap.phase) ? 0 : null,
  });
}

function getStatus({ sim, params }: HandlerContext): Reply {
  const run = findRun(sim, params);
  if (isReply(run)) return run;
  return one(sim, 200, runStatusBody(sim, run, sim.snapshot(run)));
}

function getSteps({ sim, req, params }: HandlerContext): Reply {
  const run = findRun(sim, params);
  if (isReply(run)) return run;
  const inc = req.query.get("include_result");
  if (inc !== null && !["true", "false", "1", "0"].includes(inc)) {
    return detail422(["query", "include_result"], "Input should be a valid boolean", "bool_parsing", inc);
  }
  const nodeType = req.query.get("node_type");
  if (nodeType !== null && !NODE_TYPES.includes(nodeType)) {
    return detail422(["query", "node_type"], `Input should be one of ${NODE_TYPES.join(", ")}`, "enum", nodeType);
  }
  const nodeIdFilter = req.query.get("node_id");
  const withResult = inc === "true" || inc === "1";
  const snap = sim.snapshot(run);
  const files = new Map(producedOutputs(P, snap, false).map((o) => [o.step, o]));
  const steps = snap.steps
    .map((s, i) => ({ s, i, t: stepTemplate(P, i) }))
    .filter(({ s }) => s.state !== "pending")
    .filter(({ t }) => nodeType === null || t.nodeType === nodeType)
    .filter(({ i }) => nodeIdFilter === null || nodeId(i) === nodeIdFilter)
    .map(({ s, i, t }) => {
      const file = files.get(i);
      const result =
        withResult && file
          ? {
              audio: {
                playback_url: sim.assetUrl(P, run.id, file.file),
                duration_ms: file.template.durationMs,
                content_type: file.template.mime,
              },
            }
          : null;
      return {
        id: `${stable(`${run.id}/step/${i}`, 8)}-0000-4000-8000-${String(i + 1).padStart(12, "0")}`,
        node_id: nodeId(i),
        node_type: t.nodeType,
        node_display_name: t.name,
        status: stepStatus(P, s.state),
        iteration: 0,
        started_at: isoOrNull(s.startedAt),
        completed_at: isoOrNull(s.completedAt),
        result,
        has_result: s.state === "done",
        active_ports: s.state === "done" ? [t.output ? "audio" : "text"] : [],
        error: s.state === "failed" ? "The voice provider timed out." : null,
      };
    });
  return one(sim, 200, steps);
}

function cancel({ sim, params }: HandlerContext): Reply {
  const run = findRun(sim, params);
  if (isReply(run)) return run;
  // Idempotent: a run that already ended comes back unchanged.
  run.timeline.cancel(sim.now());
  return one(sim, 200, runBody(sim, run));
}

function pause({ sim, params }: HandlerContext): Reply {
  const run = findRun(sim, params);
  if (isReply(run)) return run;
  run.timeline.requestPause(sim.now());
  return one(sim, 200, runBody(sim, run));
}

function resume({ sim, params }: HandlerContext): Reply {
  const run = findRun(sim, params);
  if (isReply(run)) return run;
  if (!run.timeline.resume(sim.now())) {
    const status = runStatus(P, sim.snapshot(run).phase, sim.opts.unknownStatus);
    return fail(sim, 409, "CONFLICT", `Run is not paused (status is ${status}).`);
  }
  return one(sim, 200, runBody(sim, run));
}

function outputs({ sim, params }: HandlerContext): Reply {
  const run = findRun(sim, params);
  if (isReply(run)) return run;
  const snap = sim.snapshot(run);
  const audio = producedOutputs(P, snap, false);
  const sinks = snap.steps
    .map((s, i) => ({ s, i, t: stepTemplate(P, i) }))
    .filter(({ t }) => t.nodeType === "sink_preview")
    .map(({ s, i, t }) => {
      const lines =
        s.state === "done"
          ? audio.map((a) => ({
              audio_files: [
                {
                  audio_id: audioId(run, a.file),
                  url: sim.assetUrl(P, run.id, a.file),
                  duration_ms: a.template.durationMs,
                  content_type: a.template.mime,
                },
              ],
              recommended_audio_file_index: 0,
              delivery: { passed: true, failing_checks: [] },
            }))
          : [];
      return {
        node_id: nodeId(i),
        node_type: t.nodeType,
        display_name: t.name,
        status: stepStatus(P, s.state),
        lines,
        line_count: lines.length,
        truncated: false,
      };
    });
  const body = runBody(sim, run);
  return one(sim, 200, {
    run_id: run.id,
    run_status: body.status,
    credits: body.credits,
    credits_absorbed: isTerminalPhase(snap.phase) ? 0 : null,
    outputs: sinks,
  });
}

/** The stable 16-hex id of one produced audio file. */
function audioId(run: SimRun, file: string): string {
  return stable(`${run.id}/${file}/audio`, 16, "0123456789abcdef");
}

const downloadUrl = (sim: SimState, url: string, filename: string) =>
  one(sim, 200, { url, filename, expires_at: iso(sim.now() + FIFTEEN_MINUTES) });

/** The 409 every download answers before the run has completed, or null once it has. */
function notCompleted(sim: SimState, snap: Snapshot): Reply | null {
  if (snap.phase === "succeeded") return null;
  const status = runStatus(P, snap.phase, sim.opts.unknownStatus);
  return fail(sim, 409, "CONFLICT", `Run is not completed (status is ${status}).`);
}

function overview({ sim, params }: HandlerContext): Reply {
  const run = findRun(sim, params);
  if (isReply(run)) return run;
  const snap = sim.snapshot(run);
  const body = runBody(sim, run);
  const audio = producedOutputs(P, snap, false);
  const durationMs = audio.reduce((sum, a) => sum + (a.template.durationMs ?? 0), 0);
  return one(sim, 200, {
    workflow: { id: run.target.id, name: run.target.name },
    run: { id: run.id, status: body.status, run_number: body.run_number },
    metric_sections: [],
    audio_by_language: audio.length > 0 ? [{ locale_code: LOCALE, audio_count: audio.length, duration_ms: durationMs }] : [],
    validators: [],
    workflow_snapshot: {
      nodes: snap.steps.map((st, i) => ({
        node_id: nodeId(i),
        node_type: stepTemplate(P, i).nodeType,
        status: stepStatus(P, st.state),
      })),
    },
  });
}

/** One row per produced audio line; `search` filters rows, `language` only their cards. */
function data({ sim, req, params }: HandlerContext): Reply {
  const run = findRun(sim, params);
  if (isReply(run)) return run;
  const q = req.query;
  const offset = intParam(q, "offset", 0, Number.MAX_SAFE_INTEGER) ?? 0;
  if (typeof offset !== "number") return offset;
  const limit = intParam(q, "limit", 1, 100) ?? 20;
  if (typeof limit !== "number") return limit;
  const snap = sim.snapshot(run);
  const search = q.get("search")?.toLowerCase() ?? "";
  const language = q.get("language")?.replace(/_/g, "-") ?? null;
  const rows = producedOutputs(P, snap, false)
    .map((a, n) => ({
      script: `Line ${n + 1}`,
      cards: [
        {
          locale_code: LOCALE,
          status: "delivered",
          audio: {
            playback_url: sim.assetUrl(P, run.id, a.file),
            status: "available",
            duration_ms: a.template.durationMs,
            content_type: a.template.mime,
          },
        },
      ].filter((c) => language === null || c.locale_code === language),
    }))
    .filter((r) => r.script.toLowerCase().includes(search));
  return json(200, {
    data: {
      workflow_id: run.target.id,
      run_id: run.id,
      run_status: runBody(sim, run).status,
      rows: rows.slice(offset, offset + limit),
      partial: { is_partial: !isTerminalPhase(snap.phase) },
    },
    meta: meta(sim),
    pagination: { next: null, prev: null, limit, total: rows.length },
  });
}

function downloadNode({ sim, params }: HandlerContext): Reply {
  const run = findRun(sim, params);
  if (isReply(run)) return run;
  const snap = sim.snapshot(run);
  const i = snap.steps.findIndex((_, n) => nodeId(n) === params.nodeId);
  if (i < 0 || stepTemplate(P, i).nodeType !== "sink_preview") {
    return fail(sim, 404, "NOT_FOUND", "Node is not an output node of this run.");
  }
  const conflict = notCompleted(sim, snap);
  if (conflict) return conflict;
  if (producedOutputs(P, snap, false).length === 0) return fail(sim, 404, "NOT_FOUND", "Node has no audio to download.");
  return downloadUrl(sim, sim.assetUrl(P, run.id, `${params.nodeId}.zip`), `run-${run.runNumber}-${params.nodeId}.zip`);
}

function audioUrl({ sim, params }: HandlerContext): Reply {
  const run = findRun(sim, params);
  if (isReply(run)) return run;
  const a = producedOutputs(P, sim.snapshot(run), false).find((o) => audioId(run, o.file) === params.audioId);
  if (!a) return fail(sim, 404, "NOT_FOUND", "Audio not found.");
  return downloadUrl(sim, sim.assetUrl(P, run.id, a.file), a.file);
}

function download({ sim, params }: HandlerContext): Reply {
  const run = findRun(sim, params);
  if (isReply(run)) return run;
  const snap = sim.snapshot(run);
  const conflict = notCompleted(sim, snap);
  if (conflict) return conflict;
  if (producedOutputs(P, snap, false).length === 0) return fail(sim, 404, "NOT_FOUND", "Run has no audio to download.");
  return downloadUrl(sim, sim.assetUrl(P, run.id, "run.zip"), `run-${run.runNumber}.zip`);
}

const WF = "/api/v1/workflows/:wf/runs";

export const onepin: ProviderModule = {
  provider: P,
  routes: [
    { method: "GET", pattern: WF, name: "list-runs", handle: listRuns },
    { method: "POST", pattern: WF, name: "start", handle: startRun },
    { method: "GET", pattern: `${WF}/summary`, name: "summary", handle: summary },
    { method: "POST", pattern: `${WF}/preview`, name: "preview", handle: preview },
    { method: "GET", pattern: `${WF}/:runId`, name: "get", handle: getRun },
    { method: "GET", pattern: `${WF}/:runId/status`, name: "status", handle: getStatus },
    { method: "GET", pattern: `${WF}/:runId/steps`, name: "steps", handle: getSteps },
    { method: "POST", pattern: `${WF}/:runId/cancel`, name: "cancel", handle: cancel },
    { method: "POST", pattern: `${WF}/:runId/pause`, name: "pause", handle: pause },
    { method: "POST", pattern: `${WF}/:runId/resume`, name: "resume", handle: resume },
    { method: "GET", pattern: `${WF}/:runId/outputs`, name: "outputs", handle: outputs },
    { method: "GET", pattern: `${WF}/:runId/download`, name: "download", handle: download },
    { method: "GET", pattern: `${WF}/:runId/overview`, name: "overview", handle: overview },
    { method: "GET", pattern: `${WF}/:runId/data`, name: "data", handle: data },
    { method: "GET", pattern: `${WF}/:runId/nodes/:nodeId/download`, name: "download-node", handle: downloadNode },
    { method: "GET", pattern: `${WF}/:runId/audio/:audioId/url`, name: "audio-url", handle: audioUrl },
  ],
  readKey: bearer,
  unauthorized: (missing, sim) =>
    fail(sim, 401, "INVALID_API_KEY", missing ? "Missing bearer token." : "Invalid or expired API key."),
  noRoute: (sim) => fail(sim, 404, "NOT_FOUND", "Not found."),
  tooManyRequests: (f, sim) =>
    fail(sim, 429, "RATE_LIMITED", "Too many requests. Try again later.", { "Retry-After": String(f.retryAfterSec ?? 1) }),
  serverError: (status, sim) => fail(sim, status, "SERVER_ERROR", "Internal server error."),
  invalid: (message, sim) => fail(sim, 422, "VALIDATION_ERROR", message),
};
