import { type Run, RunStatusError, type StartInput, TimeoutError, UsageError } from "@runstatus/core";
import type { AdapterOptions } from "@runstatus/core/adapter";
import { MAGNIFIC_KEY_ENV, magnific } from "@runstatus/magnific";
import { MODELSLAB_KEY_ENV, modelslab } from "@runstatus/modelslab";
import { ONEPIN_KEY_ENV, onepin } from "@runstatus/onepin";
import { WONDERCAT_KEY_ENV, wondercat } from "@runstatus/wondercat";
import pc from "picocolors";
import { createRunStatus, type RunStatus } from "runstatus";
import { type CliArgs, DEFAULT_REQUEST_TIMEOUT_MS, parseCli } from "./args.js";
import { EXIT, errorJson, errorLine, exitCodeOf, formatRun, jsonLine, oneLine } from "./format.js";
import { commandHelp, globalHelp } from "./help.js";

/** Each provider's adapter factory and the variable its key is read from (for redaction). */
export const PROVIDERS = {
  magnific: { factory: magnific, keyVar: MAGNIFIC_KEY_ENV },
  onepin: { factory: onepin, keyVar: ONEPIN_KEY_ENV },
  wondercat: { factory: wondercat, keyVar: WONDERCAT_KEY_ENV },
  modelslab: { factory: modelslab, keyVar: MODELSLAB_KEY_ENV },
} as const;
type ProviderName = keyof typeof PROVIDERS;

export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  env: Record<string, string | undefined>;
  /** Fires on Ctrl-C. */
  signal?: AbortSignal;
  version?: string;
}

/** Runs one CLI invocation and returns its exit code (never throws). */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const secrets = collectSecrets(io.env);
  let args: CliArgs | null = null;
  try {
    args = parseCli(argv);
    if (args.apiKey) secrets.push(args.apiKey);
    if (args.command === "help") {
      io.stdout.write(`${args.helpFor ? commandHelp(args.helpFor) : globalHelp()}\n`);
      return EXIT.ok;
    }
    if (args.command === "version") {
      io.stdout.write(`${io.version ?? "unknown"}\n`);
      return EXIT.ok;
    }
    const rs = buildRunStatus(args, io.env);
    switch (args.command) {
      case "get":
        return await cmdGet(rs, args, io);
      case "watch":
        // The display code loads for watch only: get, start and the lifecycle commands start without it.
        return await (await import("./watch.js")).cmdWatch(rs, args, watchIO(args, io, secrets));
      case "start":
        return await cmdStart(rs, args, io);
      case "cancel":
      case "pause":
      case "resume":
        return await cmdLifecycle(rs, args, io);
    }
  } catch (err) {
    report(err, args?.json ?? argv.includes("--json"), io, secrets);
    return exitCodeOf(err);
  }
}

function collectSecrets(env: CliIO["env"]): string[] {
  return Object.values(PROVIDERS)
    .map((p) => env[p.keyVar])
    .filter((v): v is string => typeof v === "string" && v !== "");
}

function report(err: unknown, json: boolean, io: CliIO, secrets: readonly string[]): void {
  const shown = asFlags(err);
  io.stderr.write(`${json ? errorJson(shown, secrets) : errorLine(shown, secrets)}\n`);
}

/** Option names in library messages, and the flags that set them here. */
const FLAGS: [RegExp, string][] = [
  [/the apiKey option/, "--api-key"],
  [/^[a-z]+\(\): `apiKey`/, "--api-key"],
  [/^[a-z]+\(\): `baseUrl`/, "--base-url"],
];

/** A usage error that names an adapter option, reworded to name the flag that set it here. */
function asFlags(err: unknown): unknown {
  if (!(RunStatusError.is(err) && err.kind === "usage")) return err;
  const flag = FLAGS.find(([option]) => option.test(err.message));
  if (!flag) return err;
  return new UsageError(err.message.replace(flag[0], flag[1]), err.provider ? { provider: err.provider } : {});
}

/** The providers a command addresses: flags such as --api-key apply to these only. */
function addressed(args: CliArgs): Set<string> {
  if (args.command === "start") return new Set([args.positionals[0] ?? ""]);
  return new Set(args.positionals.map((r) => r.slice(0, Math.max(0, r.indexOf(":")))));
}

