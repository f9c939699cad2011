// Every operation of specs/magnific.yaml, through the typed client, against a Prism mock of the
// spec. Prism runs with --errors, so a request the spec rejects comes back 422 problem+json.
import { readFileSync } from "node:fs";
import { ApiError } from "@runstatus/core";
import { expectAcceptedByPrism, type PrismHandle, specPath, startPrism } from "@runstatus/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createMagnificClient, type MagnificClient, magnific } from "../src/index.js";

const KEY = "mgk_test_contract_0001";
const APP_ID = "uqzQLDr2Aw";
const RUN_ID = "omps2OH829";

interface Example {
  value: unknown;
}
interface ResponseObj {
  $ref?: string;
  content?: Record<string, { examples?: Record<string, Example> }>;
}
interface Operation {
  operationId: string;
  responses: Record<string, ResponseObj>;
  requestBody?: { content: { "application/json": { examples: Record<string, Example> } } };
}

const spec = parse(readFileSync(specPath("magnific"), "utf8")) as {
  paths: Record<string, Record<string, Operation>>;
  components: { responses: Record<string, ResponseObj> };
};

const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, op]) => ({ path, method, op })),
);

function resolve(r: ResponseObj): ResponseObj {
  if (!r.$ref) return r;
  const name = r.$ref.replace("#/components/responses/", "");
  const target = spec.components.responses[name];
  if (!target) throw new Error(`unresolved ${r.$ref}`);
  return target;
}

function examplesOf(op: Operation, code: string, media = "application/json"): Record<string, Example> {
  const response = op.responses[code];
  if (!response) throw new Error(`${op.operationId} has no ${code} response`);
  return resolve(response).content?.[media]?.examples ?? {};
}

/** The media types a response declares; none for a bodiless one. */
function mediaOf(op: Operation, code: string): string[] {
  return Object.keys(resolve(op.responses[code] ?? {}).content ?? {});
}

let prism: PrismHandle;
let client: MagnificClient;

beforeAll(async () => {
  prism = await startPrism(specPath("magnific"));
  client = createMagnificClient({ apiKey: KEY, baseUrl: prism.url });
});

afterAll(async () => {
  await prism?.close();
});

const runBody = () => {
  const op = spec.paths["/v1/ai/apps/{app-id}/run"]?.post;
  const example = op?.requestBody?.content["application/json"].examples.inputs?.value as {
    inputs: Record<string, string>;
  };
  return { inputs: example.inputs };
};

/** One typed call per operation; `headers` carries Prefer (and Accept for a second media type). */
type Headers = Record<string, string>;
const calls: Record<string, (headers: Headers) => Promise<{ data?: unknown; error?: unknown; response: Response }>> = {
  listApps: (headers) => client.GET("/v1/ai/apps", { params: { query: { search: "sketch" } }, headers }),
  listMyApps: (headers) => client.GET("/v1/ai/me/apps", { headers }),
  getApp: (headers) => client.GET("/v1/ai/apps/{app-id}", { params: { path: { "app-id": APP_ID } }, headers }),
  runApp: (headers) =>
    client.POST("/v1/ai/apps/{app-id}/run", {
      params: { path: { "app-id": APP_ID } },
      body: runBody(),
      headers,
    }),
  getRun: (headers) => client.GET("/v1/ai/apps/runs/{run-id}", { params: { path: { "run-id": RUN_ID } }, headers }),
};

