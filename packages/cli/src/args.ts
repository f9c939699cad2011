import { parseArgs } from "node:util";
import { UsageError } from "@runstatus/core";

export type Command = "get" | "watch" | "start" | "cancel";
export const COMMANDS: readonly Command[] = ["get", "watch", "start", "cancel"];

export interface CliArgs {
  command: Command | "help" | "version";
  positionals: string[];
  json: boolean;
  timeoutMs: number | null;
  inputs: [string, string][];
  apiKey: string | undefined;
  baseUrl: string | undefined;
}

/** How long get, start and cancel wait for an answer when `--timeout` is not given. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

export const USAGE = `Usage:
  runstatus get <ref> [--json] [--timeout <duration>]
  runstatus watch <ref>... [--json] [--timeout <duration>]
  runstatus start <provider> <target> [--input key=value]... [--json] [--timeout <duration>]
  runstatus cancel <ref> [--json] [--timeout <duration>]

References: magnific:<run-id>  onepin:<workflow_id>/<run_id>  wondercat:<runId>  modelslab:<workflow_id>/<execution_id>
Options:
  --json               machine-readable output (one JSON run per line for watch)
  --timeout <d>        give up after d (90s, 5m, 1h or plain seconds; get/start/cancel default 60s); exit 4
  --input key=value    start input (repeatable)
  --api-key <key>      API key (default: MAGNIFIC_API_KEY, ONEPIN_API_KEY, WONDERCAT_API_KEY, MODELSLAB_API_KEY)
  --base-url <url>     replaces the provider's server URL (default: RUNSTATUS_<PROVIDER>_BASE_URL)
Exit codes: 0 succeeded/done, 1 run ended failed/partial/cancelled, 2 usage, 3 API error, 4 timeout, 130 interrupted`;

/** Parses "90s", "5m", "1h", "250ms" or plain seconds into ms. */
export function parseDuration(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(text);
  if (!m) throw new UsageError(`invalid duration ${JSON.stringify(text)}: use 90s, 5m, 1h or plain seconds`);
  const n = Number(m[1]);
  const unit = m[2] ?? "s";
  const ms = unit === "ms" ? n : unit === "s" ? n * 1000 : unit === "m" ? n * 60_000 : n * 3_600_000;
  if (ms <= 0) throw new UsageError(`invalid duration ${JSON.stringify(text)}: must be more than zero`);
  return Math.round(ms);
}

export function parseCli(argv: readonly string[]): CliArgs {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (err) {
    throw new UsageError(String((err as Error).message).split("\n")[0] ?? "invalid arguments");
  }
  const { values, positionals } = parsed;
  const json = values.json === true;
  if (values.help) return base("help", [], json);
  if (values.version) return base("version", [], json);
  const [cmd, ...rest] = positionals;
  if (cmd === undefined) throw new UsageError("a command is required: get, watch, start or cancel");
  if (cmd === "help") return base("help", [], json);
  if (!(COMMANDS as readonly string[]).includes(cmd)) {
    throw new UsageError(`unknown command ${JSON.stringify(cmd)}: use get, watch, start or cancel`);
  }
  const command = cmd as Command;
  const want = command === "start" ? 2 : 1;
  if (command === "watch" ? rest.length < 1 : rest.length !== want) {
    const form = command === "start" ? "<provider> <target>" : command === "watch" ? "<ref>..." : "<ref>";
    throw new UsageError(`${command} takes ${form}; got ${rest.length} argument${rest.length === 1 ? "" : "s"}`);
  }
  if (values.input !== undefined && command !== "start") throw new UsageError("--input applies to start only");
  const inputs: [string, string][] = (values.input ?? []).map((kv) => {
    const eq = kv.indexOf("=");
    if (eq <= 0) throw new UsageError(`invalid --input ${JSON.stringify(kv)}: use key=value`);
    return [kv.slice(0, eq), kv.slice(eq + 1)];
  });
  if (values["api-key"] !== undefined && values["api-key"].trim() === "") {
    throw new UsageError("--api-key is empty: pass a key or set the provider's *_API_KEY variable");
  }
  return {
    command,
    positionals: rest,
    json,
    timeoutMs: values.timeout === undefined ? null : parseDuration(values.timeout),
    inputs,
    apiKey: values["api-key"],
    baseUrl: values["base-url"],
  };
}

function base(command: "help" | "version", positionals: string[], json: boolean): CliArgs {
  return { command, positionals, json, timeoutMs: null, inputs: [], apiKey: undefined, baseUrl: undefined };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: "boolean" },
      timeout: { type: "string" },
      input: { type: "string", multiple: true },
      "api-key": { type: "string" },
      "base-url": { type: "string" },
      help: { type: "boolean", short: "h" },
      version: { type: "boolean", short: "v" },
    },
  });
}
