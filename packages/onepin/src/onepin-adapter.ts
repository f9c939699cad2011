import {
  type AdapterOptions,
  type ApiCallResult,
  type CallContext,
  type Capabilities,
  callApi,
  lazyClient,
  makeRun,
  mapState,
  type PollResult,
  type ProviderErrorInfo,
  type Run,
  type RunProvider,
  type RunState,
  reader,
  redact,
  type StartInput,
  UsageError,
} from "@runstatus/core";
import { createOnePinClient, type OnePinClient } from "./onepin-client.js";
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

type Secrets = readonly (string | null)[];

/**
 * The runstatus adapter for OnePin. Key from `apiKey` or ONEPIN_API_KEY (read at first use);
 * references are `onepin:<workflow_id>/<run_id>`. One request per call; no retries here.
 */
export function onepin(options: OnePinAdapterOptions = {}): RunProvider {
  const { workspaceId, ...base } = options;
  if (workspaceId !== undefined && (typeof workspaceId !== "string" || workspaceId.trim() === "")) {
    throw new UsageError("onepin(): `workspaceId` must be a non-empty string", { provider: PROVIDER });
  }
  const lazy = lazyClient(PROVIDER, "ONEPIN_API_KEY", base, (o) =>
    createOnePinClient(workspaceId === undefined ? o : { ...o, workspaceId }),
  );

  // The client is built first so that the key is known (and redacted) before any request.
  async function call(
    ctx: CallContext | undefined,
    send: (
      client: OnePinClient,
      signal: AbortSignal | undefined,
    ) => Promise<{ data?: unknown; error?: unknown; response: Response }>,
  ): Promise<{ res: ApiCallResult; secrets: Secrets }> {
    const client = lazy.client();
    const secrets: Secrets = [lazy.secret()];
    const res = await callApi(
      {
        provider: PROVIDER,
        secrets,
        readError: (body, status) => scrub(readOnePinError(body, status), secrets),
        signal: ctx?.signal,
      },
      () => send(client, ctx?.signal),
    );
    return { res, secrets };
  }

  async function control(action: "cancel" | "pause" | "resume", ids: readonly string[], ctx?: CallContext): Promise<Run> {
    const [workflowId, runId] = runIds(ids);
    const path = `/api/v1/workflows/{workflow_id}/runs/{run_id}/${action}` as const;
    const { res, secrets } = await call(ctx, (client, signal) =>
      client.POST(path, { params: { path: { workflow_id: workflowId, run_id: runId } }, parseAs: "text", signal }),
    );
    return toRun(res, [workflowId, runId], secrets).run;
  }

  const capabilities: Capabilities = {
    start: true,
    cancel: true,
    pause: true,
    // OnePin documents a run list, but RunProvider has no list method: listing stays on the client.
    list: false,
    webhooks: false,
    progress: true,
  };

  return {
    name: PROVIDER,
    refSegments: ["workflow_id", "run_id"],
    capabilities,

    async get(ids, ctx): Promise<PollResult> {
      const [workflowId, runId] = runIds(ids);
      const { res, secrets } = await call(ctx, (client, signal) =>
        client.GET("/api/v1/workflows/{workflow_id}/runs/{run_id}/status", {
          params: { path: { workflow_id: workflowId, run_id: runId } },
          parseAs: "text",
          signal,
        }),
      );
      const { run, requestId } = toRun(res, [workflowId, runId], secrets);
      return { run, retryAfterMs: res.retryAfterMs, requestId };
    },

    async start(target: string, input: StartInput, ctx?: CallContext) {
      const body = startBody(input);
      const { res, secrets } = await call(ctx, (client, signal) =>
        client.POST("/api/v1/workflows/{workflow_id}/runs", {
          params: { path: { workflow_id: target } },
          body,
          parseAs: "text",
          signal,
        }),
      );
      const r = reader(PROVIDER, res.status, res.text, secrets);
      const runId = r.id(r.obj(r.obj(res.body, "(body)").data, "data").id, "data.id");
      const ids = [target, runId];
      return { ids, run: toRun(res, ids, secrets).run };
    },

    cancel: (ids, ctx) => control("cancel", ids, ctx),
    pause: (ids, ctx) => control("pause", ids, ctx),
    resume: (ids, ctx) => control("resume", ids, ctx),

    // OnePin documents no rate-limit numbers.
    budget: () => null,
  };
}

