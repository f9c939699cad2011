import {
  type AdapterOptions,
  addMs,
  type CallContext,
  type Capabilities,
  checkIds,
  lazyClient,
  makeOutput,
  makeRun,
  mapState,
  mimeFromUrl,
  type Output,
  type OutputKind,
  type PollResult,
  type Run,
  type RunProvider,
  type RunState,
  type StartInput,
  UsageError,
  type View,
} from "@runstatus/core";
import { createMagnificClient, type MagnificClient } from "./magnific-client.js";
import { readMagnificError } from "./magnific-error.js";
import type {
  MagnificAsset,
  MagnificRun,
  MagnificRunAccepted,
  MagnificRunResponse,
  MagnificRunResult,
} from "./magnific-types.js";

const PROVIDER = "magnific";
const KEY_ENV_VAR = "MAGNIFIC_API_KEY";

/** The documented lifetime of an asset URL, counted from the asset's `created_at`. */
export const ASSET_URL_TTL_MS = 12 * 60 * 60 * 1000;

/** Get-run status → run state. Anything else maps to `unknown` (the raw value stays in providerStatus). */
export const MAGNIFIC_STATES: Readonly<Record<string, RunState>> = {
  pending: "queued",
  running: "running",
  completed: "succeeded",
  completed_with_errors: "partial",
  failed: "failed",
  cancelled: "cancelled",
};

/**
 * The `start` input key that becomes the body's `webhook` field instead of an app input.
 * App input ids look like `input-<uuid>-<n>`, so this name cannot collide with one.
 */
export const WEBHOOK_INPUT_KEY = "webhook";

const CAPABILITIES: Capabilities = {
  start: true,
  // No cancel, pause or list-runs endpoint is documented.
  cancel: false,
  pause: false,
  list: false,
  webhooks: true,
  // The run body has no step counts.
  progress: false,
};

const ASSET_ARRAYS: readonly (readonly [key: "images" | "videos" | "audios", kind: OutputKind])[] = [
  ["images", "image"],
  ["videos", "video"],
  ["audios", "audio"],
];

export type MagnificAdapterOptions = AdapterOptions;

/**
 * The Magnific adapter for the runstatus facade. References are `magnific:<run_id>`; the key comes
 * from `apiKey` or MAGNIFIC_API_KEY, read at the first request.
 */
export function magnific(options: MagnificAdapterOptions = {}): RunProvider {
  const api = lazyClient<MagnificClient>(PROVIDER, KEY_ENV_VAR, options, createMagnificClient, readMagnificError);
  const self: RunProvider = {
    name: PROVIDER,
    refSegments: ["run_id"],
    capabilities: CAPABILITIES,

    async get(ids: readonly string[], ctx?: CallContext): Promise<PollResult> {
      const [runId] = checkIds(self, ids) as [string];
      const a = await api.call(ctx, (c, o) =>
        c.GET("/v1/ai/apps/runs/{run-id}", { ...o, params: { path: { "run-id": runId } } }),
      );
      return {
        run: toRun(a.view<MagnificRunResponse>().obj<MagnificRun>("data"), runId),
        retryAfterMs: a.retryAfterMs,
        requestId: a.requestId,
      };
    },

    async start(target: string, input: StartInput, ctx?: CallContext): Promise<{ ids: string[]; run?: Run }> {
      const body = startBody(input);
      const a = await api.call(ctx, (c, o) =>
        c.POST("/v1/ai/apps/{app-id}/run", { ...o, params: { path: { "app-id": target } }, body }),
      );
      const root = a.view<MagnificRunAccepted>();
      const ids = [root.id("workflow_run_identifier")];
      const status = root.str("status");
      // The run call always says "running" (X2); it is still what the provider said, so it is mapped as such.
      return { ids, run: makeRun({ provider: PROVIDER, ids, state: mapState(MAGNIFIC_STATES, status), providerStatus: status }) };
    },

    // No budget: Magnific documents none for Apps, and the Freepik-era limit (50 hits/s) is far
    // above any poll rate and counted per IP as well as per key, which one process cannot see.
    budget: () => null,
  };
  return self;
}

function startBody(input: StartInput): { inputs: Record<string, string | number>; webhook?: string } {
  if (typeof input !== "object" || input === null) {
    throw new UsageError(`${PROVIDER}: start input must be an object of <input id>=<value> pairs`, { provider: PROVIDER });
  }
  const { [WEBHOOK_INPUT_KEY]: webhook, ...rest } = input;
  const inputs: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(rest)) {
    // Magnific takes strings and numbers only.
    if (typeof value === "boolean") {
      throw new UsageError(`${PROVIDER}: input "${key}" must be a string or a number, not a boolean`, { provider: PROVIDER });
    }
    inputs[key] = value;
  }
  if (webhook === undefined) return { inputs };
  let ok = false;
  try {
    ok = typeof webhook === "string" && /^https?:$/.test(new URL(webhook).protocol);
  } catch {}
  if (!ok) {
    throw new UsageError(`${PROVIDER}: input "${WEBHOOK_INPUT_KEY}" must be an absolute http(s) URL`, { provider: PROVIDER });
  }
  return { inputs, webhook: webhook as string };
}

/** Maps a get-run body's `data` to the run model. */
function toRun(data: View<MagnificRun>, runId: string): Run {
  const status = data.str("status");
  const state = mapState(MAGNIFIC_STATES, status);
  const result = data.optObj<MagnificRunResult>("result");
  const outputs: Output[] = [];
  for (const [key, kind] of ASSET_ARRAYS) {
    for (const asset of result?.list<MagnificAsset>(key, true) ?? []) {
      const url = asset.str("url");
      const duration = asset.optNum("duration");
      outputs.push(
        makeOutput({
          url,
          kind,
          mimeType: mimeFromUrl(url),
          width: asset.optNum("width"),
          height: asset.optNum("height"),
          durationMs: duration === null ? null : Math.round(duration * 1000),
          expiresAt: tokenExpiry(url) ?? addMs(asset.optStr("created_at"), ASSET_URL_TTL_MS),
        }),
      );
    }
  }
  const errorMessage = data.optStr("error_message");
  return makeRun({
    provider: PROVIDER,
    ids: [runId],
    state,
    providerStatus: status,
    outputs,
    error: (state === "failed" || state === "partial") && errorMessage !== null ? { message: errorMessage } : null,
    startedAt: data.optStr("started_at"),
    completedAt: data.optStr("completed_at"),
  });
}

/**
 * The expiry carried by a signed CDN URL: `token=exp_<unix seconds>~hmac_<…>`. The format is
 * inferred from the documented example URLs, so anything else yields null (then created_at + 12 h).
 */
export function tokenExpiry(url: string): string | null {
  let token: string | null = null;
  try {
    token = new URL(url).searchParams.get("token");
  } catch {}
  const m = /(?:^|~)exp_(\d{1,12})(?:~|$)/.exec(token ?? "");
  return m ? new Date(Number(m[1]) * 1000).toISOString() : null;
}
