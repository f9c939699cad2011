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
  /** The reference of the run the failed call was about, when it was about one. */
  declare ref: string | null;
  /** The last run snapshot seen before the error, when there was one. */
  declare lastRun: Run | null;

  /** Messages longer than {@link MAX_MESSAGE} characters are cut (a provider text can be megabytes). */
  constructor(kind: ErrorKind, message: string, opts: { provider?: string | null; cause?: unknown } = {}) {
    super(capText(message, MAX_MESSAGE), opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = "RunStatusError";
    this.kind = kind;
    this.provider = opts.provider ?? null;
    this.ref = null;
    this.lastRun = null;
  }

  // On the prototype (not an own field), so it stays out of `toJSON` and object spreads.
  get [MARK](): true {
    return true;
  }

  /** Narrows to {@link AnyRunStatusError}, so that a check of `kind` narrows to the error's class. */
  static is(x: unknown): x is AnyRunStatusError {
    return typeof x === "object" && x !== null && (x as Record<symbol, unknown>)[MARK] === true;
  }

  /**
   * Whether trying again may succeed: a network error, or an HTTP 408, 425, 429 or 5xx (not an
   * answer that could not be read). The poller retries only these.
   */
  get retryable(): boolean {
    const self = this as unknown as AnyRunStatusError;
    return self.kind === "transport" || (self.kind === "api" && isRetryableStatus(self.status));
  }

  // `cause` is not enumerable (Error's own), so the spread leaves it out; undefined fields vanish in JSON.
  toJSON(): Record<string, unknown> {
    return { name: this.name, kind: this.kind, message: this.message, ...(this as object) };
  }
}

/**
 * Names the run an error was about: sets `err.ref` and ends its message with "(run <ref>)", once.
 * Usage errors (a missing key, a bad variable), unsupported operations and aborts are about no one
 * run and are left as they are.
 */
export function nameRun(err: unknown, ref: string): void {
  if (!RunStatusError.is(err) || err.ref !== null) return;
  if (err.kind === "aborted" || err.kind === "usage" || err.kind === "unsupported") return;
  err.ref = ref;
  err.message = `${err.message} (run ${ref})`;
}

/** Bad arguments, a malformed reference, a missing key: the caller must change something. */
export class UsageError extends RunStatusError {
  declare readonly kind: "usage";
  constructor(message: string, opts: { provider?: string | null } = {}) {
    super("usage", message, opts);
    this.name = "UsageError";
  }
}

/** The provider has no such operation (e.g. cancel on Magnific). */
export class UnsupportedError extends RunStatusError {
  declare readonly kind: "unsupported";
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
  /** "api", or "invalid_response" on its subclass {@link InvalidResponseError}. */
  declare readonly kind: "api" | "invalid_response";
  declare readonly status: number;
  declare readonly code: string | null;
  declare readonly requestId: string | null;
  declare readonly retryAfterMs: number | null;
  declare readonly excerpt: string | null;
  /** How many attempts were made before giving up (set by the poller). */
  declare attempts: number;

