import type { AdapterOptions, PollOptions, Run, StartInput } from "@runstatus/core";
import { magnific } from "@runstatus/magnific";
import { modelslab } from "@runstatus/modelslab";
import { onepin } from "@runstatus/onepin";
import { wondercat } from "@runstatus/wondercat";
import pc from "picocolors";
import { createRunStatus, type RunStatus } from "runstatus";
import { type CliArgs, parseCli, USAGE } from "./args.js";
import { EXIT, errorJson, errorLine, exitCodeOf, formatRun, progressText } from "./format.js";
import { liveDisplay } from "./live.js";

export const PROVIDERS = {
  magnific: { factory: magnific, keyVar: "MAGNIFIC_API_KEY" },
  onepin: { factory: onepin, keyVar: "ONEPIN_API_KEY" },
  wondercat: { factory: wondercat, keyVar: "WONDERCAT_API_KEY" },
  modelslab: { factory: modelslab, keyVar: "MODELSLAB_API_KEY" },
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
      io.stdout.write(`${USAGE}\n`);
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
        return await cmdWatch(rs, args, io, secrets);
      case "start":
        return await cmdStart(rs, args, io);
      case "cancel":
        return await cmdCancel(rs, args, io);
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
  io.stderr.write(`${json ? errorJson(err, secrets) : errorLine(err, secrets)}\n`);
}

/** The providers a command addresses: flags such as --api-key apply to these only. */
function addressed(args: CliArgs): Set<string> {
  if (args.command === "start") return new Set([args.positionals[0] ?? ""]);
  return new Set(args.positionals.map((r) => r.slice(0, Math.max(0, r.indexOf(":")))));
}

function buildRunStatus(args: CliArgs, env: CliIO["env"]): RunStatus {
  const targets = addressed(args);
  const nonEmpty = (v: string | undefined) => (v === undefined || v.trim() === "" ? undefined : v);
  const providers = (Object.keys(PROVIDERS) as ProviderName[]).map((name) => {
    const { factory, keyVar } = PROVIDERS[name];
    const mine = targets.has(name);
    const opts: AdapterOptions = {};
    const key = (mine ? args.apiKey : undefined) ?? nonEmpty(env[keyVar]);
    if (key !== undefined) opts.apiKey = key;
    const baseUrl = (mine ? args.baseUrl : undefined) ?? nonEmpty(env[`RUNSTATUS_${name.toUpperCase()}_BASE_URL`]);
    if (baseUrl !== undefined) opts.baseUrl = baseUrl;
    // A malformed base URL for a provider this command does not use must not fail the command.
    try {
      return factory(opts);
    } catch (err) {
      if (mine) throw err;
      return factory({ ...opts, baseUrl: null });
    }
  });
  return createRunStatus({ providers });
}

async function cmdGet(rs: RunStatus, args: CliArgs, io: CliIO): Promise<number> {
  const run = await rs.get(args.positionals[0] as string, signalOpt(io));
  io.stdout.write(args.json ? `${JSON.stringify(run)}\n` : `${formatRun(run, colorFor(io))}\n`);
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
  else io.stdout.write(run ? `${formatRun(run, colorFor(io))}\n` : `cancel requested for ${rs.resolve(ref).ref}\n`);
  return EXIT.ok;
}

async function cmdWatch(rs: RunStatus, args: CliArgs, io: CliIO, secrets: readonly string[]): Promise<number> {
  // Resolve every reference first: a malformed one is a usage error before any request.
  const refs = args.positionals.map((r) => rs.resolve(r).ref);
  const opts: PollOptions = {};
  if (args.timeoutMs !== null) opts.timeout = args.timeoutMs;
  if (io.signal) opts.signal = io.signal;
  const tty = !args.json && io.stdout.isTTY === true;
  const live = tty ? liveDisplay(refs, io.stdout as NodeJS.WriteStream) : null;
  const started = Date.now();
  const onRun = (ref: string, run: Run) => {
    if (args.json) io.stdout.write(`${JSON.stringify(run)}\n`);
    else if (live) live.update(ref, run);
    else {
      const secs = ((Date.now() - started) / 1000).toFixed(1).padStart(6);
      const prog = progressText(run);
      io.stdout.write(`${secs}s  ${ref}  ${run.state}${prog ? `  ${prog}` : ""}\n`);
    }
  };
  const results = await Promise.allSettled(
    refs.map(async (ref) => {
      let last: Run | null = null;
      try {
        for await (const run of rs.watch(ref, opts)) {
          last = run;
          onRun(ref, run);
        }
      } catch (err) {
        live?.fail(ref, err instanceof Error ? err.name : "error");
        throw err;
      }
      return last as Run;
    }),
  );
  live?.stop();
  let code: number = EXIT.ok;
  const finals: Run[] = [];
  for (const r of results) {
    if (r.status === "fulfilled") {
      finals.push(r.value);
      if (r.value.state !== "succeeded") code = Math.max(code, EXIT.runNotSucceeded);
    }
  }
  if (!args.json) {
    for (const run of finals) io.stdout.write(`${formatRun(run, colorFor(io))}\n`);
  }
  const errors = results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => r.reason);
  if (errors.length > 0) {
    // Interrupt wins; otherwise the first error decides the code (all are reported).
    const interrupted = errors.find((e) => exitCodeOf(e) === EXIT.interrupted);
    for (const e of interrupted ? [interrupted] : errors) report(e, args.json, io, secrets);
    return exitCodeOf(interrupted ?? errors[0]);
  }
  return code;
}

function signalOpt(io: CliIO): { signal?: AbortSignal } {
  return io.signal ? { signal: io.signal } : {};
}

function colorFor(io: CliIO): (s: string, state: Run["state"]) => string {
  const useColor = io.stdout.isTTY === true && !io.env.NO_COLOR;
  if (!useColor) return (s) => s;
  return (s, state) =>
    state === "succeeded"
      ? pc.green(s)
      : state === "failed" || state === "cancelled"
        ? pc.red(s)
        : state === "partial" || state === "unknown"
          ? pc.yellow(s)
          : pc.cyan(s);
}
