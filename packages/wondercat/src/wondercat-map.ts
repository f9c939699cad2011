import {
  kindFromMime,
  kindFromUrl,
  makeOutput,
  makeRun,
  mapState,
  type Output,
  type Progress,
  type Reader,
  type Run,
  type RunError,
  type RunState,
  type Step,
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
export function toRun(ids: readonly string[], body: unknown, r: Reader): Run {
  const run = r.obj<WondercatRun>(body, "$");
  const providerStatus = r.str(run.status, "status");
  const state = mapState(RUN_STATES, providerStatus);
  const progress = toProgress(run.progress, r);
  const steps = r.optArr(run.steps, "steps").map((s, i) => toStep(s, `steps[${i}]`, r));
  return makeRun({
    provider: PROVIDER,
    ids,
    state,
    providerStatus,
    progress,
    steps,
    outputs: r.optArr(run.finalOutputs, "finalOutputs").map((o, i) => toOutput(o, `finalOutputs[${i}]`, r)),
    error: state === "failed" ? failure(progress, steps) : null,
    startedAt: r.optStr(run.startedAt, "startedAt"),
    completedAt: r.optStr(run.completedAt, "completedAt"),
  });
}

function toProgress(v: unknown, r: Reader): Progress | null {
  const p = r.optObj<WondercatProgress>(v, "progress");
  if (!p) return null;
  const out: Progress = {
    completed: r.num(p.completedSteps, "progress.completedSteps"),
    total: r.num(p.totalSteps, "progress.totalSteps"),
  };
  const failed = r.optNum(p.failedSteps, "progress.failedSteps");
  const running = r.optNum(p.runningSteps, "progress.runningSteps");
  if (failed !== null) out.failed = failed;
  if (running !== null) out.running = running;
  return out;
}

function toStep(v: unknown, path: string, r: Reader): Step {
  const s = r.obj<WondercatStep>(v, path);
  const providerStatus = r.str(s.status, `${path}.status`);
  const id = r.optStr(s.stepId, `${path}.stepId`);
  // A step without a name is still worth showing: fall back to its reference id, then its id.
  const name = r.optStr(s.name, `${path}.name`) ?? r.optStr(s.referenceId, `${path}.referenceId`) ?? id;
  return {
    id,
    name: name ?? r.fail(`${path}.name`, "is missing"),
    state: mapState(STEP_STATES, providerStatus),
    providerStatus,
    startedAt: r.optStr(s.startedAt, `${path}.startedAt`),
    completedAt: r.optStr(s.completedAt, `${path}.completedAt`),
    outputs: r.optArr(s.outputs, `${path}.outputs`).map((o, i) => toOutput(o, `${path}.outputs[${i}]`, r)),
  };
}

function toOutput(v: unknown, path: string, r: Reader): Output {
  const o = r.obj<WondercatOutput>(v, path);
  const url = r.str(o.url, `${path}.url`);
  const mimeType = r.optStr(o.mimeType, `${path}.mimeType`);
  return makeOutput({
    url,
    // mimeType is documented as always present; without it the URL's extension is the best hint.
    kind: mimeType ? kindFromMime(mimeType) : kindFromUrl(url),
    mimeType,
    width: r.optNum(o.width, `${path}.width`),
    height: r.optNum(o.height, `${path}.height`),
    durationMs: r.optNum(o.durationMs, `${path}.durationMs`),
    // URL lifetime is undocumented (open question 21): no expiry is claimed.
    expiresAt: null,
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
  const of = progress?.total !== null && progress?.total !== undefined ? ` of ${progress.total}` : "";
  const which = names.length > 0 ? `: ${names.join(", ")}` : "";
  return { message: `${count}${of} step${count === 1 && of === "" ? "" : "s"} failed${which}` };
}
