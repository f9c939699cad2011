import { type BaseClientOptions, createProviderClient } from "@runstatus/core/adapter";
import type { Client } from "openapi-fetch";
import type { paths } from "./generated/schema.js";

/** The spec's `servers[0].url`; every documented path is appended to it. */
export const DEFAULT_BASE_URL = "https://modelslab.com/api/v1/workflows";

/** `apiKey` is sent in the header named `key`, as the Workflows docs require (not Bearer). */
export type ModelsLabClientOptions = BaseClientOptions;

export type ModelsLabClient = Client<paths>;

/**
 * The list call is the server URL itself (`GET /api/v1/workflows`), but OpenAPI paths must start
 * with "/", so openapi-fetch would send `/api/v1/workflows/`. Trailing-slash URLs are not what
 * ModelsLab documents (and often redirect), so the slash is removed. Every other path ends in a
 * non-empty segment, so only the list call is changed.
 */
function withoutTrailingSlash(url: string): string {
  if (!/\/(\?|$)/.test(url)) return url;
  const u = new URL(url);
  if (u.pathname.length <= 1) return url;
  u.pathname = u.pathname.replace(/\/+$/, "");
  return u.href;
}

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
      requestUrl: withoutTrailingSlash,
    },
    options,
  );
}
