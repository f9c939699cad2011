import { type BaseClientOptions, createProviderClient, UsageError } from "@runstatus/core";
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

/** Typed client for the Wondercat blueprint-runs API (`Authorization: Bearer sk_…`). */
export function createWondercatClient(options: WondercatClientOptions): WondercatClient {
  const where = "createWondercatClient";
  if (typeof options !== "object" || options === null) {
    throw new UsageError(`${where}: options are required ({ apiKey, baseUrl?, fetch?, project?, org? })`);
  }
  const headers = { ...options.headers, ...wondaHeaders(options, where) };
  return createProviderClient<paths>(
    {
      provider: "wondercat",
      factory: where,
      defaultBaseUrl: DEFAULT_BASE_URL,
      authHeaders: (apiKey) => ({ Authorization: `Bearer ${apiKey}` }),
    },
    { ...options, headers },
  );
}

/**
 * The optional project/org headers. Checked here because a header value with a line break
 * would make fetch throw a TypeError at request time, far from the option that caused it.
 */
export function wondaHeaders(options: { project?: unknown; org?: unknown }, where: string): Record<string, string> {
  const out: Record<string, string> = {};
  const pairs: [string, string, unknown][] = [
    ["project", "X-Wonda-Project", options.project],
    ["org", "X-Wonda-Org", options.org],
  ];
  for (const [option, header, value] of pairs) {
    if (value === undefined) continue;
    if (typeof value !== "string" || value.trim() === "" || /[\r\n\u0000]/.test(value)) {
      throw new UsageError(`${where}: \`${option}\` must be a non-empty single-line string (sent as ${header})`);
    }
    out[header] = value;
  }
  return out;
}
