// Contract tests: every operation of specs/onepin.yaml, called through the typed client against a
// Prism mock of that spec. Every named example (success and error) is requested by name and the
// parsed body must equal it; a request that Prism rejects fails the test.
import { readFileSync } from "node:fs";
import { ApiError, type RunProvider } from "@runstatus/core";
import { createOnePinClient, type OnePinClient, onepin } from "@runstatus/onepin";
import { expectAcceptedByPrism, type PrismHandle, specPath, startPrism } from "@runstatus/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";

const KEY = "op_live_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6";
const WF = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
const RUN = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
const METHODS = ["get", "post", "put", "patch", "delete"] as const;

interface SpecResponse {
  $ref?: string;
  content?: Record<string, { examples?: Record<string, { value: unknown }> }>;
}
interface SpecOperation {
  operationId: string;
  responses: Record<string, SpecResponse>;
}
interface Spec {
  paths: Record<string, Partial<Record<(typeof METHODS)[number], SpecOperation>>>;
  components: { responses: Record<string, SpecResponse> };
}

const spec = parse(readFileSync(specPath("onepin"), "utf8")) as Spec;

/** Every operation in the spec, with each response's named examples ($refs resolved). */
const operations = Object.values(spec.paths).flatMap((item) =>
  METHODS.flatMap((m) => (item[m] ? [item[m]] : [])).map((op) => ({
    id: op.operationId,
    responses: Object.entries(op.responses).map(([code, r]) => {
      const resolved = r.$ref ? spec.components.responses[r.$ref.split("/").pop() as string] : r;
      return { code, examples: resolved?.content?.["application/json"]?.examples ?? {} };
    }),
  })),
);

const expectAccepted = (response: Response) => expectAcceptedByPrism(response);

type Result = { data?: unknown; error?: unknown; response: Response };
type Call = (client: OnePinClient, headers: Record<string, string>) => Promise<Result>;

const path = { workflow_id: WF, run_id: RUN };

/** One typed call per operationId, with every documented parameter set to a valid value. */
const calls: Record<string, Call> = {
  listRuns: (c, headers) =>
    c.GET("/api/v1/workflows/{workflow_id}/runs", {
      params: {
        path: { workflow_id: WF },
        query: { offset: 0, limit: 2, status: "running,completed", search: "jane", sort: "created_at", order: "desc" },
        header: { "X-Workspace-Id": "0b7e2c52-3f7a-4c3e-9b1d-5a6f7e8d9c0b" },
      },
      headers,
    }),
  startRun: (c, headers) =>
    c.POST("/api/v1/workflows/{workflow_id}/runs", {
      params: { path: { workflow_id: WF } },
      body: { script_text: "Hello and welcome.", source_language: "en-us" },
      headers,
    }),
  getRunsSummary: (c, headers) =>
    c.GET("/api/v1/workflows/{workflow_id}/runs/summary", {
      params: { path: { workflow_id: WF }, query: { from: "2024-04-01T00:00:00Z", to: "2024-04-30T23:59:59+02:00" } },
      headers,
    }),
  getRun: (c, headers) => c.GET("/api/v1/workflows/{workflow_id}/runs/{run_id}", { params: { path }, headers }),
  getRunStatus: (c, headers) => c.GET("/api/v1/workflows/{workflow_id}/runs/{run_id}/status", { params: { path }, headers }),
  getRunSteps: (c, headers) =>
    c.GET("/api/v1/workflows/{workflow_id}/runs/{run_id}/steps", {
      params: { path, query: { include_result: true, node_type: "operator_generator", node_id: "node-5678" } },
      headers,
    }),
  cancelRun: (c, headers) => c.POST("/api/v1/workflows/{workflow_id}/runs/{run_id}/cancel", { params: { path }, headers }),
  pauseRun: (c, headers) => c.POST("/api/v1/workflows/{workflow_id}/runs/{run_id}/pause", { params: { path }, headers }),
  resumeRun: (c, headers) => c.POST("/api/v1/workflows/{workflow_id}/runs/{run_id}/resume", { params: { path }, headers }),
  getRunOutputs: (c, headers) => c.GET("/api/v1/workflows/{workflow_id}/runs/{run_id}/outputs", { params: { path }, headers }),
  downloadRun: (c, headers) => c.GET("/api/v1/workflows/{workflow_id}/runs/{run_id}/download", { params: { path }, headers }),
  previewRun: (c, headers) =>
    c.POST("/api/v1/workflows/{workflow_id}/runs/preview", {
      params: { path: { workflow_id: WF } },
      body: { script_text: "Hello and welcome." },
      headers,
    }),
  getRunOverview: (c, headers) => c.GET("/api/v1/workflows/{workflow_id}/runs/{run_id}/overview", { params: { path }, headers }),
  getRunData: (c, headers) =>
    c.GET("/api/v1/workflows/{workflow_id}/runs/{run_id}/data", {
      params: { path, query: { search: "hello", language: "en-US", include_dropped: false, offset: 0, limit: 20 } },
      headers,
    }),
  downloadRunNode: (c, headers) =>
    c.GET("/api/v1/workflows/{workflow_id}/runs/{run_id}/nodes/{node_id}/download", {
      params: { path: { ...path, node_id: "node-9abc" } },
      headers,
    }),
  getAudioUrl: (c, headers) =>
    c.GET("/api/v1/workflows/{workflow_id}/runs/{run_id}/audio/{audio_id}/url", {
      params: { path: { ...path, audio_id: "4f2a9c1d8e7b6a50" } },
      headers,
    }),
};

