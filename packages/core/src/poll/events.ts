import { type ErrorKind, RunStatusError } from "../errors.js";
import type { Run, RunState } from "../types.js";

/**
 * What the poller does, as it does it, for logs, metrics and live displays. Every event names the
 * run (`ref`, `provider`) and carries `at`, the poller's clock time in ms (with the real clock a
 * monotonic `performance.now()`: compare events with each other, or take `Date.now()` on receipt). Events hold plain data only: no adapter, request, response, header or error object,
 * and no message text, so they never carry a key.
 *
 * In the order they happen for one poll: `poll`, then `answer` (and `state` when the state word
 * changed) or `retry`; `hint` when a server hint made the next poll later than planned; `budget`
 * when a rate budget holds a poll back; `end` once, last.
 */
export type PollEvent =
  | PollSentEvent
  | PollAnswerEvent
  | PollStateEvent
  | PollRetryEvent
  | PollHintEvent
  | PollBudgetEvent
  | PollEndEvent;

/** The fields every event has. */
export interface PollEventBase {
  /** The run reference, e.g. "onepin:<workflow_id>/<run_id>". */
  ref: string;
  /** The adapter's name. */
  provider: string;
  /** Clock time of the event, ms (the poller's clock: `performance.now()` with the real clock). */
  at: number;
}

/** A status request went out. */
export interface PollSentEvent extends PollEventBase {
  type: "poll";
  /** 1 for the first request of the wait, counting every request sent. */
  poll: number;
  /** 1, or the number of this try after consecutive transient failures (2 for the first retry). */
  attempt: number;
}

/** A status request was answered with a run. */
export interface PollAnswerEvent extends PollEventBase {
  type: "answer";
  run: Run;
  /** Whether the snapshot differs from the previous one (`onUpdate` is called exactly then). */
  changed: boolean;
  /** Time from sending the request to its answer, ms. */
  durationMs: number;
}

/** The run's state word changed (the first answer counts as a change from `null`). */
export interface PollStateEvent extends PollEventBase {
  type: "state";
  from: RunState | null;
  to: RunState;
  run: Run;
}

/** Why a request failed, as plain fields of the error (never its message). */
export interface PollEventCause {
  kind: ErrorKind;
  /** HTTP status, for an API error. */
  status: number | null;
  /** The provider's own error code (e.g. "RATE_LIMITED"), when it sent one. */
  code: string | null;
  /** The system error code of a network failure (e.g. "ECONNREFUSED"), when known. */
  errno: string | null;
}

/** A transient failure (network, 408, 425, 429, 5xx): the request is tried again after `delayMs`. */
export interface PollRetryEvent extends PollEventBase {
  type: "retry";
  cause: PollEventCause;
  /** This failure's number among consecutive failures (1 for the first). */
  attempt: number;
  /** Consecutive failures tolerated (`maxRetries`). */
  maxRetries: number;
  /** Wait before the next try, ms (backoff, or the server hint when that is longer). */
  delayMs: number;
  /** The server's hint (Retry-After or the provider's equivalent), ms, when it sent one. */
  hintMs: number | null;
}

/** A server hint (Retry-After or the provider's equivalent) set the next poll later than the schedule would. */
export interface PollHintEvent extends PollEventBase {
  type: "hint";
  /** The hint came with an answer (the next poll), or with an error (the retry; a `retry` event follows). */
  after: "answer" | "error";
  /** The hint, ms. */
  hintMs: number;
  /** Wait before the next poll, ms (the hint plus jitter). */
  delayMs: number;
  /** What the schedule or backoff alone would have waited, ms. */
  plannedMs: number;
}

/** A poll was due but the provider's rate budget is spent: it is sent after `delayMs`. */
export interface PollBudgetEvent extends PollEventBase {
  type: "budget";
  delayMs: number;
  /** The budget: at most `limit` requests per `windowMs`. */
  limit: number;
  windowMs: number;
}

/** The wait ended: the run turned terminal, the wait failed, or its consumer stopped it. */
export interface PollEndEvent extends PollEventBase {
  type: "end";
  reason: "terminal" | "error" | "stopped";
  /** The terminal run, or the last snapshot seen (null when none arrived). */
  run: Run | null;
  /** Why the wait failed (`reason: "error"`), e.g. kind "timeout" or "aborted". */
  error: PollEventCause | null;
  /** Status requests sent during the wait. */
  polls: number;
}

/** Called with every event of a wait; see {@link PollEvent}. */
export type PollEventListener = (event: PollEvent) => void;

const CODE = /^[A-Z][A-Z0-9_]{1,47}$/;

/** The plain fields of an error for an event: kind, HTTP status, provider code, network errno. */
export function causeOf(err: unknown): PollEventCause {
  if (!RunStatusError.is(err)) return { kind: "transport", status: null, code: null, errno: null };
  const e = err as RunStatusError & { status?: unknown; code?: unknown };
  const status = typeof e.status === "number" ? e.status : null;
  const code = status !== null && typeof e.code === "string" ? e.code.slice(0, 80) : null;
  return { kind: e.kind, status, code, errno: e.kind === "transport" ? errnoOf(e) : null };
}

/** A system error code found on a transport error or its causes ("ECONNREFUSED"), else null. */
function errnoOf(err: object): string | null {
  let x: unknown = err;
  for (let depth = 0; depth < 4 && typeof x === "object" && x !== null; depth++) {
    for (const f of ["errno", "code"] as const) {
      const v = (x as Record<string, unknown>)[f];
      if (typeof v === "string" && CODE.test(v)) return v;
    }
    x = (x as { cause?: unknown }).cause;
  }
  return null;
}

/** Delivers an event; a listener that throws does not disturb the wait (its error is rethrown on its own). */
export function emit(listener: PollEventListener | undefined, event: PollEvent): void {
  if (!listener) return;
  try {
    listener(event);
  } catch (err) {
    queueMicrotask(() => {
      throw err;
    });
  }
}

type Body<E> = E extends PollEvent ? Omit<E, keyof PollEventBase> : never;
/** An event without the fields every event has (the poller adds them). */
export type PollEventBody = Body<PollEvent>;
