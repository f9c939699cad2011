import { listTargets, stepTemplate, type TargetInfo } from "../catalog.js";
import { isObject, iso, isoOrNull, isUuid, json, keyHeader, type Reply } from "../http.js";
import type { SimRun, SimState } from "../state.js";
import { runStatus, stepStatus } from "../status.js";
import { isTerminalPhase } from "../timeline.js";
import type { SimProvider } from "../types.js";
import {
  failedStepName,
  type HandlerContext,
  type ProviderModule,
  producedOutputs,
  requestedScenario,
  target,
} from "./shared.js";

const P: SimProvider = "modelslab";
const CREATED = "2024-01-01T09:00:00.000Z";

const err = (status: number, message: string) => json(status, { status: "error", message });

/** The per-workflow limit reported in the schema: the enforced one, else ModelsLab's default. */
export function workflowRateLimit(sim: SimState): number {
  return sim.opts.modelslabRateLimit?.limit ?? 10;
}

interface Parameter {
  key: string;
  type: "string" | "number";
  required: boolean;
  node_id: string;
  node_name: string;
}

function parameters(t: TargetInfo): Parameter[] {
  const p = (key: string, type: Parameter["type"], required: boolean): Parameter => ({
    key,
    type,
    required,
    node_id: "node_1",
    node_name: "Text to Image",
  });
  return [
    p("prompt", "string", t.strictInputs),
    p("negative_prompt", "string", false),
    p("width", "number", false),
    p("height", "number", false),
  ];
}

function workflowOf(params: Record<string, string>): TargetInfo | Reply {
  const id = params.wf as string;
  const t = isUuid(id) ? target(P, id) : null;
  return t ?? err(404, "Workflow not found.");
}

const isReply = (x: unknown): x is Reply => isObject(x) && typeof x.status === "number";

function findRun(sim: SimState, params: Record<string, string>): SimRun | Reply {
  const t = workflowOf(params);
  if (isReply(t)) return t;
  const run = /^\d+$/.test(params.exec as string) ? sim.getRun(P, String(Number(params.exec))) : undefined;
  if (!run || run.target.id !== t.id) return err(404, "Execution not found.");
  return run;
}

export function modelslabExecution(sim: SimState, run: SimRun) {
  const snap = sim.snapshot(run);
  const ended = isTerminalPhase(snap.phase);
  const body: Record<string, unknown> = {
    status: "success",
    execution: {
      id: Number(run.id),
      workflow_id: run.target.id,
      status: runStatus(P, snap.phase, sim.opts.unknownStatus),
      started_at: isoOrNull(snap.startedAt),
      completed_at: isoOrNull(snap.completedAt),
      execution_time:
        ended && snap.completedAt !== null ? Math.round(snap.completedAt - (snap.startedAt ?? snap.completedAt)) / 1000 : null,
    },
  };
  if (snap.phase === "succeeded") {
    const files = producedOutputs(P, snap, true);
    body.output = {
      output: files.map((o) => sim.assetUrl(P, run.id, o.file)),
      proxy_links: files.map((o) => sim.assetUrl(P, run.id, `proxy-${o.file}`)),
      status: "success",
    };
  }
  if (snap.phase === "failed" || snap.phase === "partial") {
    body.error = `${failedStepName(P, snap)} failed: the model timed out`;
  }
  // Only the steps reached so far, as the documentation's examples show.
  body.steps = snap.steps
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => s.state !== "pending")
    .map(({ s, i }) => ({
      name: stepName(i),
      status: stepStatus(P, s.state),
      started_at: isoOrNull(s.startedAt),
      completed_at: isoOrNull(s.completedAt),
    }));
  return body;
}

const stepName = (i: number) => stepTemplate(P, i).name;

function listWorkflows({ sim }: HandlerContext): Reply {
  const workflows = listTargets(P).map((t) => {
    const runs = sim.listRuns(P, t.id);
    const last = runs.reduce<number | null>((m, r) => Math.max(m ?? 0, r.timeline.createdAt), null);
    return {
      id: t.id,
      name: t.name,
      description: t.scenario ? `Acts out the "${t.scenario}" scenario.` : "Text to image, then upscale.",
      rate_limit: workflowRateLimit(sim),
      call_count: runs.length,
      last_called_at: last === null ? null : iso(last),
      created_at: CREATED,
      updated_at: CREATED,
    };
  });
  return json(200, { status: "success", workflows });
}