function runIds(ids: readonly string[]): [string, string] {
  const [workflowId, runId] = ids;
  if (ids.length !== 2 || !workflowId || !runId) {
    throw new UsageError(
      `onepin: expected a reference of the form onepin:<workflow_id>/<run_id> (got ${ids.length} segment(s))`,
      {
        provider: PROVIDER,
      },
    );
  }
  return [workflowId, runId];
}

/** CLI inputs → the optional start body; undefined when there is nothing to send (the body may be omitted). */
function startBody(input: StartInput): OnePinStartRunRequest | undefined {
  if (typeof input !== "object" || input === null) {
    throw new UsageError("onepin: start inputs must be an object of key=value pairs", { provider: PROVIDER });
  }
  const allowed: readonly string[] = ONEPIN_START_INPUTS;
  const body: Record<string, string> = {};
  for (const [key, value] of Object.entries(input)) {
    if (!allowed.includes(key)) {
      throw new UsageError(`onepin: unknown input ${JSON.stringify(key)}; allowed inputs: ${allowed.join(", ")}`, {
        provider: PROVIDER,
      });
    }
    if (typeof value !== "string") {
      throw new UsageError(`onepin: input ${JSON.stringify(key)} must be a string (got ${typeof value})`, { provider: PROVIDER });
    }
    body[key] = value;
  }
  return Object.keys(body).length ? body : undefined;
}

/** Maps a `{ data: run, meta }` body (status, start, cancel, pause, resume) to the run model. */
function toRun(res: ApiCallResult, ids: readonly string[], secrets: Secrets): { run: Run; requestId: string | null } {
  const r = reader(PROVIDER, res.status, res.text, secrets);
  const root = r.obj(res.body, "(body)");
  // Typed by the spec: a field the spec drops stops compiling here (issue 5, worked upgrade).
  const data = r.obj<OnePinRunSnapshot>(root.data, "data");
  const providerStatus = r.str(data.status, "data.status");
  const state = mapState(ONEPIN_STATES, providerStatus);
  const completed = r.optNum(data.finished_steps, "data.finished_steps");
  const total = r.optNum(data.total_steps, "data.total_steps");
  const failure = r.optStr(data.error, "data.error");
  const run = makeRun({
    provider: PROVIDER,
    ids,
    state,
    providerStatus,
    progress: completed === null && total === null ? null : { completed: completed ?? 0, total },
    // The status call carries no steps and no outputs (design: one request per poll).
    steps: [],
    outputs: [],
    error: state === "failed" && failure !== null ? { message: failure } : null,
    createdAt: r.optStr(data.created_at, "data.created_at"),
    startedAt: r.optStr(data.started_at, "data.started_at"),
    completedAt: r.optStr(data.completed_at, "data.completed_at"),
  });
  // meta is not needed for the run, so a malformed one does not fail the poll.
  const meta = root.meta as { request_id?: unknown } | null | undefined;
  const bodyRequestId = typeof meta?.request_id === "string" && meta.request_id !== "" ? meta.request_id : null;
  return { run, requestId: bodyRequestId ? redact(bodyRequestId, secrets) : res.requestId };
}

// callApi redacts the message and excerpt; code and request id come from the body too, so a
// server that echoes the key there must not carry it into the error either.
function scrub(info: ProviderErrorInfo, secrets: Secrets): ProviderErrorInfo {
  const clean = (v: string | null | undefined) => (typeof v === "string" ? redact(v, secrets) : v);
  return { ...info, code: clean(info.code), requestId: clean(info.requestId) };
}