let prism: PrismHandle;
let client: OnePinClient;

beforeAll(async () => {
  prism = await startPrism(specPath("onepin"));
  client = createOnePinClient({ apiKey: KEY, baseUrl: prism.url });
});

afterAll(async () => {
  await prism?.close();
});

describe("onepin contract (Prism)", () => {
  it("covers every operation in the spec, and only those", () => {
    expect(Object.keys(calls).sort()).toEqual(operations.map((o) => o.id).sort());
  });

  it("serves every named success example, and the client parses it", async () => {
    let served = 0;
    for (const op of operations) {
      const call = calls[op.id] as Call;
      for (const { code, examples } of op.responses.filter((r) => r.code.startsWith("2"))) {
        expect(Object.keys(examples).length, `${op.id} ${code} has named examples`).toBeGreaterThan(0);
        for (const [name, example] of Object.entries(examples)) {
          const { data, error, response } = await call(client, { Prefer: `code=${code}, example=${name}` });
          expectAccepted(response);
          expect(response.status, `${op.id} ${name}`).toBe(Number(code));
          expect(error).toBeUndefined();
          expect(data, `${op.id} ${name}`).toEqual(example.value);
          served++;
        }
      }
    }
    expect(served).toBeGreaterThanOrEqual(20);
  });

  it("serves every documented error response and example; the client returns it as `error`", async () => {
    let served = 0;
    for (const op of operations) {
      const call = calls[op.id] as Call;
      for (const { code, examples } of op.responses.filter((r) => !r.code.startsWith("2"))) {
        const statuses = code === "5XX" ? [500, 503] : [Number(code)];
        for (const status of statuses) {
          for (const [name, example] of Object.entries(examples)) {
            const { data, error, response } = await call(client, { Prefer: `code=${status}, example=${name}` });
            expectAccepted(response);
            expect(response.status, `${op.id} ${status} ${name}`).toBe(status);
            expect(data).toBeUndefined();
            expect(error, `${op.id} ${status} ${name}`).toEqual(example.value);
            served++;
          }
        }
      }
    }
    // 11 operations × (401, 403×2, 404×2, 422×2, 426, 429, 500, 503), plus the 409s.
    expect(served).toBeGreaterThanOrEqual(11 * 11 + 6);
  });

  it("each status example reads as its status through the typed client", async () => {
    const expected: Record<string, string> = {
      pending: "pending",
      running: "running",
      pausing: "running",
      paused: "paused",
      completed: "completed",
      failed: "failed",
      cancelled: "cancelled",
    };
    for (const [example, status] of Object.entries(expected)) {
      const { data, response } = await client.GET("/api/v1/workflows/{workflow_id}/runs/{run_id}/status", {
        params: { path },
        headers: { Prefer: `example=${example}` },
      });
      expectAccepted(response);
      expect(data?.data.status).toBe(status);
      expect(data?.data.id).toBe(RUN);
      expect(data?.meta.request_id).toBeTruthy();
    }
  });

  it("429 carries the declared rate-limit headers; 426 names the version floor", async () => {
    const limited = await calls.getRunStatus?.(client, { Prefer: "code=429" });
    expect(limited?.response.headers.get("retry-after")).toBe("2");
    expect(limited?.response.headers.get("retry-after-ms")).toBe("2000");
    const upgrade = await calls.getRunStatus?.(client, { Prefer: "code=426" });
    expect(upgrade?.response.headers.get("x-onepin-required-version")).toBe("0.16.0");
  });

  it("start run without a body is accepted (the body is optional)", async () => {
    const { data, response } = await client.POST("/api/v1/workflows/{workflow_id}/runs", {
      params: { path: { workflow_id: WF } },
    });
    expectAccepted(response);
    expect(response.status).toBe(202);
    expect(data?.data.status).toBe("pending");
  });

  it("the rejection check fails on requests the spec forbids", async () => {
    const badRunId = await client.GET("/api/v1/workflows/{workflow_id}/runs/{run_id}/status", {
      params: { path: { workflow_id: WF, run_id: "not-a-uuid" } },
    });
    expect(() => expectAccepted(badRunId.response)).toThrow(/Prism rejected/);
    const badStatus = await client.GET("/api/v1/workflows/{workflow_id}/runs", {
      params: { path: { workflow_id: WF }, query: { status: "running,,paused" } },
    });
    expect(() => expectAccepted(badStatus.response)).toThrow(/Prism rejected/);
    const naive = await client.GET("/api/v1/workflows/{workflow_id}/runs/summary", {
      params: { path: { workflow_id: WF }, query: { from: "2024-04-01T00:00:00" } },
    });
    expect(() => expectAccepted(naive.response)).toThrow(/Prism rejected/);
    const noAuth = await fetch(`${prism.url}/api/v1/workflows/${WF}/runs/${RUN}/status`);
    expect(noAuth.status).toBe(401);
    expect(() => expectAccepted(noAuth)).toThrow(/Prism rejected/);
  });
});

