import type { Output, Run, RunState } from "@runstatus/core";
import { type BodyReader, makeOutput, makeRun, mapState } from "@runstatus/core/adapter";
import type { OnePinDownloadUrlResponse, OnePinRunStatus, OnePinRunStatusResponse } from "./onepin-types.js";

/** OnePin run status → run state. Any other status maps to `unknown`. */
export const ONEPIN_STATES: Readonly<Record<OnePinRunStatus, RunState>> = {
  pending: "queued",
  running: "running",
  paused: "paused",
  completed: "succeeded",
  failed: "failed",
  cancelled: "cancelled",
};

/**
 * Maps a `{ data: run, meta }` body to the run model: the status call's, and the run that start,
 * cancel, pause and resume answer with (it has every field the status call's has).
 */
export function toOnePinRun(body: BodyReader<OnePinRunStatusResponse>, ids: readonly string[]): Run {
  const data = body.obj("data");
  const providerStatus = data.str("status");
  const state = mapState(ONEPIN_STATES, providerStatus);
  const completed = data.optNum("finished_steps");
  const total = data.optNum("total_steps");
  const failure = data.optStr("error");
  return makeRun({
    provider: "onepin",
    ids,
    state,
    providerStatus,
    progress: completed === null && total === null ? null : { completed: completed ?? 0, total },
    // The status call carries no steps and no outputs: one request per poll.
    error: state === "failed" && failure !== null ? { message: failure } : null,
    createdAt: data.optStr("created_at"),
    startedAt: data.optStr("started_at"),
    completedAt: data.optStr("completed_at"),
  });
}

/** Maps the run download's `{ data: { url, filename, expires_at } }` to one output: the ZIP of the run's audio. */
export function toOnePinDownload(body: BodyReader<OnePinDownloadUrlResponse>): Output {
  const data = body.obj("data");
  return makeOutput({ url: data.str("url"), kind: "file", mimeType: "application/zip", expiresAt: data.optStr("expires_at") });
}
