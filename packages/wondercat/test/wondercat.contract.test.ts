import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { ApiError } from "@runstatus/core";
import { expectAcceptedByPrism, type PrismHandle, specPath, startPrism } from "@runstatus/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createWondercatClient, DEFAULT_BASE_URL, SPEC, type WondercatClient, wondercat } from "../src/index.js";

// Every operation, status example and error example comes from the spec itself, so a new one
// in the spec is exercised here (or fails the coverage check) without editing this file.
const specText = readFileSync(specPath("wondercat"), "utf8");
const spec = parse(specText) as Record<string, unknown>;
const KEY = `sk_${"0f".repeat(32)}`;

type Json = Record<string, unknown>;

/** Follows local `$ref`s ("#/components/…"), the only kind this spec uses. */
function deref(node: unknown): Json {
  let cur = node as Json;
  while (typeof cur.$ref === "string") {
    cur = (cur.$ref as string)
      .slice(2)
      .split("/")
      .reduce<Json>((n, k) => n[k] as Json, spec);
  }
  return cur;
}

interface Case {
  operationId: string;
  code: string;
  example: string;
  value: unknown;
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const item of Object.values(spec.paths as Json)) {
    for (const [method, op] of Object.entries(item as Json)) {
      if (method === "parameters") continue;
      const { operationId, responses } = op as { operationId: string; responses: Json };
      for (const [code, response] of Object.entries(responses)) {
        const examples = (deref(response).content as Json)["application/json"] as { examples?: Json };
        for (const [example, ex] of Object.entries(examples.examples ?? {})) {
          out.push({ operationId, code, example, value: deref(ex).value });
        }
      }
    }
  }
  return out;
}

const operationIds = Object.values(spec.paths as Json).flatMap((item) =>
  Object.entries(item as Json)
    .filter(([m]) => m !== "parameters")
    .map(([, op]) => (op as { operationId: string }).operationId),
);

type Sent = { data?: unknown; error?: unknown; response: Response };

const assertAcceptedByPrism = (res: Sent) => expectAcceptedByPrism(res.response, res.error ?? res.data);

let prism: PrismHandle;
let client: WondercatClient;

// One typed call per operation; `headers` carries Prism's `Prefer`.
const calls: Record<string, (headers: Record<string, string>) => Promise<Sent>> = {
  startBlueprintRun: (headers) =>
    client.POST("/blueprints/{blueprintId}/runs", {
      params: { path: { blueprintId: "bp_xyz" }, header: { "X-Wonda-Project": "launch-campaign" } },
      body: {
        inputs: [{ stepReferenceId: "step_abc", targetField: "prompt", value: "a red fox" }],
        variationPrompt: "at night",
        skipMissingMediaInputs: true,
      },
      headers,
    }),
  listBlueprintRuns: (headers) =>
    client.GET("/blueprints/{blueprintId}/runs", { params: { path: { blueprintId: "bp_xyz" } }, headers }),
  getRun: (headers) => client.GET("/runs/{runId}", { params: { path: { runId: "run_abc123" } }, headers }),
  getBlueprintMetadata: (headers) =>
    client.GET("/blueprints/{blueprintId}/metadata", { params: { path: { blueprintId: "bp_xyz" } }, headers }),
};

beforeAll(async () => {
  prism = await startPrism(specPath("wondercat"));
  client = createWondercatClient({ apiKey: KEY, baseUrl: prism.url, org: "acme" });
});

afterAll(async () => {
  await prism?.close();
});

describe("spec and package agree", () => {
  it("DEFAULT_BASE_URL is the spec's servers[0].url", () => {
    expect((spec.servers as { url: string }[])[0]?.url).toBe(DEFAULT_BASE_URL);
  });

  it("the generated types come from this exact spec (run `pnpm generate` if not)", () => {
    expect(SPEC.sha256).toBe(createHash("sha256").update(specText).digest("hex"));
  });

  it("every operation in the spec has a typed call here", () => {
    expect(Object.keys(calls).sort()).toEqual([...operationIds].sort());
  });
});

