import type { Output, Progress, Run, RunState, Step } from "@runstatus/core";
import { kindFromUrl, makeOutput, makeRun, mapState, mimeFromUrl, type Reader } from "@runstatus/core";
import type {
  ModelsLabExecution,
  ModelsLabExecutionOutput,
  ModelsLabExecutionResponse,
  ModelsLabExecutionStatus,
  ModelsLabStep,
} from "./modelslab-types.js";

/** `execution.status` → run state (design, "State mapping"); anything else maps to `unknown`. */
export const MODELSLAB_STATES: Readonly<Record<ModelsLabExecutionStatus, RunState>> = {
  pending: "queued",
  running: "running",
  completed: "succeeded",
  failed: "failed",
  cancelled: "cancelled",
};

/**
 * Maps the body of `GET /{workflow_id}/runs/{execution_id}` to the run model. The envelope's
 * `status: "success"` is ignored on purpose: it wraps failed executions too.
 */
export function mapExecution(r: Reader, body: unknown, workflowId: string): Run {
  const root = r.obj<ModelsLabExecutionResponse>(body, "body");
  const execution = r.obj<ModelsLabExecution>(root.execution, "execution");
  const executionId = r.id(execution.id, "execution.id");
  const providerStatus = r.str(execution.status, "execution.status");
  const state = mapState(MODELSLAB_STATES, providerStatus);
  const stepsSent = root.steps !== undefined && root.steps !== null;
  const steps = r.optArr(root.steps, "steps").map((s, i) => mapStep(r, s, `steps[${i}]`));
  const errorText = r.optStr(root.error, "error");
  return makeRun({
    provider: "modelslab",
    ids: [workflowId, executionId],
    state,
    providerStatus,
    progress: stepsSent ? progressOf(steps, state) : null,
    steps,
    outputs: outputsOf(r, root.output),
    error: errorText && state !== "succeeded" ? { message: errorText } : null,
    startedAt: r.optStr(execution.started_at, "execution.started_at"),
    completedAt: r.optStr(execution.completed_at, "execution.completed_at"),
  });
}

function mapStep(r: Reader, raw: unknown, path: string): Step {
  const s = r.obj<ModelsLabStep>(raw, path);
  const providerStatus = r.str(s.status, `${path}.status`);
  return {
    id: null,
    name: r.str(s.name, `${path}.name`),
    state: mapState(MODELSLAB_STATES, providerStatus),
    providerStatus,
    startedAt: r.optStr(s.started_at, `${path}.started_at`),
    completedAt: r.optStr(s.completed_at, `${path}.completed_at`),
    outputs: [],
  };
}

/**
 * ModelsLab lists only the steps an execution has reached, so the total is unknown while it runs
 * and after it fails or is cancelled. Once it completed, every step was reached: the list is
 * the whole workflow and its length is the total.
 */
function progressOf(steps: readonly Step[], state: RunState): Progress {
  const count = (s: RunState) => steps.filter((step) => step.state === s).length;
  return {
    completed: count("succeeded"),
    total: state === "succeeded" ? steps.length : null,
    failed: count("failed"),
    running: count("running"),
  };
}

// Only `output.output` holds results; `proxy_links` are CDN mirrors of the same files.
function outputsOf(r: Reader, raw: unknown): Output[] {
  const output = r.optObj<ModelsLabExecutionOutput>(raw, "output");
  if (!output) return [];
  return r.arr(output.output, "output.output").map((u, i) => {
    const url = r.str(u, `output.output[${i}]`);
    // Workflow results carry no mime type, dimensions, duration or documented expiry.
    return makeOutput({ url, kind: kindFromUrl(url), mimeType: mimeFromUrl(url) });
  });
}
