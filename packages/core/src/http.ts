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
  /** Response headers that carry a request id, first match wins. Default: x-request-id, request-id. */
  requestIdHeaders?: readonly string[];
  signal?: AbortSignal;
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

type SendResult = { data?: unknown; error?: unknown; response: Response };

/**
 * Runs one openapi-fetch call made with `parseAs: "text"` and turns every outcome into either a
 * parsed body or a typed error:
 * - the signal fired → AbortError (nothing more is sent);
 * - no HTTP answer → TransportError (retryable);
 * - HTTP error → ApiError with status, provider code, request id and Retry-After / body hints;
 * - 2xx that is not JSON or is cut off → InvalidResponseError with a short redacted excerpt.
 */
export async function callApi<T = unknown>(opts: ApiCallOptions, send: () => Promise<SendResult>): Promise<ApiCallResult<T>> {
  const { provider } = opts;
  if (opts.signal?.aborted) throw new AbortError(provider, opts.signal.reason);
  let res: SendResult;
  try {
    res = await send();
  } catch (err) {
    if (opts.signal?.aborted) throw new AbortError(provider, opts.signal.reason);
    if (RunStatusError.is(err)) throw err;
    if (isAbortLike(err)) throw new AbortError(provider, err);
    throw new TransportError(provider, transportMessage(err), err);
  }
  const { response } = res;
  const raw = res.data !== undefined ? res.data : res.error;
  const text = typeof raw === "string" ? raw : raw === undefined || raw === null ? "" : JSON.stringify(raw);
  const headers = response.headers;
  const now = opts.now ?? Date.now;
  const headerHint = parseRetryAfter(headers, now());
  const requestId = pickHeader(headers, opts.requestIdHeaders ?? ["x-request-id", "request-id", "x-amzn-requestid"]);
  const secrets = opts.secrets ?? [];
  let body: unknown;
  let parsed = false;
  if (text.trim() !== "") {
    try {
      body = JSON.parse(text);
      parsed = true;
    } catch {
      parsed = false;
    }
  }
  if (!response.ok) {
    const info = (parsed && opts.readError ? safeRead(opts.readError, body, response.status, now()) : undefined) ?? {};
    const hint = maxHint(headerHint, info.retryAfterMs ?? null);
    throw new ApiError({
      provider,
      status: response.status,
      message: excerptOf(info.message || response.statusText || "request failed", secrets, 300),
      code: info.code ? redact(info.code, secrets) : null,
      requestId: cleanId(info.requestId ?? requestId, secrets),
      retryAfterMs: hint,
      excerpt: text ? excerptOf(text, secrets) : null,
    });
  }
  if (!parsed && !(response.status === 204 || (response.status === 202 && text.trim() === ""))) {
    throw new InvalidResponseError({
      provider,
      status: response.status,
      message:
        text.trim() === "" ? "empty response body where JSON was expected" : "response is not valid JSON (not JSON or cut off)",
      requestId: cleanId(requestId, secrets),
      excerpt: text ? excerptOf(text, secrets) : null,
    });
  }
  return {
    status: response.status,
    body: body as T,
    text,
    headers,
    requestId: cleanId(requestId, secrets),
    retryAfterMs: headerHint,
  };
}

function safeRead(
  fn: NonNullable<ApiCallOptions["readError"]>,
  body: unknown,
  status: number,
  now: number,
): ProviderErrorInfo | undefined {
  try {
    return fn(body, status, now);
  } catch {
    return undefined;
  }
}

/** A request id as sent, unless it carries a secret (a server echoing the key): then dropped. */
function cleanId(id: string | null | undefined, secrets: readonly (string | null | undefined)[]): string | null {
  if (!id) return null;
  return redact(id, secrets) === id ? id.slice(0, 200) : null;
}

function maxHint(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}

function pickHeader(h: Headers, names: readonly string[]): string | null {
  for (const n of names) {
    const v = h.get(n);
    if (v) return v;
  }
  return null;
}

/**
 * Parses `retry-after-ms`, then `Retry-After` (delta seconds or an HTTP date) into ms from `now`.
 * Returns null when absent or unreadable; never negative.
 */
export function parseRetryAfter(headers: Headers, now: number = Date.now()): number | null {
  const ms = headers.get("retry-after-ms");
  if (ms && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.max(0, Number(ms));
  const ra = headers.get("retry-after");
  if (!ra) return null;
  return parseHintValue(ra, now);
}

/**
 * Reads a hint value: a number (seconds), a numeric string (seconds), or a date string
 * (ISO 8601 or HTTP date) → ms from `now`, at least 0. Unreadable → null.
 */
export function parseHintValue(value: unknown, now: number = Date.now()): number | null {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? value * 1000 : null;
  if (typeof value !== "string") return null;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  if (Number.isNaN(t)) return null;
  return Math.max(0, t - now);
}

function isAbortLike(err: unknown): boolean {
  return (
    typeof err === "object" && err !== null && ((err as Error).name === "AbortError" || (err as Error).name === "TimeoutError")
  );
}

function transportMessage(err: unknown): string {
  const e = err as { message?: string; cause?: { code?: string; message?: string } };
  const code = e?.cause?.code;
  const base = e?.message ?? String(err);
  return code ? `network error (${code}): ${base}` : `network error: ${base}`;
}
