import { type AdapterClient, type AdapterOptions, type ApiResponse, createAdapterClient } from "./adapter-client.js";
import { type BaseClientOptions, optionHeaders } from "./client.js";
import { nameRun, UsageError } from "./errors.js";
import type { ApiCallOptions } from "./http.js";
import { cleanRun, cleanText } from "./provider-text.js";
import { checkIds, formatRef } from "./ref.js";
import type {
  CallContext,
  Capabilities,
  Output,
  PollResult,
  RateBudget,
  Run,
  RunProvider,
  StartContext,
  StartInput,
  WebhookRun,
} from "./types.js";

/** The ids of a reference, one string per named segment: `["workflow_id", "run_id"]` → `[string, string]`. */
export type RefIds<S extends readonly string[]> = { -readonly [K in keyof S]: string };

/** What an adapter declares about its provider; {@link defineAdapter} does the rest. */
export interface AdapterSpec<C, O extends AdapterOptions, S extends readonly string[], N extends string = string> {
  /** The provider name, the first part of a reference ("onepin"); the adapter's type carries it. */
  name: N;
  /** Names of the reference segments after the provider, e.g. ["workflow_id", "run_id"]. */
  refSegments: S;
  /** The variable the key is read from when `apiKey` is not given, e.g. "ONEPIN_API_KEY". */
  keyEnv: string;
  /** Builds the typed client from the resolved options (the provider package's `create<P>Client`). */
  createClient: (options: BaseClientOptions & O) => C;
  /** Reads the provider's error body into the fields of an ApiError. */
  readError?: ApiCallOptions["readError"];
  /** Adapter options sent as headers, e.g. `{ workspaceId: "X-Workspace-Id" }`; checked once, at creation. */
  optionHeaders?: Readonly<Record<string, string>>;
  /** Whether the status call reports step progress (completed of total). */
  progress: boolean;
  /** Whether runs can report to a webhook given at start. */
  webhooks?: boolean;
}

/**
 * The methods an adapter writes: ids arrive checked and typed, start inputs checked as an object.
 * `start` may declare a narrower input type (e.g. the provider's documented keys): the facade's
 * `start` then accepts only that.
 */
export interface AdapterMethods<S extends readonly string[]> {
  get(ids: RefIds<S>, ctx?: CallContext): Promise<PollResult>;
  start?(target: string, input: StartInput, ctx?: StartContext): Promise<{ ids: string[] }>;
  cancel?(ids: RefIds<S>, ctx?: CallContext): Promise<Run | undefined>;
  pause?(ids: RefIds<S>, ctx?: CallContext): Promise<Run | undefined>;
  resume?(ids: RefIds<S>, ctx?: CallContext): Promise<Run | undefined>;
  budget?(ids: RefIds<S>): RateBudget | null;
  outputs?(ids: RefIds<S>, run: Run, ctx?: CallContext): Promise<Output[]>;
  readWebhook?(body: unknown, text: string): WebhookRun;
}

/** What the methods get: the lazily built client and the helpers every adapter needs. */
export interface AdapterApi<C, O extends AdapterOptions> extends AdapterClient<C> {
  /** The options the factory was called with. */
  readonly options: O;
  /** The poll result of an answer whose body mapped to `run`: the answer's Retry-After and request id. */
  poll(answer: ApiResponse<unknown>, run: Run): PollResult;
  /** Throws a UsageError prefixed with the provider name. */
  usage(message: string): never;
}

type IdMethod = "get" | "cancel" | "pause" | "resume" | "budget" | "outputs";

/**
 * The capabilities of an adapter with methods `M`, with literal `true`/`false` for the operations,
 * so the facade can type what each provider accepts (pause needs both pause and resume).
 */
export type AdapterCapabilities<M> = Capabilities & {
  readonly start: M extends { start: unknown } ? true : false;
  readonly cancel: M extends { cancel: unknown } ? true : false;
  readonly pause: M extends { pause: unknown; resume: unknown } ? true : false;
  readonly list: false;
};

/**
 * An adapter as {@link defineAdapter} returns it: a RunProvider named `N`, whose capabilities are
 * literal types and whose id methods take any reference segments.
 */
export type DefinedAdapter<M, N extends string = string> = Omit<RunProvider, keyof M | "name" | "capabilities"> & {
  readonly name: N;
  readonly capabilities: AdapterCapabilities<M>;
} & {
  [K in keyof M]: K extends IdMethod
    ? M[K] extends (...args: never[]) => infer R
      ? (...args: Parameters<NonNullable<RunProvider[K]>>) => R
      : M[K]
    : M[K];
};

