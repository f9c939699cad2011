import { readFileSync } from "node:fs";
import { AbortError, ApiError, InvalidResponseError, type Run, UsageError } from "@runstatus/core";
import { jsonResponse as json, rejectionOf as rejection } from "@runstatus/test-utils";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parse } from "yaml";
import { DEFAULT_BASE_URL, modelslab, readModelsLabError } from "./index.js";
import { createModelsLabClient } from "./modelslab-client.js";

const KEY = "ml-test-key-7f3a9c";
const WF = "0b9c2f4e-5a1d-4e8b-9c3f-7d2a6b1e4f80";
const BASE = DEFAULT_BASE_URL;

// The unit tests read the spec's own named examples, so Prism and these tests share one truth.
const spec = parse(readFileSync(new URL("../../../specs/modelslab.yaml", import.meta.url), "utf8"));
const statusExamples: Record<string, { value: unknown }> =
  spec.paths["/{workflow_id}/runs/{execution_id}"].get.responses["200"].content["application/json"].examples;
const schemaExample = spec.paths["/{workflow_id}"].get.responses["200"].content["application/json"].examples.text_to_image.value;
const example = (name: string): unknown => {
  const e = statusExamples[name];
  if (!e) throw new Error(`no status example ${name}`);
  return structuredClone(e.value);
};

type Handler = (req: Request) => Response | Promise<Response>;

function stub(handler: Handler) {
  const requests: Request[] = [];
  const fetch = async (req: Request) => {
    requests.push(req.clone());
    return handler(req);
  };
  return { fetch, requests };
}

function raw(status: number, text: string, statusText = ""): Response {
  return new Response(text, { status, statusText, headers: { "content-type": "text/html" } });
}