describe("magnific spec ↔ typed client (Prism mock)", () => {
  it("has a typed call for every operation in the spec", () => {
    expect(operations.map((o) => o.op.operationId).sort()).toEqual(Object.keys(calls).sort());
  });

  type Case = { op: Operation; code: string; name: string; media: string | null };
  const cases = operations.flatMap(({ op }) =>
    Object.keys(op.responses).flatMap((code): Case[] => {
      const media = mediaOf(op, code);
      // A bodiless response (404 of get-app and run, 422 of run) is one case of its own.
      if (media.length === 0) return [{ op, code, name: "no body", media: null }];
      return media.flatMap((m) => {
        const names = Object.keys(examplesOf(op, code, m));
        if (names.length === 0) throw new Error(`${op.operationId} ${code} ${m} has no named example`);
        return names.map((name) => ({ op, code, name, media: m }));
      });
    }),
  );

  it.each(cases.map((c) => [c.op.operationId, c.code, c.name, c] as const))("%s → %s (%s)", async (_id, code, name, c) => {
    const call = calls[c.op.operationId];
    if (!call) throw new Error(`no call for ${c.op.operationId}`);
    if (c.media === null) {
      const { data, error, response } = await call({ Prefer: `code=${code}` });
      expectAcceptedByPrism(response);
      expect(response.status).toBe(Number(code));
      expect(data).toBeUndefined();
      expect(error ?? "").toBe("");
      return;
    }
    const { data, error, response } = await call({ Prefer: `code=${code}, example=${name}`, Accept: c.media });
    // A declared problem+json answer cannot be told from Prism's own rejection by its type; no violations header says it is the spec's.
    if (c.media === "application/problem+json") expect(response.headers.get("sl-violations")).toBeNull();
    else expectAcceptedByPrism(response);
    expect(response.status).toBe(Number(code));
    const expected = examplesOf(c.op, code, c.media)[name]?.value;
    if (response.ok) {
      expect(error).toBeUndefined();
      expect(data).toEqual(expected);
    } else {
      expect(data).toBeUndefined();
      expect(error).toEqual(expected);
      expect(typeof (error as { message?: unknown }).message).toBe("string");
    }
  });

  it("serves a named example for every documented run status", () => {
    const names = Object.keys(examplesOf(spec.paths["/v1/ai/apps/runs/{run-id}"]!.get!, "200"));
    expect(names).toEqual(
      expect.arrayContaining(["pending", "running", "completed", "completed_with_errors", "failed", "cancelled"]),
    );
  });

  it("serves the run call's bare 202 answer by default", async () => {
    const { data, response } = await client.POST("/v1/ai/apps/{app-id}/run", {
      params: { path: { "app-id": APP_ID } },
      body: { ...runBody(), webhook: "https://hooks.example.org/magnific" },
    });
    expectAcceptedByPrism(response);
    expect(response.status).toBe(202);
    expect(data).toEqual({ status: "running", workflow_run_identifier: RUN_ID });
  });

  it("answers 401 without the key header (the spec's security scheme)", async () => {
    const res = await fetch(`${prism.url}/v1/ai/apps/runs/${RUN_ID}`);
    expect(res.status).toBe(401);
  });

  it("flags a request the spec rejects, so such a request fails a test", async () => {
    const { response } = await client.POST("/v1/ai/apps/{app-id}/run", {
      params: { path: { "app-id": APP_ID } },
      // A deliberate spec violation: `inputs` is required and `webhook` must be a URI.
      body: { webhook: "not a uri" } as never,
    });
    // Prism answers with the operation's own 400 when it declares one (else 422 problem+json);
    // either way the sl-violations header names the problem, and the helper fails on it.
    expect([400, 422]).toContain(response.status);
    expect(response.headers.get("sl-violations")).toContain("inputs");
    expect(() => expectAcceptedByPrism(response)).toThrow(/Prism rejected/);
  });
});

describe("magnific adapter against the Prism mock", () => {
  it.each([
    ["pending", "queued", 0],
    ["running", "running", 0],
    ["completed", "succeeded", 3],
    ["completed_with_errors", "partial", 1],
    ["failed", "failed", 0],
    ["cancelled", "cancelled", 0],
  ] as const)("maps the %s example to %s", async (example, state, outputs) => {
    const adapter = magnific({ apiKey: KEY, baseUrl: prism.url, headers: { Prefer: `example=${example}` } });
    const { run } = await adapter.get([RUN_ID]);
    expect(run.state).toBe(state);
    expect(run.providerStatus).toBe(example);
    expect(run.outputs).toHaveLength(outputs);
    expect(run.terminal).toBe(state !== "queued" && state !== "running");
    expect(run.error !== null).toBe(state === "failed" || state === "partial");
  });

  it("reads kinds, sizes, durations and token expiry from the completed example", async () => {
    const adapter = magnific({ apiKey: KEY, baseUrl: prism.url, headers: { Prefer: "example=completed" } });
    const { run } = await adapter.get([RUN_ID]);
    expect(run.outputs.map((o) => [o.kind, o.mimeType, o.width, o.height, o.durationMs, o.expiresAt])).toEqual([
      ["image", "image/png", 1024, 768, null, "2026-02-26T00:01:58.000Z"],
      ["video", "video/mp4", 1280, 720, 5040, "2026-02-26T00:01:59.000Z"],
      ["audio", "audio/mpeg", null, null, 3200, "2026-02-26T00:02:00.000Z"],
    ]);
  });

  it("passes the 429's Retry-After hint on in the ApiError", async () => {
    const limited = magnific({ apiKey: KEY, baseUrl: prism.url, headers: { Prefer: "code=429" } });
    const err = await limited.get([RUN_ID]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      status: 429,
      retryAfterMs: 2000,
      retryable: true,
      message: `magnific: HTTP 429: Rate limit exceeded (run magnific:${RUN_ID})`,
    });
  });

  it("starts a run and turns a documented 404 into an ApiError", async () => {
    const started = await magnific({ apiKey: KEY, baseUrl: prism.url }).start!(APP_ID, {
      ...runBody().inputs,
      webhook: "https://hooks.example.org/magnific",
    } as Record<string, string>);
    expect(started.ids).toEqual([RUN_ID]);

    const missing = magnific({ apiKey: KEY, baseUrl: prism.url, headers: { Prefer: "code=404" } });
    const err = await missing.get([RUN_ID]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      status: 404,
      code: null,
      message: `magnific: HTTP 404: Run not found (not found for this key: check the id, and that the key is of the account that owns it) (run magnific:${RUN_ID})`,
    });

    // The run call's 422 (invalid input values) has no body.
    const invalid = magnific({ apiKey: KEY, baseUrl: prism.url, headers: { Prefer: "code=422" } });
    const rejected = await invalid.start!(APP_ID, runBody().inputs).catch((e: unknown) => e);
    expect(rejected).toBeInstanceOf(ApiError);
    expect(rejected).toMatchObject({ status: 422, retryable: false });
  });
});
