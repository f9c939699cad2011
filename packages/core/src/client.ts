import createClient, { type Client, type ClientOptions, type Middleware } from "openapi-fetch";
import { UsageError } from "./errors.js";
import { DEFAULT_MAX_RESPONSE_BYTES, type GuardOptions, guardedFetch, type Send } from "./guarded-fetch.js";

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
  /**
   * The largest response body read, in bytes (default 4 MiB). A longer body is not read: the call
   * fails with an InvalidResponseError, which is not retried.
   */
  maxResponseBytes?: number;
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
  // Declared, not emitted as class fields (bundle bytes); set in the constructor.
  declare readonly url: string;
  declare readonly method: string;
  declare readonly init: RequestInit;
  constructor(url: string, init: RequestInit) {
    this.url = url;
    this.init = init;
    this.method = init.method ?? "GET";
  }
}

/**
 * Per-call options that make a client's request build one Request and read its body once; see
 * {@link oneRequestOptions}. openapi-fetch then leaves the body alone (`parseAs: "stream"`): the
 * text is read by {@link guardedFetch} and found with `guardedResponse(response)`.
 */
export interface OneRequestOptions {
  Request: typeof Request;
  fetch: (input: Request) => Promise<Response>;
  parseAs: "stream";
}

const oneRequest = new WeakMap<object, OneRequestOptions>();

/**
 * Options to spread into one call of `client` so that the global fetch builds its only Request
 * and the body is read once, into `guardedResponse(response)`; undefined when the client has a
 * caller's fetch or middleware (both take a built Request, and middleware may read the body).
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
  // Each path split once into its literal parts (even indices) and parameter names (odd).
  const templates = new Map<string, string[]>();
  const segment = (name: string, raw: unknown): string => {
    const value = raw === undefined || raw === null ? "" : String(raw);
    if (value === "" || value === "." || value === ".." || FORBIDDEN_IN_SEGMENT.test(value)) {
      throw new UsageError(
        `${provider}: path parameter "${name}" must be a non-empty id without "/", "?", "#", "\\" or a bare ".." (got ${JSON.stringify(value.slice(0, 60))})`,
        { provider },
      );
    }
    return encodeURIComponent(value);
  };
  return (pathname: string, pathParams: Record<string, unknown>): string => {
    const parts = templates.get(pathname) ?? pathname.split(/\{([^}]+)\}/);
    // A spec's paths are few; a caller building paths at run time does not grow this past 256.
    if (templates.size < 256) templates.set(pathname, parts);
    return parts.map((part, i) => (i % 2 ? segment(part, pathParams[part]) : part)).join("");
  };
}

/**
 * Checks a base URL: absolute http(s), no query or fragment. Returns it without a trailing slash.
 * The message names where the value came from (`name`: the option by default, or e.g. a variable).
 */
export function checkBaseUrl(value: unknown, where: string | null, name = "`baseUrl`"): string {
  // One sentence for every case, the reason in parentheses. A non-empty value is never echoed: it
  // may be a key pasted into the wrong option (only its protocol is shown).
  const at = where ? `${where}: ${name}` : name;
  const bad = (why: string): never => {
    throw new UsageError(`${at} must be an absolute http(s) URL without query, fragment or credentials (${why})`);
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

/**
 * Checks an API key: a non-empty string that can be sent as an HTTP header value. The message
 * names where the key came from (`name`: the option by default, or e.g. a variable), never the value.
 */
export function checkApiKey(value: unknown, where: string | null, name = "`apiKey`"): string {
  const at = where ? `${where}: ${name}` : name;
  if (typeof value !== "string" || value.trim() === "") {
    throw new UsageError(`${at} is required and must be a non-empty string`);
  }
  // fetch would reject such a header at request time with a message that quotes the key.
  if (/[^\t\x20-\x7e\x80-\xff]/.test(value)) {
    throw new UsageError(
      `${at} contains a character that cannot be sent in an HTTP header (a line break, a control character or one outside Latin-1)`,
    );
  }
  return value;
}

/** Checks the `maxResponseBytes` option: a positive whole number of bytes. */
export function checkMaxResponseBytes(value: unknown, where: string): number {
  if (value === undefined) return DEFAULT_MAX_RESPONSE_BYTES;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value <= 0) {
    throw new UsageError(`${where}: \`maxResponseBytes\` must be a positive whole number of bytes`);
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
  const guard: GuardOptions = {
    provider: spec.provider,
    maxResponseBytes: checkMaxResponseBytes(options.maxResponseBytes, where),
    secrets: [apiKey],
  };
  // Every request goes through guardedFetch (redirect policy, body cap): the caller's fetch gets
  // a Request as before, the runtime's fetch gets the URL and init.
  const runtimeSend: Send = (url, init) => globalThis.fetch(url, init);
  const send: Send = fetch ? (url, init) => fetch(new Request(url, init)) : runtimeSend;
  const clientOptions: ClientOptions = {
    baseUrl: options.baseUrl === undefined ? spec.defaultBaseUrl : checkBaseUrl(options.baseUrl, where),
    headers: { ...options.headers, ...optionHeaders(options, spec.optionHeaders, where), ...spec.authHeaders(apiKey) },
    pathSerializer: safePathSerializer(spec.provider),
    fetch: async (request: Request) => guardedFetch(request.url, await initOf(request), send, guard),
  };
  const { requestUrl } = spec;
  if (requestUrl) {
    clientOptions.Request = class extends Request {
      constructor(url: RequestInfo | URL, init?: RequestInit) {
        super(rewritten(requestUrl, url), init);
      }
    };
  }
  const client = createClient<Paths>(clientOptions);
  const middleware = options.middleware ?? [];
  for (const m of middleware) client.use(m);
  if (fetch === undefined && middleware.length === 0) {
    const once: GuardOptions = { ...guard, bodyRead: true };
    oneRequest.set(client, {
      parseAs: "stream",
      Request: PendingRequest as unknown as typeof Request,
      fetch: ((req: PendingRequest) =>
        guardedFetch(
          rewritten(requestUrl, req.url) as string,
          req.init,
          runtimeSend,
          once,
        )) as unknown as OneRequestOptions["fetch"],
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

/** The init that sends `request` again (its body read once, so that a redirect can send it again). */
async function initOf(request: Request): Promise<RequestInit> {
  const init: RequestInit = { method: request.method, headers: request.headers, signal: request.signal };
  if (request.body !== null) init.body = await request.arrayBuffer();
  return init;
}
