import createClient, { type Client, type ClientOptions, type Middleware } from "openapi-fetch";
import { UsageError } from "./errors.js";

/** Options every provider client accepts. */
export interface BaseClientOptions {
  /** The provider API key. Required and non-empty; never printed. */
  apiKey: string;
  /**
   * Replaces the spec's `servers[0].url` (e.g. a simulator or a proxy); the documented paths are
   * appended unchanged. Must be an absolute http(s) URL.
   */
  baseUrl?: string;
  /** A fetch to use instead of `globalThis.fetch` (tests, proxies, instrumentation). */
  fetch?: (input: Request) => Promise<Response>;
  /** Extra headers sent with every request (e.g. a workspace header). */
  headers?: Record<string, string>;
  /** openapi-fetch middleware, run in order. */
  middleware?: Middleware[];
}

export interface ProviderClientSpec {
  /** Provider name, used in error messages ("onepin"). */
  provider: string;
  /** The client's factory name, for error messages ("createOnePinClient"). */
  factory: string;
  /** The spec's `servers[0].url`. */
  defaultBaseUrl: string;
  /** Turns the key into the auth headers the provider documents. */
  authHeaders(apiKey: string): Record<string, string>;
}

const FORBIDDEN_IN_SEGMENT = /[/?#\\\u0000-\u001f\u007f]/;

/**
 * Path serializer that keeps ids inside their own path segment: it rejects empty values,
 * "." and "..", and values with "/", "?", "#", "\" or control characters, then
 * percent-encodes the rest. A hostile or mistaken id can therefore never change the request path.
 */
export function safePathSerializer(provider: string) {
  return (pathname: string, pathParams: Record<string, unknown>): string =>
    pathname.replace(/\{([^}]+)\}/g, (_m, name: string) => {
      const raw = pathParams[name];
      const value = raw === undefined || raw === null ? "" : String(raw);
      if (value === "" || value === "." || value === ".." || FORBIDDEN_IN_SEGMENT.test(value)) {
        throw new UsageError(
          `${provider}: path parameter "${name}" must be a non-empty id without "/", "?", "#", "\\" or a bare ".." (got ${JSON.stringify(value.slice(0, 60))})`,
          { provider },
        );
      }
      return encodeURIComponent(value);
    });
}

/** Checks a base URL option: absolute http(s), no query or fragment. Returns it without a trailing slash. */
export function checkBaseUrl(value: unknown, where: string): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new UsageError(`${where}: \`baseUrl\` must be an absolute http(s) URL, got ${describe(value)}`);
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // The value is not echoed: a key pasted into the wrong option must not reach an error message.
    throw new UsageError(`${where}: \`baseUrl\` must be an absolute http(s) URL (the value given does not parse as a URL)`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new UsageError(`${where}: \`baseUrl\` must use http or https, got ${JSON.stringify(url.protocol)}`);
  }
  if (url.search || url.hash) {
    throw new UsageError(`${where}: \`baseUrl\` must not carry a query or fragment`);
  }
  if (url.username || url.password) {
    throw new UsageError(`${where}: \`baseUrl\` must not carry credentials; pass \`apiKey\``);
  }
  return value.replace(/\/+$/, "");
}

/** Checks an API key option: a non-empty string. The message names the option, never the value. */
export function checkApiKey(value: unknown, where: string): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new UsageError(`${where}: \`apiKey\` is required and must be a non-empty string`);
  }
  return value;
}

function describe(v: unknown): string {
  if (v === undefined) return "nothing";
  if (v === null) return "null";
  return typeof v === "string" ? JSON.stringify(v) : typeof v;
}

/**
 * Builds a typed openapi-fetch client for one provider: validates options, injects auth,
 * applies the base URL override and the safe path serializer, and installs middleware.
 * Each provider package wraps this in its own `create<Provider>Client`.
 */
export function createProviderClient<Paths extends {}>(spec: ProviderClientSpec, options: BaseClientOptions): Client<Paths> {
  if (typeof options !== "object" || options === null) {
    throw new UsageError(`${spec.factory}: options are required ({ apiKey, baseUrl?, fetch? })`);
  }
  const apiKey = checkApiKey(options.apiKey, spec.factory);
  const baseUrl = options.baseUrl === undefined ? spec.defaultBaseUrl : checkBaseUrl(options.baseUrl, spec.factory);
  if (options.fetch !== undefined && typeof options.fetch !== "function") {
    throw new UsageError(`${spec.factory}: \`fetch\` must be a function`);
  }
  const clientOptions: ClientOptions = {
    baseUrl,
    headers: { ...options.headers, ...spec.authHeaders(apiKey) },
    pathSerializer: safePathSerializer(spec.provider),
  };
  if (options.fetch) clientOptions.fetch = options.fetch;
  const client = createClient<Paths>(clientOptions);
  for (const m of options.middleware ?? []) client.use(m);
  return client;
}
