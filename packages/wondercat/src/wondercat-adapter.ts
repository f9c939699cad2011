import {
  type AdapterOptions,
  type CallContext,
  callApi,
  lazyClient,
  type RunProvider,
  reader,
  type StartInput,
  UsageError,
} from "@runstatus/core";
import { createWondercatClient, wondaHeaders } from "./wondercat-client.js";
import { readWondercatError } from "./wondercat-error.js";
import { startBody } from "./wondercat-input.js";
import { PROVIDER, toRun } from "./wondercat-map.js";

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
  const extra = wondaHeaders(options, "wondercat()");
  const lazy = lazyClient(PROVIDER, WONDERCAT_KEY_ENV, options, (o) =>
    createWondercatClient({ ...o, headers: { ...o.headers, ...extra } }),
  );
  const call = (ctx: CallContext) => {
    const client = lazy.client();
    const api = { provider: PROVIDER, secrets: [lazy.secret()], readError: readWondercatError, signal: ctx.signal };
    return { client, api };
  };

  return {
    name: PROVIDER,
    refSegments: ["runId"],
    capabilities: { start: true, cancel: false, pause: false, list: false, webhooks: false, progress: true },

    async get(ids: readonly string[], ctx: CallContext = {}) {
      const runId = onlyId(ids);
      const { client, api } = call(ctx);
      const res = await callApi(api, () =>
        client.GET("/runs/{runId}", { params: { path: { runId } }, parseAs: "text", signal: ctx.signal }),
      );
      const run = toRun([runId], res.body, reader(PROVIDER, res.status, res.text, api.secrets));
      return { run, retryAfterMs: res.retryAfterMs, requestId: res.requestId };
    },

    async start(target: string, input: StartInput, ctx: CallContext = {}) {
      if (typeof target !== "string" || target.trim() === "") {
        throw new UsageError("wondercat: start needs a blueprint id as its target", { provider: PROVIDER });
      }
      const body = startBody(input);
      const { client, api } = call(ctx);
      const res = await callApi(api, () =>
        client.POST("/blueprints/{blueprintId}/runs", {
          params: { path: { blueprintId: target } },
          body,
          parseAs: "text",
          signal: ctx.signal,
        }),
      );
      const r = reader(PROVIDER, res.status, res.text, api.secrets);
      return { ids: [r.id(r.obj(res.body, "$").runId, "runId")] };
    },

    // No documented rate limit for these endpoints (open question 22).
    budget: () => null,
  };
}

function onlyId(ids: readonly string[]): string {
  const [runId] = ids;
  if (ids.length !== 1 || typeof runId !== "string" || runId.trim() === "") {
    throw new UsageError(`wondercat: a run is referenced as wondercat:<runId>`, { provider: PROVIDER });
  }
  return runId;
}
