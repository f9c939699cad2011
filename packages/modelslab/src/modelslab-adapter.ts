import { type CallContext, type Capabilities, type RateBudget, type RunProvider, UsageError } from "@runstatus/core";
import { type AdapterOptions, bodyReader, defineAdapter } from "@runstatus/core/adapter";
import { createModelsLabClient } from "./modelslab-client.js";
import { readModelsLabError } from "./modelslab-error.js";
import { type ModelsLabStartInput, modelsLabStartBody, typeInputs } from "./modelslab-input.js";
import { toModelsLabRun, toModelsLabWebhookEvent } from "./modelslab-map.js";

/** The variable the key is read from when `apiKey` is not given. */
export const MODELSLAB_KEY_ENV = "MODELSLAB_API_KEY";
/** Documented default: 10 requests per minute per user, per workflow. */
export const DEFAULT_RATE_LIMIT = 10;

export interface ModelsLabAdapterOptions extends AdapterOptions {
  /**
   * Requests per minute allowed for each workflow (ModelsLab's limit is set per workflow).
   * Default: the value learned from the workflow's schema by `start` or `rateLimitOf`, else the
   * documented default of 10.
   */
  rateLimit?: number;
  /**
   * How `start` types its inputs. "schema" (default): reads the workflow's schema first (one
   * extra request, which counts against the workflow's rate limit) to send numbers where a
   * parameter is a number and to reject unknown or missing parameters. "as-is": sends the values
   * exactly as given, in one request (for code that already passes typed values).
   */
  inputTyping?: "schema" | "as-is";
}

export interface ModelsLabProvider extends RunProvider {
  readonly name: "modelslab";
  readonly capabilities: Capabilities & {
    readonly start: true;
    readonly cancel: true;
    readonly pause: false;
    readonly list: false;
  };
  start(target: string, input: ModelsLabStartInput, ctx?: CallContext): Promise<{ ids: string[] }>;
  /** The cancel call answers with a message, not the run: poll `get` to see `cancelled`. */
  cancel(ids: readonly string[], ctx?: CallContext): Promise<undefined>;
  budget(ids: readonly string[]): RateBudget | null;
  /**
   * Reads the workflow's own `rate_limit` (requests/min) from its schema: one request. The value
   * is remembered, so later `budget()` calls for that workflow use it unless `rateLimit` was set.
   */
  rateLimitOf(workflowId: string, ctx?: CallContext): Promise<number>;
}

/**
 * The ModelsLab Workflows adapter. Reference: `modelslab:<workflow_id>/<execution_id>`. The key
 * comes from `apiKey` or MODELSLAB_API_KEY, read at the first request.
 */
export function modelslab(options: ModelsLabAdapterOptions = {}): ModelsLabProvider {
  const { rateLimit, inputTyping } = options ?? {};
  const fail = (m: string): never => {
    throw new UsageError(`modelslab(): ${m}`, { provider: "modelslab" });
  };
  if (rateLimit !== undefined && !(typeof rateLimit === "number" && Number.isFinite(rateLimit) && rateLimit > 0)) {
    fail("`rateLimit` must be a positive number of requests per minute");
  }
  if (inputTyping !== undefined && inputTyping !== "schema" && inputTyping !== "as-is") {
    fail('`inputTyping` must be "schema" or "as-is"');
  }
  const adapter = defineAdapter(
    {
      name: "modelslab",
      refSegments: ["workflow_id", "execution_id"],
      keyEnv: MODELSLAB_KEY_ENV,
      createClient: createModelsLabClient,
      readError: readModelsLabError,
      // Step counts, but no total while running: only the steps reached so far are listed.
      progress: true,
    },
    options,
    (api) => {
      const learned = new Map<string, number>();
      const schema = async (workflow_id: string, ctx?: CallContext) =>
        (await api.call(ctx, (c, o) => c.GET("/{workflow_id}", { ...o, params: { path: { workflow_id } } }))).read();
      // The spec types `execution_id` as an integer, but reference ids are opaque strings: they are
      // passed through unchanged, and core's path serializer stringifies, checks and encodes them.
      const path = ([workflow_id, execution_id]: [string, string]) => ({
        params: { path: { workflow_id, execution_id: execution_id as string & number } },
      });
      return {
        async get(ids, ctx) {
          const a = await api.call(ctx, (c, o) => c.GET("/{workflow_id}/runs/{execution_id}", { ...o, ...path(ids) }));
          return api.poll(a, toModelsLabRun(a.read(), ids));
        },
        async start(workflow_id, input, ctx) {
          let body = modelsLabStartBody(input);
          if (inputTyping !== "as-is") {
            const s = await schema(workflow_id, ctx);
            const limit = s.optObj("workflow")?.optNum("rate_limit");
            if (limit && limit > 0) learned.set(workflow_id, limit);
            body = typeInputs(workflow_id, body, s);
          }
          const a = await api.call(ctx, (c, o) =>
            c.POST("/{workflow_id}/run", { ...o, params: { path: { workflow_id } }, body }),
          );
          return { ids: [workflow_id, a.read().id("execution_id")] };
        },
        async cancel(ids, ctx): Promise<undefined> {
          await api.call(ctx, (c, o) => c.POST("/{workflow_id}/runs/{execution_id}/cancel", { ...o, ...path(ids) }));
          return undefined;
        },
        budget: ([workflowId]): RateBudget => ({
          // ModelsLab counts per user and workflow: waits share a budget only when they use one key.
          key: `modelslab:${api.keyTag()}:${workflowId}`,
          limit: rateLimit ?? learned.get(workflowId) ?? DEFAULT_RATE_LIMIT,
          windowMs: 60_000,
        }),
        readWebhook: (body: unknown, text: string) => toModelsLabWebhookEvent(bodyReader("modelslab", 0, text, [], body)),
        async rateLimitOf(workflowId: string, ctx?: CallContext) {
          const workflow = (await schema(workflowId, ctx)).obj("workflow");
          const limit = workflow.num("rate_limit");
          if (limit <= 0) workflow.fail("rate_limit", "is not a positive number");
          learned.set(workflowId, limit);
          return limit;
        },
      };
    },
  );
  return adapter;
}

/** The ModelsLab adapter's type: its name, its `start` inputs and its capabilities, as the facade reads them. */
export type ModelsLabAdapter = ModelsLabProvider;
