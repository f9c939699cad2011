import { type BaseClientOptions, createProviderClient } from "@runstatus/core/adapter";
import type { Client } from "openapi-fetch";
import type { paths } from "./generated/schema.js";

/** The spec's `servers[0].url`; `baseUrl` replaces it and the documented paths are appended unchanged. */
export const DEFAULT_BASE_URL = "https://api.magnific.com";

/** Header that carries the key: Magnific does not accept `Authorization: Bearer`. */
export const API_KEY_HEADER = "x-magnific-api-key";

export type MagnificClientOptions = BaseClientOptions;

export type MagnificClient = Client<paths>;

/**
 * A typed client for the Magnific Apps API (every operation in specs/magnific.yaml).
 * Throws a UsageError naming the option when `apiKey`, `baseUrl` or `fetch` is malformed.
 */
export function createMagnificClient(options: MagnificClientOptions): MagnificClient {
  return createProviderClient<paths>(
    {
      provider: "magnific",
      factory: "createMagnificClient",
      defaultBaseUrl: DEFAULT_BASE_URL,
      authHeaders: (apiKey) => ({ [API_KEY_HEADER]: apiKey }),
    },
    options,
  );
}
