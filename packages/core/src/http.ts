import { AbortError, ApiError, excerptOf, InvalidResponseError, RunStatusError, redact, TransportError } from "./errors.js";
import { guardedResponse } from "./guarded-fetch.js";

/** What an adapter extracts from a provider's error body. */
export interface ProviderErrorInfo {
  message?: string | null;
  code?: string | null;
  /** A hint from the body (ModelsLab `retry_after`, Wondercat `deferUntil`), in ms from now. */
  retryAfterMs?: number | null;
  requestId?: string | null;
}

export interface ApiCallOptions {
  provider: string;
  /** Values that must never appear in an error (the API key). */
  secrets?: readonly (string | null | undefined)[];
  /** Reads the provider's error body, parsed as JSON; not called when the body was not JSON. */
  readError?: (body: unknown, status: number, now: number) => ProviderErrorInfo;
  signal?: AbortSignal | undefined;
  /** Clock for HTTP-date Retry-After; default Date.now. */
  now?: () => number;
}

export interface ApiCallResult<T = unknown> {
  status: number;
  /** The parsed JSON body (typed by the caller; check fields with a Reader). */
  body: T;
  /** The raw text, for excerpts in later errors. */
  text: string;
  headers: Headers;
  requestId: string | null;
  /** A Retry-After hint on a successful answer, in ms. */
  retryAfterMs: number | null;
}

export type SendResult = { data?: unknown; error?: unknown; response: Response };

/**
 * Runs one openapi-fetch call made with `parseAs: "text"` (or with `oneRequestOptions`, whose
 * body the request guard has read) and turns every outcome into either a parsed body or a typed error:
 * - the signal fired → AbortError (nothing more is sent);
 * - no HTTP answer → TransportError (retryable);
 * - HTTP error → ApiError with status, provider code, request id and Retry-After / body hints;
 * - 2xx that is not JSON or is cut off → InvalidResponseError with a short redacted excerpt.
 */
export async function callApi<T = unknown>(opts: ApiCallOptions, send: () => Promise<SendResult>): Promise<ApiCallResult<T>> {
  const { provider, signal, now = Date.now, secrets = [] } = opts;
  if (signal?.aborted) throw new AbortError(provider, signal.reason);
  let res: SendResult;
  try {
    res = await send();
  } catch (err) {
    const name = (err as Error | null)?.name;
    throw signal?.aborted
      ? new AbortError(provider, signal.reason)
      : RunStatusError.is(err)
        ? err
        : name === "AbortError" || name === "TimeoutError"
          ? new AbortError(provider, err)
          : new TransportError(provider, redact(transportMessage(err), secrets), err, secrets);
  }
  const { response, data = res.error } = res;
  const { status, headers } = response;
  const read = guardedResponse(response);
  const text = read ? read.text : typeof data === "string" ? data : textOf(data);
  const retryAfterMs =
    parseRetryAfter(headers, now()) ?? (status === 429 ? parseRateLimitReset(headers.get("x-ratelimit-reset"), now()) : null);
  // A request id as sent, unless it carries a secret (a server echoing the key): then dropped.
  const clean = (id: string | null | undefined) => (id && redact(id, secrets) === id ? id.slice(0, 200) : null);
  let requestId: string | null = null;
  for (const n of REQUEST_ID_HEADERS) requestId ||= headers.get(n);
  requestId = clean(requestId);
  // The excerpt (a redacting pass over the whole body) is only built for an error.
  const base = () => ({ provider, status, requestId, excerpt: text ? excerptOf(text, secrets) : null });
  let body: unknown;
  let parsed = false;
  try {
    body = JSON.parse(text);
    parsed = true;
  } catch {}
  if (!response.ok) {
    let info: ProviderErrorInfo = {};
    try {
      if (parsed && opts.readError) info = opts.readError(body, status, now()) ?? {};
    } catch {}
    const hint = info.retryAfterMs ?? null;
    // A 404 the provider did not explain in its own error shape most likely never reached its API.
    const stray = status === 404 && !info.message && !info.code;
    const where = read?.url ? ` (asked ${redact(originAndPath(read.url), secrets)})` : "";
    throw new ApiError({
      ...base(),
      message: stray
        ? `${excerptOf(response.statusText || "Not Found", secrets, 100)}, and the answer is not ${provider}'s error shape: the base URL may be wrong${where}`
        : `${excerptOf(info.message || response.statusText || "request failed", secrets, 300)}${ERROR_ADVICE[status] ?? ""}`,
      code: info.code ? redact(info.code, secrets) : null,
      requestId: info.requestId ? clean(info.requestId) : requestId,
      retryAfterMs: retryAfterMs === null || hint === null ? (hint ?? retryAfterMs) : Math.max(retryAfterMs, hint),
    });
  }
  const empty = text.trim() === "";
  if (!parsed && !(status === 204 || (status === 202 && empty))) {
    throw new InvalidResponseError({
      ...base(),
      message: empty ? "empty response body where JSON was expected" : "response is not valid JSON (not JSON or cut off)",
    });
  }
  return { status, body: body as T, text, headers, requestId, retryAfterMs };
}

