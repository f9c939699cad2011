import type { ProviderErrorInfo } from "@runstatus/core";

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === "string" && v.trim() !== "" ? v : null);

/**
 * Reads OnePin's error bodies for core's `callApi`:
 * - the envelope `{ error: { code, message, details? }, meta: { request_id } }`;
 * - FastAPI's 422 `{ detail: [{ loc, msg, type }] }` (code VALIDATION_ERROR), or `{ detail: "text" }`;
 * - a flat `{ code, message }`, which OnePin's own CLI also accepts.
 * OnePin sends no retry hint in bodies; core reads Retry-After / retry-after-ms headers.
 */
export function readOnePinError(body: unknown, _status: number): ProviderErrorInfo {
  if (!isObj(body)) return {};
  const requestId = isObj(body.meta) ? str(body.meta.request_id) : null;
  if (isObj(body.error)) {
    const e = body.error;
    const details = Array.isArray(e.details)
      ? e.details
          .filter(isObj)
          .map((d) => [str(d.field), str(d.message)].filter(Boolean).join(": "))
          .filter((d) => d !== "")
      : [];
    const message = str(e.message);
    return {
      code: str(e.code),
      message: message && details.length ? `${message} (${details.join("; ")})` : (message ?? (details.join("; ") || null)),
      requestId,
      retryAfterMs: null,
    };
  }
  if (Array.isArray(body.detail)) {
    const parts = body.detail.filter(isObj).map((d) => {
      const loc = Array.isArray(d.loc) ? d.loc.filter((x) => typeof x === "string" || typeof x === "number").join(".") : "";
      const msg = str(d.msg) ?? "invalid";
      return loc ? `${loc}: ${msg}` : msg;
    });
    return { code: "VALIDATION_ERROR", message: parts.join("; ") || null, requestId, retryAfterMs: null };
  }
  if (typeof body.detail === "string") {
    return { code: null, message: str(body.detail), requestId, retryAfterMs: null };
  }
  return { code: str(body.code), message: str(body.message), requestId, retryAfterMs: null };
}
