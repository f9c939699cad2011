import { inspect } from "node:util";

/** A secret as it could appear in printed text: raw, JSON-escaped (with `\/`) or percent-encoded. */
function formsOf(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  return [...new Set([secret, json, json.replaceAll("/", "\\/"), encodeURIComponent(secret)])];
}

/**
 * Where a secret shows in a value that may reach a user: its message, stack, `String()`,
 * `JSON.stringify()`, `util.inspect()` at any depth, and each error down its `cause` chain.
 * Returns the places it was found ([] when none).
 */
export function secretLeaks(value: unknown, secrets: readonly string[]): string[] {
  const found: string[] = [];
  const views = (v: unknown, at: string): [string, string][] => {
    const out: [string, string][] = [
      [`${at} String`, String(v)],
      [`${at} inspect`, inspect(v, { depth: Number.POSITIVE_INFINITY, showHidden: true, getters: true })],
    ];
    try {
      out.push([`${at} JSON`, JSON.stringify(v) ?? ""]);
    } catch (err) {
      out.push([`${at} JSON threw`, String(err)]);
    }
    if (v instanceof Error) out.push([`${at} message`, v.message], [`${at} stack`, v.stack ?? ""]);
    return out;
  };
  let v: unknown = value;
  for (let depth = 0; v !== undefined && v !== null && depth < 10; depth++) {
    for (const [where, text] of views(v, depth === 0 ? "value" : `cause[${depth}]`)) {
      for (const s of secrets) for (const f of formsOf(s)) if (text.includes(f)) found.push(where);
    }
    v = typeof v === "object" ? (v as { cause?: unknown }).cause : undefined;
  }
  return [...new Set(found)];
}

/** What a promise settles to, as a value: its result, or the error it rejected with. */
export async function settle<T>(p: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  try {
    return { ok: true, value: await p };
  } catch (error) {
    return { ok: false, error };
  }
}
