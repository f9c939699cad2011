import { type BaseClientOptions, createProviderClient } from "@runstatus/core/adapter";
import type { Client } from "openapi-fetch";
import type { paths } from "./generated/schema.js";

export type { components as WondercatComponents, paths as WondercatPaths } from "./generated/schema.js";
export { SPEC } from "./generated/spec.js";

/** The spec's `servers[0].url`; a `baseUrl` option replaces it and the paths are appended unchanged. */
export const DEFAULT_BASE_URL = "https://api.wondercat.ai/api/v1";

export interface WondercatClientOptions extends BaseClientOptions {
  /** Sent as `X-Wonda-Project`: attributes spend to a project (an unknown name answers 400 `unknown_project`). */
  project?: string;
  /** Sent as `X-Wonda-Org`: charges go to that organization's wallet. */
  org?: string;
}

export type WondercatClient = Client<paths>;

/** Client options sent as headers. */
export const OPTION_HEADERS = { project: "X-Wonda-Project", org: "X-Wonda-Org" };

/** Typed client for the Wondercat blueprint-runs API (`Authorization: Bearer sk_…`). */
export function createWondercatClient(options: WondercatClientOptions): WondercatClient {
  return createProviderClient<paths>(
    {
      provider: "wondercat",
      factory: "createWondercatClient",
      defaultBaseUrl: DEFAULT_BASE_URL,
      authHeaders: (apiKey) => ({ Authorization: `Bearer ${apiKey}` }),
      optionHeaders: OPTION_HEADERS,
    },
    options,
  );
}
