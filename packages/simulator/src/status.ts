import type { StepState } from "./timeline.js";
import type { Phase, SimProvider } from "./types.js";

/**
 * Run status strings per provider, as their specs spell them. Providers without a pause or a
 * partial status report the nearest documented one (a paused run cannot happen there; partial
 * ends failed). `unknown` is the configured out-of-enum string.
 */
const RUN_STATUS: Record<SimProvider, Record<Exclude<Phase, "unknown">, string>> = {
  magnific: {
    queued: "pending",
    running: "running",
    paused: "running",
    succeeded: "completed",
    partial: "completed_with_errors",
    failed: "failed",
    cancelled: "cancelled",
  },
  onepin: {
    queued: "pending",
    running: "running",
    paused: "paused",
    succeeded: "completed",
    partial: "failed",
    failed: "failed",
    cancelled: "cancelled",
  },
  wondercat: {
    queued: "queued",
    running: "running",
    paused: "running",
    succeeded: "succeeded",
    partial: "failed",
    failed: "failed",
    // The platform's own spelling (one "l"); the spec accepts both.
    cancelled: "canceled",
  },
  modelslab: {
    queued: "pending",
    running: "running",
    paused: "running",
    succeeded: "completed",
    partial: "failed",
    failed: "failed",
    cancelled: "cancelled",
  },
};

export function runStatus(provider: SimProvider, phase: Phase, unknownStatus: string): string {
  return phase === "unknown" ? unknownStatus : RUN_STATUS[provider][phase];
}

const STEP_STATUS: Record<SimProvider, Record<StepState, string>> = {
  magnific: { pending: "pending", running: "running", done: "completed", failed: "failed", cancelled: "cancelled" },
  onepin: { pending: "pending", running: "running", done: "completed", failed: "failed", cancelled: "cancelled" },
  wondercat: { pending: "queued", running: "running", done: "succeeded", failed: "failed", cancelled: "canceled" },
  modelslab: { pending: "pending", running: "running", done: "completed", failed: "failed", cancelled: "cancelled" },
};

export function stepStatus(provider: SimProvider, s: StepState): string {
  return STEP_STATUS[provider][s];
}
