import { AbortError, ApiError, InvalidResponseError, type RunProvider, UsageError } from "@runstatus/core";
import { jsonResponse as json, recordingFetch, rejectionOf } from "@runstatus/test-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { wondercat } from "./wondercat-adapter.js";
import { createWondercatClient, DEFAULT_BASE_URL } from "./wondercat-client.js";
import { readWondercatError } from "./wondercat-error.js";

const KEY = `sk_${"a1".repeat(32)}`;

const image = {
  type: "inference",
  outputId: "ijo_1",
  url: "https://storage.example.com/output.png",
  mimeType: "image/png",
  width: 1920,
  height: 1080,
};
const video = {
  type: "editor",
  outputId: "ejo_1",
  url: "https://storage.example.com/video.mp4",
  mimeType: "video/mp4",
  width: 1280,
  height: 720,
  durationMs: 15000,
};

function step(stepId: string, name: string, status: string, outputs: unknown[] = []) {
  return {
    stepId,
    referenceId: `ref_${stepId}`,
    name,
    status,
    predecessorsLeft: 0,
    attemptNo: 1,
    startedAt: "2026-03-20T12:00:01Z",
    completedAt: status === "running" ? null : "2026-03-20T12:00:10Z",
    outputs,
  };
}

function runBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    runId: "run_abc123",
    blueprintId: "bp_xyz",
    status: "succeeded",
    startedAt: "2026-03-20T12:00:00Z",
    completedAt: "2026-03-20T12:00:40Z",
    progress: { totalSteps: 2, completedSteps: 2, failedSteps: 0, runningSteps: 0 },
    finalOutputs: [video],
    steps: [
      step("step_001", "Generate background", "succeeded", [image]),
      step("step_002", "Render video", "succeeded", [video]),
    ],
    ...over,
  };
}

function adapter(respond?: (req: Request) => Response | Promise<Response>, extra: Record<string, unknown> = {}) {
  const f = recordingFetch(respond ?? (() => json(200, runBody())));
  return { provider: wondercat({ apiKey: KEY, fetch: f.fetch, ...extra }), seen: f.seen };
}

const failure = async (p: Promise<unknown>) => (await rejectionOf(p)) as Error;

