import type { IncomingHttpHeaders, IncomingMessage } from "node:http";

/** What a handler answers; the server turns it into bytes (or a fault). */
export interface Reply {
  status: number;
  /** JSON body; omitted for an empty answer. */
  body?: unknown;
  /** Raw bytes instead of JSON (assets). */
  raw?: Buffer;
  contentType?: string;
  headers?: Record<string, string>;
}

/** A request as handlers see it: path after the provider prefix, parsed query and body. */
export interface SimRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Parsed JSON; undefined when the body was empty. */
  body: unknown;
  /** True when a non-empty body was not valid JSON. */
  badJson: boolean;
}

export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return headers ? { status, body, headers } : { status, body };
}

export function header(headers: IncomingHttpHeaders, name: string): string | null {
  const v = headers[name.toLowerCase()];
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === "string" ? s : null;
}

/** A key reader for a provider that takes its key in header `name`; null when absent or blank. */
export function keyHeader(name: string): (headers: IncomingHttpHeaders) => string | null {
  return (headers) => header(headers, name)?.trim() || null;
}

/** Reads `Authorization: Bearer <token>`; null when absent or empty. */
export function bearer(headers: IncomingHttpHeaders): string | null {
  const h = header(headers, "authorization");
  const m = h ? /^Bearer\s+(\S.*)$/i.exec(h.trim()) : null;
  return m ? (m[1] as string).trim() : null;
}

const MAX_BODY = 1024 * 1024;

/** Reads a request body up to 1 MiB; a bigger one is cut off and treated as invalid JSON. */
export async function readBody(req: IncomingMessage): Promise<{ body: unknown; badJson: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooBig = false;
  for await (const c of req) {
    const b = c as Buffer;
    size += b.length;
    if (size > MAX_BODY) tooBig = true;
    else chunks.push(b);
  }
  if (tooBig) return { body: undefined, badJson: true };
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return { body: undefined, badJson: false };
  try {
    return { body: JSON.parse(text), badJson: false };
  } catch {
    return { body: undefined, badJson: true };
  }
}

/**
 * Matches a path against a pattern like "/runs/:runId/status". Segments are percent-decoded;
 * an undecodable segment is no match.
 */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const ps = pattern.split("/").filter(Boolean);
  const xs = path.split("/").filter(Boolean);
  if (ps.length !== xs.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i] as string;
    let x: string;
    try {
      x = decodeURIComponent(xs[i] as string);
    } catch {
      return null;
    }
    if (p.startsWith(":")) params[p.slice(1)] = x;
    else if (p !== x) return null;
  }
  return params;
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function isoOrNull(ms: number | null): string | null {
  return ms === null || !Number.isFinite(ms) ? null : iso(ms);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string) => UUID.test(s);
