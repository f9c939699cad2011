import { capText, redact } from "./errors.js";
import type { Run } from "./types.js";

type Secrets = readonly (string | null | undefined)[];

/** The longest kept, in characters, per field name; other strings (ids, URLs, dates) get {@link MAX_OTHER}. */
const MAX_BY_FIELD: Readonly<Record<string, number>> = {
  providerStatus: 200,
  name: 500,
  code: 200,
  message: 2000,
  mimeType: 200,
};
const MAX_OTHER = 8192;

/** `value` with every string redacted and capped by its field name, arrays and objects copied. */
function clean(value: unknown, secrets: Secrets, field: string): unknown {
  if (typeof value === "string") return capText(redact(value, secrets), MAX_BY_FIELD[field] ?? MAX_OTHER);
  if (Array.isArray(value)) return value.map((v) => clean(v, secrets, field));
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value)) out[k] = clean((value as Record<string, unknown>)[k], secrets, k);
  return out;
}

/**
 * A run as it may leave an adapter: every string in it (statuses, failure texts, step names,
 * URLs, ids) has passed one redaction of the adapter's secrets, in raw and escaped forms, and is
 * capped in length (a status at 200 characters, a failure text at 2,000), so a server echoing the
 * key, or sending a megabyte of status, puts neither into a run, an error or the CLI's output.
 */
export function cleanRun(run: Run, secrets: Secrets): Run {
  return clean(run, secrets, "") as Run;
}

/** A provider text (an id, a request id) redacted and capped like the strings of {@link cleanRun}. */
export function cleanText(text: string, secrets: Secrets): string {
  return clean(text, secrets, "") as string;
}
