import { readFileSync } from "node:fs";
import { ApiError } from "@runstatus/core";
import { expectAcceptedByPrism, type PrismHandle, specPath, startPrism } from "@runstatus/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createModelsLabClient, type ModelsLabClient, modelslab } from "../src/index.js";

// Every operation, every named status example and every documented error response of
// specs/modelslab.yaml, served by Prism (static mock, `--errors`) and read through the typed
// client and the adapter.

const KEY = "ml-contract-key-0001";
const WF = "0b9c2f4e-5a1d-4e8b-9c3f-7d2a6b1e4f80";
const EXEC = 12345;

type Json = Record<string, unknown>;
type Example = { value: unknown };
type ResponseObject = { $ref?: string; content?: { "application/json"?: { examples?: Record<string, Example> } } };
type Operation = { operationId: string; responses: Record<string, ResponseObject> };

const spec = parse(readFileSync(specPath("modelslab"), "utf8"));
const operations: Operation[] = Object.values(spec.paths as Record<string, Record<string, Operation>>).flatMap((item) =>
  Object.values(item),
);

function resolve(r: ResponseObject): ResponseObject {
  if (!r.$ref) return r;
  const name = r.$ref.replace("#/components/responses/", "");
  return spec.components.responses[name];
}

function examplesOf(op: Operation, code: string): Record<string, Example> {
  const res = op.responses[code];
  if (!res) throw new Error(`${op.operationId} has no ${code} response`);
  return resolve(res).content?.["application/json"]?.examples ?? {};
}

let prism: PrismHandle;
let client: ModelsLabClient;

beforeAll(async () => {
  prism = await startPrism(specPath("modelslab"));
  client = createModelsLabClient({ apiKey: KEY, baseUrl: prism.url });
});

afterAll(async () => {
  await prism?.close();
});

/** Calls one operation through the typed client with valid parameters and the given Prefer header. */
async function call(operationId: string, prefer?: string): Promise<{ data?: unknown; error?: unknown; response: Response }> {
  const headers = prefer ? { Prefer: prefer } : {};
  const path = { workflow_id: WF, execution_id: EXEC };
  switch (operationId) {
    case "listWorkflows":
      return client.GET("/", { headers });
    case "getWorkflowSchema":
      return client.GET("/{workflow_id}", { params: { path: { workflow_id: WF } }, headers });
    case "runWorkflow":
      return client.POST("/{workflow_id}/run", {
        params: { path: { workflow_id: WF } },
        body: { prompt: "a lighthouse", width: 1024, height: 768 },
        headers,
      });
    case "getExecution":
      return client.GET("/{workflow_id}/runs/{execution_id}", { params: { path }, headers });
    case "cancelExecution":
      return client.POST("/{workflow_id}/runs/{execution_id}/cancel", { params: { path }, headers });
    default:
      throw new Error(`no call for ${operationId}: add it here`);
  }
}

describe("the assertion helper", () => {
  it("catches a request Prism rejects (a non-integer execution_id)", async () => {
    const res = await client.GET("/{workflow_id}/runs/{execution_id}", {
      params: { path: { workflow_id: WF, execution_id: "not-a-number" as unknown as number } },
    });
    expect(() => expectAcceptedByPrism(res.response, res.error)).toThrow(/Prism rejected/);
  });

  it("catches a rejected run body even where the operation has its own 400", async () => {
    const res = await client.POST("/{workflow_id}/run", {
      params: { path: { workflow_id: WF } },
      body: ["not", "an", "object"] as never,
    });
    expect(() => expectAcceptedByPrism(res.response, res.error)).toThrow(/Prism rejected/);
  });
});

describe("every operation, default answer", () => {
  it("covers every operation in the spec", () => {
    expect(operations.map((o) => o.operationId).sort()).toEqual(
      ["cancelExecution", "getExecution", "getWorkflowSchema", "listWorkflows", "runWorkflow"].sort(),
    );
  });

  it("listWorkflows → the workflows", async () => {
    const { data, error, response } = await client.GET("/");
    expectAcceptedByPrism(response, error);
    expect(response.status).toBe(200);
    expect(data?.status).toBe("success");
    expect(data?.workflows.map((w) => [w.name, w.rate_limit])).toEqual([
      ["Poster generator", 10],
      ["Narrated clip", 30],
    ]);
    expect(data?.workflows[1]?.last_called_at).toBeNull();
  });

  it("getWorkflowSchema → parameters, rate limit, endpoints", async () => {
    const { data, error, response } = await client.GET("/{workflow_id}", { params: { path: { workflow_id: WF } } });
    expectAcceptedByPrism(response, error);
    expect(data?.workflow.rate_limit).toBe(10);
    expect(data?.workflow.webhook_url).toBeNull();
    expect(data?.parameters.map((p) => `${p.key}:${p.type}:${p.required}`)).toEqual([
      "prompt:string:true",
      "negative_prompt:string:false",
      "width:number:false",
      "height:number:false",
    ]);
    expect(data?.endpoints.run).toMatch(/\/run$/);
  });

  it.each(["accepted", "accepted_with_webhook"])("runWorkflow (example %s) → 202 with an integer execution_id", async (name) => {
    const { data, error, response } = await call("runWorkflow", `example=${name}`);
    expectAcceptedByPrism(response, error);
    expect(response.status).toBe(202);
    expect(data).toEqual(examplesOf(operations.find((o) => o.operationId === "runWorkflow") as Operation, "202")[name]?.value);
    expect(Number.isInteger((data as Json).execution_id)).toBe(true);
  });

  it("cancelExecution → 200 {status, message}", async () => {
    const { data, error, response } = await client.POST("/{workflow_id}/runs/{execution_id}/cancel", {
      params: { path: { workflow_id: WF, execution_id: EXEC } },
    });
    expectAcceptedByPrism(response, error);
    expect(response.status).toBe(200);
    expect(data).toEqual({ status: "success", message: "Execution cancelled." });
  });
});

