import { type BaseClientOptions, checkApiKey, checkBaseUrl } from "./client.js";
import { UsageError } from "./errors.js";

/** Options every adapter factory (`onepin()`, `magnific()`…) accepts. All optional. */
export interface AdapterOptions {
  /** Default: the provider's environment variable (e.g. ONEPIN_API_KEY), read at the first request. */
  apiKey?: string;
  /** Default: RUNSTATUS_<PROVIDER>_BASE_URL, else the spec's server URL. */
  baseUrl?: string;
  fetch?: (input: Request) => Promise<Response>;
  headers?: Record<string, string>;
}

/** Reads an environment variable where the runtime has one; empty counts as unset. */
export function readEnv(name: string): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const v = env?.[name];
  return v === undefined || v.trim() === "" ? undefined : v;
}

/** `RUNSTATUS_ONEPIN_BASE_URL` for "onepin". */
export function baseUrlEnvVar(provider: string): string {
  return `RUNSTATUS_${provider.toUpperCase()}_BASE_URL`;
}

export interface LazyClient<C> {
  /** Builds the client at first use; throws a UsageError naming the env var when no key is set. */
  client(): C;
  /** The key in use, for redaction; null before the first successful `client()`. */
  secret(): string | null;
}

/**
 * Resolves an adapter's key and base URL and builds its client lazily, so that composing an
 * adapter whose key is not set fails only when that provider is actually used. An explicit
 * `baseUrl` or `apiKey` that is malformed fails at once.
 */
export function lazyClient<C>(
  provider: string,
  keyEnvVar: string,
  opts: AdapterOptions,
  create: (o: BaseClientOptions) => C,
): LazyClient<C> {
  const where = `${provider}()`;
  if (opts.apiKey !== undefined) checkApiKey(opts.apiKey, where);
  const baseUrlEnv = baseUrlEnvVar(provider);
  const rawBase = opts.baseUrl ?? readEnv(baseUrlEnv);
  const baseUrl = rawBase === undefined ? undefined : checkBaseUrl(rawBase, opts.baseUrl !== undefined ? where : baseUrlEnv);
  let built: C | null = null;
  let key: string | null = null;
  return {
    client() {
      if (built) return built;
      const k = opts.apiKey ?? readEnv(keyEnvVar);
      if (k === undefined) {
        throw new UsageError(`missing API key for ${provider}: set ${keyEnvVar} (or pass --api-key / the apiKey option)`, {
          provider,
        });
      }
      const o: BaseClientOptions = { apiKey: k };
      if (baseUrl !== undefined) o.baseUrl = baseUrl;
      if (opts.fetch) o.fetch = opts.fetch;
      if (opts.headers) o.headers = opts.headers;
      built = create(o);
      key = k;
      return built;
    },
    secret: () => key,
  };
}
