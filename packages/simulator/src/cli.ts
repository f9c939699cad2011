import { parseArgs as parse } from "node:util";
import { SimulatorError } from "./errors.js";
import { checkFault, isProvider } from "./options.js";
import { startSimulator } from "./server.js";
import { type FaultSpec, PROVIDERS, type ScenarioName, type SimProvider, type SimulatorOptions } from "./types.js";
import { checkWebhookFault, checkWebhookUrl, type WebhookFault } from "./webhooks.js";

export const USAGE = `Usage: runstatus-simulator [options]

A local server that behaves like the Magnific, OnePin, Wondercat and ModelsLab run APIs.

Options:
  --port <n>               port on the host (default: a free port)
  --host <addr>            address to listen on (default: 127.0.0.1)
  --speed <x>              simulated time runs x times faster than the clock (default: 1)
  --scenario <name>        default scenario for new runs: succeeded, failed, partial, cancelled,
                           paused (onepin only), slow, unknown-status; or <provider>=<name> (repeatable)
  --steps <n>              steps per run (default: 4)
  --step-ms <ms>           simulated time per step (default: 1500)
  --queued-ms <ms>         simulated time queued before the first step (default: 1000)
  --fault <spec>           planned fault (repeatable): <provider|*>:<route|*>:<nth>:<kind>[:<arg>[:<times>]]
                           kind: 429 (arg: retry-after seconds), 5xx (arg: status), slow (arg: delay ms),
                           drop, reset; e.g. modelslab:status:2:429:1
  --modelslab-rate-limit <n>  enforce ModelsLab's per-workflow limit of n requests per minute
  --key <key>              accept only this key (repeatable); or <provider>=<key>
  --webhook-secret <whsec> sign webhook deliveries Standard-Webhooks style with this secret
  --workflow-webhook <workflow>=<url>  ModelsLab webhook URL of a workflow (repeatable)
  --webhook-fault <spec>   planned delivery fault (repeatable): <magnific|modelslab|*>:<nth>:<kind>[:<delay ms>]
                           kind: drop, duplicate, delay, reorder, bad-signature, unknown-event
  --json                   print one JSON line (url, baseUrls, keys, targets) instead of the table
  --log                    print one line per request to stderr
  -h, --help               show this help

Runs until SIGINT or SIGTERM, then closes every connection and exits 0.`;

export interface CliConfig {
  options: SimulatorOptions;
  json: boolean;
  log: boolean;
  help: boolean;
}

const usage = (message: string) => new SimulatorError("argv", message);

function number(flag: string, v: string | undefined): number {
  if (v === undefined || v.trim() === "" || !Number.isFinite(Number(v))) {
    throw usage(`${flag} needs a number, got ${v === undefined ? "nothing" : JSON.stringify(v)}`);
  }
  return Number(v);
}

/** Parses `<provider|*>:<route|*>:<nth>:<kind>[:<arg>[:<times>]]`. */
export function parseFault(text: string): FaultSpec {
  const parts = text.split(":");
  if (parts.length < 4 || parts.length > 6) {
    throw usage(`--fault ${JSON.stringify(text)}: expected <provider|*>:<route|*>:<nth>:<kind>[:<arg>[:<times>]]`);
  }
  const [provider, route, nth, kind, arg, times] = parts as [string, string, string, string, string?, string?];
  if (!/^\d+$/.test(nth))
    throw usage(`--fault ${JSON.stringify(text)}: <nth> must be a positive integer, got ${JSON.stringify(nth)}`);
  const spec: Record<string, unknown> = { kind, nth: Number(nth) };
  if (provider !== "*") spec.provider = provider;
  if (route !== "*") spec.path = route;
  if (arg !== undefined && arg !== "") {
    const a = Number(arg);
    if (kind === "429") spec.retryAfterSec = a;
    else if (kind === "5xx") spec.status = a;
    else if (kind === "slow") spec.delayMs = a;
    else throw usage(`--fault ${JSON.stringify(text)}: kind ${kind} takes no argument`);
  }
  if (times !== undefined) spec.times = times === "always" ? "always" : Number(times);
  try {
    return checkFault(spec, `--fault ${JSON.stringify(text)}`);
  } catch (e) {
    throw e instanceof SimulatorError ? usage(e.message) : e;
  }
}

