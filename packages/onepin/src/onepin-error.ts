import type { ProviderErrorInfo } from "@runstatus/core/adapter";

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === "string" && v.trim() !== "" ? v : null);

/** The non-empty texts `part` makes of each object in `v` (when it is an array), joined with "; ". */
const joined = (v: unknown, part: (o: Obj) => string): string =>
  Array.isArray(v)
    ? v
        .filter(isObj)
        .map(part)
        .filter((x) => x !== "")
        .join("; ")
    : "";

/**
 * Reads OnePin's error bodies for core's `callApi`:
 * - the envelope `{ error: { code, message, details? }, meta: { request_id } }`;
 * - FastAPI's 422 `{ detail: [{ loc, msg, type }] }` (code VALIDATION_ERROR), or `{ detail: "text" }`;
 * - a flat `{ code, message }`, which OnePin's own CLI also accepts.
 * OnePin sends no retry hint in bodies; core reads Retry-After / retry-after-ms headers.
 */
export function readOnePinError(body: unknown, _status: number): ProviderErrorInfo {
  if (!isObj(body)) return {};
  const { detail } = body;
  const e = isObj(body.error) ? body.error : body;
  const details = joined(e.details, (d) => [str(d.field), str(d.message)].filter(Boolean).join(": "));
  const fastapi = joined(detail, (d) => {
    const loc = Array.isArray(d.loc) ? d.loc.filter((x) => typeof x === "string" || typeof x === "number").join(".") : "";
    const msg = str(d.msg) ?? "invalid";
    return loc ? `${loc}: ${msg}` : msg;
  });
  const message = str(e.message) ?? str(detail);
  return {
    code: Array.isArray(detail) ? "VALIDATION_ERROR" : str(e.code),
    message: (message && details ? `${message} (${details})` : message || details || fastapi) || null,
    requestId: isObj(body.meta) ? str(body.meta.request_id) : null,
    retryAfterMs: null,
  };
}
