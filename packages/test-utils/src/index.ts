import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";

import { repoRoot, specPath } from "./paths.js";

export { repoRoot, specPath };

const require = createRequire(import.meta.url);

/** Asks the OS for a free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return await new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", fail);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => ok(port));
    });
  });
}

export interface PrismHandle {
  /** e.g. http://127.0.0.1:43121 — use as the client's baseUrl (paths are appended to it). */
  url: string;
  pid: number;
  /** Stops this Prism by its own PID and waits for it to exit. */
  close(): Promise<void>;
}

const PRISM_START_MS = 50_000;

export interface PrismOptions {
  /** "mock" (default) serves examples from the spec; "proxy" validates an upstream's answers. */
  mode?: "mock" | "proxy";
  /** For proxy mode: the upstream base URL. */
  upstream?: string;
  /** Probe path that answers once Prism is up (any HTTP answer counts). Default "/". */
  readyPath?: string;
  /**
   * How long to wait for Prism to answer. Default 50 s: each Prism takes seconds of CPU to start,
   * and on a busy 2-core machine running two test files at once, four starting together can take
   * half a minute. Within the hooks' 60 s.
   */
  timeoutMs?: number;
}

/**
 * Starts Prism from a spec on 127.0.0.1 and a free port, with `--errors` (a request the spec
 * rejects is answered 422 problem+json instead of being served). Started as
 * `node prism-cli/dist/index.js` so that the PID we hold is Prism's own.
 */
export async function startPrism(spec: string, opts: PrismOptions = {}): Promise<PrismHandle> {
  const port = await freePort();
  const cli = join(dirname(require.resolve("@stoplight/prism-cli/package.json")), "dist", "index.js");
  const mode = opts.mode ?? "mock";
  const args = [cli, mode, "--host", "127.0.0.1", "--port", String(port), "--errors"];
  if (mode === "proxy") {
    if (!opts.upstream) throw new Error("startPrism: proxy mode needs `upstream`");
    args.push(spec, opts.upstream);
  } else {
    args.push(spec);
  }
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout?.on("data", (d) => {
    log = (log + String(d)).slice(-4000);
  });
  child.stderr?.on("data", (d) => {
    log = (log + String(d)).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((ok) => child.once("exit", () => ok()));
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(child.pid as number, "SIGTERM");
      await exited;
    }
  };
  const deadline = Date.now() + (opts.timeoutMs ?? PRISM_START_MS);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`prism exited early (${child.exitCode}):\n${log}`);
    try {
      await fetch(url + (opts.readyPath ?? "/"), { signal: AbortSignal.timeout(1000) });
      break;
    } catch {
      if (Date.now() > deadline) {
        await close();
        throw new Error(`prism did not answer on ${url} within ${opts.timeoutMs ?? PRISM_START_MS} ms:\n${log}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return { url, pid: child.pid as number, close };
}

/**
 * Fails when Prism (started with `--errors`) rejected an exchange instead of serving the spec:
 * a 422 application/problem+json, or an operation's own error answer with an `sl-violations`
 * header naming what was wrong. Contract tests call it after every request, so a request the
 * spec rejects is a failing test.
 */
export function expectAcceptedByPrism(response: Response, detail?: unknown): void {
  const violations = response.headers.get("sl-violations");
  const type = response.headers.get("content-type") ?? "";
  if (violations || type.includes("problem+json")) {
    const more = detail === undefined ? "" : ` ${JSON.stringify(detail)}`;
    throw new Error(`Prism rejected the exchange (HTTP ${response.status}): ${violations ?? type}${more}`);
  }
}
export { jsonResponse, recordingFetch, rejectionOf, type SeenRequest } from "./fetch.js";
export { FUZZ_RUNS, type FuzzCounts, fc, fuzzStatusBodies, itFuzzesStatusBodies } from "./fuzz.js";
export {
  credentialOf,
  type HostileHandler,
  type HostileReply,
  type HostileRequest,
  type HostileServer,
  startHostileServer,
} from "./hostile-server.js";
export { secretLeaks, settle } from "./leaks.js";
export { cleanEnv, npmInstallTarballs } from "./npm-install.js";
export {
  mutated,
  SAMPLE_REFS,
  SPEC_PROVIDERS,
  type SpecProvider,
  STATUS_PATHS,
  statusBodyArbitrary,
  statusExamples,
} from "./provider-specs.js";
export { type RedisHandle, startRedis } from "./redis.js";
export {
  describeMappingTypes,
  type SpecVariant,
  type TypecheckResult,
  typecheckVariants,
  typecheckWithout,
} from "./spec-field.js";
