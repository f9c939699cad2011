import { type BaseClientOptions, checkApiKey, checkBaseUrl } from "./client.js";
import { UsageError } from "./errors.js";
import { type ApiCallOptions, type ApiCallResult, callApi, type SendResult } from "./http.js";
import { bodyView, type View } from "./read.js";
import type { CallContext } from "./types.js";

/** Options every adapter factory (`onepin()`, `magnific()`…) accepts. All optional. */
export interface AdapterOptions {
  /** Default: the provider's environment variable (e.g. ONEPIN_API_KEY), read at the first request. */
  apiKey?: string;
  /** Default: RUNSTATUS_<PROVIDER>_BASE_URL, else the spec's server URL; null: the spec's server URL, ignoring the environment. */
  baseUrl?: string | null;
  fetch?: (input: Request) => Promise<Response>;
  headers?: Record<string, string>;
}

/** Reads an environment variable where the runtime has one; empty counts as unset. */
export function readEnv(name: string): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const v = env?.[name];
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

/** An answer of {@link LazyClient.call}. */
export interface Answer extends ApiCallResult {
  /** The body as a {@link View}; fails with an InvalidResponseError when it is not an object. */
  view<T = Record<string, unknown>>(): View<T>;
}

/** What `send` gets besides the client: spread it into the openapi-fetch call's options. */
export interface SendInit {
  parseAs: "text";
  signal: AbortSignal | undefined;
}

export interface LazyClient<C> {
  /** Builds the client at first use; throws a UsageError naming the env var when no key is set. */
  client(): C;
  /** The key in use, for redaction; null before the first successful `client()`. */
  secret(): string | null;
  /**
   * One request: builds the client first (so the key is known, and redacted, before anything is
   * sent), runs `send` through {@link callApi} with the provider's error reader and the call's
   * signal, and returns the answer; `view()` reads its body field by field.
   */
  call(ctx: CallContext | undefined, send: (client: C, init: SendInit) => Promise<SendResult>): Promise<Answer>;
}

/**
 * Resolves an adapter's key and base URL and builds its client lazily, so that composing an
 * adapter whose key is not set fails only when that provider is actually used. An explicit
 * `baseUrl` or `apiKey` that is malformed fails at once. Every other option is handed to
 * `create` as given (e.g. OnePin's `workspaceId`).
 */
export function lazyClient<C, O extends AdapterOptions = AdapterOptions>(
  provider: string,
  keyEnvVar: string,
  opts: O,
  create: (o: BaseClientOptions & O) => C,
  readError?: ApiCallOptions["readError"],
): LazyClient<C> {
  const where = `${provider}()`;
  if (opts.apiKey !== undefined) checkApiKey(opts.apiKey, where);
  const baseUrlEnv = baseUrlEnvVar(provider);
  // null: the spec's server URL, whatever the environment says.
  const rawBase = opts.baseUrl === null ? undefined : (opts.baseUrl ?? readEnv(baseUrlEnv));
  const baseUrl =
    rawBase === undefined ? undefined : checkBaseUrl(rawBase, typeof opts.baseUrl === "string" ? where : baseUrlEnv);
  let built: C | undefined;
  let key: string | null = null;
  const lazy: LazyClient<C> = {
    client() {
      if (!built) {
        const apiKey = opts.apiKey ?? readEnv(keyEnvVar);
        if (apiKey === undefined) {
          throw new UsageError(`missing API key for ${provider}: set ${keyEnvVar} (or pass --api-key / the apiKey option)`, {
            provider,
          });
        }
        built = create({ ...opts, apiKey, baseUrl });
        key = apiKey;
      }
      return built;
    },
    secret: () => key,
    async call(ctx, send) {
      const client = lazy.client();
      const secrets = [key];
      const signal = ctx?.signal;
      const res = await callApi({ provider, secrets, readError, signal }, () => send(client, { parseAs: "text", signal }));
      return { ...res, view: () => bodyView(provider, res.status, res.text, secrets, res.body) };
    },
  };
  return lazy;
}
