import type { CallContext } from "@runstatus/core";
import { type AdapterOptions, defineAdapter } from "@runstatus/core/adapter";
import { createWondercatClient, OPTION_HEADERS } from "./wondercat-client.js";
import { readWondercatError } from "./wondercat-error.js";
import { type WondercatStartInput, wondercatStartBody } from "./wondercat-input.js";
import { toWondercatRun } from "./wondercat-map.js";

/** The variable the key is read from when `apiKey` is not given. */
export const WONDERCAT_KEY_ENV = "WONDERCAT_API_KEY";

export interface WondercatAdapterOptions extends AdapterOptions {
  /** Sent as `X-Wonda-Project` on every request. */
  project?: string;
  /** Sent as `X-Wonda-Org` on every request. */
  org?: string;
}

/**
 * The runstatus adapter for Wondercat blueprint runs. References are `wondercat:<runId>`;
 * `start` takes a blueprint id. No cancel, pause or resume: the API documents none.
 */
export function wondercat(options: WondercatAdapterOptions = {}): WondercatAdapter {
  return defineWondercatAdapter(options);
}

function defineWondercatAdapter(options: WondercatAdapterOptions) {
  return defineAdapter(
    {
      name: "wondercat",
      refSegments: ["runId"],
      keyEnv: WONDERCAT_KEY_ENV,
      createClient: createWondercatClient,
      readError: readWondercatError,
      optionHeaders: OPTION_HEADERS,
      progress: true,
    },
    options,
    (api) => ({
      async get(ids, ctx) {
        const [runId] = ids;
        const a = await api.call(ctx, (c, o) => c.GET("/runs/{runId}", { ...o, params: { path: { runId } } }));
        return api.poll(a, toWondercatRun(a.read(), ids));
      },
      // An empty or hostile blueprint id is refused by the client's path serializer, before any request.
      async start(blueprintId: string, input: WondercatStartInput, ctx?: CallContext) {
        const body = wondercatStartBody(input);
        const a = await api.call(ctx, (c, o) =>
          c.POST("/blueprints/{blueprintId}/runs", { ...o, params: { path: { blueprintId } }, body }),
        );
        return { ids: [a.read().id("runId")] };
      },
      // The docs give no rate limit for these endpoints.
      budget: () => null,
    }),
  );
}

/** The Wondercat adapter's type: its name, its `start` inputs and its capabilities, as the facade reads them. */
export interface WondercatAdapter extends ReturnType<typeof defineWondercatAdapter> {}