const isObject = (v: unknown): boolean => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Builds an adapter from its spec and its methods. In one place for every provider it checks the
 * options (key, base URL, option headers), resolves the key and base URL once at the first
 * request from the options or `env`, checks and types the reference ids before any method runs,
 * checks that start inputs are an object, and derives the capabilities from the methods present
 * (pause needs both pause and resume).
 */
export function defineAdapter<
  C,
  O extends AdapterOptions,
  const S extends readonly string[],
  M extends AdapterMethods<S>,
  const N extends string = string,
>(spec: AdapterSpec<C, O, S, N>, options: O, methods: (api: AdapterApi<C, O>) => M): DefinedAdapter<NoInfer<M>, N> {
  const { name } = spec;
  const where = `${name}()`;
  if (!isObject(options)) throw new UsageError(`${where}: options must be an object`, { provider: name });
  // Checked once, here: the client gets them as plain headers.
  const sent = optionHeaders(options, spec.optionHeaders, where);
  const clientOptions: Record<string, unknown> = { ...(options as object) };
  for (const option of Object.keys(spec.optionHeaders ?? {})) delete clientOptions[option];
  if (Object.keys(sent).length > 0) clientOptions.headers = { ...options.headers, ...sent };
  const client = createAdapterClient(
    { provider: name, keyEnv: spec.keyEnv, create: spec.createClient, readError: spec.readError },
    clientOptions as O,
  );
  const api: AdapterApi<C, O> = {
    ...client,
    options,
    poll: (answer, run) => ({ run, retryAfterMs: answer.retryAfterMs, requestId: answer.requestId }),
    usage(message) {
      throw new UsageError(`${name}: ${message}`, { provider: name });
    },
  };
  const m = methods(api);
  const named = { name, refSegments: spec.refSegments };
  const ids = (given: readonly string[]) => checkIds(named, given) as RefIds<S>;
  const out: Record<string, unknown> = { ...(m as object) };
  const secrets = () => [client.secret()];
  const run = (r: Run | undefined) => (r === undefined ? r : cleanRun(r, secrets()));
  // Async, so a bad reference rejects the call's promise rather than throwing. What leaves here is
  // clean: runs redacted and capped, and an error names the run it was about.
  const { get } = m;
  out.get = async (given: readonly string[], ctx?: CallContext): Promise<PollResult> => {
    const checked = ids(given);
    const r = await aboutRun(name, checked, () => get(checked, ctx));
    return {
      ...r,
      run: cleanRun(r.run, secrets()),
      requestId: r.requestId ? cleanText(r.requestId, secrets()).slice(0, 200) : null,
    };
  };
  for (const k of ["cancel", "pause", "resume"] as const) {
    const fn = m[k];
    if (fn) {
      out[k] = async (given: readonly string[], ctx?: CallContext) => {
        const checked = ids(given);
        return run(await aboutRun(name, checked, () => fn(checked, ctx)));
      };
    }
  }
  const { budget, start, outputs } = m;
  if (budget) out.budget = (given: readonly string[]) => budget(ids(given));
  if (outputs) out.outputs = async (given: readonly string[], run: Run, ctx?: CallContext) => await outputs(ids(given), run, ctx);
  if (start) {
    out.start = async (target: string, input: StartInput, ctx?: StartContext) => {
      if (!isObject(input)) api.usage("start inputs must be an object of key=value pairs");
      const started = await start(target, input, ctx);
      return { ...started, ids: started.ids.map((id) => cleanText(id, secrets())) };
    };
  }
  const capabilities: Capabilities = {
    start: start !== undefined,
    cancel: m.cancel !== undefined,
    pause: m.pause !== undefined && m.resume !== undefined,
    // RunProvider has no list method: listing stays on each provider's client.
    list: false,
    webhooks: spec.webhooks ?? false,
    progress: spec.progress,
  };
  return Object.assign(out, named, { capabilities }) as unknown as DefinedAdapter<M, N>;
}

/** Runs a call about one run; an error the provider's answer caused names that run (its reference built then). */
async function aboutRun<T>(provider: string, ids: readonly string[], call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    nameRun(err, formatRef(provider, ids));
    throw err;
  }
}