describe("onepin adapter against Prism", () => {
  /** An adapter that asks Prism for `prefer` and records any request Prism rejected. */
  function adapterWith(prefer: string): { adapter: RunProvider; rejected: string[] } {
    const rejected: string[] = [];
    const adapter = onepin({
      apiKey: KEY,
      baseUrl: prism.url,
      headers: { Prefer: prefer },
      fetch: async (req) => {
        const res = await fetch(req);
        const v = res.headers.get("sl-violations");
        if (v) rejected.push(v);
        return res;
      },
    });
    return { adapter, rejected };
  }

  const states: Record<string, [string, boolean]> = {
    pending: ["queued", false],
    running: ["running", false],
    pausing: ["running", false],
    paused: ["paused", false],
    completed: ["succeeded", true],
    failed: ["failed", true],
    cancelled: ["cancelled", true],
  };
  for (const [example, [state, terminal]] of Object.entries(states)) {
    it(`get: the ${example} example → ${state}`, async () => {
      const { adapter, rejected } = adapterWith(`example=${example}`);
      const { run, requestId } = await adapter.get([WF, RUN]);
      expect(rejected).toEqual([]);
      expect(run.state).toBe(state);
      expect(run.terminal).toBe(terminal);
      expect(run.ref).toBe(`onepin:${WF}/${RUN}`);
      expect(run.outputs).toEqual([]);
      expect(run.error === null).toBe(example !== "failed");
      expect(requestId).toBe("req_1234567890abcdef");
    });
  }

  it("start, cancel, pause and resume map the served runs", async () => {
    const start = adapterWith("example=pending");
    const started = await start.adapter.start?.(WF, { script_text: "Hello.", source_language: "en-us" });
    expect(started?.ids).toEqual([WF, RUN]);
    expect((await adapterWith("example=cancelled").adapter.cancel?.([WF, RUN]))?.state).toBe("cancelled");
    expect((await adapterWith("example=paused").adapter.pause?.([WF, RUN]))?.state).toBe("paused");
    expect((await adapterWith("example=running").adapter.resume?.([WF, RUN]))?.state).toBe("running");
    expect(start.rejected).toEqual([]);
  });

  it("documented errors become ApiErrors with code, request id and retry hint", async () => {
    const notFound = adapterWith("code=404, example=runNotFound");
    const e404 = await notFound.adapter.get([WF, RUN]).catch((e: unknown) => e);
    expect(e404).toBeInstanceOf(ApiError);
    expect(e404).toMatchObject({ status: 404, code: "NOT_FOUND", requestId: "req_1234567890abcdef" });

    const e429 = await adapterWith("code=429")
      .adapter.get([WF, RUN])
      .catch((e: unknown) => e);
    expect(e429).toMatchObject({ status: 429, code: "RATE_LIMITED", retryAfterMs: 2000 });

    const e422 = await adapterWith("code=422, example=fastapiValidation")
      .adapter.get([WF, RUN])
      .catch((e: unknown) => e);
    expect(e422).toMatchObject({ status: 422, code: "VALIDATION_ERROR" });
    expect((e422 as Error).message).toContain("query.limit: Input should be less than or equal to 100");

    const e409 = await adapterWith("code=409, example=notPaused")
      .adapter.resume?.([WF, RUN])
      .catch((e: unknown) => e);
    expect(e409).toMatchObject({ status: 409, code: "CONFLICT" });
  });
});
