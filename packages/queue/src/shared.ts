import type { Run } from "@runstatus/core";
import { UsageError } from "@runstatus/core";

/** Names shared by the queue, its workers and event consumers. */
export interface QueueNames {
  /** BullMQ queue name (no ":"). Default "runstatus". */
  name?: string;
  /** Prefix of every Redis key. Default "runstatus". */
  prefix?: string;
}

export interface ResolvedNames {
  name: string;
  prefix: string;
  /** The Redis stream of `updated` and `ended` events. */
  events: string;
}

export function resolveNames(o: QueueNames | undefined, where: string): ResolvedNames {
  const name = o?.name ?? "runstatus";
  const prefix = o?.prefix ?? "runstatus";
  if (typeof name !== "string" || !name || name.includes(":")) {
    throw new UsageError(`${where}: \`name\` must be a non-empty string without ":"`);
  }
  if (typeof prefix !== "string" || !prefix) throw new UsageError(`${where}: \`prefix\` must be a non-empty string`);
  return { name, prefix, events: `${prefix}:${name}:events` };
}

/** The BullMQ job id of a run reference (job ids may not contain ":"); reversible. */
export function jobIdOf(ref: string): string {
  return ref.replace(/%/g, "%25").replace(/:/g, "%3A");
}

/** Per-run signal key: "nudge" (poll again at once) or "stop" (untracked while being polled). */
export function signalKey(n: ResolvedNames, jobId: string): string {
  return `${n.prefix}:${n.name}:signal:${jobId}`;
}

/** Set once the `ended` event of a run was published, so it never is twice. */
export function endedKey(n: ResolvedNames, jobId: string): string {
  return `${n.prefix}:${n.name}:ended:${jobId}`;
}

/** JSON-safe metadata a producer attaches to a tracked run; it travels with every event of the run. */
export type Metadata = Record<string, unknown>;

/** What a worker keeps of a run between polls, in the job's data (plain JSON, no secret). */
export interface TrackedRun {
  ref: string;
  /** Epoch ms after which the run ends with a timeout event; absent for none. */
  deadline?: number;
  metadata?: Metadata;
  trackedAt: number;
  /** Polls answered so far. */
  polls: number;
  /** The last polls (clock ms, state, steps done, steps total), newest last: rebuilds the schedule in any worker. */
  seen: [number, string, number | null, number | null][];
  /** Consecutive transient failures and unknown states. */
  fails: number;
  unknown: number;
  lastRun: Run | null;
}

/** Fields of an error as events carry them: never a stack, a request or a header. */
export interface EventError {
  name: string;
  message: string;
  kind?: string;
  status?: number;
}

/** A run's snapshot changed. */
export interface RunUpdatedEvent {
  type: "updated";
  /** Redis stream entry id: pass it as `from` to resume after this event. */
  id: string;
  ref: string;
  run: Run;
  metadata?: Metadata;
  /** Epoch ms of the poll. */
  at: number;
}

/**
 * A run stopped being tracked, once per run: `terminal` (the run reached a terminal state; `run` is
 * that snapshot), `timeout` (its deadline passed; `error.name` is "TimeoutError") or `error` (a
 * non-retryable error, transient errors past the retry budget, or an unknown status past its bound).
 */
export type RunEndedEvent = {
  type: "ended";
  id: string;
  ref: string;
  metadata?: Metadata;
  at: number;
} & (
  | { reason: "terminal"; run: Run; error?: undefined }
  | { reason: "timeout"; run: Run | null; error: EventError & { name: "TimeoutError" } }
  | { reason: "error"; run: Run | null; error: EventError }
);

export type RunEvent = RunUpdatedEvent | RunEndedEvent;

export function eventError(e: unknown): EventError {
  const o = (e ?? {}) as { name?: unknown; message?: unknown; kind?: unknown; status?: unknown };
  const out: EventError = {
    name: typeof o.name === "string" ? o.name : "Error",
    message: typeof o.message === "string" ? o.message : String(e),
  };
  if (typeof o.kind === "string") out.kind = o.kind;
  if (typeof o.status === "number") out.status = o.status;
  return out;
}
