import {
  type AdapterOptions,
  type ApiCallOptions,
  type CallContext,
  callApi,
  lazyClient,
  type RateBudget,
  type Reader,
  type RunProvider,
  reader,
  refForm,
  type StartInput,
  UsageError,
} from "@runstatus/core";
import { createModelsLabClient } from "./modelslab-client.js";
import { readModelsLabError } from "./modelslab-error.js";
import { checkInputValues, readWorkflowFacts, typeInputs } from "./modelslab-input.js";
import { mapExecution } from "./modelslab-map.js";

const PROVIDER = "modelslab";
const KEY_ENV = "MODELSLAB_API_KEY";
const REF_SEGMENTS = ["workflow_id", "execution_id"] as const;
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
  const rateLimit = checkOptions(options);
  const lazy = lazyClient(PROVIDER, KEY_ENV, options, createModelsLabClient);
  const learned = new Map<string, number>();

  const callOpts = (ctx?: CallContext): ApiCallOptions => {
    const o: ApiCallOptions = { provider: PROVIDER, secrets: [lazy.secret()], readError: readModelsLabError };
    if (ctx?.signal) o.signal = ctx.signal;
    return o;
  };
  const read = (status: number, text: string): Reader => reader(PROVIDER, status, text, [lazy.secret()]);

  async function readSchema(workflowId: string, ctx?: CallContext) {
    const client = lazy.client();
    const res = await callApi(callOpts(ctx), () =>
      client.GET("/{workflow_id}", { params: { path: { workflow_id: workflowId } }, parseAs: "text", signal: ctx?.signal }),
    );
    return { r: read(res.status, res.text), body: res.body };
  }

  return {
    name: PROVIDER,
    refSegments: REF_SEGMENTS,
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
      const [workflowId, executionId] = checkIds(ids);
      const client = lazy.client();
      const res = await callApi(callOpts(ctx), () =>
        client.GET("/{workflow_id}/runs/{execution_id}", {
          params: { path: { workflow_id: workflowId, execution_id: opaqueId(executionId) } },
          parseAs: "text",
          signal: ctx?.signal,
        }),
      );
      const run = mapExecution(read(res.status, res.text), res.body, workflowId);
      return { run, retryAfterMs: res.retryAfterMs, requestId: res.requestId };
    },

    async start(target, input, ctx) {
      let body = checkInputValues(input);
      if ((options.inputTyping ?? "schema") === "schema") {
        const { r, body: schema } = await readSchema(target, ctx);
        const facts = readWorkflowFacts(r, schema);
        if (facts.rateLimit !== null) learned.set(target, facts.rateLimit);
        body = typeInputs(target, body, facts.parameters);
      }
      const client = lazy.client();
      const res = await callApi(callOpts(ctx), () =>
        client.POST("/{workflow_id}/run", {
          params: { path: { workflow_id: target } },
          body,
          parseAs: "text",
          signal: ctx?.signal,
        }),
      );
      const r = read(res.status, res.text);
      const accepted = r.obj(res.body, "body");
      return { ids: [target, r.id(accepted.execution_id, "execution_id")] };
    },

    async cancel(ids, ctx) {
      const [workflowId, executionId] = checkIds(ids);
      const client = lazy.client();
      await callApi(callOpts(ctx), () =>
        client.POST("/{workflow_id}/runs/{execution_id}/cancel", {
          params: { path: { workflow_id: workflowId, execution_id: opaqueId(executionId) } },
          parseAs: "text",
          signal: ctx?.signal,
        }),
      );
      return undefined;
    },

    budget(ids) {
      const workflowId = ids[0];
      if (!workflowId) return null;
      return {
        key: `${PROVIDER}:${workflowId}`,
        limit: rateLimit ?? learned.get(workflowId) ?? DEFAULT_RATE_LIMIT,
        windowMs: 60_000,
      };
    },

    async rateLimitOf(workflowId, ctx) {
      const { r, body } = await readSchema(workflowId, ctx);
      const root = r.obj(body, "body");
      const workflow = r.obj(root.workflow, "workflow");
      const limit = r.num(workflow.rate_limit, "workflow.rate_limit");
      if (limit <= 0) r.fail("workflow.rate_limit", "is not a positive number");
      learned.set(workflowId, limit);
      return limit;
    },
  };
}

function checkOptions(options: ModelsLabAdapterOptions): number | undefined {
  if (typeof options !== "object" || options === null) {
    throw new UsageError("modelslab(): options must be an object");
  }
  const { rateLimit, inputTyping } = options;
  if (rateLimit !== undefined && !(typeof rateLimit === "number" && Number.isFinite(rateLimit) && rateLimit > 0)) {
    throw new UsageError("modelslab(): `rateLimit` must be a positive number of requests per minute", { provider: PROVIDER });
  }
  if (inputTyping !== undefined && inputTyping !== "schema" && inputTyping !== "as-is") {
    throw new UsageError('modelslab(): `inputTyping` must be "schema" or "as-is"', { provider: PROVIDER });
  }
  return rateLimit;
}

function checkIds(ids: readonly string[]): [string, string] {
  const [workflowId, executionId] = ids;
  if (ids.length !== 2 || !workflowId || !executionId) {
    throw new UsageError(
      `modelslab: expected a reference of the form ${refForm({ name: PROVIDER, refSegments: REF_SEGMENTS })}`,
      {
        provider: PROVIDER,
      },
    );
  }
  return [workflowId, executionId];
}

/**
 * The spec types `execution_id` as an integer, but reference ids are opaque strings: they are
 * passed through unchanged, and core's path serializer stringifies, checks and encodes them.
 */
function opaqueId(id: string): number {
  return id as unknown as number;
}
