import { type ProviderErrorInfo, parseHintValue } from "@runstatus/core/adapter";

/**
 * Reads Wondercat's error body `{ error: { message, code, deferUntil? } }`. The official client
 * also accepts `error` as a plain string, so this does too. `deferUntil` (429 `throttled`) is an
 * ISO instant or a number of seconds; its place is undocumented, so a top-level one is read as
 * well. The body carries no request id (callApi falls back to the response headers).
 */
export function readWondercatError(body: unknown, _status: number, now: number = Date.now()): ProviderErrorInfo {
  if (typeof body !== "object" || body === null) return {};
  const top = body as Record<string, unknown>;
  const err = top.error;
  if (typeof err === "string") return { message: err || null };
  const detail = typeof err === "object" && err !== null ? (err as Record<string, unknown>) : {};
  const message = typeof detail.message === "string" && detail.message !== "" ? detail.message : null;
  const code = typeof detail.code === "string" && detail.code !== "" ? detail.code : null;
  const defer = detail.deferUntil ?? top.deferUntil;
  return { message, code, retryAfterMs: defer === undefined ? null : parseHintValue(defer, now) };
}
