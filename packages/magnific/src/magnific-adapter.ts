import {
  type AdapterOptions,
  addMs,
  type CallContext,
  type Capabilities,
  callApi,
  lazyClient,
  makeOutput,
  makeRun,
  mapState,
  mimeFromUrl,
  type Output,
  type OutputKind,
  type PollResult,
  type Reader,
  type Run,
  type RunProvider,
  type RunState,
  reader,
  type StartInput,
  UsageError,
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
export const MAGNIFIC_STATES: Readonly<Record<string, RunState>> = Object.freeze({
  pending: "queued",
  running: "running",
  completed: "succeeded",
  completed_with_errors: "partial",
  failed: "failed",
  cancelled: "cancelled",
});

/**
 * The `start` input key that becomes the body's `webhook` field instead of an app input.
 * App input ids look like `input-<uuid>-<n>`, so this name cannot collide with one.
 */
export const WEBHOOK_INPUT_KEY = "webhook";

const CAPABILITIES: Capabilities = Object.freeze({
  start: true,
  // No cancel, pause or list-runs endpoint is documented.
  cancel: false,
  pause: false,
  list: false,
  webhooks: true,
  // The run body has no step counts.
  progress: false,
});

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
  const lazy = lazyClient<MagnificClient>(PROVIDER, KEY_ENV_VAR, options, createMagnificClient);
  const call = (signal: AbortSignal | undefined) => ({
    provider: PROVIDER,
    secrets: [lazy.secret()],
    readError: readMagnificError,
    ...(signal ? { signal } : {}),
  });

  return {
    name: PROVIDER,
    refSegments: ["run_id"],
    capabilities: CAPABILITIES,

    async get(ids: readonly string[], ctx: CallContext = {}): Promise<PollResult> {
      const runId = onlyId(ids);
      const client = lazy.client();
      const res = await callApi(call(ctx.signal), () =>
        client.GET("/v1/ai/apps/runs/{run-id}", {
          params: { path: { "run-id": runId } },
          parseAs: "text",
          ...(ctx.signal ? { signal: ctx.signal } : {}),
        }),
      );
      const r = reader(PROVIDER, res.status, res.text, [lazy.secret()]);
      const run = toRun(r, res.body, runId);
      return { run, retryAfterMs: res.retryAfterMs, requestId: res.requestId };
    },

    async start(target: string, input: StartInput, ctx: CallContext = {}): Promise<{ ids: string[]; run?: Run }> {
      const body = startBody(input);
      const client = lazy.client();
      const res = await callApi(call(ctx.signal), () =>
        client.POST("/v1/ai/apps/{app-id}/run", {
          params: { path: { "app-id": target } },
          body,
          parseAs: "text",
          ...(ctx.signal ? { signal: ctx.signal } : {}),
        }),
      );
      const r = reader(PROVIDER, res.status, res.text, [lazy.secret()]);
      const root = r.obj<MagnificRunAccepted>(res.body, "$");
      const runId = r.id(root.workflow_run_identifier, "workflow_run_identifier");
      const status = r.str(root.status, "status");
      // The run call always says "running" (X2); it is still what the provider said, so it is mapped as such.
      const run = makeRun({ provider: PROVIDER, ids: [runId], state: mapState(MAGNIFIC_STATES, status), providerStatus: status });
      return { ids: [runId], run };
    },

    // No budget: Magnific documents none for Apps, and the Freepik-era limit (50 hits/s) is far
    // above any poll rate and counted per IP as well as per key, which one process cannot see.
    budget: () => null,
  };
}

function onlyId(ids: readonly string[]): string {
  const [runId] = ids;
  if (ids.length !== 1 || runId === undefined) {
    throw new UsageError(`${PROVIDER}: expected one id (magnific:<run_id>), got ${ids.length}`, { provider: PROVIDER });
  }
  return runId;
}

function startBody(input: StartInput): { inputs: Record<string, string | number | boolean>; webhook?: string } {
  if (typeof input !== "object" || input === null) {
    throw new UsageError(`${PROVIDER}: start input must be an object of <input id>=<value> pairs`, { provider: PROVIDER });
  }
  const inputs: Record<string, string | number | boolean> = {};
  let webhook: string | undefined;
  for (const [key, value] of Object.entries(input)) {
    if (key === WEBHOOK_INPUT_KEY) {
      webhook = checkWebhook(value);
    } else {
      inputs[key] = value;
    }
  }
  return webhook === undefined ? { inputs } : { inputs, webhook };
}

function checkWebhook(value: unknown): string {
  let ok = false;
  if (typeof value === "string") {
    try {
      const u = new URL(value);
      ok = u.protocol === "https:" || u.protocol === "http:";
    } catch {
      ok = false;
    }
  }
  if (!ok) {
    throw new UsageError(`${PROVIDER}: input "${WEBHOOK_INPUT_KEY}" must be an absolute http(s) URL`, { provider: PROVIDER });
  }
  return value as string;
}

/** Maps a get-run body (`{ data: Run }`) to the run model. */
function toRun(r: Reader, body: unknown, runId: string): Run {
  const data = r.obj<MagnificRun>(r.obj<MagnificRunResponse>(body, "$").data, "data");
  const status = r.str(data.status, "data.status");
  const state = mapState(MAGNIFIC_STATES, status);
  const result = r.optObj<MagnificRunResult>(data.result, "data.result");
  const outputs: Output[] = [];
  if (result) {
    for (const [key, kind] of ASSET_ARRAYS) {
      r.optArr(result[key], `data.result.${key}`).forEach((a, i) => {
        outputs.push(toOutput(r, a, kind, `data.result.${key}[${i}]`));
      });
    }
  }
  const errorMessage = r.optStr(data.error_message, "data.error_message");
  const error = (state === "failed" || state === "partial") && errorMessage !== null ? { message: errorMessage } : null;
  return makeRun({
    provider: PROVIDER,
    ids: [runId],
    state,
    providerStatus: status,
    outputs,
    error,
    startedAt: r.optStr(data.started_at, "data.started_at"),
    completedAt: r.optStr(data.completed_at, "data.completed_at"),
  });
}

function toOutput(r: Reader, value: unknown, kind: OutputKind, path: string): Output {
  const asset = r.obj<MagnificAsset>(value, path);
  const url = r.str(asset.url, `${path}.url`);
  const duration = r.optNum(asset.duration, `${path}.duration`);
  return makeOutput({
    url,
    kind,
    mimeType: mimeFromUrl(url),
    width: r.optNum(asset.width, `${path}.width`),
    height: r.optNum(asset.height, `${path}.height`),
    durationMs: duration === null ? null : Math.round(duration * 1000),
    expiresAt: tokenExpiry(url) ?? addMs(r.optStr(asset.created_at, `${path}.created_at`), ASSET_URL_TTL_MS),
  });
}

/**
 * The expiry carried by a signed CDN URL: `token=exp_<unix seconds>~hmac_<…>`. The format is
 * inferred from the documented example URLs, so anything else yields null (then created_at + 12 h).
 */
export function tokenExpiry(url: string): string | null {
  let token: string | null;
  try {
    token = new URL(url).searchParams.get("token");
  } catch {
    return null;
  }
  const m = token ? /(?:^|~)exp_(\d{1,12})(?:~|$)/.exec(token) : null;
  if (!m) return null;
  const ms = Number(m[1]) * 1000;
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
