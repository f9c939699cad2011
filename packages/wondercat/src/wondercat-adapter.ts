import {
  type AdapterOptions,
  type CallContext,
  checkIds,
  lazyClient,
  optionHeaders,
  type RunProvider,
  type StartInput,
} from "@runstatus/core";
import { createWondercatClient, OPTION_HEADERS } from "./wondercat-client.js";
import { readWondercatError } from "./wondercat-error.js";
import { startBody } from "./wondercat-input.js";
import { PROVIDER, toRun } from "./wondercat-map.js";
import type { WondercatRun, WondercatStartRunResponse } from "./wondercat-types.js";

export interface WondercatAdapterOptions extends AdapterOptions {
  /** Sent as `X-Wonda-Project` on every request. */
  project?: string;
  /** Sent as `X-Wonda-Org` on every request. */
  org?: string;
}

/** The environment variable the key is read from when `apiKey` is not given. */
export const WONDERCAT_KEY_ENV = "WONDERCAT_API_KEY";

/**
 * The runstatus adapter for Wondercat blueprint runs. References are `wondercat:<runId>`;
 * `start` takes a blueprint id. No cancel, pause or resume: the API documents none.
 */
export function wondercat(options: WondercatAdapterOptions = {}): RunProvider {
  optionHeaders(options, OPTION_HEADERS, "wondercat()");
  const api = lazyClient(PROVIDER, WONDERCAT_KEY_ENV, options, createWondercatClient, readWondercatError);
  const self: RunProvider = {
    name: PROVIDER,
    refSegments: ["runId"],
    capabilities: { start: true, cancel: false, pause: false, list: false, webhooks: false, progress: true },

    async get(ids: readonly string[], ctx?: CallContext) {
      const [runId] = checkIds(self, ids) as [string];
      const a = await api.call(ctx, (c, o) => c.GET("/runs/{runId}", { ...o, params: { path: { runId } } }));
      return { run: toRun(ids, a.view<WondercatRun>()), retryAfterMs: a.retryAfterMs, requestId: a.requestId };
    },

    // An empty or hostile blueprint id is refused by the client's path serializer, before any request.
    async start(blueprintId: string, input: StartInput, ctx?: CallContext) {
      const body = startBody(input);
      const a = await api.call(ctx, (c, o) =>
        c.POST("/blueprints/{blueprintId}/runs", { ...o, params: { path: { blueprintId } }, body }),
      );
      return { ids: [a.view<WondercatStartRunResponse>().id("runId")] };
    },

    // No documented rate limit for these endpoints (open question 22).
    budget: () => null,
  };
  return self;
}
