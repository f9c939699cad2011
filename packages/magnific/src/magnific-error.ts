import type { ProviderErrorInfo } from "@runstatus/core/adapter";

/**
 * Reads a Magnific error body. The Apps pages document none; the Freepik-era API sends
 * `{ message }` with no code, so `code` is always null. Retry-After and request-id headers are
 * read by core, not here.
 */
export function readMagnificError(body: unknown, _status?: number): ProviderErrorInfo {
  const message =
    typeof body === "object" && body !== null && typeof (body as { message?: unknown }).message === "string"
      ? (body as { message: string }).message
      : null;
  return { message, code: null, retryAfterMs: null, requestId: null };
}