const FLAGS = {
  help: { type: "boolean", short: "h" },
  json: { type: "boolean" },
  log: { type: "boolean" },
  port: { type: "string" },
  host: { type: "string" },
  speed: { type: "string" },
  steps: { type: "string" },
  "step-ms": { type: "string" },
  "queued-ms": { type: "string" },
  scenario: { type: "string", multiple: true },
  fault: { type: "string", multiple: true },
  "modelslab-rate-limit": { type: "string" },
  key: { type: "string", multiple: true },
  "webhook-secret": { type: "string" },
  "workflow-webhook": { type: "string", multiple: true },
  "webhook-fault": { type: "string", multiple: true },
} as const;

/** `<magnific|modelslab|*>:<nth>:<kind>[:<delay ms>]`, e.g. `magnific:1:drop`. */
function parseWebhookFault(text: string): WebhookFault {
  const [provider, nth, kind, delay, ...rest] = text.split(":");
  if (provider === undefined || nth === undefined || kind === undefined || rest.length > 0) {
    throw usage(`--webhook-fault ${JSON.stringify(text)}: expected <magnific|modelslab|*>:<nth>:<kind>[:<delay ms>]`);
  }
  const spec: Record<string, unknown> = { kind, nth: Number(nth) };
  if (provider !== "*") spec.provider = provider;
  if (delay !== undefined) spec.delayMs = Number(delay);
  try {
    return checkWebhookFault(spec, `--webhook-fault ${JSON.stringify(text)}`);
  } catch (e) {
    throw e instanceof SimulatorError ? usage(e.message) : e;
  }
}

/** node:util's parse errors, in the simulator's own words. */
function argvError(e: unknown): SimulatorError {
  const err = e as { code?: string; message?: string };
  const named = /'(-{1,2}[^' ]+)/.exec(err.message ?? "")?.[1] ?? "";
  if (err.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    return usage(/does not take an argument/.test(err.message ?? "") ? `${named} takes no value` : `${named} needs a value`);
  }
  if (err.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" || err.code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
    const token = err.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" ? named : (/'([^']*)'/.exec(err.message ?? "")?.[1] ?? "");
    return usage(`unknown option ${JSON.stringify(token)}; run runstatus-simulator --help`);
  }
  return usage(err.message ?? String(e));
}