/** The adapter's `get` on one hand-built answer. */
async function getWith(body: unknown, ids: string[] = [WF, "12345"]): Promise<Run> {
  const s = stub(() => json(200, body));
  const { run } = await modelslab({ apiKey: KEY, fetch: s.fetch }).get(ids);
  return run;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("get: every documented execution status", () => {
  it("pending → queued, not terminal, nothing started", async () => {
    const run = await getWith(example("pending"));
    expect(run).toEqual({
      provider: "modelslab",
      id: "12345",
      ref: `modelslab:${WF}/12345`,
      state: "queued",
      terminal: false,
      providerStatus: "pending",
      progress: { completed: 0, total: null, failed: 0, running: 0 },
      steps: [],
      outputs: [],
      error: null,
      createdAt: null,
      startedAt: null,
      completedAt: null,
    });
  });

  it("running → running with the steps reached so far and no total", async () => {
    const run = await getWith(example("running"));
    expect(run.state).toBe("running");
    expect(run.terminal).toBe(false);
    expect(run.startedAt).toBe("2024-01-15T10:30:00Z");
    expect(run.completedAt).toBeNull();
    expect(run.progress).toEqual({ completed: 1, total: null, failed: 0, running: 1 });
    expect(run.steps).toEqual([
      {
        id: null,
        name: "Text to Image",
        state: "succeeded",
        providerStatus: "completed",
        startedAt: "2024-01-15T10:30:00Z",
        completedAt: "2024-01-15T10:30:05Z",
        outputs: [],
      },
      {
        id: null,
        name: "Image Upscaler",
        state: "running",
        providerStatus: "running",
        startedAt: "2024-01-15T10:30:05Z",
        completedAt: null,
        outputs: [],
      },
    ]);
    expect(run.outputs).toEqual([]);
  });

  it("completed → succeeded; outputs from output.output only, proxy_links are mirrors", async () => {
    const run = await getWith(example("completed"));
    expect(run.state).toBe("succeeded");
    expect(run.terminal).toBe(true);
    expect(run.error).toBeNull();
    expect(run.completedAt).toBe("2024-01-15T10:30:15Z");
    expect(run.progress).toEqual({ completed: 2, total: 2, failed: 0, running: 0 });
    expect(run.outputs).toEqual([
      {
        url: "https://cdn.modelslab.com/generated/image1.png",
        kind: "image",
        mimeType: "image/png",
        width: null,
        height: null,
        durationMs: null,
        expiresAt: null,
      },
    ]);
  });

  it("completed with video and audio → kinds and mime types from the extension", async () => {
    const run = await getWith(example("completed_media"), ["5e6f7a8b-1c2d-4e3f-8a9b-0c1d2e3f4a5b", "12347"]);
    expect(run.outputs.map((o) => [o.kind, o.mimeType, o.width, o.height, o.durationMs, o.expiresAt])).toEqual([
      ["video", "video/mp4", null, null, null, null],
      ["audio", "audio/mpeg", null, null, null, null],
    ]);
  });

  it("failed inside a success envelope → failed with the provider's error text", async () => {
    const run = await getWith(example("failed"));
    expect(run.state).toBe("failed");
    expect(run.terminal).toBe(true);
    expect(run.providerStatus).toBe("failed");
    expect(run.error).toEqual({ message: "Image generation failed: Invalid prompt" });
    expect(run.progress).toEqual({ completed: 0, total: null, failed: 1, running: 0 });
    expect(run.steps[0]?.state).toBe("failed");
    expect(run.outputs).toEqual([]);
  });

  it("cancelled → cancelled, terminal, total still unknown", async () => {
    const run = await getWith(example("cancelled"));
    expect(run.state).toBe("cancelled");
    expect(run.terminal).toBe(true);
    expect(run.error).toBeNull();
    expect(run.progress).toEqual({ completed: 1, total: null, failed: 0, running: 0 });
    expect(run.steps[1]?.state).toBe("cancelled");
  });

  it("the run id comes from execution.id, as a string", async () => {
    const body = example("running") as { execution: { id: number } };
    body.execution.id = 987654321;
    const run = await getWith(body, [WF, "987654321"]);
    expect(run.id).toBe("987654321");
    expect(run.ref).toBe(`modelslab:${WF}/987654321`);
  });
});

describe("get: tolerant where the docs are silent", () => {
  it("an unknown execution status → unknown, raw value kept, not terminal", async () => {
    const body = example("running") as { execution: { status: string }; steps: { status: string }[] };
    body.execution.status = "processing";
    body.steps[1] = { ...body.steps[1], status: "waiting_for_gpu" } as { status: string };
    const run = await getWith(body);
    expect(run.state).toBe("unknown");
    expect(run.terminal).toBe(false);
    expect(run.providerStatus).toBe("processing");
    expect(run.steps[1]).toMatchObject({ state: "unknown", providerStatus: "waiting_for_gpu" });
  });

  it("no steps key → progress null and steps []", async () => {
    const body = example("running") as Record<string, unknown>;
    delete body.steps;
    const run = await getWith(body);
    expect(run.progress).toBeNull();
    expect(run.steps).toEqual([]);
  });

  it("completed without an output object → no outputs", async () => {
    const body = example("completed") as Record<string, unknown>;
    delete body.output;
    expect((await getWith(body)).outputs).toEqual([]);
  });

  it("failed without error text → error null (no invented message)", async () => {
    const body = example("failed") as Record<string, unknown>;
    delete body.error;
    const run = await getWith(body);
    expect(run.state).toBe("failed");
    expect(run.error).toBeNull();
  });

  it.each([
    ["https://cdn.modelslab.com/a.jpg", "image", "image/jpeg"],
    ["https://cdn.modelslab.com/a.JPEG", "image", "image/jpeg"],
    ["https://cdn.modelslab.com/a.webp?token=x&exp=1", "image", "image/webp"],
    ["https://cdn.modelslab.com/a.gif#frag", "image", "image/gif"],
    ["https://cdn.modelslab.com/a.webm", "video", "video/webm"],
    ["https://cdn.modelslab.com/a.mov", "video", "video/quicktime"],
    ["https://cdn.modelslab.com/a.wav", "audio", "audio/wav"],
    ["https://cdn.modelslab.com/a.ogg", "audio", "audio/ogg"],
    ["https://cdn.modelslab.com/a.flac", "audio", "audio/flac"],
    ["https://cdn.modelslab.com/a.m4a", "audio", "audio/mp4"],
    ["https://cdn.modelslab.com/a.zip", "file", null],
    ["https://cdn.modelslab.com/generated/noext", "file", null],
  ])("output %s → %s (%s)", async (url, kind, mimeType) => {
    const body = example("completed") as { output: { output: string[] } };
    body.output.output = [url];
    const [out] = (await getWith(body)).outputs;
    expect(out).toEqual({ url, kind, mimeType, width: null, height: null, durationMs: null, expiresAt: null });
  });
});

describe("get: unreadable answers → InvalidResponseError", () => {
  const cases: [string, Response][] = [
    ["an HTML page", raw(200, "<html><body>Maintenance</body></html>")],
    ["cut-off JSON", new Response('{"status":"success","execution":{"id":12345,"sta', { status: 200 })],
    ["an empty body", new Response("", { status: 200 })],
    ["no execution", json(200, { status: "success", steps: [] })],
    ["no execution.status", json(200, { status: "success", execution: { id: 1 }, steps: [] })],
    ["a numeric execution.status", json(200, { status: "success", execution: { id: 1, status: 3 }, steps: [] })],
    ["no execution.id", json(200, { status: "success", execution: { status: "running" }, steps: [] })],
    ["steps not an array", json(200, { status: "success", execution: { id: 1, status: "running" }, steps: {} })],
    [
      "a step without a name",
      json(200, { status: "success", execution: { id: 1, status: "running" }, steps: [{ status: "running" }] }),
    ],
    [
      "output.output not an array",
      json(200, { status: "success", execution: { id: 1, status: "completed" }, output: { output: "x.png" }, steps: [] }),
    ],
  ];
  it.each(cases)("%s", async (_name, response) => {
    const s = stub(() => response);
    const err = await rejection(modelslab({ apiKey: KEY, fetch: s.fetch }).get([WF, "1"]));
    expect(err).toBeInstanceOf(InvalidResponseError);
    const e = err as InvalidResponseError;
    expect(e.provider).toBe("modelslab");
    expect(e.status).toBe(200);
    expect(e.kind).toBe("invalid_response");
    expect(e.retryable).toBe(false);
    expect(typeof e.excerpt === "string" || e.excerpt === null).toBe(true);
  });

  it("names the field and carries an excerpt of the body", async () => {
    const s = stub(() => json(200, { status: "success", execution: { id: 1, status: 3 }, steps: [] }));
    const e = (await rejection(modelslab({ apiKey: KEY, fetch: s.fetch }).get([WF, "1"]))) as InvalidResponseError;
    expect(e.message).toContain("execution.status");
    expect(e.excerpt).toContain('"status":3');
  });

  it("a non-JSON page keeps a short excerpt", async () => {
    const s = stub(() => raw(200, "<html><body>Maintenance</body></html>"));
    const e = (await rejection(modelslab({ apiKey: KEY, fetch: s.fetch }).get([WF, "1"]))) as InvalidResponseError;
    expect(e.excerpt).toContain("Maintenance");
  });
});

describe("error answers → ApiError", () => {
  async function errorFrom(response: Response): Promise<ApiError> {
    const s = stub(() => response);
    const err = await rejection(modelslab({ apiKey: KEY, fetch: s.fetch }).get([WF, "12345"]));
    expect(err).toBeInstanceOf(ApiError);
    return err as ApiError;
  }

  it("404 {status:error, message} → status, message, request id from the header, no code", async () => {
    const e = await errorFrom(json(404, { status: "error", message: "Execution not found." }, { "x-request-id": "req-77" }));
    expect(e.status).toBe(404);
    expect(e.message).toBe(
      "modelslab: HTTP 404: Execution not found. (not found for this key: check the id, and that the key is of the account that owns it) (run modelslab:0b9c2f4e-5a1d-4e8b-9c3f-7d2a6b1e4f80/12345)",
    );
    expect(e.code).toBeNull();
    expect(e.requestId).toBe("req-77");
    expect(e.retryAfterMs).toBeNull();
    expect(e.retryable).toBe(false);
  });

  it("the legacy `messege` key is read", async () => {
    const e = await errorFrom(json(401, { status: "error", messege: "Invalid API key." }));
    expect(e.status).toBe(401);
    expect(e.message).toContain("Invalid API key.");
  });

  it("429 retry_after (seconds) → retryAfterMs, retryable", async () => {
    const e = await errorFrom(json(429, { status: "error", message: "Rate limit exceeded.", retry_after: 30 }));
    expect(e.status).toBe(429);
    expect(e.retryAfterMs).toBe(30_000);
    expect(e.retryable).toBe(true);
  });

  it("429 retry_after as a numeric string", async () => {
    const e = await errorFrom(json(429, { status: "error", message: "slow down", retry_after: "12" }));
    expect(e.retryAfterMs).toBe(12_000);
  });

  it("a Retry-After header longer than retry_after wins (never send before any hint)", async () => {
    const e = await errorFrom(json(429, { status: "error", retry_after: 30 }, { "retry-after": "45" }));
    expect(e.retryAfterMs).toBe(45_000);
  });

  it("429 X-RateLimit-Reset (unix seconds, what ModelsLab's CLI reads) → retryAfterMs until then, when later than retry_after", async () => {
    const reset = Math.floor(Date.now() / 1000) + 3600;
    const e = await errorFrom(json(429, { status: "error", retry_after: 5 }, { "x-ratelimit-reset": String(reset) }));
    expect(e.retryAfterMs).toBeGreaterThan(3_590_000);
    expect(e.retryAfterMs).toBeLessThanOrEqual(3_600_000);
    expect(e.retryable).toBe(true);
  });

  it("an unreadable X-RateLimit-Reset is ignored, and a Retry-After header takes its place", async () => {
    const bad = await errorFrom(json(429, { status: "error", retry_after: 5 }, { "x-ratelimit-reset": "soon" }));
    expect(bad.retryAfterMs).toBe(5_000);
    const both = await errorFrom(
      json(429, { status: "error" }, { "retry-after": "7", "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 3600) }),
    );
    expect(both.retryAfterMs).toBe(7_000);
  });

  it("a 5xx HTML page → ApiError with the status text, retryable", async () => {
    const e = await errorFrom(raw(503, "<html>down</html>", "Service Unavailable"));
    expect(e.status).toBe(503);
    expect(e.message).toContain("Service Unavailable");
    expect(e.retryable).toBe(true);
  });

  it("readModelsLabError: message object, epoch-seconds retry_after, bodies that are not objects", () => {
    const now = Date.UTC(2026, 0, 1);
    expect(readModelsLabError({ status: "error", message: { prompt: ["required"] } }, 422).message).toBe(
      '{"prompt":["required"]}',
    );
    expect(readModelsLabError({ status: "error", retry_after: now / 1000 + 20 }, 429, now).retryAfterMs).toBe(20_000);
    expect(readModelsLabError({ status: "error", retry_after: -5 }, 429, now).retryAfterMs).toBeNull();
    expect(readModelsLabError({ status: "error", message: "", messege: "typo wins" }, 400).message).toBe("typo wins");
    expect(readModelsLabError("oops", 500)).toEqual({});
    expect(readModelsLabError(null, 500)).toEqual({});
  });
});

describe("secrets", () => {
  function expectNoKey(err: unknown) {
    expect(String(err)).not.toContain(KEY);
    expect(JSON.stringify(err)).not.toContain(KEY);
    expect((err as Error).message).not.toContain(KEY);
    expect(String((err as ApiError).excerpt)).not.toContain(KEY);
  }

  it("an error body that echoes the key never carries it into the error", async () => {
    const s = stub(() => json(401, { status: "error", message: `Invalid API key ${KEY}` }));
    const err = await rejection(modelslab({ apiKey: KEY, fetch: s.fetch }).get([WF, "1"]));
    expect(err).toBeInstanceOf(ApiError);
    expectNoKey(err);
    expect((err as ApiError).message).toContain("[redacted]");
  });

  it("an unreadable 200 that echoes the key never carries it into the error", async () => {
    const s = stub(() => json(200, { status: "success", debug: { key: KEY }, execution: { id: 1 } }));
    const err = await rejection(modelslab({ apiKey: KEY, fetch: s.fetch }).get([WF, "1"]));
    expect(err).toBeInstanceOf(InvalidResponseError);
    expectNoKey(err);
  });

  it("a cut-off 200 that echoes the key never carries it into the error", async () => {
    const s = stub(() => new Response(`{"key":"${KEY}","execution":{`, { status: 200 }));
    const err = await rejection(modelslab({ apiKey: KEY, fetch: s.fetch }).get([WF, "1"]));
    expect(err).toBeInstanceOf(InvalidResponseError);
    expectNoKey(err);
  });

  it("a missing key names the variable and the option, and sends nothing", async () => {
    vi.stubEnv("MODELSLAB_API_KEY", "");
    const s = stub(() => json(200, example("running")));
    const err = await rejection(modelslab({ fetch: s.fetch }).get([WF, "1"]));
    expect(err).toBeInstanceOf(UsageError);
    expect(String(err)).toContain("MODELSLAB_API_KEY");
    expect(String(err)).toContain("apiKey option");
    expect(s.requests).toHaveLength(0);
  });
});

describe("options", () => {
  it.each([
    ["an empty key", { apiKey: "" }, "apiKey"],
    ["a blank key", { apiKey: "   " }, "apiKey"],
    ["no key", {}, "apiKey"],
    ["a relative base URL", { apiKey: KEY, baseUrl: "/api/v1/workflows" }, "baseUrl"],
    ["an ftp base URL", { apiKey: KEY, baseUrl: "ftp://modelslab.com/workflows" }, "baseUrl"],
  ])("createModelsLabClient with %s → UsageError naming %s", (_name, opts, option) => {
    const err = (() => {
      try {
        createModelsLabClient(opts as never);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toContain(`\`${option}\``);
    expect((err as Error).message).toContain("createModelsLabClient");
  });

  it.each([
    ["an empty key", { apiKey: "" }, "apiKey"],
    ["an ftp base URL", { baseUrl: "ftp://x.example/" }, "baseUrl"],
    ["a zero rate limit", { rateLimit: 0 }, "rateLimit"],
    ["a non-numeric rate limit", { rateLimit: "10" }, "rateLimit"],
    ["an unknown input typing", { inputTyping: "guess" }, "inputTyping"],
  ])("modelslab() with %s → UsageError naming %s at creation", (_name, opts, option) => {
    expect(() => modelslab(opts as never)).toThrow(UsageError);
    expect(() => modelslab(opts as never)).toThrow(option);
  });

  it("a bad RUNSTATUS_MODELSLAB_BASE_URL is named at the first request, and nothing is sent", async () => {
    vi.stubEnv("RUNSTATUS_MODELSLAB_BASE_URL", "modelslab.local");
    const s = stub(() => json(200, example("running")));
    const err = await rejection(modelslab({ apiKey: KEY, fetch: s.fetch }).get([WF, "1"]));
    expect(err).toBeInstanceOf(UsageError);
    expect(String(err)).toMatch(/RUNSTATUS_MODELSLAB_BASE_URL/);
    expect(s.requests).toHaveLength(0);
  });

  it("the key and base URL come from the environment; documented paths are appended", async () => {
    vi.stubEnv("MODELSLAB_API_KEY", KEY);
    vi.stubEnv("RUNSTATUS_MODELSLAB_BASE_URL", "http://127.0.0.1:9999/sim/workflows/");
    const s = stub(() => json(200, example("running")));
    await modelslab({ fetch: s.fetch }).get([WF, "12345"]);
    expect(s.requests[0]?.url).toBe(`http://127.0.0.1:9999/sim/workflows/${WF}/runs/12345`);
    expect(s.requests[0]?.headers.get("key")).toBe(KEY);
  });
});

describe("ids never change the request path", () => {
  const bad = ["12/../../admin", "12?x=1", "12#frag", "..", ".", "a\\b", ""];
  it.each(bad)("execution id %j → UsageError, no request", async (id) => {
    const s = stub(() => json(200, example("running")));
    const p = modelslab({ apiKey: KEY, fetch: s.fetch });
    await expect(p.get([WF, id])).rejects.toBeInstanceOf(UsageError);
    await expect(p.cancel([WF, id])).rejects.toBeInstanceOf(UsageError);
    expect(s.requests).toHaveLength(0);
  });

  it.each(["wf/../../x", "wf?x", "..", "wf#x"])("workflow id %j → UsageError, no request", async (wf) => {
    const s = stub(() => json(200, example("running")));
    const p = modelslab({ apiKey: KEY, fetch: s.fetch });
    await expect(p.get([wf, "1"])).rejects.toBeInstanceOf(UsageError);
    await expect(p.start(wf, { prompt: "x" })).rejects.toBeInstanceOf(UsageError);
    await expect(p.rateLimitOf(wf)).rejects.toBeInstanceOf(UsageError);
    expect(s.requests).toHaveLength(0);
  });

  it("the wrong number of segments → UsageError naming the reference form", async () => {
    const s = stub(() => json(200, example("running")));
    const err = await rejection(modelslab({ apiKey: KEY, fetch: s.fetch }).get(["12345"]));
    expect(err).toBeInstanceOf(UsageError);
    expect(String(err)).toContain("modelslab:<workflow_id>/<execution_id>");
    expect(s.requests).toHaveLength(0);
  });

  it("ids with other characters are percent-encoded inside their segment", async () => {
    const s = stub(() => json(200, example("running")));
    await modelslab({ apiKey: KEY, fetch: s.fetch }).get(["wf id", "12 345"]);
    expect(s.requests[0]?.url).toBe(`${BASE}/wf%20id/runs/12%20345`);
  });
});

describe("request shapes", () => {
  it("get: one GET on the status path with the `key` header, nothing else", async () => {
    const s = stub(() => json(200, example("running"), { "x-request-id": "r-1" }));
    const res = await modelslab({ apiKey: KEY, fetch: s.fetch, headers: { "x-trace": "t" } }).get([WF, "12345"]);
    expect(s.requests).toHaveLength(1);
    const req = s.requests[0] as Request;
    expect(req.method).toBe("GET");
    expect(req.url).toBe(`${BASE}/${WF}/runs/12345`);
    expect(req.headers.get("key")).toBe(KEY);
    expect(req.headers.get("authorization")).toBeNull();
    expect(req.headers.get("x-trace")).toBe("t");
    expect(res.requestId).toBe("r-1");
  });

  it("start: reads the schema, then POSTs a flat body typed by it", async () => {
    const s = stub((req) =>
      req.method === "GET"
        ? json(200, schemaExample)
        : json(202, {
            status: "success",
            message: "Workflow execution started.",
            execution_id: 12345,
            workflow_id: WF,
            status_url: `${BASE}/${WF}/runs/12345`,
            webhook_url: null,
          }),
    );
    const p = modelslab({ apiKey: KEY, fetch: s.fetch });
    const out = await p.start(WF, { prompt: "42", negative_prompt: "blurry", width: "1024", height: 768 });
    expect(out).toEqual({ ids: [WF, "12345"] });
    expect(s.requests.map((r) => `${r.method} ${r.url}`)).toEqual([`GET ${BASE}/${WF}`, `POST ${BASE}/${WF}/run`]);
    const post = s.requests[1] as Request;
    expect(post.headers.get("key")).toBe(KEY);
    expect(post.headers.get("content-type")).toBe("application/json");
    // A string parameter keeps a numeric-looking value as a string; number parameters get numbers.
    expect(await post.json()).toEqual({ prompt: "42", negative_prompt: "blurry", width: 1024, height: 768 });
  });

  it("start learns the workflow's rate limit from the schema it read", async () => {
    const schema = structuredClone(schemaExample);
    schema.workflow.rate_limit = 25;
    const s = stub((req) =>
      req.method === "GET"
        ? json(200, schema)
        : json(202, { status: "success", message: "", execution_id: 9, workflow_id: WF, status_url: "x", webhook_url: null }),
    );
    const p = modelslab({ apiKey: KEY, fetch: s.fetch });
    await p.start(WF, { prompt: "a" });
    expect(p.budget([WF, "9"])?.limit).toBe(25);
  });

  it.each([
    [{ promt: "typo" }, 'no parameter "promt"'],
    [{ width: "512" }, "requires parameter(s) prompt"],
    [{ prompt: "x", width: "wide" }, 'parameter "width"'],
    [{ prompt: "x", width: "12px" }, 'parameter "width"'],
    [{ prompt: "x", width: "" }, 'parameter "width"'],
  ])("start with %j → UsageError (%s) and no run request", async (input, text) => {
    const s = stub(() => json(200, schemaExample));
    const err = await rejection(modelslab({ apiKey: KEY, fetch: s.fetch }).start(WF, input));
    expect(err).toBeInstanceOf(UsageError);
    expect(String(err)).toContain(text);
    expect(s.requests.map((r) => r.method)).toEqual(["GET"]);
  });

  it("start rejects values that are not string, number or boolean before any request", async () => {
    const s = stub(() => json(200, schemaExample));
    const p = modelslab({ apiKey: KEY, fetch: s.fetch });
    await expect(p.start(WF, { prompt: { nested: true } } as never)).rejects.toBeInstanceOf(UsageError);
    await expect(p.start(WF, { width: Number.NaN })).rejects.toBeInstanceOf(UsageError);
    expect(s.requests).toHaveLength(0);
  });

  it('start with inputTyping "as-is": one request, values exactly as given', async () => {
    const s = stub(() =>
      json(202, { status: "success", message: "", execution_id: 77, workflow_id: WF, status_url: "x", webhook_url: null }),
    );
    const out = await modelslab({ apiKey: KEY, fetch: s.fetch, inputTyping: "as-is" }).start(WF, {
      prompt: "x",
      width: "1024",
      seed: 7,
    });
    expect(out.ids).toEqual([WF, "77"]);
    expect(s.requests).toHaveLength(1);
    expect(await (s.requests[0] as Request).json()).toEqual({ prompt: "x", width: "1024", seed: 7 });
  });

  it("start: a documented 422 becomes an ApiError with the provider's message", async () => {
    const s = stub(() => json(422, { status: "error", message: "Missing required parameters: prompt" }));
    const e = (await rejection(modelslab({ apiKey: KEY, fetch: s.fetch, inputTyping: "as-is" }).start(WF, {}))) as ApiError;
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(422);
    expect(e.message).toContain("Missing required parameters: prompt");
  });

  it("start: a 202 without execution_id → InvalidResponseError", async () => {
    const s = stub(() => json(202, { status: "success", message: "started" }));
    const e = await rejection(modelslab({ apiKey: KEY, fetch: s.fetch, inputTyping: "as-is" }).start(WF, { prompt: "x" }));
    expect(e).toBeInstanceOf(InvalidResponseError);
    expect(String(e)).toContain("execution_id");
  });

  it("cancel: one POST on the cancel path; resolves without a run", async () => {
    const s = stub(() => json(200, { status: "success", message: "Execution cancelled." }));
    await expect(modelslab({ apiKey: KEY, fetch: s.fetch }).cancel([WF, "12345"])).resolves.toBeUndefined();
    expect(s.requests).toHaveLength(1);
    const req = s.requests[0] as Request;
    expect(req.method).toBe("POST");
    expect(req.url).toBe(`${BASE}/${WF}/runs/12345/cancel`);
    expect(req.headers.get("key")).toBe(KEY);
  });

  it("cancel of a finished execution: the documented 400 → ApiError 400", async () => {
    const s = stub(() => json(400, { status: "error", message: "Execution has already completed and cannot be cancelled." }));
    const e = (await rejection(modelslab({ apiKey: KEY, fetch: s.fetch }).cancel([WF, "12345"]))) as ApiError;
    expect(e.status).toBe(400);
    expect(e.message).toContain("already completed");
  });

  it("the typed client lists workflows at the server URL itself, without a trailing slash", async () => {
    const s = stub(() => json(200, { status: "success", workflows: [] }));
    const client = createModelsLabClient({ apiKey: KEY, fetch: s.fetch });
    const { data, error } = await client.GET("/");
    expect(error).toBeUndefined();
    expect(data?.workflows).toEqual([]);
    expect(s.requests[0]?.url).toBe("https://modelslab.com/api/v1/workflows");
    const other = createModelsLabClient({ apiKey: KEY, fetch: s.fetch, baseUrl: "http://127.0.0.1:8080/" });
    await other.GET("/");
    expect(s.requests[1]?.url).toBe("http://127.0.0.1:8080/");
  });

  it("a user's middleware sees the final URL and runs", async () => {
    const s = stub(() => json(200, { status: "success", workflows: [] }));
    const seen: string[] = [];
    const client = createModelsLabClient({
      apiKey: KEY,
      fetch: s.fetch,
      middleware: [{ onRequest: ({ request }) => void seen.push(request.url) }],
    });
    await client.GET("/");
    expect(seen).toEqual(["https://modelslab.com/api/v1/workflows"]);
  });

  it("an aborted signal sends nothing", async () => {
    const s = stub(() => json(200, example("running")));
    const ctl = new AbortController();
    ctl.abort();
    await expect(modelslab({ apiKey: KEY, fetch: s.fetch }).get([WF, "1"], { signal: ctl.signal })).rejects.toBeInstanceOf(
      AbortError,
    );
    expect(s.requests).toHaveLength(0);
  });
});

describe("capabilities and budget", () => {
  it("says what ModelsLab documents: start and cancel, no pause or resume", () => {
    const p = modelslab({ apiKey: KEY });
    expect(p.capabilities).toMatchObject({ start: true, cancel: true, pause: false, list: false });
    expect("pause" in p).toBe(false);
    expect("resume" in p).toBe(false);
    expect(p.refSegments).toEqual(["workflow_id", "execution_id"]);
  });

  it("budget: 10 requests per minute per workflow by default; the rateLimit option overrides", () => {
    const key = expect.stringMatching(new RegExp(`^modelslab:[0-9a-z]+:${WF}$`));
    expect(modelslab({ apiKey: KEY }).budget([WF, "1"])).toEqual({ key, limit: 10, windowMs: 60_000 });
    expect(modelslab({ apiKey: KEY, rateLimit: 30 }).budget([WF, "1"])).toEqual({ key, limit: 30, windowMs: 60_000 });
  });

  it("budget: shared by waits with the same key and workflow, apart for another key; never holds the key", () => {
    const a = modelslab({ apiKey: KEY }).budget([WF, "1"]);
    const b = modelslab({ apiKey: KEY }).budget([WF, "2"]);
    const other = modelslab({ apiKey: `${KEY}-other` }).budget([WF, "1"]);
    expect(a?.key).toBe(b?.key);
    expect(other?.key).not.toBe(a?.key);
    expect(a?.key).not.toContain(KEY);
  });

  it("rateLimitOf reads workflow.rate_limit in one request; budget uses it afterwards", async () => {
    const schema = structuredClone(schemaExample);
    schema.workflow.rate_limit = 60;
    const s = stub(() => json(200, schema));
    const p = modelslab({ apiKey: KEY, fetch: s.fetch });
    expect(await p.rateLimitOf(WF)).toBe(60);
    expect(s.requests.map((r) => `${r.method} ${r.url}`)).toEqual([`GET ${BASE}/${WF}`]);
    expect(p.budget([WF, "1"])?.limit).toBe(60);
    expect(p.budget(["other-workflow", "1"])?.limit).toBe(10);
  });

  it("an explicit rateLimit option still wins over a learned limit", async () => {
    const s = stub(() => json(200, schemaExample));
    const p = modelslab({ apiKey: KEY, fetch: s.fetch, rateLimit: 5 });
    expect(await p.rateLimitOf(WF)).toBe(10);
    expect(p.budget([WF, "1"])?.limit).toBe(5);
  });

  it.each([0, -1, "10", null])("rateLimitOf with rate_limit %j → InvalidResponseError", async (value) => {
    const schema = structuredClone(schemaExample);
    schema.workflow.rate_limit = value;
    const s = stub(() => json(200, schema));
    const err = await rejection(modelslab({ apiKey: KEY, fetch: s.fetch }).rateLimitOf(WF));
    expect(err).toBeInstanceOf(InvalidResponseError);
    expect(String(err)).toContain("workflow.rate_limit");
  });
});
