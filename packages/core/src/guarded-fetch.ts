import { ApiError, InvalidResponseError, RunStatusError, redact, TransportError } from "./errors.js";

/** The largest response body read by default, in bytes (4 MiB); `maxResponseBytes` changes it. */
export const DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

/** Same-origin redirects followed per request before giving up. */
export const MAX_REDIRECTS = 5;

export interface GuardOptions {
  provider: string;
  /** Bodies longer than this are not read: the request fails with an InvalidResponseError. */
  maxResponseBytes: number;
  /** Values that must never appear in an error (the API key). */
  secrets: readonly (string | null | undefined)[];
  /**
   * Whether a 2xx response is returned as the runtime answered it, its body already read and
   * kept in {@link guardedResponse} only, so that nothing builds a second Response or reads the
   * body twice. Default false: the Response returned carries the body again, for middleware and
   * a caller's code to read (as does any other status).
   */
  bodyRead?: boolean;
}

/** Sends one request (the runtime's fetch, or a caller's given a Request). */
export type Send = (url: string, init: RequestInit) => Promise<Response>;

interface ReadResponse {
  /** The body as read, decoded as UTF-8. */
  text: string;
  /** The URL the body came from (after same-origin redirects). */
  url: string;
}

// On the response itself (a property cheaper to set than a WeakMap entry), under a key only this module has.
const READ = Symbol("read");
type Read = Response & { [READ]?: ReadResponse };

/**
 * The body text and final URL of a response returned by {@link guardedFetch}, so that nothing
 * has to read or re-serialize the body again; undefined for any other response.
 */
export function guardedResponse(res: Response): ReadResponse | undefined {
  return (res as Read)[READ];
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
// Statuses a Response cannot be built with a body for.
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/**
 * Sends a request with the two limits every provider call needs at the boundary:
 * - redirects are handled here (`redirect: "manual"`): one to the same origin (scheme, host and
 *   port) as the request is followed, up to {@link MAX_REDIRECTS}; one to another origin or to an
 *   unreadable Location is not followed and fails with an ApiError naming the target's origin
 *   only, so the API key headers are never sent anywhere but the configured origin;
 * - the body is read with a byte cap: a declared or actual length above `maxResponseBytes` stops
 *   the read and fails with an InvalidResponseError (not retried, so it is not downloaded again).
 * A failure to connect or a connection lost mid-body is a TransportError naming the host and the
 * error code, with a sanitized cause. An abort is passed through as the runtime's abort error.
 */
export async function guardedFetch(url: string, init: RequestInit, send: Send, opts: GuardOptions): Promise<Response> {
  const signal = init.signal ?? undefined;
  let target = url;
  let next: RequestInit = { ...init, redirect: "manual" };
  for (let hop = 0; ; hop++) {
    let res: Response;
    try {
      res = await send(target, next);
    } catch (err) {
      throw transportError(err, target, opts, signal);
    }
    const location = REDIRECTS.has(res.status) ? res.headers.get("location") : null;
    if (location === null) {
      if (res.type === "opaqueredirect") throw redirectError(res.status, "to a target the runtime does not show", opts);
      return readCapped(res, target, opts, signal);
    }
    await res.body?.cancel().catch(() => {});
    let to: URL;
    try {
      to = new URL(location, target);
    } catch {
      throw redirectError(res.status, "to an invalid URL", opts);
    }
    const origin = new URL(url).origin;
    if (to.origin !== origin) {
      throw redirectError(
        res.status,
        `to another origin (${redact(to.origin, opts.secrets)}); the key is only sent to ${origin}`,
        opts,
      );
    }
    if (hop >= MAX_REDIRECTS) throw redirectError(res.status, `more than ${MAX_REDIRECTS} times`, opts);
    // 303, and 301/302 after a POST, turn into a GET without a body (as browsers do).
    const method = (next.method ?? "GET").toUpperCase();
    if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === "POST")) {
      const headers = new Headers(next.headers);
      headers.delete("content-type");
      headers.delete("content-length");
      next = { ...next, method: "GET", body: null, headers };
    }
    target = to.href;
  }
}

