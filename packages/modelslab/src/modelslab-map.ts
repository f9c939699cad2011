import type { Run, RunState, Step, WebhookRun } from "@runstatus/core";
import { type BodyReader, kindFromUrl, makeOutput, makeRun, mapState, mimeFromUrl } from "@runstatus/core/adapter";
import type { ModelsLabExecutionResponse, ModelsLabExecutionStatus, ModelsLabWorkflowWebhookEvent } from "./modelslab-types.js";

/** `execution.status` → run state; any other status maps to `unknown`. */
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
export function toModelsLabRun(root: BodyReader<ModelsLabExecutionResponse>, ids: readonly string[]): Run {
  const execution = root.obj("execution");
  // The body must carry its id (the spec requires it), but the run keeps the ids it was asked
  // for, as every adapter does, so `ref` always fetches this run again.
  execution.id("id");
  const providerStatus = execution.str("status");
  const state = mapState(MODELSLAB_STATES, providerStatus);
  const steps = root.list("steps", true).map((s): Step => {
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
      root.raw.steps == null
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
    outputs: (root.optObj("output")?.strs("output") ?? []).map((url) =>
      makeOutput({ url, kind: kindFromUrl(url), mimeType: mimeFromUrl(url) }),
    ),
    error: errorText && state !== "succeeded" ? { message: errorText } : null,
    startedAt: execution.optStr("started_at"),
    completedAt: execution.optStr("completed_at"),
  });
}

/** Webhook event name → run state; `workflow.failed` is inferred (the failure event's name is not documented). */
export const MODELSLAB_WEBHOOK_EVENTS: Readonly<Record<string, RunState>> = {
  "workflow.completed": "succeeded",
  "workflow.failed": "failed",
};

/**
 * Maps a workflow webhook payload to the run it describes: `status` (the get-execution vocabulary)
 * decides, else the event name; `state` is null when neither is known. Outputs come from
 * `output.output` (the payload carries no `proxy_links`).
 */
export function toModelsLabWebhookEvent(body: BodyReader<ModelsLabWorkflowWebhookEvent>): WebhookRun {
  const ids = [body.str("workflow_id"), body.id("execution_id")];
  const event = body.str("event");
  const status = body.optStr("status");
  let state: RunState | null = status === null ? null : mapState(MODELSLAB_STATES, status);
  if (state === null || state === "unknown")
    state = Object.hasOwn(MODELSLAB_WEBHOOK_EVENTS, event) ? (MODELSLAB_WEBHOOK_EVENTS[event] as RunState) : null;
  const run = makeRun({
    provider: "modelslab",
    ids,
    state: state ?? "unknown",
    providerStatus: status ?? event,
    outputs: (body.optObj("output")?.strs("output") ?? []).map((url) =>
      makeOutput({ url, kind: kindFromUrl(url), mimeType: mimeFromUrl(url) }),
    ),
    completedAt: body.optStr("completed_at"),
  });
  return { ids, event, state, run };
}
