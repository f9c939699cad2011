import { type ProviderErrorInfo, parseHintValue } from "@runstatus/core/adapter";

// A `retry_after` this large cannot be a delay in seconds (over 30 years); read it as a Unix
// timestamp instead, since the unit is undocumented (the docs do not say).
const EPOCH_SECONDS_FLOOR = 1e9;

/**
 * Reads ModelsLab's error body `{ status: "error", message }` (or the legacy `messege`) and the
 * 429 `retry_after` (seconds) into the fields core's ApiError carries. ModelsLab documents no
 * error code and no request id, so those stay null (core then uses a request-id header if any).
 */
export function readModelsLabError(body: unknown, _status: number, now: number = Date.now()): ProviderErrorInfo {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return {};
  const b = body as Record<string, unknown>;
  return {
    message: text(b.message) ?? text(b.messege) ?? null,
    code: null,
    retryAfterMs: retryAfterMs(b.retry_after, now),
    requestId: null,
  };
}

function text(v: unknown): string | null {
  if (typeof v === "string") return v.trim() === "" ? null : v;
  // Validation errors from Laravel-style backends may arrive as an object of field messages.
  if (typeof v === "object" && v !== null) return JSON.stringify(v);
  return null;
}

function retryAfterMs(v: unknown, now: number): number | null {
  const n = typeof v === "string" && /^\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : v;
  if (typeof n === "number" && Number.isFinite(n) && n >= EPOCH_SECONDS_FLOOR) {
    return Math.max(0, n * 1000 - now);
  }
  return parseHintValue(n, now);
}
