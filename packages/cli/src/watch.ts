import { type PollEvent, type PollOptions, type Run, RunStatusError } from "@runstatus/core";
import pc from "picocolors";
import type { RunStatus } from "runstatus";
import type { CliArgs } from "./args.js";
import { aboveLine, changeText, NO_PAINT, type Paint, plainLine, RunView } from "./display.js";
import { EXIT, exitCodeOf, formatRun, jsonLine } from "./format.js";
import type { LiveDisplay } from "./live.js";

/** What `watch` needs from the rest of the CLI. */
export interface WatchIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number; rows?: number };
  stderr: NodeJS.WritableStream;
  signal?: AbortSignal;
  /** Colour on: a terminal, no NO_COLOR, no --no-color. */
  color: boolean;
  /** The error as one line (or JSON with --json), secrets removed. */
  errorText(err: unknown): string;
  /** Colours a final block's state. */
  colorRun(s: string, state: Run["state"]): string;
}

/**
 * `runstatus watch <ref>...`: every run followed to its end, at once. Each run's errors are printed
 * when they happen, naming the ref; with --fail-fast the first failure stops the other runs.
 */
export async function cmdWatch(rs: RunStatus, args: CliArgs, io: WatchIO): Promise<number> {
  // Resolve every reference first: a malformed one is a usage error before any request.
  const refs = args.positionals.map((r) => rs.resolve(r).ref);
  const started = Date.now();
  const views = new Map(refs.map((ref) => [ref, new RunView(ref, started)]));
  const tty = !args.json && io.stdout.isTTY === true;
  const live: LiveDisplay | null = tty
    ? (await import("./live.js")).liveDisplay([...views.values()], io.stdout, { paint: paintFor(io.color) })
    : null;
  const out = (text: string) => (live ? live.print(text) : io.stdout.write(`${text}\n`));
  const err = (text: string) => (live ? live.print(text, io.stderr) : io.stderr.write(`${text}\n`));

  // One controller stops every watch: Ctrl-C (the caller's signal) or --fail-fast.
  const stopAll = new AbortController();
  let failedFast = false;
  const onAbort = () => stopAll.abort(io.signal?.reason);
  if (io.signal?.aborted) onAbort();
  io.signal?.addEventListener("abort", onAbort, { once: true });

  const onEvent = (e: PollEvent) => {
    const v = views.get(e.ref);
    if (!v) return;
    // The poller's clock is monotonic; the display counts in wall-clock time from the watch's start.
    const line = v.onEvent({ ...e, at: Date.now() });
    if (line === null || args.json) return;
    // Retries and waits: a line of their own (above the live area on a terminal).
    if (e.type === "retry" || !live)
      out(live ? aboveLine(v, Date.now(), line, io.stdout.columns ?? 80) : plainLine(v, Date.now(), line));
    else live.refresh();
  };
  const opts: PollOptions = { onEvent, signal: stopAll.signal };
  if (args.timeoutMs !== null) opts.timeout = args.timeoutMs;
  if (args.intervalMs !== null) opts.minInterval = args.intervalMs;
  if (args.maxIntervalMs !== null) opts.maxInterval = args.maxIntervalMs;

  const failFast = () => {
    if (!args.failFast || failedFast || refs.length < 2) return;
    failedFast = true;
    stopAll.abort(new Error("--fail-fast"));
  };
  let code: number = EXIT.ok;
  const errors: unknown[] = [];
  await Promise.all(
    refs.map(async (ref) => {
      const v = views.get(ref) as RunView;
      try {
        for await (const run of rs.watch(ref, opts)) {
          if (args.json) io.stdout.write(`${jsonLine(run)}\n`);
          else if (live) live.refresh();
          else out(plainLine(v, Date.now(), changeText(run)));
          if (run.terminal) {
            if (!args.json) out(formatRun(run, io.color ? io.colorRun : (s) => s));
            if (run.state !== "succeeded") {
              code = Math.max(code, EXIT.runNotSucceeded);
              failFast();
            }
          }
        }
      } catch (e) {
        // Runs stopped by --fail-fast or Ctrl-C are not errors of their own.
        if (stopAll.signal.aborted && RunStatusError.is(e) && e.kind === "aborted") {
          if (failedFast && !io.signal?.aborted) {
            const line = v.stop("--fail-fast");
            if (!args.json) out(live ? aboveLine(v, Date.now(), line, io.stdout.columns ?? 80) : plainLine(v, Date.now(), line));
          }
          errors.push(e);
          return;
        }
        errors.push(e);
        err(io.errorText(withRef(e, ref)));
        failFast();
      }
    }),
  );
  io.signal?.removeEventListener("abort", onAbort);
  live?.stop();
  if (io.signal?.aborted) {
    io.stderr.write(`${io.errorText(errors.find((e) => exitCodeOf(e) === EXIT.interrupted) ?? new Error("interrupted"))}\n`);
    return EXIT.interrupted;
  }
  const own = errors.filter((e) => !(failedFast && RunStatusError.is(e) && e.kind === "aborted"));
  // The first error decides the code (every one was printed as it happened).
  return own.length > 0 ? exitCodeOf(own[0]) : code;
}

/**
 * The error with the run's ref in front of its message (moved there from a trailing "(run <ref>)"),
 * unless the message names it elsewhere already: every line of a multi-run watch starts with its run.
 */
function withRef(err: unknown, ref: string): unknown {
  if (!(err instanceof Error)) return err;
  const suffix = ` (run ${ref})`;
  const text = err.message.endsWith(suffix) ? err.message.slice(0, -suffix.length) : err.message;
  if (text.includes(ref)) return err;
  const copy = Object.create(Object.getPrototypeOf(err), Object.getOwnPropertyDescriptors(err)) as Error;
  Object.defineProperty(copy, "message", {
    value: `${ref}: ${text}`,
    enumerable: false,
    configurable: true,
    writable: true,
  });
  return copy;
}

function paintFor(color: boolean): Paint {
  if (!color) return NO_PAINT;
  return {
    state: (s, state) =>
      state === "succeeded"
        ? pc.green(s)
        : state === "failed" || state === "cancelled" || state === "error"
          ? pc.red(s)
          : state === "partial" || state === "unknown" || state === "paused"
            ? pc.yellow(s)
            : pc.cyan(s),
    dim: (s) => pc.dim(s),
  };
}
