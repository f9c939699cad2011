import {
  type CallContext,
  formatRef,
  isRunProvider,
  type PollOptions,
  parseRef,
  type Run,
  type RunProvider,
  RunStatusError,
  UnsupportedError,
  UsageError,
  waitAll,
  waitAny,
  waitForRun,
  watchRun,
} from "@runstatus/core";
import type { AdapterNamed, ProviderName, ProvidersWith, RefTo, StartInputOf } from "./provider-types.js";
import { type NotifyResult, notifier, type StartOptions, schedulerOf, startContext } from "./webhooks/push.js";
import type { RunEvent } from "./webhooks/run-event.js";

export interface RunStatusOptions<P extends readonly RunProvider[] = readonly RunProvider[]> {
  /** The adapters to compose, e.g. `[onepin(), modelslab()]`. Each provider name at most once. */
  providers: P;
  /** Polling defaults for `wait`, `watch`, `waitAll` and `waitAny`; each call may override them. */
  defaults?: PollOptions;
}

/** Options of a single request (`get`, `start`, `cancel`, `pause`, `resume`). */
export interface RequestOptions {
  signal?: AbortSignal;
}

export interface ResolvedRef<A extends RunProvider = RunProvider> {
  provider: A;
  ids: string[];
  ref: string;
}

/**
 * What every facade has, typed by its adapters `P`: provider names, each provider's start
 * inputs and capabilities. A literal reference naming a provider that is not composed does not
 * compile; any `string` does (and is checked at run time).
 */
export interface RunStatusBase<P extends readonly RunProvider[] = readonly RunProvider[]> {
  readonly providers: P;
  /** Checks a reference against the composed providers; a malformed one throws UsageError naming the form. */
  resolve<R extends string>(ref: RefTo<R, ProviderName<P>, NotComposed>): ResolvedRef<P[number]>;
  /** Reads a run once (one request, no retry), whatever its state. */
  get<R extends string>(ref: RefTo<R, ProviderName<P>, NotComposed>, opts?: RequestOptions): Promise<Run>;
  /**
   * Polls until the run is terminal and returns it (succeeded, partial, failed or cancelled).
   * Where the status call carries no outputs (OnePin), the final run's outputs are read once.
   */
  wait<R extends string>(ref: RefTo<R, ProviderName<P>, NotComposed>, opts?: PollOptions): Promise<Run>;
  /**
   * One snapshot per change; the last one is the terminal run. Breaking out stops polling.
   * A malformed reference or bad options throw a UsageError at the call, before any request.
   */
  watch<R extends string>(ref: RefTo<R, ProviderName<P>, NotComposed>, opts?: PollOptions): AsyncIterable<Run>;
  /** Waits for every run; rejects on the first error. */
  waitAll(refs: readonly string[], opts?: PollOptions): Promise<Run[]>;
  /** Resolves with the first run to end. */
  waitAny(refs: readonly string[], opts?: PollOptions): Promise<Run>;
  /**
   * Starts a run of `target` (app, workflow or blueprint id) and returns its reference. `input`
   * is typed by the provider's adapter (e.g. OnePin's `{ script_text?, source_language? }`).
   */
  start<N extends ProvidersWith<P, "start">>(
    provider: N,
    target: string,
    input?: StartInputOf<AdapterNamed<P, N>>,
    opts?: StartOptions,
  ): Promise<string>;
  /** What the provider named `provider` supports; literal `true`/`false` for typed adapters. */
  capabilities<N extends ProviderName<P>>(provider: N): AdapterNamed<P, N>["capabilities"];
  /**
   * A webhook for a run (a reference, or a RunEvent from `runstatus/webhooks`, received here or in
   * another process): the waits on that run poll at once; repeats and late events are ignored.
   */
  notify(refOrEvent: string | RunEvent): NotifyResult;
}

type NotComposed = "is not a provider of this RunStatus";
type Unsupported<Op extends string> = `does not support ${Op}`;
type NoMethods = Record<never, never>;

/** `cancel`, where at least one adapter of `P` supports it. */
export type CancelMethod<P extends readonly RunProvider[]> = [ProvidersWith<P, "cancel">] extends [never]
  ? NoMethods
  : {
      /**
       * Cancels the run and resolves with it, as the provider answers or, where the answer
       * carries no run (ModelsLab), as read once after the call. UnsupportedError, and no
       * request, on a provider without cancel.
       */
      cancel<R extends string>(
        ref: RefTo<R, ProvidersWith<P, "cancel">, Unsupported<"cancel">>,
        opts?: RequestOptions,
      ): Promise<Run>;
    };

/** `pause` and `resume`, where at least one adapter of `P` supports them. */
export type PauseMethods<P extends readonly RunProvider[]> = [ProvidersWith<P, "pause">] extends [never]
  ? NoMethods
  : {
      /** Pauses the run and resolves with it. UnsupportedError, and no request, on a provider without pause. */
      pause<R extends string>(
        ref: RefTo<R, ProvidersWith<P, "pause">, Unsupported<"pause">>,
        opts?: RequestOptions,
      ): Promise<Run>;
      /** Resumes a paused run and resolves with it. */
      resume<R extends string>(
        ref: RefTo<R, ProvidersWith<P, "pause">, Unsupported<"resume">>,
        opts?: RequestOptions,
      ): Promise<Run>;
    };

