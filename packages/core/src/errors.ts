import type { Run } from "./types.js";

const MARK = Symbol.for("runstatus.error");

export type ErrorKind =
  | "usage"
  | "unsupported"
  | "api"
  | "invalid_response"
  | "transport"
  | "unknown_state"
  | "timeout"
  | "aborted";

// Fields are `declare`d and set in the constructors: emitted class fields would cost bundle bytes
// (the packages have size budgets) for no behaviour.

/**
 * Base of every error this project throws. Fields are plain data (no request, response or
 * headers), so `String(err)` and `JSON.stringify(err)` never carry a secret.
 * `RunStatusError.is(x)` works across duplicate copies of this package.
 */
export class RunStatusError extends Error {
  declare readonly kind: ErrorKind;
  declare readonly provider: string | null;
  /** The last run snapshot seen before the error, when there was one. */
  declare lastRun: Run | null;

  constructor(kind: ErrorKind, message: string, opts: { provider?: string | null; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = "RunStatusError";
    this.kind = kind;
    this.provider = opts.provider ?? null;
    this.lastRun = null;
  }

  // On the prototype (not an own field), so it stays out of `toJSON` and object spreads.
  get [MARK](): true {
    return true;
  }

  static is(x: unknown): x is RunStatusError {
    return typeof x === "object" && x !== null && (x as Record<symbol, unknown>)[MARK] === true;
  }

  /**
   * Whether trying again may succeed: a network error, or an HTTP 408, 425, 429 or 5xx (not an
   * answer that could not be read). The poller retries only these.
   */
  get retryable(): boolean {
    return this.kind === "transport" || (this.kind === "api" && isRetryableStatus((this as unknown as ApiError).status));
  }

  // `cause` is not enumerable (Error's own), so the spread leaves it out; undefined fields vanish in JSON.
  toJSON(): Record<string, unknown> {
    return { name: this.name, kind: this.kind, message: this.message, ...(this as object) };
  }
}

/** Bad arguments, a malformed reference, a missing key: the caller must change something. */
export class UsageError extends RunStatusError {
  constructor(message: string, opts: { provider?: string | null } = {}) {
    super("usage", message, opts);
    this.name = "UsageError";
  }
}

/** The provider has no such operation (e.g. cancel on Magnific). */
export class UnsupportedError extends RunStatusError {
  declare readonly operation: string;
  constructor(provider: string, operation: string) {
    super("unsupported", `${provider} does not support ${operation}`, { provider });
    this.name = "UnsupportedError";
    this.operation = operation;
  }
}

export interface ApiErrorInit {
  provider: string;
  status: number;
  message: string;
  /** The provider's own error code (e.g. "not_found", "RATE_LIMITED"), when it sent one. */
  code?: string | null;
  requestId?: string | null;
  /** Server hint: do not send again before this many ms from when the answer arrived. */
  retryAfterMs?: number | null;
  /** A short, redacted excerpt of the body. */
  excerpt?: string | null;
}

/** The provider answered with an HTTP error. */
export class ApiError extends RunStatusError {
  declare readonly status: number;
  declare readonly code: string | null;
  declare readonly requestId: string | null;
  declare readonly retryAfterMs: number | null;
  declare readonly excerpt: string | null;
  /** How many attempts were made before giving up (set by the poller). */
  declare attempts: number;

  constructor(init: ApiErrorInit, kind: ErrorKind = "api") {
    super(kind, `${init.provider}: HTTP ${init.status}: ${init.message}`, { provider: init.provider });
    this.name = "ApiError";
    this.status = init.status;
    this.code = init.code ?? null;
    this.requestId = init.requestId ?? null;
    this.retryAfterMs = init.retryAfterMs ?? null;
    this.excerpt = init.excerpt ?? null;
    this.attempts = 1;
  }
}

export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

/** A response that is not JSON, is cut off, or lacks fields the mapping needs. */
export class InvalidResponseError extends ApiError {
  constructor(init: ApiErrorInit) {
    super(init, "invalid_response");
    this.name = "InvalidResponseError";
  }
}

/** The request never got an HTTP answer (connection refused, reset, DNS, TLS). Retryable. */
export class TransportError extends RunStatusError {
  declare attempts: number;
  constructor(provider: string, message: string, cause?: unknown) {
    super("transport", `${provider}: ${message}`, { provider, cause });
    this.name = "TransportError";
    this.attempts = 1;
  }
}

/** The provider kept reporting a status the mapping does not know. */
export class UnknownStateError extends RunStatusError {
  declare readonly providerStatus: string;
  constructor(provider: string, providerStatus: string, polls: number) {
    super("unknown_state", `${provider} reported unknown status "${providerStatus}" ${polls} times in a row`, { provider });
    this.name = "UnknownStateError";
    this.providerStatus = providerStatus;
  }
}

/** The deadline passed before the run ended. */
export class TimeoutError extends RunStatusError {
  declare readonly timeoutMs: number;
  constructor(provider: string | null, timeoutMs: number) {
    super("timeout", `gave up waiting after ${timeoutMs} ms${provider ? ` for ${provider}` : ""}`, { provider });
    this.name = "TimeoutError";
    this.timeoutMs = timeoutMs;
  }
}

/** The caller's AbortSignal fired. */
export class AbortError extends RunStatusError {
  constructor(provider: string | null = null, reason?: unknown) {
    super("aborted", "aborted", { provider, cause: reason });
    this.name = "AbortError";
  }
}

/** Removes every secret from a text (used on body excerpts before they reach an error). */
export function redact(text: string, secrets: readonly (string | null | undefined)[]): string {
  for (const s of secrets) if (s && s.length >= 4) text = text.split(s).join("[redacted]");
  return text;
}

/** A short excerpt of a body for error messages: one line, at most `max` characters, redacted. */
export function excerptOf(text: string, secrets: readonly (string | null | undefined)[] = [], max = 200): string {
  const one = redact(text, secrets).replace(/\s+/g, " ").trim();
  return one.length > max ? `${one.slice(0, max)}…` : one;
}
