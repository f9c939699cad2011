import { isFinalStep, stepTemplate } from "../catalog.js";
import { bearer, isObject, iso, isoOrNull, json, type Reply } from "../http.js";
import { type SimRun, type SimState, stable } from "../state.js";
import { runStatus, stepStatus } from "../status.js";
import { isTerminalPhase } from "../timeline.js";
import type { SimProvider } from "../types.js";
import {
  type HandlerContext,
  type ProducedOutput,
  type ProviderModule,
  producedOutputs,
  requestedScenario,
  target,
} from "./shared.js";

const P: SimProvider = "wondercat";

const err = (
  status: number,
  code: string,
  message: string,
  extra: Record<string, unknown> = {},
  headers?: Record<string, string>,
) => json(status, { error: { message, code, ...extra } }, headers);

/** What a run of any blueprint accepts: the prompts of two of its steps. */
const METADATA = {
  inputs: [
    {
      blueprintStepId: "bps_001",
      nodeType: "inferenceNode",
      targetField: "prompt",
      referenceId: "step_abc",
      name: "Generate background",
      stepType: "image",
      currentValue: "a forest at dawn",
    },
    {
      blueprintStepId: "bps_003",
      nodeType: "inferenceNode",
      targetField: "prompt",
      referenceId: "step_ghi",
      name: "Narration",
      stepType: "audio",
      currentValue: "Welcome to the launch.",
    },
  ],
  outputs: [
    { blueprintStepId: "bps_002", nodeType: "outputNode", stepType: "publish", referenceId: "step_def", name: "Render video" },
  ],
};

function output(sim: SimState, run: SimRun, o: ProducedOutput) {
  const type = o.template.tool === "editor" ? "editor" : "inference";
  const out: Record<string, unknown> = {
    type,
    outputId: `${type === "editor" ? "ejo" : "ijo"}_${stable(`${run.id}/${o.file}`, 12)}`,
    url: sim.assetUrl(P, run.id, o.file),
    mimeType: o.template.mime,
  };
  // Absent, not null, where they do not apply (as in the documentation's examples).
  if (o.template.width !== null) out.width = o.template.width;
  if (o.template.height !== null) out.height = o.template.height;
  if (o.template.durationMs !== null) out.durationMs = o.template.durationMs;
  return out;
}

export function wondercatRun(sim: SimState, run: SimRun) {
  const snap = sim.snapshot(run);
  const n = snap.steps.length;
  const produced = new Map(producedOutputs(P, snap, false).map((o) => [o.step, o]));
  // The graph fans out from the first step: every other step waits for it alone.
  const firstDone = snap.steps[0]?.state === "done";
  const steps = snap.steps.map((s, i) => {
    const t = stepTemplate(P, i);
    const file = produced.get(i);
    return {
      stepId: `step_${String(i + 1).padStart(3, "0")}`,
      referenceId: t.referenceId ?? `step_${i + 1}`,
      name: t.name,
      status: stepStatus(P, s.state),
      predecessorsLeft: i === 0 || firstDone ? 0 : 1,
      attemptNo: 1,
      startedAt: isoOrNull(s.startedAt),
      completedAt: isoOrNull(s.completedAt),
      outputs: file ? [output(sim, run, file)] : [],
    };
  });
  // Final outputs are the leaf steps' outputs, reported once the run has ended.
  const ended = isTerminalPhase(snap.phase) && snap.phase !== "cancelled";
  const finalOutputs = ended
    ? [...produced.values()].filter((o) => isFinalStep(P, o.step, n)).map((o) => output(sim, run, o))
    : [];
  return {
    runId: run.id,
    blueprintId: run.target.id,
    status: runStatus(P, snap.phase, sim.opts.unknownStatus),
    startedAt: isoOrNull(snap.startedAt),
    completedAt: isoOrNull(snap.completedAt),
    progress: { totalSteps: n, completedSteps: snap.done, failedSteps: snap.failed, runningSteps: snap.running },
    finalOutputs,
    steps,
  };
}

