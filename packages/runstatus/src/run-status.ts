import {
  type CallContext,
  type Capabilities,
  formatRef,
  isRunProvider,
  type PollOptions,
  parseRef,
  type Run,
  type RunProvider,
  type StartInput,
  UnsupportedError,
  UsageError,
  waitAll,
  waitAny,
  waitForRun,
  watchRun,
} from "@runstatus/core";
import { type NotifyResult, notifier, type StartOptions, schedulerOf, startContext } from "./webhooks/push.js";
import type { RunEvent } from "./webhooks/run-event.js";

export interface RunStatusOptions {
  /** The adapters to compose, e.g. `[onepin(), modelslab()]`. Each provider name at most once. */
  providers: readonly RunProvider[];
  /** Polling defaults for `wait`, `watch`, `waitAll` and `waitAny`; each call may override them. */
  defaults?: PollOptions;
}

/** Options of a single request (`get`, `start`, `cancel`). */
export interface RequestOptions {
  signal?: AbortSignal;
}

export interface ResolvedRef {
  provider: RunProvider;
  ids: string[];
  ref: string;
}

export interface RunStatus {
  readonly providers: readonly RunProvider[];
  /** Checks a reference against the composed providers; a malformed one throws UsageError naming the form. */
  resolve(ref: string): ResolvedRef;
  /** Reads a run once (one request, no retry), whatever its state. */
  get(ref: string, opts?: RequestOptions): Promise<Run>;
  /** Polls until the run is terminal and returns it (succeeded, partial, failed or cancelled). */
  wait(ref: string, opts?: PollOptions): Promise<Run>;
  /**
   * One snapshot per change; the last one is the terminal run. Breaking out stops polling.
   * A malformed reference or bad options throw a UsageError at the call, before any request.
   */
  watch(ref: string, opts?: PollOptions): AsyncIterable<Run>;
  /** Waits for every run; rejects on the first error. */
  waitAll(refs: readonly string[], opts?: PollOptions): Promise<Run[]>;
  /** Resolves with the first run to end. */
  waitAny(refs: readonly string[], opts?: PollOptions): Promise<Run>;
  /** Starts a run of `target` (app, workflow or blueprint id) and returns its reference. */
  start(provider: string, target: string, input?: StartInput, opts?: StartOptions): Promise<string>;
  /**
   * A webhook for a run (a reference, or a RunEvent from `runstatus/webhooks`, received here or in
   * another process): the waits on that run poll at once; repeats and late events are ignored.
   */
  notify(refOrEvent: string | RunEvent): NotifyResult;
  /** Cancels a run where the provider supports it; UnsupportedError where it does not. */
  cancel(ref: string, opts?: RequestOptions): Promise<Run | undefined>;
  pause(ref: string, opts?: RequestOptions): Promise<Run | undefined>;
  resume(ref: string, opts?: RequestOptions): Promise<Run | undefined>;
  capabilities(provider: string): Capabilities;
}

/**
 * Composes provider adapters behind one interface:
 *
 * ```ts
 * const rs = createRunStatus({ providers: [onepin(), modelslab()] });
 * const run = await rs.wait("onepin:<workflow_id>/<run_id>", { timeout: 600_000 });
 * ```
 */
export function createRunStatus(options: RunStatusOptions): RunStatus {
  const fail = (m: string): never => {
    throw new UsageError(m);
  };
  const providers = options?.providers;
  if (!Array.isArray(providers) || providers.length === 0) {
    fail("createRunStatus: `providers` must list at least one adapter, e.g. [onepin()]");
  }
  const byName = new Map<string, RunProvider>();
  for (const p of providers) {
    if (!isRunProvider(p)) fail("createRunStatus: every entry of `providers` must be an adapter such as onepin()");
    if (byName.has(p.name)) fail(`createRunStatus: provider "${p.name}" is listed twice`);
    byName.set(p.name, p);
  }
  const isObject = (o: unknown) => typeof o === "object" && o !== null && !Array.isArray(o);
  const defaults = options.defaults ?? {};
  if (!isObject(defaults)) fail("createRunStatus: `defaults` must be an object of poll options, e.g. { timeout: 600_000 }");
  // A per-call option left undefined keeps the default (`{ timeout: flags.timeout }` must not erase it).
  const merge = (opts: PollOptions = {}): PollOptions => {
    if (!isObject(opts)) fail("poll options must be an object, e.g. { timeout: 600_000 }");
    const out: Record<string, unknown> = { ...defaults };
    for (const [k, v] of Object.entries(opts)) if (v !== undefined) out[k] = v;
    return out;
  };

  const resolve = (ref: string): ResolvedRef => {
    const { provider, ids } = parseRef(ref, providers);
    return { provider: byName.get(provider) as RunProvider, ids, ref: formatRef(provider, ids) };
  };
  const resolveAll = (refs: readonly string[], op: string): ResolvedRef[] =>
    Array.isArray(refs) ? refs.map(resolve) : fail(`${op}: expected an array of run references`);

  const providerNamed = (name: string): RunProvider =>
    byName.get(name) ?? fail(`unknown provider ${JSON.stringify(name)}; configured: ${[...byName.keys()].join(", ")}`);

  const ctx = (opts?: RequestOptions): CallContext => (opts?.signal ? { signal: opts.signal } : {});

  const lifecycle = async (op: "cancel" | "pause" | "resume", ref: string, opts?: RequestOptions) => {
    const { provider, ids } = resolve(ref);
    const fn = provider[op];
    // Pause and resume come together (one capability); cancel has its own.
    if (!provider.capabilities[op === "cancel" ? op : "pause"] || typeof fn !== "function") {
      throw new UnsupportedError(provider.name, op);
    }
    return await fn.call(provider, ids, ctx(opts));
  };

  // The promise-returning calls are async, so a bad reference rejects (never throws) and `.catch()` sees it.
  return {
    providers,
    resolve,
    async get(ref, opts) {
      const { provider, ids } = resolve(ref);
      return (await provider.get(ids, ctx(opts))).run;
    },
    async wait(ref, opts) {
      const { provider, ids } = resolve(ref);
      return await waitForRun(provider, ids, merge(opts));
    },
    watch(ref, opts) {
      const { provider, ids } = resolve(ref);
      return watchRun(provider, ids, merge(opts));
    },
    async waitAll(refs, opts) {
      return await waitAll(resolveAll(refs, "waitAll"), merge(opts));
    },
    async waitAny(refs, opts) {
      return await waitAny(resolveAll(refs, "waitAny"), merge(opts));
    },
    async start(name, target, input = {}, opts) {
      const provider = providerNamed(name);
      if (!provider.capabilities.start || typeof provider.start !== "function") {
        throw new UnsupportedError(provider.name, "start");
      }
      if (typeof target !== "string" || target.trim() === "") {
        throw new UsageError(`start: a ${provider.name} target id is required`, { provider: provider.name });
      }
      return formatRef(provider.name, (await provider.start(target, input, startContext(provider, opts))).ids);
    },
    notify: notifier(schedulerOf(defaults), resolve),
    cancel: (ref, opts) => lifecycle("cancel", ref, opts),
    pause: (ref, opts) => lifecycle("pause", ref, opts),
    resume: (ref, opts) => lifecycle("resume", ref, opts),
    capabilities: (name) => ({ ...providerNamed(name).capabilities }),
  };
}