/** Parses the command line; a mistake throws a SimulatorError with one sentence for stderr. */
export function parseArgs(argv: readonly string[]): CliConfig {
  let values: ReturnType<typeof parse<{ options: typeof FLAGS }>>["values"];
  try {
    ({ values } = parse({ args: [...argv], options: FLAGS, strict: true, allowPositionals: false }));
  } catch (e) {
    throw argvError(e);
  }
  const options: SimulatorOptions = {};
  const cfg: CliConfig = { options, json: values.json ?? false, log: values.log ?? false, help: values.help ?? false };
  if (values.port !== undefined) options.port = number("--port", values.port);
  if (values.host !== undefined) options.host = values.host;
  if (values.speed !== undefined) options.speed = number("--speed", values.speed);
  const timing: Record<string, number> = {};
  if (values.steps !== undefined) timing.steps = number("--steps", values.steps);
  if (values["step-ms"] !== undefined) timing.stepMs = number("--step-ms", values["step-ms"]);
  if (values["queued-ms"] !== undefined) timing.queuedMs = number("--queued-ms", values["queued-ms"]);
  if (values["modelslab-rate-limit"] !== undefined) {
    options.modelslabRateLimit = number("--modelslab-rate-limit", values["modelslab-rate-limit"]);
  }

  const scenarios: Partial<Record<SimProvider, ScenarioName>> = {};
  let scenarioAll: string | undefined;
  for (const v of values.scenario ?? []) {
    const [p, s] = v.includes("=") ? (v.split("=", 2) as [string, string]) : [null, v];
    if (p === null) scenarioAll = s;
    else if (isProvider(p)) scenarios[p] = s as ScenarioName;
    else throw usage(`--scenario ${JSON.stringify(v)}: unknown provider ${JSON.stringify(p)}; expected ${PROVIDERS.join(", ")}`);
  }
  if (scenarioAll !== undefined || Object.keys(scenarios).length > 0) {
    if (scenarioAll === "paused") throw usage("--scenario paused: only onepin can pause; use --scenario onepin=paused");
    options.scenario = Object.fromEntries(PROVIDERS.map((p) => [p, scenarios[p] ?? scenarioAll ?? "succeeded"])) as Record<
      SimProvider,
      ScenarioName
    >;
  }
  if (Object.keys(timing).length > 0) options.timing = timing;
  const faults = (values.fault ?? []).map(parseFault);
  if (faults.length > 0) options.faults = faults;
  if (values["webhook-secret"] !== undefined) options.webhookSecret = values["webhook-secret"];
  const hooks: Record<string, string> = {};
  for (const v of values["workflow-webhook"] ?? []) {
    const cut = v.indexOf("=");
    if (cut <= 0) throw usage(`--workflow-webhook ${JSON.stringify(v)}: expected <workflow id>=<url>`);
    hooks[v.slice(0, cut)] = checkWebhookUrl(v.slice(cut + 1), "--workflow-webhook");
  }
  if (Object.keys(hooks).length > 0) options.workflowWebhooks = hooks;
  const webhookFaults = (values["webhook-fault"] ?? []).map(parseWebhookFault);
  if (webhookFaults.length > 0) options.webhookFaults = webhookFaults;

  const keysAll: string[] = [];
  const keysBy: Partial<Record<SimProvider, string[]>> = {};
  for (const v of values.key ?? []) {
    const cut = v.indexOf("=");
    const p = cut > 0 ? v.slice(0, cut) : null;
    if (p !== null && isProvider(p)) keysBy[p] = [...(keysBy[p] ?? []), v.slice(cut + 1)];
    else keysAll.push(v);
  }
  if (keysAll.length > 0 || Object.keys(keysBy).length > 0) {
    const keys: Partial<Record<SimProvider, string[]>> = {};
    for (const p of PROVIDERS) {
      const list = [...keysAll, ...(keysBy[p] ?? [])];
      if (list.length > 0) keys[p] = list;
    }
    options.keys = keys;
  }
  return cfg;
}

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM). */
  stopped: Promise<string>;
}

/** Runs the simulator until `io.stopped` resolves. Returns the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let cfg: CliConfig;
  try {
    cfg = parseArgs(argv);
  } catch (e) {
    io.err(`runstatus-simulator: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
  if (cfg.help) {
    io.out(USAGE);
    return 0;
  }
  if (cfg.log) cfg.options.log = (line) => io.err(line);
  let sim: Awaited<ReturnType<typeof startSimulator>>;
  try {
    sim = await startSimulator(cfg.options);
  } catch (e) {
    io.err(`runstatus-simulator: ${e instanceof Error ? e.message : String(e)}`);
    return e instanceof SimulatorError && e.option !== "port" && e.option !== "host" ? 2 : 1;
  }
  const configured = cfg.options.keys !== undefined;
  const keys = Object.fromEntries(PROVIDERS.map((p) => [p, configured ? null : sim.keys[p]]));
  if (cfg.json) {
    io.out(JSON.stringify({ url: sim.url, baseUrls: sim.baseUrls, keys, targets: sim.targets }));
  } else {
    io.out(`runstatus simulator listening on ${sim.url} (speed ${cfg.options.speed ?? 1}x)`);
    for (const p of PROVIDERS) {
      const key = configured ? "(the configured keys)" : `any non-empty key, e.g. ${sim.keys[p]}`;
      io.out(`  ${p.padEnd(10)} ${sim.baseUrls[p].padEnd(36)} default target ${sim.targets[p].default}; ${key}`);
    }
    io.out(`Scenario targets and the control API: ${sim.url}/_simulator`);
    io.out(
      `Try: RUNSTATUS_ONEPIN_BASE_URL=${sim.baseUrls.onepin} ONEPIN_API_KEY=${configured ? "<key>" : sim.keys.onepin} runstatus start onepin ${sim.targets.onepin.default}`,
    );
    io.out("Press Ctrl-C to stop.");
  }
  const signal = await io.stopped;
  await sim.close();
  if (!cfg.json) io.err(`runstatus-simulator: ${signal}, closed`);
  return 0;
}
