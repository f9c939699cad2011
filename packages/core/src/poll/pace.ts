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

/** A server hint in ms when it is usable (a positive finite number), else null. */
export function validHint(ms: number | null | undefined): number | null {
  return typeof ms === "number" && ms > 0 && Number.isFinite(ms) ? ms : null;
}

/** A server hint is a floor: jitter only ever adds to it. 0 when there is no usable hint. */
export function hintFloor(ms: number | null | undefined, random: () => number): number {
  const h = validHint(ms);
  return h === null ? 0 : h * (1 + 0.1 * random());
}

/**
 * The schedule's gap before the next poll of a run that is not terminal, before any server hint:
 * the cap when the schedule returns nonsense, and bounded by the unknown-status pace while the status
 * is unknown (`unknownPolls` > 0), so the bound on unknown polls ends a wait in about a minute.
 */
export function scheduleDelay(schedule: Schedule, run: Run, now: number, unknownPolls: number, o: PaceLimits): number {
  let d = schedule.next(run, now);
  if (!(Number.isFinite(d) && d >= 0)) d = o.maxInterval;
  if (unknownPolls > 0) d = Math.min(d, Math.max(o.minInterval, UNKNOWN_PACE_MS));
  return d;
}

/**
 * Ms until the next poll of a run that is not terminal, as a wait computes it: the schedule's gap
 * ({@link scheduleDelay}), never before the server's hint (`retryAfterMs`).
 */
export function pollDelay(
  schedule: Schedule,
  run: Run,
  now: number,
  unknownPolls: number,
  retryAfterMs: number | null | undefined,
  o: PaceLimits,
): number {
  const d = scheduleDelay(schedule, run, now, unknownPolls, o);
  return Math.max(d, hintFloor(retryAfterMs, o.random));
}

/** Backoff before retrying after the `attempts`-th transient failure in a row, before any server hint: exponential, capped, jittered down. */
export function backoffDelay(attempts: number, o: PaceLimits): number {
  const base = Math.min(o.maxInterval, Math.max(o.minInterval, 1000) * 2 ** (attempts - 1));
  return Math.max(o.minInterval, base * (1 - 0.2 * o.random()));
}

/** Ms before retrying after the `attempts`-th transient failure in a row (exponential, capped, jittered, hint as floor). */
export function retryDelay(attempts: number, retryAfterMs: number | null | undefined, o: PaceLimits): number {
  const d = backoffDelay(attempts, o);
  return Math.max(d, hintFloor(retryAfterMs, o.random));
}