const getExecution = operations.find((o) => o.operationId === "getExecution") as Operation;
const statusExamples = Object.keys(examplesOf(getExecution, "200"));
const expectedState: Record<string, string> = {
  pending: "queued",
  running: "running",
  completed: "succeeded",
  completed_media: "succeeded",
  failed: "failed",
  cancelled: "cancelled",
};

describe("getExecution: every named status example", () => {
  it("has an example for every documented execution status", () => {
    const examples = examplesOf(getExecution, "200");
    const statuses = statusExamples.map((n) => ((examples[n] as Example).value as { execution: Json }).execution.status);
    expect(new Set(statuses)).toEqual(new Set(spec.components.schemas.ExecutionStatus.enum));
    expect(statusExamples.sort()).toEqual(Object.keys(expectedState).sort());
  });

  it.each(statusExamples)("typed client, example %s", async (name) => {
    const { data, error, response } = await client.GET("/{workflow_id}/runs/{execution_id}", {
      params: { path: { workflow_id: WF, execution_id: EXEC } },
      headers: { Prefer: `example=${name}` },
    });
    expectAcceptedByPrism(response, error);
    expect(response.status).toBe(200);
    expect(data).toEqual(examplesOf(getExecution, "200")[name]?.value);
  });

  it.each(statusExamples)("adapter get, example %s → mapped state", async (name) => {
    const provider = modelslab({ apiKey: KEY, baseUrl: prism.url, headers: { Prefer: `example=${name}` } });
    const { run } = await provider.get([WF, String(EXEC)]);
    expect(run.state).toBe(expectedState[name]);
    // The run keeps the ids it was asked for (one example's body names another execution).
    expect(run.ref).toBe(`modelslab:${WF}/${EXEC}`);
    expect(run.terminal).toBe(["succeeded", "failed", "cancelled"].includes(run.state));
  });
});

// Every error response of every operation, and every named example of it.
const errorCases: [string, string, string, unknown][] = operations.flatMap((op) =>
  Object.keys(op.responses)
    .filter((code) => Number(code) >= 400)
    .flatMap((code) =>
      Object.entries(examplesOf(op, code)).map(([name, ex]): [string, string, string, unknown] => [
        op.operationId,
        code,
        name,
        ex.value,
      ]),
    ),
);

describe("every documented error response", () => {
  it("has at least one named example per error response", () => {
    for (const op of operations) {
      for (const code of Object.keys(op.responses).filter((c) => Number(c) >= 400)) {
        expect(Object.keys(examplesOf(op, code)).length, `${op.operationId} ${code}`).toBeGreaterThan(0);
      }
    }
  });

  it.each(errorCases)("%s %s (example %s)", async (operationId, code, name, value) => {
    const { data, error, response } = await call(operationId, `code=${code}, example=${name}`);
    expectAcceptedByPrism(response, error);
    expect(response.status).toBe(Number(code));
    expect(data).toBeUndefined();
    expect(error).toEqual(value);
  });
});

describe("adapter against Prism", () => {
  it("start reads the schema and posts a body Prism accepts", async () => {
    const { ids } = await modelslab({ apiKey: KEY, baseUrl: prism.url }).start(WF, { prompt: "a lighthouse", width: "1024" });
    expect(ids).toEqual([WF, "12345"]);
  });

  it("cancel, rateLimitOf and budget", async () => {
    const provider = modelslab({ apiKey: KEY, baseUrl: prism.url });
    await expect(provider.cancel([WF, String(EXEC)])).resolves.toBeUndefined();
    expect(await provider.rateLimitOf(WF)).toBe(10);
    expect(provider.budget([WF, String(EXEC)])).toEqual({
      key: expect.stringMatching(new RegExp(`^modelslab:[0-9a-z]+:${WF}$`)),
      limit: 10,
      windowMs: 60_000,
    });
  });

  it("a 429 from the spec → ApiError with retry_after as retryAfterMs", async () => {
    const provider = modelslab({ apiKey: KEY, baseUrl: prism.url, headers: { Prefer: "code=429, example=queue_limit" } });
    const err = await provider.get([WF, String(EXEC)]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 429, retryAfterMs: 30_000, provider: "modelslab" });
    expect((err as ApiError).message).toContain("Maximum 5 queued requests");
  });

  it("a 404 from the spec → ApiError 404 with the provider's message", async () => {
    const provider = modelslab({ apiKey: KEY, baseUrl: prism.url, headers: { Prefer: "code=404" } });
    const err = await provider.get([WF, String(EXEC)]).catch((e: unknown) => e);
    expect(err).toMatchObject({
      status: 404,
      message: `modelslab: HTTP 404: Execution not found. (not found for this key: check the id, and that the key is of the account that owns it) (run modelslab:${WF}/${EXEC})`,
      ref: `modelslab:${WF}/${EXEC}`,
    });
  });
});
