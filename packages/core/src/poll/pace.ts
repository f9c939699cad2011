import type { Run } from "../types.js";
import type { Schedule } from "./schedule.js";

/** Longest sleep between polls while a run reports a status the mapping does not know. */
export const UNKNOWN_PACE_MS = 5000;

/** The limits a poll delay is kept within: the same options as a wait's. */
export interface PaceLimits {
  minInterval: number;
  maxInterval: number;
  random: () => number;
}

/** A server hint is a floor: jitter only ever adds to it. 0 when there is no usable hint. */
export function hintFloor(ms: number | null | undefined, random: () => number): number {
  return typeof ms === "number" && ms > 0 && Number.isFinite(ms) ? ms * (1 + 0.1 * random()) : 0;
}

/**
 * Ms until the next poll of a run that is not terminal, as a wait computes it: the schedule's gap,
 * bounded by the unknown-status pace while the status is unknown (`unknownPolls` > 0), and never
 * before the server's hint (`retryAfterMs`).
 */
export function pollDelay(
  schedule: Schedule,
  run: Run,
  now: number,
  unknownPolls: number,
  retryAfterMs: number | null | undefined,
  o: PaceLimits,
): number {
  let d = schedule.next(run, now);
  if (!(Number.isFinite(d) && d >= 0)) d = o.maxInterval;
  if (unknownPolls > 0) d = Math.min(d, Math.max(o.minInterval, UNKNOWN_PACE_MS));
  return Math.max(d, hintFloor(retryAfterMs, o.random));
}

/** Ms before retrying after the `attempts`-th transient failure in a row (exponential, capped, jittered, hint as floor). */
export function retryDelay(attempts: number, retryAfterMs: number | null | undefined, o: PaceLimits): number {
  const base = Math.min(o.maxInterval, Math.max(o.minInterval, 1000) * 2 ** (attempts - 1));
  const d = Math.max(o.minInterval, base * (1 - 0.2 * o.random()));
  return Math.max(d, hintFloor(retryAfterMs, o.random));
}
