import { ApiError, type CallContext, redact, UsageError } from "@runstatus/core";
import { type AdapterOptions, type ApiResponse, defineAdapter } from "@runstatus/core/adapter";
import { createOnePinClient, OPTION_HEADERS } from "./onepin-client.js";
import { readOnePinError } from "./onepin-error.js";
import { type OnePinStartInput, onePinStartBody } from "./onepin-input.js";
import { toOnePinDownload, toOnePinRun } from "./onepin-map.js";

/** The variable the key is read from when `apiKey` is not given. */
export const ONEPIN_KEY_ENV = "ONEPIN_API_KEY";

export interface OnePinAdapterOptions extends AdapterOptions {
  /** Sent as `X-Workspace-Id` (needed with a Clerk token; with an API key it must match the key's workspace). */
  workspaceId?: string;
  /**
   * Whether the facade's `wait` and `watch` read a succeeded run's outputs when it ends: one
   * more request, for the download URL of the run's audio ZIP (the status call carries no
   * outputs). Default true; false leaves `outputs` empty and sends nothing more.
   */
  readOutputs?: boolean;
}

/**
 * The runstatus adapter for OnePin. Key from `apiKey` or ONEPIN_API_KEY (read at first use);
 * references are `onepin:<workflow_id>/<run_id>`. One request per call; no retries here.
 */
export function onepin(options: OnePinAdapterOptions = {}): OnePinAdapter {
  return defineOnePinAdapter(options);
}

function defineOnePinAdapter(options: OnePinAdapterOptions) {
  const readOutputs = options?.readOutputs ?? true;
  if (typeof readOutputs !== "boolean") {
    throw new UsageError("onepin(): `readOutputs` must be true or false", { provider: "onepin" });
  }
  const { readOutputs: _, ...adapterOptions } = options;
  return defineAdapter(
    {
      name: "onepin",
      refSegments: ["workflow_id", "run_id"],
      keyEnv: ONEPIN_KEY_ENV,
      createClient: createOnePinClient,
      readError: readOnePinError,
      optionHeaders: OPTION_HEADERS,
      progress: true,
    },
    adapterOptions,
    (api) => {
      const control = async (action: "cancel" | "pause" | "resume", ids: [string, string], ctx?: CallContext) => {
        const [workflow_id, run_id] = ids;
        const a = await api.call(ctx, (c, o) =>
          c.POST(`/api/v1/workflows/{workflow_id}/runs/{run_id}/${action}`, { ...o, params: { path: { workflow_id, run_id } } }),
        );
        return toOnePinRun(a.read(), ids);
      };
      return {
        async get(ids, ctx) {
          const [workflow_id, run_id] = ids;
          const a = await api.call(ctx, (c, o) =>
            c.GET("/api/v1/workflows/{workflow_id}/runs/{run_id}/status", { ...o, params: { path: { workflow_id, run_id } } }),
          );
          return { ...api.poll(a, toOnePinRun(a.read(), ids)), requestId: requestId(a, api.secret()) };
        },
        async start(workflow_id: string, input: OnePinStartInput, ctx?: CallContext) {
          const body = onePinStartBody(input);
          const a = await api.call(ctx, (c, o) =>
            c.POST("/api/v1/workflows/{workflow_id}/runs", { ...o, params: { path: { workflow_id } }, body }),
          );
          return { ids: [workflow_id, a.read().obj("data").id("id")] };
        },
        cancel: (ids, ctx) => control("cancel", ids, ctx),
        pause: (ids, ctx) => control("pause", ids, ctx),
        resume: (ids, ctx) => control("resume", ids, ctx),
        // OnePin documents no rate-limit numbers.
        budget: () => null,
        // Only a completed run has a download (others answer 409); a 404 means it produced no audio.
        async outputs(ids, run, ctx) {
          if (!readOutputs || run.state !== "succeeded") return run.outputs;
          const [workflow_id, run_id] = ids;
          try {
            const a = await api.call(ctx, (c, o) =>
              c.GET("/api/v1/workflows/{workflow_id}/runs/{run_id}/download", {
                ...o,
                params: { path: { workflow_id, run_id } },
              }),
            );
            return [toOnePinDownload(a.read())];
          } catch (err) {
            if (err instanceof ApiError && err.status === 404) return [];
            throw err;
          }
        },
      };
    },
  );
}

/** `meta.request_id` from the body, else the header's; meta is not needed for the run, so a malformed one is ignored. */
function requestId(a: ApiResponse, secret: string | null): string | null {
  const id = (a.body as { meta?: { request_id?: unknown } | null } | null)?.meta?.request_id;
  return typeof id === "string" && id !== "" ? redact(id, [secret]) : a.requestId;
}

/** The OnePin adapter's type: its name, its `start` inputs and its capabilities, as the facade reads them. */
export interface OnePinAdapter extends ReturnType<typeof defineOnePinAdapter> {}
