import { parseArgs } from "node:util";
import { UsageError } from "@runstatus/core";
import { COMMAND_SPECS, COMMANDS, type Command, globalHelp, helpPointer, OPTIONS } from "./help.js";

export { COMMANDS, type Command };

export interface CliArgs {
  command: Command | "help" | "version";
  /** For `help`: the command whose help was asked for (`runstatus get --help`), or null for the global help. */
  helpFor: Command | null;
  positionals: string[];
  json: boolean;
  timeoutMs: number | null;
  inputs: [string, string][];
  apiKey: string | undefined;
  baseUrl: string | undefined;
  /** `--no-color`. */
  noColor: boolean;
  /** watch: `--interval`, `--max-interval` (ms) and `--fail-fast`. */
  intervalMs: number | null;
  maxIntervalMs: number | null;
  failFast: boolean;
}

/** How long get, start, cancel, pause and resume wait for an answer when `--timeout` is not given. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

/** The global help (kept under this name for the callers that print it). */
export const USAGE = globalHelp();

/** Parses "90s", "5m", "1h", "250ms" or plain seconds into ms. */
export function parseDuration(text: string, flag?: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(text);
  const what = `invalid duration ${JSON.stringify(text)}${flag ? ` for ${flag}` : ""}`;
  if (!m) throw new UsageError(`${what}: use 90s, 5m, 1h or plain seconds`);
  const n = Number(m[1]);
  const unit = m[2] ?? "s";
  const ms = unit === "ms" ? n : unit === "s" ? n * 1000 : unit === "m" ? n * 60_000 : n * 3_600_000;
  if (ms <= 0) throw new UsageError(`${what}: must be more than zero`);
  return Math.round(ms);
}

export function parseCli(argv: readonly string[]): CliArgs {
  const { values, positionals } = parse(argv);
  const json = values.json === true;
  const [cmd, ...rest] = positionals;
  const known = cmd !== undefined && (COMMANDS as readonly string[]).includes(cmd) ? (cmd as Command) : null;
  if (values.help || cmd === "help") {
    const about = cmd === "help" ? rest[0] : cmd;
    const helpFor = about !== undefined && (COMMANDS as readonly string[]).includes(about) ? (about as Command) : null;
    return { ...base("help", json), helpFor };
  }
  if (values.version) return base("version", json);
  const usage = (message: string) => new UsageError(`${message}; ${helpPointer(known)}`);
  if (cmd === undefined) throw usage(`a command is required: ${COMMANDS.join(", ")}`);
  if (known === null) throw usage(`unknown command ${JSON.stringify(cmd)}: use ${COMMANDS.join(", ")}`);
  const command = known;
  checkFlags(command, values, usage);
  const want = command === "start" ? 2 : 1;
  if (command === "watch" ? rest.length < 1 : rest.length !== want) {
    const form = command === "start" ? "<provider> <target>" : command === "watch" ? "<ref>..." : "<ref>";
    throw usage(`${command} takes ${form}; got ${rest.length} argument${rest.length === 1 ? "" : "s"}`);
  }
  const inputs: [string, string][] = (values.input ?? []).map((kv) => {
    const eq = kv.indexOf("=");
    if (eq <= 0) throw usage(`invalid --input ${JSON.stringify(kv)}: use key=value`);
    return [kv.slice(0, eq), kv.slice(eq + 1)];
  });
  if (values["api-key"] !== undefined && values["api-key"].trim() === "") {
    throw new UsageError("--api-key is empty: pass a key or set the provider's *_API_KEY variable");
  }
  const intervals = watchIntervals(values, usage);
  return {
    ...base(command, json),
    positionals: rest,
    timeoutMs: values.timeout === undefined ? null : parseDuration(values.timeout),
    inputs,
    apiKey: values["api-key"],
    baseUrl: values["base-url"],
    noColor: values["no-color"] === true,
    ...intervals,
    failFast: values["fail-fast"] === true,
  };
}

function base(command: CliArgs["command"], json: boolean): CliArgs {
  return {
    command,
    helpFor: null,
    positionals: [],
    json,
    timeoutMs: null,
    inputs: [],
    apiKey: undefined,
    baseUrl: undefined,
    noColor: false,
    intervalMs: null,
    maxIntervalMs: null,
    failFast: false,
  };
}