/**
 * The facade over the adapters `P`. Operations no adapter of `P` supports are absent from the
 * type (a facade of Magnific and Wondercat has no `cancel`); `RunStatus` alone is the facade over
 * any adapters, with every operation and `string` provider names.
 */
export type RunStatus<P extends readonly RunProvider[] = readonly RunProvider[]> = RunStatusBase<P> &
  CancelMethod<P> &
  PauseMethods<P>;

/** Every method, whatever the adapters: what the implementation builds. */
type AnyRunStatus = RunStatusBase & {
  cancel(ref: string, opts?: RequestOptions): Promise<Run>;
  pause(ref: string, opts?: RequestOptions): Promise<Run>;
  resume(ref: string, opts?: RequestOptions): Promise<Run>;
};

/**
 * Composes provider adapters behind one interface:
 *
 * ```ts
 * const rs = createRunStatus({ providers: [onepin(), modelslab()] });
 * const run = await rs.wait("onepin:<workflow_id>/<run_id>", { timeout: 600_000 });
 * ```
 */
export function createRunStatus<const P extends readonly RunProvider[]>(options: RunStatusOptions<P>): RunStatus<P> {
  const fail = (m: string): never => {
    throw new UsageError(m);
  };
  const providers = options?.providers;
  if (!Array.isArray(providers) || providers.length === 0) {
    fail("createRunStatus: `providers` must list at least one adapter, e.g. [onepin()]");
  }
  const byName = new Map<string, RunProvider>();
  // What wait and watch poll: the adapter, or one whose terminal snapshot carries its outputs.
  const polled = new Map<string, RunProvider>();
  for (const p of providers) {
    if (!isRunProvider(p)) fail("createRunStatus: every entry of `providers` must be an adapter such as onepin()");
    if (byName.has(p.name)) fail(`createRunStatus: provider "${p.name}" is listed twice`);
    byName.set(p.name, p);
    polled.set(p.name, withOutputs(p));
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

  /** The provider and ids of a reference, without its normalized form (what a call needs). */
  const locate = (ref: string): Omit<ResolvedRef, "ref"> => {
    const { provider, ids } = parseRef(ref, providers);
    return { provider: byName.get(provider) as RunProvider, ids };
  };
  const resolve = (ref: string): ResolvedRef => {
    const r = locate(ref);
    return { ...r, ref: formatRef(r.provider.name, r.ids) };
  };
  const polling = (ref: string): ResolvedRef => {
    const r = resolve(ref);
    return { ...r, provider: polled.get(r.provider.name) as RunProvider };
  };
  const pollAll = (refs: readonly string[], op: string): ResolvedRef[] =>
    Array.isArray(refs) ? refs.map(polling) : fail(`${op}: expected an array of run references`);

  const providerNamed = (name: string): RunProvider =>
    byName.get(name) ?? fail(`unknown provider ${JSON.stringify(name)}; configured: ${[...byName.keys()].join(", ")}`);

  const ctx = (opts?: RequestOptions): CallContext => (opts?.signal ? { signal: opts.signal } : {});

  const lifecycle = async (op: "cancel" | "pause" | "resume", ref: string, opts?: RequestOptions) => {
    const { provider, ids } = locate(ref);
    const fn = provider[op];
    // Pause and resume come together (one capability); cancel has its own.
    if (!provider.capabilities[op === "cancel" ? op : "pause"] || typeof fn !== "function") {
      throw new UnsupportedError(provider.name, op);
    }
    const run = await fn.call(provider, ids, ctx(opts));
    // ModelsLab's cancel answers with a message: the run is read once, so every call resolves with it.
    return run ?? (await provider.get(ids, ctx(opts))).run;
  };

  // The promise-returning calls are async, so a bad reference rejects (never throws) and `.catch()` sees it.
  const rs: AnyRunStatus = {
    providers,
    resolve,
    async get(ref, opts) {
      const { provider, ids } = locate(ref);
      return (await provider.get(ids, ctx(opts))).run;
    },
    async wait(ref, opts) {
      const { provider, ids } = polling(ref);
      return await waitForRun(provider, ids, merge(opts));
    },
    watch(ref, opts) {
      const { provider, ids } = polling(ref);
      return watchRun(provider, ids, merge(opts));
    },
    async waitAll(refs, opts) {
      return await waitAll(pollAll(refs, "waitAll"), merge(opts));
    },
    async waitAny(refs, opts) {
      return await waitAny(pollAll(refs, "waitAny"), merge(opts));
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
  return rs as unknown as RunStatus<P>;
}

/**
 * The adapter as wait and watch poll it: where it reads outputs the status call lacks, the
 * terminal snapshot carries them (one request more, once: polling ends there). A failed read
 * fails that poll, so the poller's retries and deadline apply to it as to any poll.
 */
function withOutputs(p: RunProvider): RunProvider {
  const { outputs } = p;
  if (typeof outputs !== "function") return p;
  const get: RunProvider["get"] = async (ids, ctx) => {
    const result = await p.get(ids, ctx);
    if (!result?.run?.terminal) return result;
    try {
      return { ...result, run: { ...result.run, outputs: await outputs.call(p, ids, result.run, ctx) } };
    } catch (err) {
      // The run has ended: an error that ends the wait says so.
      if (RunStatusError.is(err) && err.lastRun === null) err.lastRun = result.run;
      throw err;
    }
  };
  return Object.assign(Object.create(p) as RunProvider, { get });
}
