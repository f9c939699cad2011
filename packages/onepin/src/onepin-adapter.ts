import {
  type AdapterOptions,
  type Answer,
  type ApiCallResult,
  type CallContext,
  type Capabilities,
  checkIds,
  lazyClient,
  makeRun,
  mapState,
  optionHeaders,
  type PollResult,
  type Run,
  type RunProvider,
  type RunState,
  redact,
  type StartInput,
  UsageError,
} from "@runstatus/core";
import { createOnePinClient, OPTION_HEADERS } from "./onepin-client.js";
import { readOnePinError } from "./onepin-error.js";
import type { OnePinRunSnapshot, OnePinStartRunRequest } from "./onepin-types.js";

const PROVIDER = "onepin";

/** OnePin run status → run state (design: state mapping). Anything else maps to `unknown`. */
export const ONEPIN_STATES: Readonly<Record<string, RunState>> = {
  pending: "queued",
  running: "running",
  paused: "paused",
  completed: "succeeded",
  failed: "failed",
  cancelled: "cancelled",
};

/** The `--input` keys `start` accepts: the optional body of OnePin's start-run call. */
export const ONEPIN_START_INPUTS = ["script_text", "source_language"] as const;

export interface OnePinAdapterOptions extends AdapterOptions {
  /** Sent as `X-Workspace-Id` (needed with a Clerk token; with an API key it must match the key's workspace). */
  workspaceId?: string;
}

/**
 * The runstatus adapter for OnePin. Key from `apiKey` or ONEPIN_API_KEY (read at first use);
 * references are `onepin:<workflow_id>/<run_id>`. One request per call; no retries here.
 */
export function onepin(options: OnePinAdapterOptions = {}): RunProvider {
  optionHeaders(options, OPTION_HEADERS, "onepin()");
  const api = lazyClient(PROVIDER, "ONEPIN_API_KEY", options, createOnePinClient, readOnePinError);
  const capabilities: Capabilities = {
    start: true,
    cancel: true,
    pause: true,
    // OnePin documents a run list, but RunProvider has no list method: listing stays on the client.
    list: false,
    webhooks: false,
    progress: true,
  };
  const self: RunProvider = {
    name: PROVIDER,
    refSegments: ["workflow_id", "run_id"],
    capabilities,

    async get(ids, ctx): Promise<PollResult> {
      const [workflow_id, run_id] = checkIds(self, ids) as [string, string];
      const a = await api.call(ctx, (c, o) =>
        c.GET("/api/v1/workflows/{workflow_id}/runs/{run_id}/status", { ...o, params: { path: { workflow_id, run_id } } }),
      );
      return { run: toRun(a, ids), retryAfterMs: a.retryAfterMs, requestId: requestId(a, api.secret()) };
    },

    async start(workflow_id: string, input: StartInput, ctx?: CallContext) {
      const body = startBody(input);
      const a = await api.call(ctx, (c, o) =>
        c.POST("/api/v1/workflows/{workflow_id}/runs", { ...o, params: { path: { workflow_id } }, body }),
      );
      const ids = [workflow_id, a.view().obj("data").id("id")];
      return { ids, run: toRun(a, ids) };
    },

    cancel: (ids, ctx) => control("cancel", ids, ctx),
    pause: (ids, ctx) => control("pause", ids, ctx),
    resume: (ids, ctx) => control("resume", ids, ctx),

    // OnePin documents no rate-limit numbers.
    budget: () => null,
  };

  async function control(action: "cancel" | "pause" | "resume", ids: readonly string[], ctx?: CallContext): Promise<Run> {
    const [workflow_id, run_id] = checkIds(self, ids) as [string, string];
    const a = await api.call(ctx, (c, o) =>
      c.POST(`/api/v1/workflows/{workflow_id}/runs/{run_id}/${action}`, { ...o, params: { path: { workflow_id, run_id } } }),
    );
    return toRun(a, ids);
  }

  return self;
}

/** CLI inputs → the optional start body; undefined when there is nothing to send (the body may be omitted). */
function startBody(input: StartInput): OnePinStartRunRequest | undefined {
  const fail = (why: string): never => {
    throw new UsageError(`onepin: ${why}; allowed inputs (strings): ${ONEPIN_START_INPUTS.join(", ")}`, {
      provider: PROVIDER,
    });
  };
  if (typeof input !== "object" || input === null) fail("start inputs must be an object of key=value pairs");
  const body: Record<string, string> = {};
  for (const [key, value] of Object.entries(input)) {
    if (!(ONEPIN_START_INPUTS as readonly string[]).includes(key)) fail(`unknown input ${JSON.stringify(key)}`);
    if (typeof value !== "string") fail(`input ${JSON.stringify(key)} must be a string (got ${typeof value})`);
    body[key] = value as string;
  }
  return Object.keys(body).length ? body : undefined;
}

/** Maps a `{ data: run, meta }` body (status, start, cancel, pause, resume) to the run model. */
function toRun(a: Answer, ids: readonly string[]): Run {
  // Typed by the spec: a field the spec drops stops compiling here (issue 5, worked upgrade).
  const data = a.view().obj<OnePinRunSnapshot>("data");
  const providerStatus = data.str("status");
  const state = mapState(ONEPIN_STATES, providerStatus);
  const completed = data.optNum("finished_steps");
  const total = data.optNum("total_steps");
  const failure = data.optStr("error");
  return makeRun({
    provider: PROVIDER,
    ids,
    state,
    providerStatus,
    progress: completed === null && total === null ? null : { completed: completed ?? 0, total },
    // The status call carries no steps and no outputs (design: one request per poll).
    error: state === "failed" && failure !== null ? { message: failure } : null,
    createdAt: data.optStr("created_at"),
    startedAt: data.optStr("started_at"),
    completedAt: data.optStr("completed_at"),
  });
}

/** `meta.request_id` from the body, else the header's; meta is not needed for the run, so a malformed one is ignored. */
function requestId(a: ApiCallResult, secret: string | null): string | null {
  const id = (a.body as { meta?: { request_id?: unknown } | null } | null)?.meta?.request_id;
  return typeof id === "string" && id !== "" ? redact(id, [secret]) : a.requestId;
}
