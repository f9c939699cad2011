import {
  kindFromMime,
  kindFromUrl,
  makeOutput,
  makeRun,
  mapState,
  type Output,
  type Progress,
  type Run,
  type RunError,
  type RunState,
  type Step,
  type View,
} from "@runstatus/core";
import type { WondercatOutput, WondercatProgress, WondercatRun, WondercatStep } from "./wondercat-types.js";

export const PROVIDER = "wondercat";

/** Run status → state (design's state mapping). Both spellings of cancelled are accepted (open question 18). */
export const RUN_STATES: Readonly<Record<string, RunState>> = {
  queued: "queued",
  running: "running",
  succeeded: "succeeded",
  failed: "failed",
  canceled: "cancelled",
  cancelled: "cancelled",
};

/** Step status → state. The docs say `skipped` and `locked` steps count as completed. */
export const STEP_STATES: Readonly<Record<string, RunState>> = {
  ...RUN_STATES,
  skipped: "succeeded",
  locked: "succeeded",
};

/** Maps the body of `GET /runs/{runId}` to the run model. */
export function toRun(ids: readonly string[], run: View<WondercatRun>): Run {
  const providerStatus = run.str("status");
  const state = mapState(RUN_STATES, providerStatus);
  const progress = toProgress(run.optObj<WondercatProgress>("progress"));
  const steps = run.list<WondercatStep>("steps", true).map(toStep);
  return makeRun({
    provider: PROVIDER,
    ids,
    state,
    providerStatus,
    progress,
    steps,
    outputs: run.list<WondercatOutput>("finalOutputs", true).map(toOutput),
    error: state === "failed" ? failure(progress, steps) : null,
    startedAt: run.optStr("startedAt"),
    completedAt: run.optStr("completedAt"),
  });
}

function toProgress(p: View<WondercatProgress> | null): Progress | null {
  if (!p) return null;
  const out: Progress = { completed: p.num("completedSteps"), total: p.num("totalSteps") };
  const failed = p.optNum("failedSteps");
  const running = p.optNum("runningSteps");
  if (failed !== null) out.failed = failed;
  if (running !== null) out.running = running;
  return out;
}

function toStep(s: View<WondercatStep>): Step {
  const providerStatus = s.str("status");
  const id = s.optStr("stepId");
  return {
    id,
    // A step without a name is still worth showing: fall back to its reference id, then its id.
    name: s.optStr("name") ?? s.optStr("referenceId") ?? id ?? s.fail("name", "is missing"),
    state: mapState(STEP_STATES, providerStatus),
    providerStatus,
    startedAt: s.optStr("startedAt"),
    completedAt: s.optStr("completedAt"),
    outputs: s.list<WondercatOutput>("outputs", true).map(toOutput),
  };
}

function toOutput(o: View<WondercatOutput>): Output {
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
    // URL lifetime is undocumented (open question 21): no expiry is claimed.
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