beforeEach(() => {
  // Keep the machine's environment out of these tests.
  vi.stubEnv("WONDERCAT_API_KEY", "");
  vi.stubEnv("RUNSTATUS_WONDERCAT_BASE_URL", "");
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe("get: status → state", () => {
  it.each([
    ["queued", "queued", false],
    ["running", "running", false],
    ["succeeded", "succeeded", true],
    ["failed", "failed", true],
    ["canceled", "cancelled", true],
    ["cancelled", "cancelled", true],
  ])("%s → %s (terminal %s)", async (status, state, terminal) => {
    const { provider } = adapter(() => json(200, runBody({ status })));
    const { run } = await provider.get(["run_abc123"]);
    expect(run.state).toBe(state);
    expect(run.terminal).toBe(terminal);
    expect(run.providerStatus).toBe(status);
  });

  it("maps an unknown status to unknown and keeps the raw value", async () => {
    const { provider } = adapter(() => json(200, runBody({ status: "paused_by_admin" })));
    const { run } = await provider.get(["run_abc123"]);
    expect(run).toMatchObject({ state: "unknown", terminal: false, providerStatus: "paused_by_admin", error: null });
  });
});

describe("get: run mapping", () => {
  it("builds the whole run from one status response", async () => {
    const { provider, seen } = adapter(() => json(200, runBody(), { "x-request-id": "req_1" }));
    const result = await provider.get(["run_abc123"]);
    expect(seen).toHaveLength(1);
    expect(result.requestId).toBe("req_1");
    expect(result.run).toEqual({
      provider: "wondercat",
      id: "run_abc123",
      ref: "wondercat:run_abc123",
      state: "succeeded",
      terminal: true,
      providerStatus: "succeeded",
      progress: { completed: 2, total: 2, failed: 0, running: 0 },
      steps: [
        {
          id: "step_001",
          name: "Generate background",
          state: "succeeded",
          providerStatus: "succeeded",
          startedAt: "2026-03-20T12:00:01Z",
          completedAt: "2026-03-20T12:00:10Z",
          outputs: [
            {
              url: image.url,
              kind: "image",
              mimeType: "image/png",
              width: 1920,
              height: 1080,
              durationMs: null,
              expiresAt: null,
            },
          ],
        },
        {
          id: "step_002",
          name: "Render video",
          state: "succeeded",
          providerStatus: "succeeded",
          startedAt: "2026-03-20T12:00:01Z",
          completedAt: "2026-03-20T12:00:10Z",
          outputs: [
            {
              url: video.url,
              kind: "video",
              mimeType: "video/mp4",
              width: 1280,
              height: 720,
              durationMs: 15000,
              expiresAt: null,
            },
          ],
        },
      ],
      outputs: [
        { url: video.url, kind: "video", mimeType: "video/mp4", width: 1280, height: 720, durationMs: 15000, expiresAt: null },
      ],
      error: null,
      createdAt: null,
      startedAt: "2026-03-20T12:00:00Z",
      completedAt: "2026-03-20T12:00:40Z",
    });
  });

  it("takes outputs from finalOutputs only, not from the steps", async () => {
    const { provider } = adapter(() => json(200, runBody({ finalOutputs: [] })));
    const { run } = await provider.get(["run_abc123"]);
    expect(run.outputs).toEqual([]);
    expect(run.steps.flatMap((s) => s.outputs)).toHaveLength(2);
  });

  it("maps a queued run with null timestamps and no outputs", async () => {
    const body = runBody({
      status: "queued",
      startedAt: null,
      completedAt: null,
      progress: { totalSteps: 3, completedSteps: 0, failedSteps: 0, runningSteps: 0 },
      finalOutputs: [],
      steps: [{ ...step("step_001", "Generate background", "queued"), startedAt: null, completedAt: null }],
    });
    const { provider } = adapter(() => json(200, body));
    const { run } = await provider.get(["run_abc123"]);
    expect(run).toMatchObject({ state: "queued", startedAt: null, completedAt: null, outputs: [], error: null });
    expect(run.progress).toEqual({ completed: 0, total: 3, failed: 0, running: 0 });
    expect(run.steps[0]).toMatchObject({ state: "queued", startedAt: null, completedAt: null, outputs: [] });
  });

  it.each([
    ["queued", "queued"],
    ["running", "running"],
    ["succeeded", "succeeded"],
    ["failed", "failed"],
    ["skipped", "succeeded"],
    ["locked", "succeeded"],
    ["canceled", "cancelled"],
    ["cancelled", "cancelled"],
    ["retrying", "unknown"],
  ])("step status %s → %s", async (status, state) => {
    const { provider } = adapter(() => json(200, runBody({ status: "running", steps: [step("s1", "One", status)] })));
    const { run } = await provider.get(["run_abc123"]);
    expect(run.steps[0]).toMatchObject({ state, providerStatus: status });
  });

  it("falls back to the step's reference id when it has no name", async () => {
    const { name: _n, ...unnamed } = step("step_009", "x", "succeeded");
    const { provider } = adapter(() => json(200, runBody({ steps: [unnamed] })));
    const { run } = await provider.get(["run_abc123"]);
    expect(run.steps[0]?.name).toBe("ref_step_009");
  });

  it.each([
    [{ url: "https://s.example.com/a", mimeType: "image/webp" }, "image", "image/webp"],
    [{ url: "https://s.example.com/a", mimeType: "video/webm" }, "video", "video/webm"],
    [{ url: "https://s.example.com/a", mimeType: "audio/mpeg", durationMs: 14500 }, "audio", "audio/mpeg"],
    [{ url: "https://s.example.com/a", mimeType: "text/plain" }, "text", "text/plain"],
    [{ url: "https://s.example.com/a.bin", mimeType: "application/json" }, "file", "application/json"],
    [{ url: "https://s.example.com/clip.mp4" }, "video", null],
    [{ url: "https://s.example.com/blob" }, "file", null],
  ])("output %j → kind %s, mime %s", async (out, kind, mimeType) => {
    const { provider } = adapter(() => json(200, runBody({ finalOutputs: [{ type: "inference", outputId: "o1", ...out }] })));
    const { run } = await provider.get(["run_abc123"]);
    expect(run.outputs[0]).toEqual({
      url: out.url,
      kind,
      mimeType,
      width: null,
      height: null,
      durationMs: "durationMs" in out ? out.durationMs : null,
      expiresAt: null,
    });
  });

  it("keeps null progress when the body has none, and tolerates absent step/output lists", async () => {
    const { progress: _p, steps: _s, finalOutputs: _f, ...bare } = runBody({ status: "running" });
    const { provider } = adapter(() => json(200, bare));
    const { run } = await provider.get(["run_abc123"]);
    expect(run).toMatchObject({ state: "running", progress: null, steps: [], outputs: [] });
  });
});

describe("get: failure text", () => {
  it("names the failed steps and the count of all steps", async () => {
    const body = runBody({
      status: "failed",
      progress: { totalSteps: 3, completedSteps: 1, failedSteps: 1, runningSteps: 0 },
      steps: [
        step("s1", "Generate background", "succeeded"),
        step("s2", "Render video", "failed"),
        step("s3", "Narration", "queued"),
      ],
    });
    const { provider } = adapter(() => json(200, body));
    const { run } = await provider.get(["run_abc123"]);
    expect(run.error).toEqual({ message: "1 of 3 steps failed: Render video" });
  });

  it("uses the progress count when the failed steps are not listed", async () => {
    const body = runBody({
      status: "failed",
      progress: { totalSteps: 4, completedSteps: 2, failedSteps: 2, runningSteps: 0 },
      steps: [],
    });
    const { provider } = adapter(() => json(200, body));
    const { run } = await provider.get(["run_abc123"]);
    expect(run.error).toEqual({ message: "2 of 4 steps failed" });
  });

  it("says so when a failed run reports no failed step", async () => {
    const body = runBody({ status: "failed", progress: { totalSteps: 1, completedSteps: 1, failedSteps: 0, runningSteps: 0 } });
    const { provider } = adapter(() => json(200, body));
    const { run } = await provider.get(["run_abc123"]);
    expect(run.error?.message).toMatch(/no failed step/);
  });

  it("has no error for a run that did not fail, even with a failed step", async () => {
    const body = runBody({ status: "running", steps: [step("s2", "Render video", "failed")] });
    const { provider } = adapter(() => json(200, body));
    expect((await provider.get(["run_abc123"])).run.error).toBeNull();
  });
});

describe("get: unreadable responses → InvalidResponseError", () => {
  it.each([
    ["a non-JSON body", "<html>Bad gateway</html>", /not valid JSON/],
    ["a cut-off body", '{"runId":"run_abc123","status":"runn', /not valid JSON/],
    ["an empty body", "", /empty response body/],
    ["a JSON array", "[]", /`\$` is not an object/],
    ["a missing status", JSON.stringify({ ...runBody(), status: undefined }), /`status` is missing/],
    ["a numeric status", JSON.stringify(runBody({ status: 3 })), /`status` is not a string/],
    [
      "progress with a string count",
      JSON.stringify(runBody({ progress: { totalSteps: "3", completedSteps: 1 } })),
      /progress\.totalSteps/,
    ],
    ["finalOutputs not an array", JSON.stringify(runBody({ finalOutputs: {} })), /`finalOutputs` is not an array/],
    ["an output without url", JSON.stringify(runBody({ finalOutputs: [{ mimeType: "image/png" }] })), /finalOutputs\[0\]\.url/],
    ["a step without status", JSON.stringify(runBody({ steps: [{ stepId: "s1", name: "x" }] })), /steps\[0\]\.status/],
    ["a step without any name", JSON.stringify(runBody({ steps: [{ status: "queued" }] })), /steps\[0\]\.name/],
    [
      "a width that is a string",
      JSON.stringify(runBody({ finalOutputs: [{ ...image, width: "1920" }] })),
      /finalOutputs\[0\]\.width/,
    ],
  ])("%s", async (_what, text, message) => {
    const { provider } = adapter(() => new Response(text, { status: 200 }));
    const err = await failure(provider.get(["run_abc123"]));
    expect(err).toBeInstanceOf(InvalidResponseError);
    const e = err as InvalidResponseError;
    expect(e.provider).toBe("wondercat");
    expect(e.status).toBe(200);
    expect(e.message).toMatch(message);
    if (text !== "") expect(e.excerpt).toBe(text.replace(/\s+/g, " ").slice(0, 200) + (text.length > 200 ? "…" : ""));
    expect(e.retryable).toBe(false);
  });
});

describe("get: error responses → ApiError", () => {
  it("reads the message, code and request id of an error body", async () => {
    const { provider } = adapter(() =>
      json(404, { error: { message: "Run not found", code: "not_found" } }, { "x-request-id": "req_404" }),
    );
    const err = await failure(provider.get(["run_missing"]));
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      status: 404,
      code: "not_found",
      requestId: "req_404",
      retryAfterMs: null,
      provider: "wondercat",
    });
    expect(err.message).toBe(
      "wondercat: HTTP 404: Run not found (not found for this key: check the id, and that the key is of the account that owns it) (run wondercat:run_missing)",
    );
    expect((err as ApiError).retryable).toBe(false);
  });

  it("turns 429 throttled deferUntil (ISO instant) into retryAfterMs", async () => {
    const at = new Date(Date.now() + 60_000).toISOString();
    const { provider } = adapter(() => json(429, { error: { message: "Action throttled", code: "throttled", deferUntil: at } }));
    const err = (await failure(provider.get(["run_abc123"]))) as ApiError;
    expect(err).toMatchObject({ status: 429, code: "throttled" });
    expect(err.retryAfterMs).toBeGreaterThan(55_000);
    expect(err.retryAfterMs).toBeLessThanOrEqual(60_000);
    expect(err.retryable).toBe(true);
  });

  it("reads deferUntil given as seconds", async () => {
    const { provider } = adapter(() => json(429, { error: { message: "Action throttled", code: "throttled", deferUntil: 30 } }));
    expect(await failure(provider.get(["run_abc123"]))).toMatchObject({ status: 429, retryAfterMs: 30_000 });
  });

  it("honours Retry-After on a 429 rate_limit_exceeded, and keeps the later of header and deferUntil", async () => {
    const plain = adapter(() =>
      json(429, { error: { message: "Rate limit exceeded", code: "rate_limit_exceeded" } }, { "retry-after": "7" }),
    );
    expect(await failure(plain.provider.get(["r"]))).toMatchObject({ code: "rate_limit_exceeded", retryAfterMs: 7000 });
    const both = adapter(() =>
      json(429, { error: { message: "slow down", code: "throttled", deferUntil: 20 } }, { "retry-after": "7" }),
    );
    expect(await failure(both.provider.get(["r"]))).toMatchObject({ retryAfterMs: 20_000 });
  });

  it("tolerates error as a plain string", async () => {
    const { provider } = adapter(() => json(403, { error: "Blueprints are not enabled" }));
    const err = await failure(provider.get(["run_abc123"]));
    expect(err).toMatchObject({ status: 403, code: null });
    expect(err.message).toBe("wondercat: HTTP 403: Blueprints are not enabled (run wondercat:run_abc123)");
  });

  it("still gives a typed error for a non-JSON error page", async () => {
    const { provider } = adapter(() => new Response("<html>502</html>", { status: 502, statusText: "Bad Gateway" }));
    const err = (await failure(provider.get(["run_abc123"]))) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 502, code: null, excerpt: "<html>502</html>" });
    expect(err.retryable).toBe(true);
  });

  it.each([
    [{ error: { message: "m", code: "throttled", deferUntil: "2026-03-20T12:01:00Z" } }, 60_000],
    [{ error: { message: "m", code: "throttled", deferUntil: "2026-03-20T11:00:00Z" } }, 0],
    [{ error: { message: "m", code: "throttled", deferUntil: "soon" } }, null],
    [{ error: { message: "m", code: "throttled" }, deferUntil: 5 }, 5000],
  ])("readWondercatError(%j) → retryAfterMs %s", (body, ms) => {
    const now = Date.parse("2026-03-20T12:00:00Z");
    expect(readWondercatError(body, 429, now).retryAfterMs).toBe(ms);
  });
});

