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
  /** Client options sent as headers, e.g. `{ workspaceId: "X-Workspace-Id" }` (see {@link optionHeaders}). */
  optionHeaders?: Readonly<Record<string, string>>;
  /** Rewrites the URL of every request before it is sent (e.g. a path form the spec cannot express). */
  requestUrl?: (url: string) => string;
}

/**
 * A request as openapi-fetch describes it, before any `Request` exists. Without middleware or a
 * caller's fetch, the global fetch builds the one Request from it; otherwise openapi-fetch would
 * build a Request and fetch would copy it into a second one.
 */
class PendingRequest {
  readonly url: string;
  readonly method: string;
  constructor(
    url: string,
    readonly init: RequestInit,
  ) {
    this.url = url;
    this.method = init.method ?? "GET";
  }
}

const sendPending = (req: PendingRequest): Promise<Response> => globalThis.fetch(req.url, req.init);

/** Per-call options that make a client's request build one Request; see {@link oneRequestOptions}. */
export interface OneRequestOptions {
  Request: typeof Request;
  fetch: (input: Request) => Promise<Response>;
}

const oneRequest = new WeakMap<object, OneRequestOptions>();

/**
 * Options to spread into one call of `client` so that the global fetch builds its only Request;
 * undefined when the client has a caller's fetch or middleware (both take a built Request).
 */
export function oneRequestOptions(client: object): OneRequestOptions | undefined {
  return oneRequest.get(client);
}

/** `url` as `requestUrl` rewrites it. */
const rewritten = (requestUrl: ((url: string) => string) | undefined, url: RequestInfo | URL) =>
  requestUrl && typeof url === "string" ? requestUrl(url) : url;

const FORBIDDEN_IN_SEGMENT = /[/?#\\\0-\x1f\x7f]/;

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
  // One sentence for every case, the reason in parentheses. A non-empty value is never echoed: it
  // may be a key pasted into the wrong option (only its protocol is shown).
  const bad = (why: string): never => {
    throw new UsageError(`${where}: \`baseUrl\` must be an absolute http(s) URL without query, fragment or credentials (${why})`);
  };
  if (typeof value !== "string" || value.trim() === "") {
    return bad(
      `got ${value === undefined ? "nothing" : typeof value === "string" ? JSON.stringify(value) : value === null ? "null" : typeof value}`,
    );
  }
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    bad("the value given does not parse as a URL");
  }
  const u = url as URL;
  if (u.protocol !== "http:" && u.protocol !== "https:") bad(`got protocol ${JSON.stringify(u.protocol)}`);
  if (u.search || u.hash) bad("it has a query or fragment");
  if (u.username || u.password) bad("it carries credentials; pass `apiKey`");
  return value.replace(/\/+$/, "");
}

/** Checks an API key option: a non-empty string. The message names the option, never the value. */
export function checkApiKey(value: unknown, where: string): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new UsageError(`${where}: \`apiKey\` is required and must be a non-empty string`);
  }
  // A control character would make fetch reject the header with a message that quotes the key.
  if (/[\0-\x1f\x7f]/.test(value)) {
    throw new UsageError(`${where}: \`apiKey\` contains a line break or another control character`);
  }
  return value;
}

/**
 * Options a provider sends as headers, e.g. `{ workspaceId: "X-Workspace-Id" }`: each, when given,
 * must be a non-empty single-line string (a line break would make fetch throw at request time,
 * far from the option that caused it).
 */
export function optionHeaders(
  options: object,
  headers: Readonly<Record<string, string>> | undefined,
  where: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [option, header] of Object.entries(headers ?? {})) {
    const value = (options as Record<string, unknown>)[option];
    if (value === undefined) continue;
    if (typeof value !== "string" || value.trim() === "" || /[\r\n\0]/.test(value)) {
      throw new UsageError(`${where}: \`${option}\` must be a non-empty single-line string (sent as ${header})`);
    }
    out[header] = value;
  }
  return out;
}

/**
 * Builds a typed openapi-fetch client for one provider: validates options, injects auth,
 * applies the base URL override and the safe path serializer, and installs middleware. Each call
 * builds one Request.
 * Each provider package wraps this in its own `create<Provider>Client`.
 */
export function createProviderClient<Paths extends {}>(spec: ProviderClientSpec, options: BaseClientOptions): Client<Paths> {
  const where = spec.factory;
  if (typeof options !== "object" || options === null) {
    throw new UsageError(`${where}: options are required ({ apiKey, baseUrl?, fetch? })`);
  }
  const apiKey = checkApiKey(options.apiKey, where);
  const { fetch } = options;
  if (fetch !== undefined && typeof fetch !== "function") throw new UsageError(`${where}: \`fetch\` must be a function`);
  const clientOptions: ClientOptions = {
    baseUrl: options.baseUrl === undefined ? spec.defaultBaseUrl : checkBaseUrl(options.baseUrl, where),
    headers: { ...options.headers, ...optionHeaders(options, spec.optionHeaders, where), ...spec.authHeaders(apiKey) },
    pathSerializer: safePathSerializer(spec.provider),
  };
  const { requestUrl } = spec;
  if (requestUrl) {
    clientOptions.Request = class extends Request {
      constructor(url: RequestInfo | URL, init?: RequestInit) {
        super(rewritten(requestUrl, url), init);
      }
    };
  }
  if (fetch) clientOptions.fetch = fetch;
  const client = createClient<Paths>(clientOptions);
  const middleware = options.middleware ?? [];
  for (const m of middleware) client.use(m);
  if (fetch === undefined && middleware.length === 0) {
    oneRequest.set(client, {
      Request: class extends PendingRequest {
        constructor(url: string, init: RequestInit) {
          super(rewritten(requestUrl, url) as string, init);
        }
      } as unknown as typeof Request,
      fetch: sendPending as unknown as OneRequestOptions["fetch"],
    });
    // Middleware added later takes a built Request again.
    const use = client.use.bind(client);
    client.use = (...m) => {
      oneRequest.delete(client);
      use(...m);
    };
  }
  return client;
}