/**
 * What to do, after the provider's own text, about a refused key or a run or target the provider
 * says it does not have (a 403 has too many causes to advise on).
 */
const ERROR_ADVICE: Record<number, string> = {
  401: " (the key was refused: check that it is this provider's key, for this environment)",
  404: " (not found for this key: check the id, and that the key is of the account that owns it)",
};

/** Response headers that carry a request id, first match wins. */
const REQUEST_ID_HEADERS = ["x-request-id", "request-id", "x-amzn-requestid"];

const NUMBER = /^\d+(\.\d+)?$/;
const DAY = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)";
const LONG_DAY = "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const MONTH = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
const TIME = "\\d{2}:\\d{2}:\\d{2}";
/** The three HTTP-date forms of RFC 9110: IMF-fixdate, RFC 850 and asctime. */
const HTTP_DATE = new RegExp(
  `^(?:${DAY}, \\d{2} ${MONTH} \\d{4} ${TIME} GMT|${LONG_DAY}, \\d{2}-${MONTH}-\\d{2} ${TIME} GMT|${DAY} ${MONTH} [ \\d]\\d ${TIME} \\d{4})$`,
);
/** An ISO 8601 date-time with a zone (as JSON bodies carry them). */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Parses `retry-after-ms`, then `Retry-After` into ms from `now`. `Retry-After` is read only as
 * delta-seconds or an HTTP-date (RFC 9110); anything else ("later 2099", an ISO date) is ignored.
 * Returns null when absent or unreadable; never negative.
 */
export function parseRetryAfter(headers: Headers, now: number = Date.now()): number | null {
  const ms = headers.get("retry-after-ms")?.trim();
  if (ms && NUMBER.test(ms)) return Number(ms);
  const v = headers.get("retry-after")?.trim();
  if (!v) return null;
  if (NUMBER.test(v)) return Number(v) * 1000;
  return HTTP_DATE.test(v) ? dateFrom(v, now) : null;
}

const dateFrom = (v: string, now: number): number | null => {
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : Math.max(0, t - now);
};

/**
 * Reads `X-RateLimit-Reset` on a 429 (ModelsLab's and OnePin's own clients wait for it): whole
 * unix seconds (values from 1e9 up), or whole seconds from now below that. Anything else → null.
 */
export function parseRateLimitReset(value: string | null | undefined, now: number = Date.now()): number | null {
  const v = value?.trim();
  if (!v || !/^\d{1,12}$/.test(v)) return null;
  const n = Number(v);
  return n >= 1e9 ? Math.max(0, n * 1000 - now) : n * 1000;
}

/**
 * Reads a hint value: a number (seconds), a numeric string (seconds), or a date string
 * (ISO 8601 with a zone, or an HTTP-date) → ms from `now`, at least 0. Anything else → null.
 */
export function parseHintValue(value: unknown, now: number = Date.now()): number | null {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? value * 1000 : null;
  if (typeof value !== "string") return null;
  const v = value.trim();
  if (NUMBER.test(v)) return Number(v) * 1000;
  return ISO_DATE.test(v) || HTTP_DATE.test(v) ? dateFrom(v, now) : null;
}

/** A parsed body as text for excerpts; a body too deep to serialize gives "". */
function textOf(data: unknown): string {
  if (data == null) return "";
  try {
    return JSON.stringify(data);
  } catch {
    return "";
  }
}

/** A URL without its query and fragment (which may carry tokens). */
function originAndPath(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return "";
  }
}

function transportMessage(err: unknown): string {
  const e = err as { message?: string; cause?: { code?: string } } | null;
  const code = e?.cause?.code;
  return `network error${code ? ` (${code})` : ""}: ${e?.message ?? String(err)}`;
}