function redirectError(status: number, where: string, opts: GuardOptions): ApiError {
  return new ApiError({ provider: opts.provider, status, message: `redirected ${where}; not followed` });
}

const isAbort = (err: unknown) => {
  const name = (err as Error | null)?.name;
  return name === "AbortError" || name === "TimeoutError";
};

/** The first `code` down an error's cause chain (undici puts ECONNREFUSED on the cause). */
function codeOf(err: unknown): string | null {
  for (let e = err as { code?: unknown; cause?: unknown } | null, i = 0; e && i < 5; e = e.cause as typeof e, i++) {
    if (typeof e.code === "string" && e.code !== "") return e.code;
  }
  return null;
}

/** The innermost message down a cause chain ("connect ECONNREFUSED 127.0.0.1:80" rather than "fetch failed"). */
function innerMessage(err: unknown): string {
  let message = "";
  for (let e = err as { message?: unknown; cause?: unknown } | null, i = 0; e && i < 5; e = e.cause as typeof e, i++) {
    if (typeof e.message === "string" && e.message !== "") message = e.message;
  }
  return message || String(err);
}

function transportError(err: unknown, url: string, opts: GuardOptions, signal: AbortSignal | undefined): unknown {
  if (RunStatusError.is(err) || isAbort(err) || signal?.aborted) return err;
  const host = new URL(url).host;
  const code = codeOf(err);
  const detail = redact(innerMessage(err), opts.secrets).slice(0, 300);
  return new TransportError(
    opts.provider,
    `network error reaching ${host}${code ? ` (${code})` : ""}: ${detail}`,
    err,
    opts.secrets,
  );
}

function tooLarge(res: Response, opts: GuardOptions): InvalidResponseError {
  return new InvalidResponseError({
    provider: opts.provider,
    status: res.status,
    message: `response body is larger than ${opts.maxResponseBytes} bytes (the maxResponseBytes option); not read`,
  });
}

const UTF8 = new TextDecoder();

async function readCapped(res: Response, url: string, opts: GuardOptions, signal: AbortSignal | undefined): Promise<Response> {
  const limit = opts.maxResponseBytes;
  const declared = Number(res.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > limit) {
    await res.body?.cancel().catch(() => {});
    throw tooLarge(res, opts);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = res.body?.getReader();
  if (reader) {
    // A caller's fetch may not tie the body to the signal: cancelling the reader ends the read.
    const onAbort = () => void reader.cancel().catch(() => {});
    signal?.addEventListener("abort", onAbort, { once: true });
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (signal?.aborted) throw signal.reason ?? new DOMException("aborted", "AbortError");
        if (done) break;
        total += value.byteLength;
        if (total > limit) {
          await reader.cancel().catch(() => {});
          throw tooLarge(res, opts);
        }
        chunks.push(value);
      }
    } catch (err) {
      throw transportError(err, url, opts, signal);
    } finally {
      signal?.removeEventListener("abort", onAbort);
    }
  }
  // A body of one chunk (most) is decoded where it lies.
  let bytes = chunks[0] ?? new Uint8Array();
  if (chunks[1]) {
    bytes = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) {
      bytes.set(c, at);
      at += c.byteLength;
    }
  }
  const text = UTF8.decode(bytes);
  if (res.status < 200 || res.status > 599) {
    throw new InvalidResponseError({
      provider: opts.provider,
      status: res.status,
      message: "answered with an HTTP status outside 200-599",
    });
  }
  const body = NULL_BODY.has(res.status) ? null : text;
  let out: Response;
  if (opts.bodyRead && res.ok) out = res;
  else {
    try {
      out = new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
    } catch {
      // A reason phrase the Response constructor rejects is dropped; the status stays.
      out = new Response(body, { status: res.status, headers: res.headers });
    }
  }
  (out as Read)[READ] = { text, url };
  return out;
}