function buildRunStatus(args: CliArgs, env: CliIO["env"]): RunStatus {
  const targets = addressed(args);
  const providers = (Object.keys(PROVIDERS) as ProviderName[]).map((name) => {
    // The flags apply to the provider the command addresses; every adapter reads `env` itself.
    const opts: AdapterOptions = { env };
    if (targets.has(name)) {
      if (args.apiKey !== undefined) opts.apiKey = args.apiKey;
      if (args.baseUrl !== undefined) opts.baseUrl = args.baseUrl;
    }
    return PROVIDERS[name].factory(opts);
  });
  return createRunStatus({ providers });
}

async function cmdGet(rs: RunStatus, args: CliArgs, io: CliIO): Promise<number> {
  const ref = args.positionals[0] as string;
  const run = await withDeadline(args, io, providerOf(ref), (opts) => rs.get(ref, opts));
  io.stdout.write(args.json ? `${jsonLine(run)}\n` : `${formatRun(run, colorFor(io, args))}\n`);
  return EXIT.ok;
}

async function cmdStart(rs: RunStatus, args: CliArgs, io: CliIO): Promise<number> {
  const [provider, target] = args.positionals as [string, string];
  const input: StartInput = Object.fromEntries(args.inputs);
  const ref = await withDeadline(args, io, provider, (opts) => rs.start(provider, target, input, opts));
  // The ref holds the id the provider answered with: printed plain, it is made terminal-safe.
  io.stdout.write(args.json ? `${jsonLine({ ref })}\n` : `${oneLine(ref)}\n`);
  return EXIT.ok;
}

/** `cancel`, `pause` and `resume`: the facade answers with the run as the provider reports it after the call. */
async function cmdLifecycle(rs: RunStatus, args: CliArgs, io: CliIO): Promise<number> {
  const op = args.command as "cancel" | "pause" | "resume";
  const ref = args.positionals[0] as string;
  const run = await withDeadline(args, io, providerOf(ref), (opts) => rs[op](ref, opts));
  io.stdout.write(args.json ? `${jsonLine(run)}\n` : `${formatRun(run, colorFor(io, args))}\n`);
  return EXIT.ok;
}

function watchIO(args: CliArgs, io: CliIO, secrets: readonly string[]) {
  const colorRun = colorFor(io, args);
  return {
    stdout: io.stdout,
    stderr: io.stderr,
    ...signalOpt(io),
    color: useColor(io, args),
    colorRun,
    errorText: (err: unknown) => (args.json ? errorJson(asFlags(err), secrets) : errorLine(asFlags(err), secrets)),
  };
}

function signalOpt(io: CliIO): { signal?: AbortSignal } {
  return io.signal ? { signal: io.signal } : {};
}

const providerOf = (ref: string) => ref.slice(0, Math.max(0, ref.indexOf(":"))) || null;

/**
 * Runs one request under `--timeout` (default 60 s): when it passes, the request in flight is
 * aborted and the call fails with a TimeoutError (exit 4); Ctrl-C still aborts it at once.
 */
async function withDeadline<T>(
  args: CliArgs,
  io: CliIO,
  provider: string | null,
  call: (opts: { signal: AbortSignal }) => Promise<T>,
): Promise<T> {
  const ms = args.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new TimeoutError(provider, ms)), ms);
  const interrupt = () => deadline.abort(io.signal?.reason);
  if (io.signal?.aborted) interrupt();
  io.signal?.addEventListener("abort", interrupt, { once: true });
  try {
    return await call({ signal: deadline.signal });
  } catch (err) {
    throw deadline.signal.reason instanceof TimeoutError ? deadline.signal.reason : err;
  } finally {
    clearTimeout(timer);
    io.signal?.removeEventListener("abort", interrupt);
  }
}

/** Colour only on a terminal, and never with NO_COLOR (any non-empty value) or --no-color. */
function useColor(io: CliIO, args: CliArgs | null): boolean {
  return io.stdout.isTTY === true && !io.env.NO_COLOR && args?.noColor !== true;
}

function colorFor(io: CliIO, args: CliArgs | null): (s: string, state: Run["state"]) => string {
  if (!useColor(io, args)) return (s) => s;
  return (s, state) =>
    state === "succeeded"
      ? pc.green(s)
      : state === "failed" || state === "cancelled"
        ? pc.red(s)
        : state === "partial" || state === "unknown"
          ? pc.yellow(s)
          : pc.cyan(s);
}
