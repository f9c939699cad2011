import { type BaseClientOptions, checkApiKey, checkBaseUrl, oneRequestOptions } from "./client.js";
import { UsageError } from "./errors.js";
import { type ApiCallOptions, type ApiCallResult, callApi, type SendResult } from "./http.js";
import { type BodyReader, bodyReader } from "./read.js";
import type { CallContext } from "./types.js";

/** Where an adapter reads its variables: an object of names to values, like `process.env`. */
export type Env = Readonly<Record<string, string | undefined>>;

/** Options every adapter factory (`onepin()`, `magnific()`…) accepts. All optional. */
export interface AdapterOptions {
  /** Default: the provider's key variable in `env` (e.g. ONEPIN_API_KEY), read at the first request. */
  apiKey?: string;
  /** Default: RUNSTATUS_<PROVIDER>_BASE_URL in `env`, else the spec's server URL; null: the spec's server URL, ignoring `env`. */
  baseUrl?: string | null;
  fetch?: (input: Request) => Promise<Response>;
  headers?: Record<string, string>;
  /** The largest response body read, in bytes (default 4 MiB); a longer one fails with an InvalidResponseError. */
  maxResponseBytes?: number;
  /** The variables to read the key and base URL from. Default: `process.env` where the runtime has one. */
  env?: Env;
}

/** The value of `name` in `env` (default `process.env`); empty counts as unset. */
export function readEnv(name: string, env?: Env): string | undefined {
  const vars = env ?? (globalThis as { process?: { env?: Env } }).process?.env;
  const v = vars?.[name];
  return v === undefined || v.trim() === "" ? undefined : v;
}

/**
 * A short, stable, non-reversible tag of a text (FNV-1a, base 36), e.g. to keep the request budgets
 * of two API keys apart without putting a key into a budget key.
 */
export function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

/** `RUNSTATUS_ONEPIN_BASE_URL` for "onepin". */
export function baseUrlEnvVar(provider: string): string {
  return `RUNSTATUS_${provider.toUpperCase()}_BASE_URL`;
}

type DataOf<R> = R extends { data: infer D } ? D : never;
/** The JSON body an openapi-fetch call declares for its success response (`unknown` when it declares none). */
export type SuccessBody<R> = [DataOf<R>] extends [never] ? unknown : NonNullable<DataOf<R>>;

/** One answer of {@link AdapterClient.call}, its body typed by the route's success response. */
export interface ApiResponse<T = unknown> extends ApiCallResult {
  /** The body as a {@link BodyReader}; fails with an InvalidResponseError when it is not an object. */
  read(): BodyReader<T>;
}

/**
 * What `send` gets besides the client: spread it into the openapi-fetch call's options. It also
 * asks openapi-fetch for the body as text (or, on the one-Request path, to leave the body to the
 * request guard, which has read it), so the raw answer stays available for error excerpts;
 * {@link callApi} parses it, and {@link ApiResponse.read} types it by the route.
 */
export interface SendInit {
  signal: AbortSignal | undefined;
}

export interface AdapterClient<C> {
  /** Builds the client at first use; throws a UsageError naming the variable when no key is set. */
  client(): C;
  /** The key in use, for redaction; null before the first successful `client()`. */
  secret(): string | null;
  /** A tag of the key this adapter uses or will use ("" when none is set), never the key itself. */
  keyTag(): string;
  /**
   * One request: builds the client first (so the key is known, and redacted, before anything is
   * sent), runs `send` through {@link callApi} with the provider's error reader and the call's
   * signal, and returns the answer; `read()` reads its body field by field.
   */
  call<R extends SendResult>(
    ctx: CallContext | undefined,
    send: (client: C, init: SendInit) => Promise<R>,
  ): Promise<ApiResponse<SuccessBody<R>>>;
}

export interface AdapterClientSpec<C, O extends AdapterOptions> {
  provider: string;
  /** The variable the key is read from, e.g. "ONEPIN_API_KEY". */
  keyEnv: string;
  create: (o: BaseClientOptions & O) => C;
  readError?: ApiCallOptions["readError"] | undefined;
}

/**
 * Resolves an adapter's key and base URL once, at the first request, and builds its client then,
 * so that composing an adapter whose key is not set fails only when that provider is actually
 * used. An explicit `baseUrl` or `apiKey` that is malformed fails at once; a malformed base URL
 * variable fails at the first request, naming the variable. Every other option is handed to
 * `create` as given (e.g. OnePin's `workspaceId`).
 */
export function createAdapterClient<C, O extends AdapterOptions = AdapterOptions>(
  spec: AdapterClientSpec<C, O>,
  opts: O,
): AdapterClient<C> {
  const { provider, keyEnv, create, readError } = spec;
  const where = `${provider}()`;
  if (opts.apiKey !== undefined) checkApiKey(opts.apiKey, where);
  const explicitBase = typeof opts.baseUrl === "string" ? checkBaseUrl(opts.baseUrl, where) : undefined;
  const { env, ...clientOpts } = opts;
  let built: C | undefined;
  let key: string | null = null;
  const api: AdapterClient<C> = {
    client() {
      if (!built) {
        const apiKey = opts.apiKey ?? readEnv(keyEnv, env);
        if (apiKey === undefined) {
          throw new UsageError(`missing API key for ${provider}: set ${keyEnv} or pass the apiKey option`, { provider });
        }
        // A key from the variable is checked here, and a bad one is reported by the variable's name.
        if (opts.apiKey === undefined) checkApiKey(apiKey, null, keyEnv);
        const baseUrlEnv = baseUrlEnvVar(provider);
        // null: the spec's server URL, whatever the environment says.
        const fromEnv = opts.baseUrl === undefined ? readEnv(baseUrlEnv, env) : undefined;
        const baseUrl = fromEnv === undefined ? explicitBase : checkBaseUrl(fromEnv, null, baseUrlEnv);
        built = create({ ...(clientOpts as O), apiKey, baseUrl });
        key = apiKey;
      }
      return built;
    },
    secret: () => key,
    keyTag: () => shortHash(key ?? opts.apiKey ?? readEnv(keyEnv, env) ?? ""),
    async call(ctx, send) {
      const client = api.client();
      const secrets = [key];
      const signal = ctx?.signal;
      // The text is what callApi parses and quotes in errors; the route's type stays on `read()`.
      // `params` (set by the call) and `method` (by openapi-fetch) are there, undefined, because
      // each copies these options with a spread: overriding a key of the copy is fast, adding one
      // is not (about 1.5 µs each on Node 20).
      const init = {
        parseAs: "text",
        signal,
        params: undefined,
        method: undefined,
        ...oneRequestOptions(client as object),
      } as SendInit;
      const res = await callApi({ provider, secrets, readError, signal }, () => send(client, init));
      return { read: () => bodyReader(provider, res.status, res.text, secrets, res.body), ...res };
    },
  };
  return api;
}