  constructor(init: ApiErrorInit, kind: "api" | "invalid_response" = "api") {
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
  declare readonly kind: "invalid_response";
  constructor(init: ApiErrorInit) {
    super(init, "invalid_response");
    this.name = "InvalidResponseError";
  }
}

/** The request never got an HTTP answer (connection refused, reset, DNS, TLS). Retryable. */
export class TransportError extends RunStatusError {
  declare readonly kind: "transport";
  declare attempts: number;
  /**
   * `cause` is kept as a {@link sanitizeCause sanitized} copy (name, code, redacted message),
   * never the runtime's own error objects, which may hold request headers or raw bytes.
   */
  constructor(provider: string, message: string, cause?: unknown, secrets: readonly (string | null | undefined)[] = []) {
    super("transport", `${provider}: ${message}`, {
      provider,
      cause: cause === undefined ? undefined : sanitizeCause(cause, secrets),
    });
    this.name = "TransportError";
    this.attempts = 1;
  }
}

/** The provider kept reporting a status the mapping does not know. */
export class UnknownStateError extends RunStatusError {
  declare readonly kind: "unknown_state";
  declare readonly providerStatus: string;
  constructor(provider: string, providerStatus: string, polls: number) {
    super(
      "unknown_state",
      `${provider} reported unknown status ${JSON.stringify(capText(providerStatus, 100))} ${polls} times in a row`,
      {
        provider,
      },
    );
    this.name = "UnknownStateError";
    this.providerStatus = providerStatus;
  }
}

/** The deadline passed before the run ended. */
export class TimeoutError extends RunStatusError {
  declare readonly kind: "timeout";
  declare readonly timeoutMs: number;
  constructor(provider: string | null, timeoutMs: number) {
    super("timeout", `gave up waiting after ${timeoutMs} ms${provider ? ` for ${provider}` : ""}`, { provider });
    this.name = "TimeoutError";
    this.timeoutMs = timeoutMs;
  }
}

/** The caller's AbortSignal fired. */
export class AbortError extends RunStatusError {
  declare readonly kind: "aborted";
  constructor(provider: string | null = null, reason?: unknown) {
    super("aborted", "aborted", { provider, cause: reason });
    this.name = "AbortError";
  }
}

/**
 * Every error this project throws, as a union discriminated on `kind`: after
 * `RunStatusError.is(err)`, `err.kind === "api"` narrows to {@link ApiError} (so `err.status`
 * compiles), `"transport"` to {@link TransportError}, and so on.
 */
export type AnyRunStatusError =
  | UsageError
  | UnsupportedError
  | ApiError
  | InvalidResponseError
  | TransportError
  | UnknownStateError
  | TimeoutError
  | AbortError;

/** The longest error message kept, in characters; longer ones end in "…". */
export const MAX_MESSAGE = 2000;

/** `text` cut to at most `max` characters (then ending in "…"). */
export function capText(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

// The forms of the last few secrets: a client redacts every string of every answer with its one key.
const FORMS = new Map<string, readonly string[]>();

/**
 * The forms in which a secret can come back from a server: as sent, JSON-escaped (with and
 * without `\/` for `/`) and percent-encoded.
 */
export function secretForms(secret: string): readonly string[] {
  let forms = FORMS.get(secret);
  if (!forms) {
    const json = JSON.stringify(secret).slice(1, -1);
    forms = [...new Set([secret, json, json.replaceAll("/", "\\/"), encodeURIComponent(secret)])];
    if (FORMS.size > 15) FORMS.clear();
    FORMS.set(secret, forms);
  }
  return forms;
}

/**
 * Removes every secret from a text, in each of its {@link secretForms} (used on every provider
 * text before it reaches an error or a run). Secrets shorter than 4 characters are not searched.
 */
export function redact(text: string, secrets: readonly (string | null | undefined)[]): string {
  for (const s of secrets) {
    if (!s || s.length < 4) continue;
    for (const form of secretForms(s)) if (text.includes(form)) text = text.split(form).join("[redacted]");
  }
  return text;
}

/** A short excerpt of a body for error messages: one line, at most `max` characters, redacted. */
export function excerptOf(text: string, secrets: readonly (string | null | undefined)[] = [], max = 200): string {
  // Redacting the whole of a multi-megabyte body for a 200-character excerpt is wasted work: a
  // window long enough to hold any secret past the cut is enough.
  // A secret cut by the window's end is dropped with the redacted window's last `longest` characters.
  const longest = secrets.reduce((n, s) => Math.max(n, s ? s.length * 6 : 0), 0);
  const size = (max + longest) * 4;
  const cut = text.length > size;
  const redacted = redact(cut ? text.slice(0, size) : text, secrets);
  const one = (cut ? redacted.slice(0, redacted.length - longest) : redacted).replace(/\s+/g, " ").trim();
  return one.length > max ? `${one.slice(0, max)}…` : one;
}

/** A plain copy of an error thrown by the runtime: what is safe to keep in a `cause` chain. */
export interface SanitizedCause {
  name: string;
  message: string;
  code?: string;
  cause?: SanitizedCause;
}

/**
 * A copy of `err` that keeps only its name, its `code` (e.g. ECONNREFUSED) and its message with
 * every secret redacted, and so on down its `cause` chain (at most 4 levels). The runtime's own
 * objects (requests, headers, sockets, raw bytes) are dropped. The copy is an Error, so it prints
 * like one, but its stack is just its first line.
 */
export function sanitizeCause(err: unknown, secrets: readonly (string | null | undefined)[], depth = 0): Error & SanitizedCause {
  const e = (typeof err === "object" && err !== null ? err : {}) as {
    name?: unknown;
    message?: unknown;
    code?: unknown;
    cause?: unknown;
  };
  const text = (v: unknown, max: number) => capText(redact(typeof v === "string" ? v : String(v ?? ""), secrets), max);
  const name = typeof e.name === "string" ? text(e.name, 60) : "Error";
  const message = typeof err === "object" && err !== null ? text(e.message, 500) : text(err, 500);
  const copy = new Error(message) as Error & SanitizedCause;
  copy.name = name;
  copy.stack = `${name}: ${message}`;
  if (typeof e.code === "string" || typeof e.code === "number") copy.code = text(String(e.code), 60);
  if (e.cause !== undefined && e.cause !== null && depth < 3) copy.cause = sanitizeCause(e.cause, secrets, depth + 1);
  return copy;
}
