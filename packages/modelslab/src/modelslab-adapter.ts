import {
  type AdapterOptions,
  type CallContext,
  checkIds,
  lazyClient,
  type RateBudget,
  type RunProvider,
  readEnv,
  type StartInput,
  shortHash,
  UsageError,
} from "@runstatus/core";
import { createModelsLabClient } from "./modelslab-client.js";
import { readModelsLabError } from "./modelslab-error.js";
import { checkInputValues, typeInputs } from "./modelslab-input.js";
import { mapExecution } from "./modelslab-map.js";
import type { ModelsLabRunAccepted, ModelsLabWorkflowInfo, ModelsLabWorkflowSchema } from "./modelslab-types.js";

const PROVIDER = "modelslab";
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
  start(target: string, input: StartInput, ctx?: CallContext): Promise<{ ids: string[] }>;
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
  const fail = (m: string): never => {
    throw new UsageError(`modelslab(): ${m}`, { provider: PROVIDER });
  };
  if (typeof options !== "object" || options === null) fail("options must be an object");
  const { rateLimit, inputTyping } = options;
  if (rateLimit !== undefined && !(typeof rateLimit === "number" && Number.isFinite(rateLimit) && rateLimit > 0)) {
    fail("`rateLimit` must be a positive number of requests per minute");
  }
  if (inputTyping !== undefined && inputTyping !== "schema" && inputTyping !== "as-is")
    fail('`inputTyping` must be "schema" or "as-is"');
  const api = lazyClient(PROVIDER, "MODELSLAB_API_KEY", options, createModelsLabClient, readModelsLabError);
  const learned = new Map<string, number>();
  const schema = async (workflow_id: string, ctx?: CallContext) =>
    (
      await api.call(ctx, (c, o) => c.GET("/{workflow_id}", { ...o, params: { path: { workflow_id } } }))
    ).view<ModelsLabWorkflowSchema>();
  // The spec types `execution_id` as an integer, but reference ids are opaque strings: they are
  // passed through unchanged, and core's path serializer stringifies, checks and encodes them.
  const path = (ids: readonly string[]) => {
    const [workflow_id, execution_id] = checkIds(self, ids) as [string, string & number];
    return { params: { path: { workflow_id, execution_id } } };
  };

  const self: ModelsLabProvider = {
    name: PROVIDER,
    refSegments: ["workflow_id", "execution_id"],
    capabilities: {
      start: true,
      cancel: true,
      pause: false,
      // No endpoint lists a workflow's executions.
      list: false,
      // Webhooks are configured on the workflow in ModelsLab's dashboard, not through this adapter.
      webhooks: false,
      // Step counts, but no total while running: only the steps reached so far are listed.
      progress: true,
    },

    async get(ids, ctx) {
      const p = path(ids);
      const a = await api.call(ctx, (c, o) => c.GET("/{workflow_id}/runs/{execution_id}", { ...o, ...p }));
      return { run: mapExecution(a.view(), ids), retryAfterMs: a.retryAfterMs, requestId: a.requestId };
    },

    async start(workflow_id, input, ctx) {
      let body = checkInputValues(input);
      if (inputTyping !== "as-is") {
        const s = await schema(workflow_id, ctx);
        const limit = s.optObj<ModelsLabWorkflowInfo>("workflow")?.optNum("rate_limit");
        if (limit && limit > 0) learned.set(workflow_id, limit);
        body = typeInputs(workflow_id, body, s);
      }
      const a = await api.call(ctx, (c, o) => c.POST("/{workflow_id}/run", { ...o, params: { path: { workflow_id } }, body }));
      return { ids: [workflow_id, a.view<ModelsLabRunAccepted>().id("execution_id")] };
    },

    async cancel(ids, ctx) {
      const p = path(ids);
      await api.call(ctx, (c, o) => c.POST("/{workflow_id}/runs/{execution_id}/cancel", { ...o, ...p }));
      return undefined;
    },

    budget(ids) {
      const [workflowId] = ids;
      return workflowId
        ? {
            // ModelsLab counts per user and workflow: waits share a budget only when they use one key.
            key: `${PROVIDER}:${shortHash(api.secret() ?? options.apiKey ?? readEnv("MODELSLAB_API_KEY") ?? "")}:${workflowId}`,
            limit: rateLimit ?? learned.get(workflowId) ?? DEFAULT_RATE_LIMIT,
            windowMs: 60_000,
          }
        : null;
    },

    async rateLimitOf(workflowId, ctx) {
      const workflow = (await schema(workflowId, ctx)).obj<ModelsLabWorkflowInfo>("workflow");
      const limit = workflow.num("rate_limit");
      if (limit <= 0) workflow.fail("rate_limit", "is not a positive number");
      learned.set(workflowId, limit);
      return limit;
    },
  };
  return self;
}
