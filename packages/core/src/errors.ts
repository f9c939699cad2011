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

/**
 * Base of every error this project throws. Fields are plain data (no request, response or
 * headers), so `String(err)` and `JSON.stringify(err)` never carry a secret.
 * `RunStatusError.is(x)` works across duplicate copies of this package.
 */
export class RunStatusError extends Error {
  readonly kind: ErrorKind;
  readonly provider: string | null;
  /** The last run snapshot seen before the error, when there was one. */
  lastRun: Run | null = null;

  constructor(kind: ErrorKind, message: string, opts: { provider?: string | null; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = "RunStatusError";
    this.kind = kind;
    this.provider = opts.provider ?? null;
    Object.defineProperty(this, MARK, { value: true });
  }

  static is(x: unknown): x is RunStatusError {
    return typeof x === "object" && x !== null && (x as Record<symbol, unknown>)[MARK] === true;
  }

  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, kind: this.kind, message: this.message };
    for (const [k, v] of Object.entries(this)) {
      if (k === "cause" || v === undefined) continue;
      out[k] = v;
    }
    return out;
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
  readonly operation: string;
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
  readonly status: number;
  readonly code: string | null;
  readonly requestId: string | null;
  readonly retryAfterMs: number | null;
  readonly excerpt: string | null;
  /** How many attempts were made before giving up (set by the poller). */
  attempts = 1;

  constructor(init: ApiErrorInit, kind: ErrorKind = "api") {
    super(kind, `${init.provider}: HTTP ${init.status}: ${init.message}`, { provider: init.provider });
    this.name = "ApiError";
    this.status = init.status;
    this.code = init.code ?? null;
    this.requestId = init.requestId ?? null;
    this.retryAfterMs = init.retryAfterMs ?? null;
    this.excerpt = init.excerpt ?? null;
  }

  /** 408, 425, 429 and 5xx are worth retrying; 4xx otherwise fail at once. */
  get retryable(): boolean {
    return isRetryableStatus(this.status);
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
  override get retryable(): boolean {
    return false;
  }
}

/** The request never got an HTTP answer (connection refused, reset, DNS, TLS). Retryable. */
export class TransportError extends RunStatusError {
  attempts = 1;
  constructor(provider: string, message: string, cause?: unknown) {
    super("transport", `${provider}: ${message}`, { provider, cause });
    this.name = "TransportError";
  }
  get retryable(): boolean {
    return true;
  }
}

/** The provider kept reporting a status the mapping does not know. */
export class UnknownStateError extends RunStatusError {
  readonly providerStatus: string;
  constructor(provider: string, providerStatus: string, polls: number) {
    super("unknown_state", `${provider} reported unknown status "${providerStatus}" ${polls} times in a row`, { provider });
    this.name = "UnknownStateError";
    this.providerStatus = providerStatus;
  }
}

/** The deadline passed before the run ended. */
export class TimeoutError extends RunStatusError {
  readonly timeoutMs: number;
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
  let out = text;
  for (const s of secrets) {
    if (s && s.length >= 4) out = out.split(s).join("[redacted]");
  }
  return out;
}

/** A short excerpt of a body for error messages: one line, at most `max` characters, redacted. */
export function excerptOf(text: string, secrets: readonly (string | null | undefined)[] = [], max = 200): string {
  const one = redact(text, secrets).replace(/\s+/g, " ").trim();
  return one.length > max ? `${one.slice(0, max)}…` : one;
}
