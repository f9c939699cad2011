import { type Output, type Run, RunStatusError, redact, terminalSafe } from "@runstatus/core";

export const EXIT = { ok: 0, runNotSucceeded: 1, usage: 2, api: 3, timeout: 4, interrupted: 130 } as const;

/** The exit code for an error, per the CLI contract. */
export function exitCodeOf(err: unknown): number {
  if (!RunStatusError.is(err)) return EXIT.api;
  switch (err.kind) {
    case "usage":
    case "unsupported":
      return EXIT.usage;
    case "timeout":
      return EXIT.timeout;
    case "aborted":
      return EXIT.interrupted;
    default:
      return EXIT.api;
  }
}

/** One sentence for stderr; secrets removed even if some layer let one through. */
export function errorLine(err: unknown, secrets: readonly (string | undefined)[]): string {
  const msg = err instanceof Error ? err.message : String(err);
  // Redact first: a secret with a line break in it would no longer match once whitespace is folded.
  // The message may quote a provider's text: escape sequences and control characters are removed.
  const line = oneLine(redact(msg, secrets));
  return `runstatus: ${line.endsWith(".") ? line : `${line}.`}`;
}

/** The error as JSON for `--json` (plain fields only; the last run is kept, it holds no secret). */
export function errorJson(err: unknown, secrets: readonly (string | undefined)[]): string {
  const body: Record<string, unknown> = RunStatusError.is(err)
    ? err.toJSON()
    : { name: "Error", kind: "internal", message: err instanceof Error ? err.message : String(err) };
  // Redact every string before stringifying: JSON escapes (\n, \") would hide a secret from a later pass.
  return jsonLine({ error: body }, (_k, v) => (typeof v === "string" ? redact(v, secrets) : v));
}

/**
 * `value` as one line of JSON that is also safe on a terminal: JSON.stringify escapes C0 controls
 * but leaves DEL, the C1 controls (U+0080–U+009F, e.g. CSI) and the line separators raw; they are
 * written as \u escapes too, so the data is unchanged and nothing in it can drive the terminal.
 */
export function jsonLine(value: unknown, replacer?: (key: string, value: unknown) => unknown): string {
  return JSON.stringify(value, replacer).replace(
    /[\u007f-\u009f\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

export function progressText(run: Run): string {
  const p = run.progress;
  if (!p) return "";
  const total = p.total === null ? "?" : String(p.total);
  const failed = p.failed ? `, ${p.failed} failed` : "";
  return `${p.completed}/${total} steps${failed}`;
}

function outputLine(o: Output): string {
  const bits: string[] = [o.kind];
  if (o.mimeType) bits.push(o.mimeType);
  if (o.width !== null && o.height !== null) bits.push(`${o.width}×${o.height}`);
  if (o.durationMs !== null) bits.push(`${(o.durationMs / 1000).toFixed(1)} s`);
  if (o.expiresAt) bits.push(`expires ${o.expiresAt}`);
  return `    ${o.url}  (${bits.join(", ")})`;
}

/** Provider text for one line of a terminal: escape sequences and control characters removed, whitespace folded. */
export function oneLine(text: string): string {
  return terminalSafe(text).replace(/\s+/g, " ").trim();
}

/** `v` with every string made {@link oneLine} safe, arrays and objects copied. */
function terminalSafeRun<T>(v: T): T {
  if (typeof v === "string") return oneLine(v) as T;
  if (Array.isArray(v)) return v.map(terminalSafeRun) as T;
  if (typeof v !== "object" || v === null) return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, terminalSafeRun(x)])) as T;
}

/** A readable block for one run; every provider text in it is stripped of escape and control sequences. */
export function formatRun(provided: Run, color: (s: string, state: Run["state"]) => string = (s) => s): string {
  const run = terminalSafeRun(provided);
  const lines = [
    `${run.ref}`,
    `  state      ${color(run.state, run.state)}${run.providerStatus !== run.state ? ` (${run.provider}: ${run.providerStatus})` : ""}`,
  ];
  const prog = progressText(run);
  if (prog) lines.push(`  progress   ${prog}`);
  if (run.createdAt) lines.push(`  created    ${run.createdAt}`);
  if (run.startedAt) lines.push(`  started    ${run.startedAt}`);
  if (run.completedAt) lines.push(`  completed  ${run.completedAt}`);
  if (run.error) lines.push(`  error      ${run.error.message}${run.error.code ? ` [${run.error.code}]` : ""}`);
  if (run.steps.length > 0) {
    lines.push("  steps");
    for (const s of run.steps) lines.push(`    ${s.state.padEnd(10)} ${s.name}`);
  }
  if (run.outputs.length > 0) {
    lines.push(`  outputs (${run.outputs.length})`);
    for (const o of run.outputs) lines.push(outputLine(o));
  } else if (run.terminal) {
    lines.push("  outputs    none");
  }
  return lines.join("\n");
}

/** "1m05s" style elapsed time. */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}
