import type { Run, RunState, Step } from "@runstatus/core";
import { kindFromUrl, makeOutput, makeRun, mapState, mimeFromUrl, type View } from "@runstatus/core";
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
export function mapExecution(root: View<ModelsLabExecutionResponse>, ids: readonly string[]): Run {
  const execution = root.obj<ModelsLabExecution>("execution");
  // The body must carry its id (the spec requires it), but the run keeps the ids it was asked
  // for, as every adapter does, so `ref` always fetches this run again.
  execution.id("id");
  const providerStatus = execution.str("status");
  const state = mapState(MODELSLAB_STATES, providerStatus);
  const steps = root.list<ModelsLabStep>("steps", true).map((s): Step => {
    const status = s.str("status");
    return {
      id: null,
      name: s.str("name"),
      state: mapState(MODELSLAB_STATES, status),
      providerStatus: status,
      startedAt: s.optStr("started_at"),
      completedAt: s.optStr("completed_at"),
      outputs: [],
    };
  });
  const count = (s: RunState) => steps.filter((step) => step.state === s).length;
  const errorText = root.optStr("error");
  return makeRun({
    provider: "modelslab",
    ids,
    state,
    providerStatus,
    // ModelsLab lists only the steps an execution has reached, so the total is unknown while it
    // runs and after it fails or is cancelled. Once it completed, the list is the whole workflow.
    progress:
      root.v.steps == null
        ? null
        : {
            completed: count("succeeded"),
            total: state === "succeeded" ? steps.length : null,
            failed: count("failed"),
            running: count("running"),
          },
    steps,
    // Only `output.output` holds results; `proxy_links` are CDN mirrors of the same files.
    // Workflow results carry no mime type, dimensions, duration or documented expiry.
    outputs: (root.optObj<ModelsLabExecutionOutput>("output")?.strs("output") ?? []).map((url) =>
      makeOutput({ url, kind: kindFromUrl(url), mimeType: mimeFromUrl(url) }),
    ),
    error: errorText && state !== "succeeded" ? { message: errorText } : null,
    startedAt: execution.optStr("started_at"),
    completedAt: execution.optStr("completed_at"),
  });
}