function startRun({ sim, req, params }: HandlerContext): Reply {
  const t = target(P, params.bp as string);
  if (!t) return err(404, "not_found", "Blueprint not found");
  if (req.badJson) return err(400, "validation_error", "Request body is not valid JSON");
  const body = req.body ?? {};
  if (!isObject(body)) return err(400, "validation_error", "Request body must be a JSON object");
  if (body.inputs !== undefined) {
    if (!Array.isArray(body.inputs)) return err(400, "validation_error", "inputs: must be an array");
    for (const [i, x] of body.inputs.entries()) {
      if (
        !isObject(x) ||
        typeof x.stepReferenceId !== "string" ||
        typeof x.targetField !== "string" ||
        typeof x.value !== "string"
      ) {
        return err(400, "validation_error", `inputs[${i}]: needs string stepReferenceId, targetField and value`);
      }
      const known = METADATA.inputs.some((m) => m.referenceId === x.stepReferenceId && m.targetField === x.targetField);
      if (!known) {
        return err(400, "validation_error", `inputs[${i}]: no input ${x.stepReferenceId}.${x.targetField} in this blueprint`);
      }
    }
  }
  if (body.variationPrompt !== undefined && (typeof body.variationPrompt !== "string" || body.variationPrompt.length > 5000)) {
    return err(400, "validation_error", "variationPrompt: must be a string of at most 5000 characters");
  }
  for (const k of ["skipMissingTextInputs", "skipMissingMediaInputs"]) {
    if (body[k] !== undefined && typeof body[k] !== "boolean") return err(400, "validation_error", `${k}: must be a boolean`);
  }
  const run = sim.createRun(P, t, { scenario: requestedScenario(P, req) });
  return json(201, { runId: run.id });
}

function listRuns({ sim, params }: HandlerContext): Reply {
  const t = target(P, params.bp as string);
  if (!t) return err(404, "not_found", "Blueprint not found");
  const runs = sim
    .listRuns(P, t.id)
    .sort((a, b) => b.seq - a.seq)
    .map((run) => {
      const r = wondercatRun(sim, run);
      const thumb = r.steps.flatMap((s) => s.outputs).find((o) => String(o.mimeType).startsWith("image/"));
      return {
        runId: r.runId,
        blueprintId: r.blueprintId,
        status: r.status,
        thumbnailUrl: thumb ? (thumb.url as string) : null,
        startedAt: r.startedAt,
        completedAt: r.completedAt,
      };
    });
  return json(200, runs);
}

function metadata({ params }: HandlerContext): Reply {
  return target(P, params.bp as string) ? json(200, METADATA) : err(404, "not_found", "Blueprint not found");
}

function getRun({ sim, params }: HandlerContext): Reply {
  const run = sim.getRun(P, params.runId as string);
  return run ? json(200, wondercatRun(sim, run)) : err(404, "not_found", "Run not found");
}

export const wondercat: ProviderModule = {
  provider: P,
  routes: [
    { method: "POST", pattern: "/blueprints/:bp/runs", name: "start", handle: startRun },
    { method: "GET", pattern: "/blueprints/:bp/runs", name: "list-runs", handle: listRuns },
    { method: "GET", pattern: "/blueprints/:bp/metadata", name: "target", handle: metadata },
    { method: "GET", pattern: "/runs/:runId", name: "status", handle: getRun },
  ],
  readKey: bearer,
  unauthorized: () => err(401, "unauthorized", "Invalid API key"),
  noRoute: () => err(404, "not_found", "Not found"),
  tooManyRequests(f, sim) {
    const sec = f.retryAfterSec ?? 1;
    if (f.code === "rate_limit_exceeded") {
      return err(429, "rate_limit_exceeded", "Rate limit exceeded", {}, { "Retry-After": String(sec) });
    }
    return err(429, "throttled", "Action throttled; retry later", { deferUntil: iso(sim.now() + sec * 1000) });
  },
  serverError: (status) => err(status, "internal_server_error", "Internal server error"),
  invalid: (message) => err(400, "validation_error", message),
};