describe("secrets", () => {
  const echo = `invalid key ${KEY} for Authorization: Bearer ${KEY}`;
  it.each([
    ["an error message", () => json(401, { error: { message: echo, code: "unauthorized" } })],
    ["a plain-string error", () => json(401, { error: echo })],
    ["a non-JSON error page", () => new Response(echo, { status: 500 })],
    ["an unreadable 200", () => json(200, { note: echo })],
    ["a non-JSON 200", () => new Response(echo, { status: 200 })],
  ])("the key never appears in an error built from %s", async (_what, respond) => {
    const { provider } = adapter(respond);
    const err = await failure(provider.get(["run_abc123"]));
    expect(err).toBeInstanceOf(ApiError);
    expect(String(err)).not.toContain(KEY);
    expect(JSON.stringify(err)).not.toContain(KEY);
    expect(err.message).not.toContain(KEY);
    expect(JSON.stringify(err)).toContain("[redacted]");
  });

  it("the key never appears in a usage error about a bad option", () => {
    let err: unknown;
    try {
      createWondercatClient({ apiKey: KEY, baseUrl: `ftp://${KEY}@example.com` });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    expect(String(err)).not.toContain(KEY);
  });
});

describe("options", () => {
  it.each([
    [{ apiKey: "" }, /`apiKey`/],
    [{ apiKey: "   " }, /`apiKey`/],
    [{}, /`apiKey`/],
    [{ apiKey: KEY, baseUrl: "api/v1" }, /`baseUrl`/],
    [{ apiKey: KEY, baseUrl: "ftp://api.wondercat.ai/api/v1" }, /`baseUrl`/],
    [{ apiKey: KEY, project: "" }, /`project`/],
    [{ apiKey: KEY, org: "acme\r\nX-Evil: 1" }, /`org`/],
  ])("createWondercatClient(%j) → UsageError naming the option", (opts, message) => {
    expect(() => createWondercatClient(opts as never)).toThrow(UsageError);
    expect(() => createWondercatClient(opts as never)).toThrow(message);
  });

  it.each([
    [{ apiKey: "" }, /`apiKey`/],
    [{ baseUrl: "/api/v1" }, /`baseUrl`/],
    [{ baseUrl: "ftp://api.wondercat.ai" }, /`baseUrl`/],
    [{ project: "" }, /`project`/],
  ])("wondercat(%j) fails at creation", (opts, message) => {
    expect(() => wondercat(opts)).toThrow(UsageError);
    expect(() => wondercat(opts)).toThrow(message);
  });

  it("without a key, the first call names WONDERCAT_API_KEY and sends nothing", async () => {
    const f = recordingFetch(() => json(200, runBody()));
    const provider = wondercat({ fetch: f.fetch });
    const err = await failure(provider.get(["run_abc123"]));
    expect(err).toBeInstanceOf(UsageError);
    expect(err.message).toMatch(/WONDERCAT_API_KEY/);
    expect(f.seen).toHaveLength(0);
  });

  it("reads the key and base URL from the environment", async () => {
    vi.stubEnv("WONDERCAT_API_KEY", KEY);
    vi.stubEnv("RUNSTATUS_WONDERCAT_BASE_URL", "http://127.0.0.1:9/api/v1/");
    const f = recordingFetch(() => json(200, runBody()));
    await wondercat({ fetch: f.fetch }).get(["run_abc123"]);
    expect(f.seen[0]?.url).toBe("http://127.0.0.1:9/api/v1/runs/run_abc123");
    expect(f.seen[0]?.headers.get("authorization")).toBe(`Bearer ${KEY}`);
  });
});

describe("request shapes", () => {
  it("get: GET <base>/runs/{runId} with the bearer key and optional Wonda headers", async () => {
    const { provider, seen } = adapter(undefined, { project: "launch", org: "acme", headers: { "x-trace": "t1" } });
    await provider.get(["run_abc123"]);
    expect(seen).toHaveLength(1);
    const req = seen[0]!;
    expect(req.method).toBe("GET");
    expect(req.url).toBe(`${DEFAULT_BASE_URL}/runs/run_abc123`);
    expect(req.headers.get("authorization")).toBe(`Bearer ${KEY}`);
    expect(req.headers.get("x-wonda-project")).toBe("launch");
    expect(req.headers.get("x-wonda-org")).toBe("acme");
    expect(req.headers.get("x-trace")).toBe("t1");
  });

  it("a base URL override keeps the documented path", async () => {
    const { provider, seen } = adapter(undefined, { baseUrl: "http://127.0.0.1:4010/" });
    await provider.get(["run_abc123"]);
    expect(seen[0]?.url).toBe("http://127.0.0.1:4010/runs/run_abc123");
  });

  it("percent-encodes an id that needs it", async () => {
    const { provider, seen } = adapter();
    await provider.get(["run 1+2"]);
    expect(seen[0]?.url).toBe(`${DEFAULT_BASE_URL}/runs/run%201%2B2`);
  });

  it.each(["a/b", "../admin", "..", ".", "run?x=1", "run#frag", "a\\b", ""])(
    "run id %j cannot change the path: UsageError, no request",
    async (id) => {
      const { provider, seen } = adapter();
      expect(await failure(provider.get([id]))).toBeInstanceOf(UsageError);
      expect(seen).toHaveLength(0);
    },
  );

  it("rejects a reference with the wrong number of segments", async () => {
    const { provider, seen } = adapter();
    expect(await failure(provider.get(["bp_xyz", "run_abc123"]))).toBeInstanceOf(UsageError);
    expect(seen).toHaveLength(0);
  });

  it("an aborted signal sends nothing", async () => {
    const { provider, seen } = adapter();
    const ctl = new AbortController();
    ctl.abort();
    expect(await failure(provider.get(["run_abc123"], { signal: ctl.signal }))).toBeInstanceOf(AbortError);
    expect(seen).toHaveLength(0);
  });
});

describe("start", () => {
  const started = () => json(201, { runId: "run_new1" });

  it("POSTs <base>/blueprints/{blueprintId}/runs with inputs and options, and returns the run id", async () => {
    const { provider, seen } = adapter(started);
    const result = await provider.start!("bp_xyz", {
      "step_abc.prompt": "a red fox",
      "step_def.mediaId": "med_123",
      "step_ghi.seed": 42,
      variationPrompt: "at night",
      skipMissingMediaInputs: "true",
      skipMissingTextInputs: false,
    });
    expect(result.ids).toEqual(["run_new1"]);
    expect(seen).toHaveLength(1);
    const req = seen[0]!;
    expect(req.method).toBe("POST");
    expect(req.url).toBe(`${DEFAULT_BASE_URL}/blueprints/bp_xyz/runs`);
    expect(req.headers.get("authorization")).toBe(`Bearer ${KEY}`);
    expect(req.headers.get("content-type")).toMatch(/^application\/json/);
    expect(JSON.parse(req.body)).toEqual({
      inputs: [
        { stepReferenceId: "step_abc", targetField: "prompt", value: "a red fox" },
        { stepReferenceId: "step_def", targetField: "mediaId", value: "med_123" },
        { stepReferenceId: "step_ghi", targetField: "seed", value: "42" },
      ],
      variationPrompt: "at night",
      skipMissingMediaInputs: true,
      skipMissingTextInputs: false,
    });
  });

  it("sends {} when there are no inputs, and splits a key at its first dot", async () => {
    const { provider, seen } = adapter(started);
    await provider.start!("bp_xyz", {});
    expect(JSON.parse(seen[0]!.body)).toEqual({});
    await provider.start!("bp_xyz", { "step_abc.params.style": "noir" });
    expect(JSON.parse(seen[1]!.body)).toEqual({
      inputs: [{ stepReferenceId: "step_abc", targetField: "params.style", value: "noir" }],
    });
  });

  it.each([
    [{ prompt: "x" }, /<stepReferenceId>\.<targetField>=<value>/],
    [{ ".prompt": "x" }, /needs both parts/],
    [{ "step_abc.": "x" }, /needs both parts/],
    [{ skipMissingTextInputs: "yes" }, /must be true or false/],
    [{ variationPrompt: "x".repeat(5001) }, /at most 5000/],
  ])("input %j → UsageError before any request", async (input, message) => {
    const { provider, seen } = adapter(started);
    // Inputs the type refuses, sent anyway (as the CLI's key=value pairs may be).
    const err = await failure(provider.start!("bp_xyz", input as never));
    expect(err).toBeInstanceOf(UsageError);
    expect(err.message).toMatch(message);
    expect(seen).toHaveLength(0);
  });

  it.each(["", "bp/../x", "..", "bp?x"])("blueprint id %j → UsageError, no request", async (target) => {
    const { provider, seen } = adapter(started);
    expect(await failure(provider.start!(target, {}))).toBeInstanceOf(UsageError);
    expect(seen).toHaveLength(0);
  });

  it("accepts a 200 as well as a 201", async () => {
    const { provider } = adapter(() => json(200, { runId: "run_200" }));
    expect((await provider.start!("bp_xyz", {})).ids).toEqual(["run_200"]);
  });

  it("an answer without runId → InvalidResponseError", async () => {
    const { provider } = adapter(() => json(201, { id: "run_x" }));
    const err = await failure(provider.start!("bp_xyz", {}));
    expect(err).toBeInstanceOf(InvalidResponseError);
    expect(err.message).toMatch(/`runId` is missing/);
  });

  it("402 insufficient_credits → ApiError with the code", async () => {
    const { provider } = adapter(() => json(402, { error: { message: "Insufficient credits", code: "insufficient_credits" } }));
    expect(await failure(provider.start!("bp_xyz", {}))).toMatchObject({ status: 402, code: "insufficient_credits" });
  });
});

describe("adapter surface", () => {
  it("says what Wondercat documents: start, progress; no cancel, pause, list or webhooks", () => {
    const p: RunProvider = wondercat({ apiKey: KEY });
    expect(p.name).toBe("wondercat");
    expect(p.refSegments).toEqual(["runId"]);
    expect(p.capabilities).toEqual({ start: true, cancel: false, pause: false, list: false, webhooks: false, progress: true });
    expect(p.cancel).toBeUndefined();
    expect(p.pause).toBeUndefined();
    expect(p.resume).toBeUndefined();
    expect(p.budget?.(["run_abc123"])).toBeNull();
  });
});