function schema({ sim, params }: HandlerContext): Reply {
  const t = workflowOf(params);
  if (isReply(t)) return t;
  const base = `${sim.baseUrl(P)}/${t.id}`;
  return json(200, {
    status: "success",
    workflow: {
      id: t.id,
      name: t.name,
      description: t.scenario ? `Acts out the "${t.scenario}" scenario.` : "Text to image, then upscale.",
      rate_limit: workflowRateLimit(sim),
      webhook_url: sim.pusher?.workflowUrls.get(t.id) ?? null,
    },
    parameters: parameters(t),
    endpoints: { run: `${base}/run`, status: `${base}/runs/{id}` },
  });
}

function startRun({ sim, req, params }: HandlerContext): Reply {
  const t = workflowOf(params);
  if (isReply(t)) return t;
  if (req.badJson) return err(400, "Invalid request parameters: the body is not valid JSON.");
  const body = req.body ?? {};
  if (!isObject(body)) return err(400, "Invalid request parameters: the body must be a JSON object.");
  const defs = parameters(t);
  const missing = defs.filter((d) => d.required && (body[d.key] === undefined || body[d.key] === "")).map((d) => d.key);
  if (missing.length > 0) return err(422, `Missing required parameters: ${missing.join(", ")}`);
  for (const d of defs) {
    const v = body[d.key];
    if (v !== undefined && typeof v !== d.type) return err(400, `Invalid request parameters: ${d.key} must be a ${d.type}.`);
  }
  const run = sim.createRun(P, t, { scenario: requestedScenario(P, req) });
  const hook = sim.pusher?.workflowUrls.get(t.id) ?? null;
  if (hook !== null) sim.pusher?.track(run, hook);
  return json(202, {
    status: "success",
    message: "Workflow execution started.",
    execution_id: Number(run.id),
    workflow_id: t.id,
    status_url: `${sim.baseUrl(P)}/${t.id}/runs/${run.id}`,
    webhook_url: hook,
  });
}

function getExecution({ sim, params }: HandlerContext): Reply {
  const run = findRun(sim, params);
  return isReply(run) ? run : json(200, modelslabExecution(sim, run));
}

function cancel({ sim, params }: HandlerContext): Reply {
  const run = findRun(sim, params);
  if (isReply(run)) return run;
  if (!run.timeline.cancel(sim.now())) {
    const s = runStatus(P, sim.snapshot(run).phase, sim.opts.unknownStatus);
    const what = s === "completed" ? "completed" : s === "cancelled" ? "been cancelled" : "failed";
    return err(400, `Execution has already ${what} and cannot be cancelled.`);
  }
  return json(200, { status: "success", message: "Execution cancelled." });
}

export const modelslab: ProviderModule = {
  provider: P,
  routes: [
    { method: "GET", pattern: "/", name: "list", handle: listWorkflows },
    { method: "GET", pattern: "/:wf", name: "target", handle: schema },
    { method: "POST", pattern: "/:wf/run", name: "start", handle: startRun },
    { method: "GET", pattern: "/:wf/runs/:exec", name: "status", handle: getExecution },
    { method: "POST", pattern: "/:wf/runs/:exec/cancel", name: "cancel", handle: cancel },
  ],
  readKey: keyHeader("key"),
  unauthorized: () => err(401, "Invalid API key."),
  noRoute: () => err(404, "Not found."),
  // The body's `retry_after` (seconds) and the X-RateLimit-Reset header (unix seconds) that ModelsLab's CLI reads.
  tooManyRequests: (f, sim) => {
    const wait = f.retryAfterSec ?? 1;
    return json(
      429,
      { status: "error", message: "Rate limit exceeded for this workflow.", retry_after: wait },
      { "X-RateLimit-Reset": String(Math.ceil(sim.now() / 1000) + wait) },
    );
  },
  serverError: (status) =>
    err(status, status === 503 ? "Service temporarily unavailable. Please try again later." : "Internal server error."),
  invalid: (message) => err(400, message),
};
