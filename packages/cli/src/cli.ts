import { type Run, RunStatusError, type StartInput, UsageError } from "@runstatus/core";
import type { AdapterOptions } from "@runstatus/core/adapter";
import { MAGNIFIC_KEY_ENV, magnific } from "@runstatus/magnific";
import { MODELSLAB_KEY_ENV, modelslab } from "@runstatus/modelslab";
import { ONEPIN_KEY_ENV, onepin } from "@runstatus/onepin";
import { WONDERCAT_KEY_ENV, wondercat } from "@runstatus/wondercat";
import pc from "picocolors";
import { createRunStatus, type RunStatus } from "runstatus";
import { type CliArgs, parseCli } from "./args.js";
import { EXIT, errorJson, errorLine, exitCodeOf, formatRun } from "./format.js";
import { commandHelp, globalHelp } from "./help.js";
import { cmdWatch } from "./watch.js";

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
        return await cmdWatch(rs, args, watchIO(args, io, secrets));
      case "start":
        return await cmdStart(rs, args, io);
      case "cancel":
        return await cmdCancel(rs, args, io);
      case "pause":
      case "resume":
        return await cmdPauseResume(rs, args, io);
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

/** A usage error that names the apiKey option, reworded to name the flag that sets it here. */
function asFlags(err: unknown): unknown {
  if (!(RunStatusError.is(err) && err.kind === "usage" && err.message.includes("the apiKey option"))) return err;
  const message = err.message.replace("the apiKey option", "--api-key");
  return new UsageError(message, err.provider ? { provider: err.provider } : {});
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
  const run = await rs.get(args.positionals[0] as string, signalOpt(io));
  io.stdout.write(args.json ? `${JSON.stringify(run)}\n` : `${formatRun(run, colorFor(io, args))}\n`);
  return EXIT.ok;
}

async function cmdStart(rs: RunStatus, args: CliArgs, io: CliIO): Promise<number> {
  const [provider, target] = args.positionals as [string, string];
  const input: StartInput = Object.fromEntries(args.inputs);
  const ref = await rs.start(provider, target, input, signalOpt(io));
  io.stdout.write(args.json ? `${JSON.stringify({ ref })}\n` : `${ref}\n`);
  return EXIT.ok;
}

async function cmdCancel(rs: RunStatus, args: CliArgs, io: CliIO): Promise<number> {
  const ref = args.positionals[0] as string;
  const run = await rs.cancel(ref, signalOpt(io));
  if (args.json) io.stdout.write(`${JSON.stringify(run ?? { ref: rs.resolve(ref).ref, cancelled: true })}\n`);
  else io.stdout.write(run ? `${formatRun(run, colorFor(io, args))}\n` : `cancel requested for ${rs.resolve(ref).ref}\n`);
  return EXIT.ok;
}

/** `pause` / `resume`: the run as the provider reports it after the call. */
async function cmdPauseResume(rs: RunStatus, args: CliArgs, io: CliIO): Promise<number> {
  const op = args.command as "pause" | "resume";
  const ref = rs.resolve(args.positionals[0] as string).ref;
  const run = await rs[op](ref, signalOpt(io));
  const done = op === "pause" ? "paused" : "resumed";
  if (args.json) io.stdout.write(`${JSON.stringify(run ?? { ref, [done]: true })}\n`);
  else io.stdout.write(run ? `${formatRun(run, colorFor(io, args))}\n` : `${op} requested for ${ref}\n`);
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
