import {
  type CallContext,
  type Capabilities,
  formatRef,
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
  /** One snapshot per change; the last one is the terminal run. Breaking out stops polling. */
  watch(ref: string, opts?: PollOptions): AsyncIterable<Run>;
  /** Waits for every run; rejects on the first error. */
  waitAll(refs: readonly string[], opts?: PollOptions): Promise<Run[]>;
  /** Resolves with the first run to end. */
  waitAny(refs: readonly string[], opts?: PollOptions): Promise<Run>;
  /** Starts a run of `target` (app, workflow or blueprint id) and returns its reference. */
  start(provider: string, target: string, input?: StartInput, opts?: RequestOptions): Promise<string>;
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
  const providers = options?.providers;
  if (!Array.isArray(providers) || providers.length === 0) {
    throw new UsageError("createRunStatus: `providers` must list at least one adapter, e.g. [onepin()]");
  }
  const byName = new Map<string, RunProvider>();
  for (const p of providers) {
    if (!p || typeof p.get !== "function" || typeof p.name !== "string") {
      throw new UsageError("createRunStatus: every entry of `providers` must be an adapter such as onepin()");
    }
    if (byName.has(p.name)) throw new UsageError(`createRunStatus: provider "${p.name}" is listed twice`);
    byName.set(p.name, p);
  }
  const defaults = options.defaults ?? {};
  const merge = (opts?: PollOptions): PollOptions => ({ ...defaults, ...opts });

  const resolve = (ref: string): ResolvedRef => {
    const parsed = parseRef(ref, providers);
    const provider = byName.get(parsed.provider) as RunProvider;
    return { provider, ids: parsed.ids, ref: formatRef(provider.name, parsed.ids) };
  };

  const providerNamed = (name: string): RunProvider => {
    const p = byName.get(name);
    if (!p) {
      throw new UsageError(`unknown provider ${JSON.stringify(name)}; configured: ${[...byName.keys()].join(", ")}`);
    }
    return p;
  };

  const ctx = (opts?: RequestOptions): CallContext => (opts?.signal ? { signal: opts.signal } : {});

  type Op = "cancel" | "pause" | "resume";
  const lifecycle = async (op: Op, ref: string, opts?: RequestOptions) => {
    const { provider, ids } = resolve(ref);
    const fn = provider[op];
    // Pause and resume come together (one capability); cancel has its own.
    const capable = op === "cancel" ? provider.capabilities.cancel : provider.capabilities.pause;
    if (!capable || typeof fn !== "function") throw new UnsupportedError(provider.name, op);
    return await fn.call(provider, ids, ctx(opts));
  };

  return {
    providers,
    resolve,
    async get(ref, opts) {
      const { provider, ids } = resolve(ref);
      return (await provider.get(ids, ctx(opts))).run;
    },
    wait(ref, opts) {
      const { provider, ids } = resolve(ref);
      return waitForRun(provider, ids, merge(opts));
    },
    watch(ref, opts) {
      const { provider, ids } = resolve(ref);
      return watchRun(provider, ids, merge(opts));
    },
    waitAll(refs, opts) {
      return waitAll(refs.map(resolve), merge(opts));
    },
    waitAny(refs, opts) {
      return waitAny(refs.map(resolve), merge(opts));
    },
    async start(name, target, input = {}, opts) {
      const provider = providerNamed(name);
      if (!provider.capabilities.start || typeof provider.start !== "function")
        throw new UnsupportedError(provider.name, "start");
      if (typeof target !== "string" || target.trim() === "") {
        throw new UsageError(`start: a ${provider.name} target id is required`, { provider: provider.name });
      }
      const { ids } = await provider.start(target, input, ctx(opts));
      return formatRef(provider.name, ids);
    },
    cancel: (ref, opts) => lifecycle("cancel", ref, opts),
    pause: (ref, opts) => lifecycle("pause", ref, opts),
    resume: (ref, opts) => lifecycle("resume", ref, opts),
    capabilities: (name) => ({ ...providerNamed(name).capabilities }),
  };
}
