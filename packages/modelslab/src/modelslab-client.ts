import { type BaseClientOptions, createProviderClient } from "@runstatus/core";
import type { Client, Middleware } from "openapi-fetch";
import type { paths } from "./generated/schema.js";

/** The spec's `servers[0].url`; every documented path is appended to it. */
export const DEFAULT_BASE_URL = "https://modelslab.com/api/v1/workflows";

/** `apiKey` is sent in the header named `key`, as the Workflows docs require (not Bearer). */
export type ModelsLabClientOptions = BaseClientOptions;

export type ModelsLabClient = Client<paths>;

/**
 * The list call is the server URL itself (`GET /api/v1/workflows`), but OpenAPI paths must start
 * with "/", so openapi-fetch would send `/api/v1/workflows/`. Trailing-slash URLs are not what
 * ModelsLab documents (and often redirect), so the slash is removed for that one path.
 */
const rootPathWithoutSlash: Middleware = {
  onRequest({ request, schemaPath }) {
    if (schemaPath !== "/") return undefined;
    const url = new URL(request.url);
    if (url.pathname.length <= 1 || !url.pathname.endsWith("/")) return undefined;
    url.pathname = url.pathname.replace(/\/+$/, "");
    return new Request(url, request);
  },
};

/**
 * ModelsLab's own CLI waits for `X-RateLimit-Reset` (unix seconds) on a 429. When a 429 carries
 * it and no `Retry-After`, the instant is added as an HTTP-date `Retry-After`, so the reset is
 * read like every other provider's hint (and combined with the body's `retry_after`).
 */
const rateLimitReset: Middleware = {
  onResponse({ response: r }) {
    const reset = r.status === 429 && !r.headers.has("retry-after") && r.headers.get("x-ratelimit-reset");
    if (!reset || !/^\d{1,12}$/.test(reset)) return;
    const headers = new Headers(r.headers);
    headers.set("retry-after", new Date(+reset * 1000).toUTCString());
    return new Response(r.body, { status: 429, headers });
  },
};

/**
 * A typed client for the ModelsLab Workflows API (list, schema, run, execution status, cancel).
 * Throws a UsageError naming the option when `apiKey` is empty or `baseUrl` is not an absolute
 * http(s) URL.
 */
export function createModelsLabClient(options: ModelsLabClientOptions): ModelsLabClient {
  return createProviderClient<paths>(
    {
      provider: "modelslab",
      factory: "createModelsLabClient",
      defaultBaseUrl: DEFAULT_BASE_URL,
      authHeaders: (apiKey) => ({ key: apiKey }),
      middleware: [rootPathWithoutSlash, rateLimitReset],
    },
    options,
  );
}