type Values = StrictParse["values"];

/** Every flag given must be one this command takes. */
function checkFlags(command: Command, values: Values, usage: (m: string) => UsageError): void {
  const allowed = COMMAND_SPECS[command].flags;
  for (const flag of Object.keys(values)) {
    if (values[flag as keyof Values] === undefined || allowed.includes(flag)) continue;
    const takers = COMMANDS.filter((c) => COMMAND_SPECS[c].flags.includes(flag));
    throw usage(`--${flag} applies to ${takers.join(", ")} only`);
  }
}

/** `--interval` and `--max-interval` as poll floor and cap (ms). */
function watchIntervals(values: Values, usage: (m: string) => UsageError): Pick<CliArgs, "intervalMs" | "maxIntervalMs"> {
  const intervalMs = values.interval === undefined ? null : parseDuration(values.interval, "--interval");
  const maxIntervalMs = values["max-interval"] === undefined ? null : parseDuration(values["max-interval"], "--max-interval");
  // The poller's own floor is 1 s when --interval is not given.
  if (maxIntervalMs !== null && maxIntervalMs < (intervalMs ?? 1000)) {
    const floor = intervalMs === null ? "the default --interval (1s)" : `--interval (${values.interval})`;
    throw usage(`--max-interval (${values["max-interval"]}) must not be shorter than ${floor}`);
  }
  return { intervalMs, maxIntervalMs };
}

const PARSE_OPTIONS = {
  json: { type: "boolean" },
  timeout: { type: "string" },
  interval: { type: "string" },
  "max-interval": { type: "string" },
  "fail-fast": { type: "boolean" },
  input: { type: "string", multiple: true },
  "api-key": { type: "string" },
  "base-url": { type: "string" },
  "no-color": { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const;

/**
 * node:util parseArgs, with its errors rewritten: the tokens are checked here (unknown option, a
 * value missing or given to a switch), so the message names the option and points to the help.
 */
type StrictParse = ReturnType<typeof strictParse>;
function strictParse(argv: readonly string[]) {
  return parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: PARSE_OPTIONS });
}

function parse(argv: readonly string[]): StrictParse {
  const lenient = parseArgs({ args: [...argv], allowPositionals: true, strict: false, tokens: true, options: PARSE_OPTIONS });
  const { tokens } = lenient;
  // Asking for help shows it, whatever else is on the line.
  if (lenient.values.help === true) return { values: { help: true }, positionals: lenient.positionals } as StrictParse;
  const cmd = tokens.find((t) => t.kind === "positional")?.value;
  const pointer = helpPointer(cmd !== undefined && (COMMANDS as readonly string[]).includes(cmd) ? (cmd as Command) : null);
  for (const t of tokens) {
    if (t.kind !== "option") continue;
    const spec = (PARSE_OPTIONS as Record<string, { type: string }>)[t.name];
    if (!spec) {
      const near = closest(t.name);
      throw new UsageError(`unknown option ${t.rawName}${near ? ` (did you mean --${near}?)` : ""}; ${pointer}`);
    }
    if (spec.type === "boolean" && t.value !== undefined) {
      throw new UsageError(`${t.rawName} takes no value, got ${JSON.stringify(t.value)}; ${pointer}`);
    }
    if (spec.type === "string" && (t.value === undefined || (!t.inlineValue && t.value.startsWith("-")))) {
      const o = OPTIONS[t.name];
      throw new UsageError(`${t.rawName} needs a value${o?.value ? ` (${t.rawName} ${o.value})` : ""}; ${pointer}`);
    }
  }
  try {
    return strictParse(argv);
  } catch (err) {
    throw new UsageError(`${String((err as Error).message).split(/[\n.]/)[0] ?? "invalid arguments"}; ${pointer}`);
  }
}

/** The known option nearest to a mistyped one (at most two edits away), if any. */
function closest(name: string): string | null {
  let best: string | null = null;
  let bestD = 3;
  for (const k of Object.keys(PARSE_OPTIONS)) {
    const d = distance(name, k);
    if (d < bestD) {
      best = k;
      bestD = d;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(
        (prev[j] as number) + 1,
        (cur[j - 1] as number) + 1,
        (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    prev = cur;
  }
  return prev[b.length] as number;
}
