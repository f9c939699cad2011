import { type CallContext, type RunProvider, redact } from "@runstatus/core";
import { type AdapterOptions, type ApiResponse, defineAdapter } from "@runstatus/core/adapter";
import { createOnePinClient, OPTION_HEADERS } from "./onepin-client.js";
import { readOnePinError } from "./onepin-error.js";
import { onePinStartBody } from "./onepin-input.js";
import { toOnePinRun } from "./onepin-map.js";

/** The variable the key is read from when `apiKey` is not given. */
export const ONEPIN_KEY_ENV = "ONEPIN_API_KEY";

export interface OnePinAdapterOptions extends AdapterOptions {
  /** Sent as `X-Workspace-Id` (needed with a Clerk token; with an API key it must match the key's workspace). */
  workspaceId?: string;
}

/**
 * The runstatus adapter for OnePin. Key from `apiKey` or ONEPIN_API_KEY (read at first use);
 * references are `onepin:<workflow_id>/<run_id>`. One request per call; no retries here.
 */
export function onepin(options: OnePinAdapterOptions = {}): RunProvider {
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
    options,
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
        async start(workflow_id, input, ctx) {
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
      };
    },
  );
}

/** `meta.request_id` from the body, else the header's; meta is not needed for the run, so a malformed one is ignored. */
function requestId(a: ApiResponse, secret: string | null): string | null {
  const id = (a.body as { meta?: { request_id?: unknown } | null } | null)?.meta?.request_id;
  return typeof id === "string" && id !== "" ? redact(id, [secret]) : a.requestId;
}
