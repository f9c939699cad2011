import type { StartContext } from "@runstatus/core";
import { type AdapterOptions, bodyReader, defineAdapter } from "@runstatus/core/adapter";
import { createMagnificClient } from "./magnific-client.js";
import { readMagnificError } from "./magnific-error.js";
import { type MagnificStartInput, magnificStartBody, WEBHOOK_INPUT_KEY } from "./magnific-input.js";
import { toMagnificRun, toMagnificWebhookEvent } from "./magnific-map.js";

/** The variable the key is read from when `apiKey` is not given. */
export const MAGNIFIC_KEY_ENV = "MAGNIFIC_API_KEY";

export type MagnificAdapterOptions = AdapterOptions;

/**
 * The Magnific adapter for the runstatus facade. References are `magnific:<run_id>`; the key comes
 * from `apiKey` or MAGNIFIC_API_KEY, read at the first request. No cancel, pause or list: the Apps
 * API documents none.
 */
export function magnific(options: MagnificAdapterOptions = {}): MagnificAdapter {
  return defineMagnificAdapter(options);
}

function defineMagnificAdapter(options: MagnificAdapterOptions) {
  return defineAdapter(
    {
      name: "magnific",
      refSegments: ["run_id"],
      keyEnv: MAGNIFIC_KEY_ENV,
      createClient: createMagnificClient,
      readError: readMagnificError,
      progress: false,
      webhooks: true,
    },
    options,
    (api) => ({
      async get(ids, ctx) {
        const [runId] = ids;
        const a = await api.call(ctx, (c, o) =>
          c.GET("/v1/ai/apps/runs/{run-id}", { ...o, params: { path: { "run-id": runId } } }),
        );
        return api.poll(a, toMagnificRun(a.read(), ids));
      },
      async start(appId: string, input: MagnificStartInput, ctx?: StartContext) {
        // A `webhookUrl` start option is the run call's `webhook`, like a `webhook` input.
        const body = magnificStartBody(ctx?.webhookUrl === undefined ? input : { ...input, [WEBHOOK_INPUT_KEY]: ctx.webhookUrl });
        const a = await api.call(ctx, (c, o) =>
          c.POST("/v1/ai/apps/{app-id}/run", { ...o, params: { path: { "app-id": appId } }, body }),
        );
        return { ids: [a.read().id("workflow_run_identifier")] };
      },
      readWebhook: (body, text) => toMagnificWebhookEvent(bodyReader("magnific", 0, text, [], body)),
      // No budget: Magnific documents none for Apps, and the older Freepik limit (50 hits/s) is far
      // above any poll rate and counted per IP as well as per key, which one process cannot see.
      budget: () => null,
    }),
  );
}

/** The Magnific adapter's type: its name, its `start` inputs and its capabilities, as the facade reads them. */
export interface MagnificAdapter extends ReturnType<typeof defineMagnificAdapter> {}
