import type { Output, Progress, Run, RunError, RunState, Step } from "@runstatus/core";
import { type BodyReader, kindFromMime, kindFromUrl, makeOutput, makeRun, mapState } from "@runstatus/core/adapter";
import type {
  WondercatOutput,
  WondercatProgress,
  WondercatRun,
  WondercatRunStatus,
  WondercatStep,
  WondercatStepStatus,
} from "./wondercat-types.js";

/** Run status → state. Both spellings of cancelled are accepted: the docs use both. */
export const WONDERCAT_STATES: Readonly<Record<WondercatRunStatus, RunState>> = {
  queued: "queued",
  running: "running",
  succeeded: "succeeded",
  failed: "failed",
  canceled: "cancelled",
  cancelled: "cancelled",
};

/** Step status → state. The docs say `skipped` and `locked` steps count as completed. */
export const WONDERCAT_STEP_STATES: Readonly<Record<WondercatStepStatus, RunState>> = {
  ...WONDERCAT_STATES,
  skipped: "succeeded",
  locked: "succeeded",
};

/** Maps the body of `GET /runs/{runId}` to the run model. */
export function toWondercatRun(run: BodyReader<WondercatRun>, ids: readonly string[]): Run {
  const providerStatus = run.str("status");
  const state = mapState(WONDERCAT_STATES, providerStatus);
  const progress = toProgress(run.optObj("progress"));
  const steps = run.list("steps", true).map(toStep);
  return makeRun({
    provider: "wondercat",
    ids,
    state,
    providerStatus,
    progress,
    steps,
    outputs: run.list("finalOutputs", true).map(toOutput),
    error: state === "failed" ? failure(progress, steps) : null,
    startedAt: run.optStr("startedAt"),
    completedAt: run.optStr("completedAt"),
  });
}

function toProgress(p: BodyReader<WondercatProgress> | null): Progress | null {
  if (!p) return null;
  const out: Progress = { completed: p.num("completedSteps"), total: p.num("totalSteps") };
  const failed = p.optNum("failedSteps");
  const running = p.optNum("runningSteps");
  if (failed !== null) out.failed = failed;
  if (running !== null) out.running = running;
  return out;
}

function toStep(s: BodyReader<WondercatStep>): Step {
  const providerStatus = s.str("status");
  const id = s.optStr("stepId");
  return {
    id,
    // A step without a name is still worth showing: fall back to its reference id, then its id.
    name: s.optStr("name") ?? s.optStr("referenceId") ?? id ?? s.fail("name", "is missing"),
    state: mapState(WONDERCAT_STEP_STATES, providerStatus),
    providerStatus,
    startedAt: s.optStr("startedAt"),
    completedAt: s.optStr("completedAt"),
    outputs: s.list("outputs", true).map(toOutput),
  };
}

function toOutput(o: BodyReader<WondercatOutput>): Output {
  const url = o.str("url");
  const mimeType = o.optStr("mimeType");
  return makeOutput({
    url,
    // mimeType is documented as always present; without it the URL's extension is the best hint.
    kind: mimeType ? kindFromMime(mimeType) : kindFromUrl(url),
    mimeType,
    width: o.optNum("width"),
    height: o.optNum("height"),
    durationMs: o.optNum("durationMs"),
    // The docs give no URL lifetime, so no expiry is claimed.
  });
}

/**
 * The run body has no error text, so the message is built from what it does say: how many
 * steps failed, of how many, and which ones by name.
 */
function failure(progress: Progress | null, steps: Step[]): RunError {
  const names = steps.filter((s) => s.providerStatus === "failed").map((s) => s.name);
  const count = Math.max(progress?.failed ?? 0, names.length);
  if (count === 0) return { message: "run failed (Wondercat reported no failed step and no error text)" };
  const of = progress?.total != null ? ` of ${progress.total}` : "";
  return {
    message: `${count}${of} step${count === 1 && of === "" ? "" : "s"} failed${names.length ? `: ${names.join(", ")}` : ""}`,
  };
}
