import type { Output, OutputKind, Run, RunState, WebhookRun } from "@runstatus/core";
import type { RefIds } from "@runstatus/core/adapter";
import { addMs, type BodyReader, makeOutput, makeRun, mapState, mimeFromUrl } from "@runstatus/core/adapter";
import type { MagnificRunResponse, MagnificRunResult, MagnificRunStatus, MagnificRunWebhookEvent } from "./magnific-types.js";

/** The documented lifetime of an asset URL, counted from the asset's `created_at`. */
export const ASSET_URL_TTL_MS = 12 * 60 * 60 * 1000;

/** Get-run status → run state. Any other status maps to `unknown` (the raw value stays in providerStatus). */
export const MAGNIFIC_STATES: Readonly<Record<MagnificRunStatus, RunState>> = {
  pending: "queued",
  running: "running",
  completed: "succeeded",
  completed_with_errors: "partial",
  failed: "failed",
  cancelled: "cancelled",
};

const ASSET_ARRAYS: readonly (readonly [key: "images" | "videos" | "audios", kind: OutputKind])[] = [
  ["images", "image"],
  ["videos", "video"],
  ["audios", "audio"],
];

/** Maps the body of `GET /v1/ai/apps/runs/{run-id}` (`{ data: run }`) to the run model. */
export function toMagnificRun(body: BodyReader<MagnificRunResponse>, ids: RefIds<readonly ["run_id"]>): Run {
  const data = body.obj("data");
  const status = data.str("status");
  const state = mapState(MAGNIFIC_STATES, status);
  const outputs = magnificOutputs(data.optObj("result"));
  const errorMessage = data.optStr("error_message");
  return makeRun({
    provider: "magnific",
    ids,
    state,
    providerStatus: status,
    outputs,
    error: (state === "failed" || state === "partial") && errorMessage !== null ? { message: errorMessage } : null,
    startedAt: data.optStr("started_at"),
    completedAt: data.optStr("completed_at"),
  });
}

/** The assets of a `result` (get-run body or webhook payload) as outputs, in images, videos, audios order. */
function magnificOutputs(result: BodyReader<MagnificRunResult> | null): Output[] {
  const outputs: Output[] = [];
  for (const [key, kind] of ASSET_ARRAYS) {
    for (const asset of result?.list(key, true) ?? []) {
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
  return outputs;
}

/** Webhook event name → run state; the `status` field, where a payload carries one, decides first. */
export const MAGNIFIC_WEBHOOK_EVENTS: Readonly<Record<string, RunState>> = {
  initialized: "running",
  finished: "succeeded",
  failed: "failed",
};

/**
 * Maps a webhook payload (`run_id`, then `event`, `status` and `result` where present) to the run
 * it describes. `state` is null when the payload says nothing the mapping knows; the run then has
 * state `unknown`.
 */
export function toMagnificWebhookEvent(body: BodyReader<MagnificRunWebhookEvent>): WebhookRun {
  const ids = [body.id("run_id")];
  const event = body.optStr("event");
  const status = body.optStr("status");
  let state: RunState | null = status === null ? null : mapState(MAGNIFIC_STATES, status);
  if (state === null || state === "unknown")
    state = event !== null && Object.hasOwn(MAGNIFIC_WEBHOOK_EVENTS, event) ? (MAGNIFIC_WEBHOOK_EVENTS[event] as RunState) : null;
  const run = makeRun({
    provider: "magnific",
    ids,
    state: state ?? "unknown",
    providerStatus: status ?? event ?? "",
    outputs: magnificOutputs(body.optObj("result")),
  });
  return { ids, event, state, run };
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
