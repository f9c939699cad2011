import { AbortError, ApiError, excerptOf, InvalidResponseError, RunStatusError, redact, TransportError } from "./errors.js";

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
  /** Reads the provider's error body; gets `undefined` when the body was not JSON. */
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
 * Runs one openapi-fetch call made with `parseAs: "text"` and turns every outcome into either a
 * parsed body or a typed error:
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
          : new TransportError(provider, redact(transportMessage(err), secrets), err);
  }
  const { response, data = res.error } = res;
  const { status, headers } = response;
  const text = typeof data === "string" ? data : data == null ? "" : JSON.stringify(data);
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
    throw new ApiError({
      ...base(),
      message: excerptOf(info.message || response.statusText || "request failed", secrets, 300),
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

/** Response headers that carry a request id, first match wins. */
const REQUEST_ID_HEADERS = ["x-request-id", "request-id", "x-amzn-requestid"];

const NUMBER = /^\d+(\.\d+)?$/;

/**
 * Parses `retry-after-ms`, then `Retry-After` (delta seconds or an HTTP date) into ms from `now`.
 * Returns null when absent or unreadable; never negative.
 */
export function parseRetryAfter(headers: Headers, now: number = Date.now()): number | null {
  const ms = headers.get("retry-after-ms")?.trim();
  if (ms && NUMBER.test(ms)) return Number(ms);
  return parseHintValue(headers.get("retry-after") ?? undefined, now);
}

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
 * (ISO 8601 or HTTP date) → ms from `now`, at least 0. Unreadable → null.
 */
export function parseHintValue(value: unknown, now: number = Date.now()): number | null {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? value * 1000 : null;
  if (typeof value !== "string") return null;
  const v = value.trim();
  if (NUMBER.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : Math.max(0, t - now);
}

function transportMessage(err: unknown): string {
  const e = err as { message?: string; cause?: { code?: string } } | null;
  const code = e?.cause?.code;
  return `network error${code ? ` (${code})` : ""}: ${e?.message ?? String(err)}`;
}
