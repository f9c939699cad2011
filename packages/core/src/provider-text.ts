import { capText, secretForms } from "./errors.js";
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

/** The forms of every secret that `redact` searches, found once for a whole run. */
const formsOf = (secrets: Secrets): string[] => secrets.flatMap((s) => (s && s.length >= 4 ? secretForms(s) : []));

/** `value` with every string redacted (as `redact` does) and capped by its field name, arrays and objects copied. */
function clean(value: unknown, forms: readonly string[], field: string): unknown {
  if (typeof value === "string") {
    let text = value;
    for (const form of forms) if (text.includes(form)) text = text.split(form).join("[redacted]");
    return capText(text, MAX_BY_FIELD[field] ?? MAX_OTHER);
  }
  if (Array.isArray(value)) return value.map((v) => clean(v, forms, field));
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value)) out[k] = clean((value as Record<string, unknown>)[k], forms, k);
  return out;
}

/** Cleans the runs and texts that leave an adapter; see {@link textCleaner}. */
export interface TextCleaner {
  run(run: Run): Run;
  text(text: string): string;
}

/**
 * Cleans runs as they may leave an adapter: every string in them (statuses, failure texts, step
 * names, URLs, ids) has passed one redaction of `secrets`, in raw and escaped forms, and is
 * capped in length (a status at 200 characters, a failure text at 2,000), so a server echoing the
 * key, or sending a megabyte of status, puts neither into a run, an error or the CLI's output.
 * `text` redacts and caps a provider text (an id, a request id) the same way. The secrets' forms
 * are found once, for every run cleaned.
 */
export function textCleaner(secrets: Secrets): TextCleaner {
  const forms = formsOf(secrets);
  return { run: (run) => clean(run, forms, "") as Run, text: (text) => clean(text, forms, "") as string };
}
