import { type BaseClientOptions, createProviderClient } from "@runstatus/core/adapter";
import type { Client } from "openapi-fetch";
import type { paths } from "./generated/schema.js";

/** The spec's `servers[0].url`. A `baseUrl` option replaces it; the documented paths are appended unchanged. */
export const DEFAULT_BASE_URL = "https://api.onepin.ai";

export interface OnePinClientOptions extends BaseClientOptions {
  /**
   * Sent as `X-Workspace-Id`. With an API key the workspace comes from the key (a different
   * value is answered 403); with a Clerk session token it selects the workspace.
   */
  workspaceId?: string;
}

export type OnePinClient = Client<paths>;

/** Client options sent as headers. */
export const OPTION_HEADERS = { workspaceId: "X-Workspace-Id" };

/**
 * A typed client for the OnePin workflow-runs API. Sends `Authorization: Bearer <apiKey>`.
 * Bad options throw a UsageError naming the option.
 */
export function createOnePinClient(options: OnePinClientOptions): OnePinClient {
  return createProviderClient<paths>(
    {
      provider: "onepin",
      factory: "createOnePinClient",
      defaultBaseUrl: DEFAULT_BASE_URL,
      authHeaders: (apiKey) => ({ Authorization: `Bearer ${apiKey}` }),
      optionHeaders: OPTION_HEADERS,
    },
    options,
  );
}
