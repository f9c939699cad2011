export type Command = "get" | "watch" | "start" | "cancel" | "pause" | "resume";

/** An option: its flag, the placeholder of its value (none for a switch) and one line about it. */
interface OptionSpec {
  value?: string;
  about: string;
}

interface CommandSpec {
  usage: string;
  about: string;
  /** Flags this command takes, besides --help. */
  flags: readonly string[];
  examples: readonly string[];
}

export const OPTIONS: Record<string, OptionSpec> = {
  json: { about: "machine-readable output (one JSON run per line for watch)" },
  timeout: {
    value: "<d>",
    about: "give up after d (90s, 5m, 1h or plain seconds; get/start/cancel/pause/resume default 60s); exit 4",
  },
  interval: { value: "<d>", about: "shortest time between two polls of a run (default 1s)" },
  "max-interval": { value: "<d>", about: "longest time between two polls of a run without progress (default 30s)" },
  "fail-fast": { about: "stop watching the other runs as soon as one fails or ends unsuccessfully" },
  input: { value: "key=value", about: "start input (repeatable)" },
  "api-key": {
    value: "<key>",
    about: "API key (default: MAGNIFIC_API_KEY, ONEPIN_API_KEY, WONDERCAT_API_KEY, MODELSLAB_API_KEY)",
  },
  "base-url": { value: "<url>", about: "replaces the provider's server URL (default: RUNSTATUS_<PROVIDER>_BASE_URL)" },
  "no-color": { about: "no colours (also when NO_COLOR is set or output is not a terminal)" },
  help: { about: "show help (runstatus <command> --help for one command)" },
  version: { about: "show the version" },
};

const CONNECTION = ["api-key", "base-url", "no-color"] as const;
const OP = "\n\nWorks where the provider supports it (OnePin); elsewhere a usage error (exit 2).";

export const COMMAND_SPECS: Record<Command, CommandSpec> = {
  get: {
    usage: "runstatus get <ref> [--json] [--timeout <d>]",
    about: "Prints the run once, whatever its state.",
    flags: ["json", "timeout", ...CONNECTION],
    examples: ["runstatus get onepin:<workflow_id>/<run_id>", "runstatus get magnific:<run-id> --json | jq .state"],
  },
  watch: {
    usage: "runstatus watch <ref>... [--json] [--timeout <d>] [--interval <d>] [--max-interval <d>] [--fail-fast]",
    about:
      "Follows runs to their end. On a terminal: one live line per run (state, progress, elapsed time, ETA, the\n" +
      "last retry or wait) and each run's final block as it ends. Otherwise one plain line per change and per\n" +
      "retry. With --json one JSON run per line, one line per change. Exit 0 when every run succeeded.",
    flags: ["json", "timeout", "interval", "max-interval", "fail-fast", ...CONNECTION],
    examples: [
      "runstatus watch onepin:<workflow_id>/<run_id> --timeout 10m",
      "runstatus watch magnific:<run-id> wondercat:<runId> --fail-fast",
      "runstatus watch modelslab:<workflow_id>/<execution_id> --interval 5s --max-interval 1m --json",
    ],
  },
  start: {
    usage: "runstatus start <provider> <target> [--input key=value]... [--json] [--timeout <d>]",
    about:
      "Starts a run and prints its ref. <target> is the Magnific app id, OnePin workflow id, Wondercat\n" +
      "blueprint id or ModelsLab workflow id.",
    flags: ["input", "json", "timeout", ...CONNECTION],
    examples: [
      'runstatus start onepin <workflow_id> --input script_text="Hello" --input source_language=en-us',
      'runstatus watch "$(runstatus start wondercat <blueprint_id> --input step_abc.prompt="a red fox")"',
    ],
  },
  cancel: {
    usage: "runstatus cancel <ref> [--json] [--timeout <d>]",
    about:
      "Cancels a run and prints it.\n\nWorks where the provider supports it (OnePin, ModelsLab); elsewhere a usage error (exit 2).",
    flags: ["json", "timeout", ...CONNECTION],
    examples: ["runstatus cancel onepin:<workflow_id>/<run_id>"],
  },
  pause: {
    usage: "runstatus pause <ref> [--json] [--timeout <d>]",
    about: `Pauses a run and prints it.${OP}`,
    flags: ["json", "timeout", ...CONNECTION],
    examples: ["runstatus pause onepin:<workflow_id>/<run_id>"],
  },
  resume: {
    usage: "runstatus resume <ref> [--json] [--timeout <d>]",
    about: `Resumes a paused run and prints it.${OP}`,
    flags: ["json", "timeout", ...CONNECTION],
    examples: ["runstatus resume onepin:<workflow_id>/<run_id>"],
  },
};

export const COMMANDS = Object.keys(COMMAND_SPECS) as Command[];

const REFS =
  "References: magnific:<run-id>  onepin:<workflow_id>/<run_id>  wondercat:<runId>  modelslab:<workflow_id>/<execution_id>";
const EXITS =
  "Exit codes: 0 succeeded/done, 1 run ended failed/partial/cancelled, 2 usage, 3 API error, 4 timeout, 130 interrupted";

function optionLines(flags: readonly string[]): string[] {
  return flags.map((f) => {
    const o = OPTIONS[f] as OptionSpec;
    return `  ${`--${f}${o.value ? ` ${o.value}` : ""}`.padEnd(21)}${o.about}`;
  });
}

/** `runstatus --help`: every command, every option, references and exit codes. */
export function globalHelp(): string {
  const commands = COMMANDS.map((c) => `  ${COMMAND_SPECS[c].usage}`);
  return [
    "Usage:",
    ...commands,
    "",
    REFS,
    "Options:",
    ...optionLines(Object.keys(OPTIONS)),
    "  -h, -v               short for --help, --version",
    EXITS,
    "",
    "Run `runstatus <command> --help` for a command's options and examples.",
  ].join("\n");
}

/** `runstatus <command> --help`: what it does, its options and examples. */
export function commandHelp(command: Command): string {
  const s = COMMAND_SPECS[command];
  return [
    `Usage: ${s.usage}`,
    "",
    s.about,
    "",
    REFS,
    "Options:",
    ...optionLines([...s.flags, "help"]),
    "Examples:",
    ...s.examples.map((e) => `  ${e}`),
    EXITS,
  ].join("\n");
}

/** The pointer appended to a usage error. */
export function helpPointer(command: Command | null): string {
  return command ? `run \`runstatus ${command} --help\` for its usage` : "run `runstatus --help` for usage";
}