describe("every documented response through the typed client", () => {
  it.each(cases().map((c) => [`${c.operationId} ${c.code} ${c.example}`, c] as const))("%s", async (_name, c) => {
    const call = calls[c.operationId];
    if (!call) throw new Error(`no call for ${c.operationId}`);
    const res = await call({ Prefer: `code=${c.code}, example=${c.example}` });
    assertAcceptedByPrism(res);
    expect(res.response.status).toBe(Number(c.code));
    if (c.code.startsWith("2")) expect(res.data).toEqual(c.value);
    else expect(res.error).toEqual(c.value);
  });

  it("the assertion helper catches a request the spec rejects", async () => {
    // The operation documents a 400, so Prism answers with it (not 422) plus `sl-violations`.
    const res = await client.POST("/blueprints/{blueprintId}/runs", {
      params: { path: { blueprintId: "bp_xyz" } },
      body: { variationPrompt: "x".repeat(5001) },
    });
    expect(res.response.status).toBe(400);
    expect(() => assertAcceptedByPrism(res)).toThrow(/variationPrompt/);
  });

  it("the assertion helper catches a Prefer example the spec does not have", async () => {
    const res = await calls.getRun!({ Prefer: "example=no_such_example" });
    expect(() => assertAcceptedByPrism(res)).toThrow(/Prism rejected the exchange \(HTTP 404\)/);
  });
});

describe("the adapter against Prism", () => {
  // Expected states written out here, independently of the adapter's own table.
  const expected: Record<string, string> = {
    queued: "queued",
    running: "running",
    succeeded: "succeeded",
    succeeded_with_skipped_steps: "succeeded",
    failed: "failed",
    canceled: "cancelled",
    cancelled: "cancelled",
  };
  const statusExamples = cases().filter((c) => c.operationId === "getRun" && c.code === "200");

  it("covers every status example of the spec", () => {
    expect(statusExamples.map((c) => c.example).sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(statusExamples.map((c) => [c.example, c] as const))("get maps the %s example", async (name, c) => {
    const body = c.value as { status: string; finalOutputs: unknown[]; steps: unknown[]; progress: Json };
    const provider = wondercat({ apiKey: KEY, baseUrl: prism.url, headers: { Prefer: `example=${name}` } });
    const { run } = await provider.get(["run_abc123"]);
    expect(run.state).toBe(expected[name]);
    expect(run.providerStatus).toBe(body.status);
    expect(run.ref).toBe("wondercat:run_abc123");
    expect(run.outputs).toHaveLength(body.finalOutputs.length);
    expect(run.steps).toHaveLength(body.steps.length);
    expect(run.progress?.completed).toBe(body.progress.completedSteps);
    expect(run.progress?.total).toBe(body.progress.totalSteps);
    expect(run.error === null).toBe(expected[name] !== "failed");
    if (name === "succeeded_with_skipped_steps")
      expect(run.steps.map((s) => s.state)).toEqual(["succeeded", "succeeded", "succeeded"]);
  });

  it("start returns the new run id", async () => {
    const provider = wondercat({ apiKey: KEY, baseUrl: prism.url });
    expect(await provider.start!("bp_xyz", { "step_abc.prompt": "a red fox", variationPrompt: "at night" })).toEqual({
      ids: ["run_abc123"],
    });
  });

  it.each([
    ["404", "not_found", 404, null],
    ["429", "throttled_seconds", 429, 30_000],
  ])("get turns Prefer code=%s example=%s into an ApiError", async (code, example, status, retryAfterMs) => {
    const provider = wondercat({ apiKey: KEY, baseUrl: prism.url, headers: { Prefer: `code=${code}, example=${example}` } });
    const err = await provider.get(["run_abc123"]).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status, code: example === "throttled_seconds" ? "throttled" : example, retryAfterMs });
  });
});
