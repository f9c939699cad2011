import { AbortError, ApiError, InvalidResponseError, makeRun, RunStatusError, UsageError } from "@runstatus/core";
import { jsonResponse as json, recordingFetch, rejectionOf as rejection } from "@runstatus/test-utils";
import { afterEach, describe, expect, it, vi } from "vitest";
import { onepin } from "./onepin-adapter.js";

const KEY = "op_live_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6";
const WF = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
const RUN = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
const STATUS_URL = `https://api.onepin.ai/api/v1/workflows/${WF}/runs/${RUN}/status`;

function text(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers });
}

/** A status-call body as OnePin documents it, with `data` fields overridden. */
function statusBody(data: Record<string, unknown>) {
  return {
    data: {
      id: RUN,
      workflow_id: WF,
      status: "running",
      run_number: 42,
      total_nodes: 15,
      total_steps: 120,
      finished_steps: 45,
      token_cost: 350,
      usage_summary: { cpu_seconds: 12.5 },
      started_at: "2024-04-20T14:22:00Z",
      completed_at: null,
      pause_requested_at: null,
      paused_at: null,
      created_at: "2024-04-20T14:20:00Z",
      updated_at: "2024-04-20T14:25:00Z",
      error: null,
      has_export: false,
      triggered_by: null,
      ...data,
    },
    meta: { request_id: "req_1234567890abcdef", timestamp: "2024-04-20T14:25:01Z" },
  };
}

function adapterAnswering(answer: (req: Request) => Response | Promise<Response>, extra: Record<string, unknown> = {}) {
  const f = recordingFetch(answer);
  return { adapter: onepin({ apiKey: KEY, fetch: f.fetch, ...extra }), seen: f.seen };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("onepin adapter: get maps the status call", () => {
  const cases = [
    {
      status: "pending",
      data: { total_steps: null, finished_steps: null, started_at: null },
      state: "queued",
      terminal: false,
      progress: null,
    },
    { status: "running", data: {}, state: "running", terminal: false, progress: { completed: 45, total: 120 } },
    {
      status: "paused",
      data: { finished_steps: 64, pause_requested_at: "2024-04-20T14:26:00Z", paused_at: "2024-04-20T14:26:40Z" },
      state: "paused",
      terminal: false,
      progress: { completed: 64, total: 120 },
    },
    {
      status: "completed",
      data: { finished_steps: 120, completed_at: "2024-04-20T14:31:00Z", has_export: true },
      state: "succeeded",
      terminal: true,
      progress: { completed: 120, total: 120 },
    },
    {
      status: "failed",
      data: { finished_steps: 77, completed_at: "2024-04-20T14:28:10Z", error: "voice provider returned 503" },
      state: "failed",
      terminal: true,
      progress: { completed: 77, total: 120 },
    },
    {
      status: "cancelled",
      data: { finished_steps: 50, completed_at: "2024-04-20T14:26:00Z" },
      state: "cancelled",
      terminal: true,
      progress: { completed: 50, total: 120 },
    },
  ] as const;

  for (const c of cases) {
    it(`${c.status} → ${c.state}`, async () => {
      const body = statusBody({ status: c.status, ...c.data });
      const { adapter } = adapterAnswering(() => json(200, body));
      const { run, requestId } = await adapter.get([WF, RUN]);
      expect(run).toEqual({
        provider: "onepin",
        id: RUN,
        ref: `onepin:${WF}/${RUN}`,
        state: c.state,
        terminal: c.terminal,
        providerStatus: c.status,
        progress: c.progress,
        steps: [],
        outputs: [],
        error: c.status === "failed" ? { message: "voice provider returned 503" } : null,
        createdAt: "2024-04-20T14:20:00Z",
        startedAt: body.data.started_at,
        completedAt: body.data.completed_at,
      });
      expect(requestId).toBe("req_1234567890abcdef");
    });
  }

  it("a pausing run (running with pause_requested_at) stays running", async () => {
    const { adapter } = adapterAnswering(() => json(200, statusBody({ pause_requested_at: "2024-04-20T14:26:00Z" })));
    const { run } = await adapter.get([WF, RUN]);
    expect(run.state).toBe("running");
    expect(run.terminal).toBe(false);
  });

  it("keeps outputs empty even when the run has an export ready (outputs live on the client)", async () => {
    const { adapter } = adapterAnswering(() =>
      json(200, statusBody({ status: "completed", has_export: true, finished_steps: 120 })),
    );
    const { run } = await adapter.get([WF, RUN]);
    expect(run.outputs).toEqual([]);
    expect(run.steps).toEqual([]);
  });

  it("progress: total null when only finished_steps is sent; completed 0 when only total_steps is", async () => {
    const onlyFinished = adapterAnswering(() => json(200, statusBody({ total_steps: undefined, finished_steps: 3 })));
    expect((await onlyFinished.adapter.get([WF, RUN])).run.progress).toEqual({ completed: 3, total: null });
    const onlyTotal = adapterAnswering(() => json(200, statusBody({ total_steps: 9, finished_steps: null })));
    expect((await onlyTotal.adapter.get([WF, RUN])).run.progress).toEqual({ completed: 0, total: 9 });
  });

  it("error text is reported only for failed runs", async () => {
    const { adapter } = adapterAnswering(() => json(200, statusBody({ status: "cancelled", error: "stopped by jane" })));
    expect((await adapter.get([WF, RUN])).run.error).toBeNull();
    const failedNoText = adapterAnswering(() => json(200, statusBody({ status: "failed", error: null })));
    const { run } = await failedNoText.adapter.get([WF, RUN]);
    expect(run.state).toBe("failed");
    expect(run.error).toBeNull();
  });

  it("unknown and differently-cased statuses map to unknown, raw value kept", async () => {
    for (const status of ["archived", "Completed", "pausing"]) {
      const { adapter } = adapterAnswering(() => json(200, statusBody({ status })));
      const { run } = await adapter.get([WF, RUN]);
      expect(run.state).toBe("unknown");
      expect(run.providerStatus).toBe(status);
      expect(run.terminal).toBe(false);
    }
  });

  it("falls back to the x-request-id header when the body has no meta", async () => {
    const { meta: _drop, ...noMeta } = statusBody({});
    const { adapter } = adapterAnswering(() => json(200, noMeta, { "x-request-id": "hdr-77" }));
    expect((await adapter.get([WF, RUN])).requestId).toBe("hdr-77");
  });

  it("passes a Retry-After on a 200 through as a hint", async () => {
    const { adapter } = adapterAnswering(() => json(200, statusBody({}), { "retry-after": "3" }));
    expect((await adapter.get([WF, RUN])).retryAfterMs).toBe(3000);
  });
});

describe("onepin adapter: unreadable answers", () => {
  const bad: [string, () => Response, RegExp][] = [
    ["a non-JSON body", () => text(200, "<html><body>Bad gateway</body></html>"), /not valid JSON/],
    ["cut-off JSON", () => text(200, '{"data":{"id":"3fa85f64","status":"runn'), /not valid JSON/],
    ["an empty body", () => text(200, ""), /empty response body/],
    ["a body without data", () => json(200, { meta: {} }), /`data` is missing/],
    ["data that is an array", () => json(200, { data: [] }), /`data` is not an object/],
    ["a missing status", () => json(200, statusBody({ status: undefined })), /`data.status` is missing/],
    ["a numeric status", () => json(200, statusBody({ status: 3 })), /`data.status` is not a string/],
    ["a string step count", () => json(200, statusBody({ finished_steps: "45" })), /`data.finished_steps` is not a number/],
    ["a numeric error", () => json(200, statusBody({ status: "failed", error: 500 })), /`data.error` is not a string/],
    ["a numeric timestamp", () => json(200, statusBody({ created_at: 1713622800 })), /`data.created_at` is not a string/],
  ];
  for (const [what, answer, message] of bad) {
    it(`${what} → InvalidResponseError with provider, status and excerpt`, async () => {
      const { adapter } = adapterAnswering(answer);
      const err = await rejection(adapter.get([WF, RUN]));
      expect(err).toBeInstanceOf(InvalidResponseError);
      const e = err as InvalidResponseError;
      expect(e.provider).toBe("onepin");
      expect(e.status).toBe(200);
      expect(e.message).toMatch(message);
      expect(e.retryable).toBe(false);
      if (what !== "an empty body") expect(e.excerpt).toBeTruthy();
    });
  }

  it("the excerpt of a non-JSON body is short and on one line", async () => {
    const { adapter } = adapterAnswering(() => text(200, `<html>\n${"x".repeat(5000)}\n</html>`));
    const e = (await rejection(adapter.get([WF, RUN]))) as InvalidResponseError;
    expect(e.excerpt?.length).toBeLessThanOrEqual(201);
    expect(e.excerpt).not.toContain("\n");
  });
});

describe("onepin adapter: error answers", () => {
  it("envelope 404 → ApiError with status, code, message and the body's request id", async () => {
    const { adapter } = adapterAnswering(() =>
      json(404, { error: { code: "NOT_FOUND", message: "Run not found." }, meta: { request_id: "req_404", timestamp: "x" } }),
    );
    const e = (await rejection(adapter.get([WF, RUN]))) as ApiError;
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ provider: "onepin", status: 404, code: "NOT_FOUND", requestId: "req_404", retryAfterMs: null });
    expect(e.message).toBe(
      "onepin: HTTP 404: Run not found. (not found for this key: check the id, and that the key is of the account that owns it) (run onepin:7c9e6679-7425-40de-944b-e07fc1f90ae7/3fa85f64-5717-4562-b3fc-2c963f66afa6)",
    );
    expect(e.retryable).toBe(false);
  });

  it("FastAPI 422 → code VALIDATION_ERROR and the msgs joined", async () => {
    const { adapter } = adapterAnswering(() =>
      json(422, {
        detail: [
          { loc: ["path", "run_id"], msg: "Input should be a valid UUID", type: "uuid_parsing" },
          { loc: ["query", "limit"], msg: "Input should be less than or equal to 100", type: "less_than_equal" },
        ],
      }),
    );
    const e = (await rejection(adapter.get([WF, RUN]))) as ApiError;
    expect(e.status).toBe(422);
    expect(e.code).toBe("VALIDATION_ERROR");
    expect(e.message).toContain("path.run_id: Input should be a valid UUID");
    expect(e.message).toContain("query.limit: Input should be less than or equal to 100");
  });

  it("envelope 422 with details → field messages in the message", async () => {
    const { adapter } = adapterAnswering(() =>
      json(422, {
        error: {
          code: "VALIDATION_ERROR",
          message: "Script override rejected.",
          details: [{ field: "script_text", message: "2 source_script nodes" }],
        },
        meta: { request_id: "req_422", timestamp: "x" },
      }),
    );
    const e = (await rejection(adapter.get([WF, RUN]))) as ApiError;
    expect(e.code).toBe("VALIDATION_ERROR");
    expect(e.message).toBe(
      "onepin: HTTP 422: Script override rejected. (script_text: 2 source_script nodes) (run onepin:7c9e6679-7425-40de-944b-e07fc1f90ae7/3fa85f64-5717-4562-b3fc-2c963f66afa6)",
    );
    expect(e.requestId).toBe("req_422");
  });

  it("429 → retryable ApiError with Retry-After (seconds) as retryAfterMs", async () => {
    const { adapter } = adapterAnswering(() =>
      json(
        429,
        { error: { code: "RATE_LIMITED", message: "Too many requests." }, meta: { request_id: "r", timestamp: "x" } },
        {
          "retry-after": "7",
        },
      ),
    );
    const e = (await rejection(adapter.get([WF, RUN]))) as ApiError;
    expect(e).toMatchObject({ status: 429, code: "RATE_LIMITED", retryAfterMs: 7000 });
    expect(e.retryable).toBe(true);
  });

  it("429 with retry-after-ms → that many ms", async () => {
    const { adapter } = adapterAnswering(() =>
      json(429, { error: { code: "RATE_LIMITED", message: "slow" } }, { "retry-after-ms": "1500" }),
    );
    expect(((await rejection(adapter.get([WF, RUN]))) as ApiError).retryAfterMs).toBe(1500);
  });

  it("a 503 with an HTML body → retryable ApiError with the status text and an excerpt", async () => {
    const { adapter } = adapterAnswering(
      () => new Response("<html>upstream down</html>", { status: 503, statusText: "Service Unavailable" }),
    );
    const e = (await rejection(adapter.get([WF, RUN]))) as ApiError;
    expect(e).toBeInstanceOf(ApiError);
    expect(e).not.toBeInstanceOf(InvalidResponseError);
    expect(e).toMatchObject({ status: 503, code: null, excerpt: "<html>upstream down</html>" });
    expect(e.message).toBe(
      "onepin: HTTP 503: Service Unavailable (run onepin:7c9e6679-7425-40de-944b-e07fc1f90ae7/3fa85f64-5717-4562-b3fc-2c963f66afa6)",
    );
    expect(e.retryable).toBe(true);
  });

  it("401 and 403 are not retryable", async () => {
    for (const status of [401, 403]) {
      const { adapter } = adapterAnswering(() => json(status, { error: { code: "FORBIDDEN", message: "no" }, meta: {} }));
      const e = (await rejection(adapter.get([WF, RUN]))) as ApiError;
      expect(e.status).toBe(status);
      expect(e.retryable).toBe(false);
    }
  });

  it("the key never appears in errors, even when the server echoes it", async () => {
    const answers: (() => Response)[] = [
      () =>
        json(401, {
          error: {
            code: `bad key ${KEY}`,
            message: `Invalid API key ${KEY}`,
            details: [{ field: "Authorization", message: `Bearer ${KEY}` }],
          },
          meta: { request_id: KEY, timestamp: "x" },
        }),
      () => json(422, { detail: [{ loc: ["header", "Authorization"], msg: `Bearer ${KEY} is malformed`, type: "x" }] }),
      () => text(502, `upstream said: Authorization: Bearer ${KEY}`),
      () => text(200, `{"data": {"status": "running", "echo": "${KEY}"`),
      () => json(200, { data: { status: 7, echo: `Bearer ${KEY}` } }),
    ];
    for (const answer of answers) {
      const { adapter } = adapterAnswering(answer);
      const err = await rejection(adapter.get([WF, RUN]));
      expect(RunStatusError.is(err)).toBe(true);
      expect(String(err)).not.toContain(KEY);
      expect(JSON.stringify(err)).not.toContain(KEY);
      expect((err as Error).message).not.toContain(KEY);
    }
  });
});

describe("onepin adapter: options and configuration", () => {
  it("an empty apiKey option is a UsageError at creation naming the option", () => {
    expect(() => onepin({ apiKey: "" })).toThrow(UsageError);
    expect(() => onepin({ apiKey: "  " })).toThrow(/apiKey/);
  });

  it("a relative or non-http baseUrl is a UsageError at creation naming the option", () => {
    for (const baseUrl of ["/api", "api.onepin.ai", "ftp://api.onepin.ai", "https://api.onepin.ai?x=1"]) {
      expect(() => onepin({ apiKey: KEY, baseUrl })).toThrow(UsageError);
      expect(() => onepin({ apiKey: KEY, baseUrl })).toThrow(/baseUrl/);
    }
  });

  it("an empty workspaceId is a UsageError at creation", () => {
    expect(() => onepin({ apiKey: KEY, workspaceId: "" })).toThrow(/workspaceId/);
  });

  it("without a key, the first call fails with a UsageError naming ONEPIN_API_KEY and sends nothing", async () => {
    vi.stubEnv("ONEPIN_API_KEY", "");
    const f = recordingFetch(() => json(200, statusBody({})));
    const adapter = onepin({ fetch: f.fetch });
    const err = await rejection(adapter.get([WF, RUN]));
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toContain("ONEPIN_API_KEY");
    expect(f.seen).toHaveLength(0);
  });

  it("reads the key from ONEPIN_API_KEY and the base URL from RUNSTATUS_ONEPIN_BASE_URL", async () => {
    vi.stubEnv("ONEPIN_API_KEY", KEY);
    vi.stubEnv("RUNSTATUS_ONEPIN_BASE_URL", "http://127.0.0.1:4010/proxy/");
    const f = recordingFetch(() => json(200, statusBody({})));
    await onepin({ fetch: f.fetch }).get([WF, RUN]);
    expect(f.seen[0]?.url).toBe(`http://127.0.0.1:4010/proxy/api/v1/workflows/${WF}/runs/${RUN}/status`);
    expect(f.seen[0]?.headers.get("authorization")).toBe(`Bearer ${KEY}`);
  });

  it("a malformed RUNSTATUS_ONEPIN_BASE_URL is a UsageError naming the variable, at the first request", async () => {
    vi.stubEnv("RUNSTATUS_ONEPIN_BASE_URL", "ftp://nope");
    const adapter = onepin({ apiKey: KEY });
    await expect(adapter.get([WF, RUN])).rejects.toThrow(/RUNSTATUS_ONEPIN_BASE_URL/);
    await expect(adapter.get([WF, RUN])).rejects.toBeInstanceOf(UsageError);
  });

  it("declares what OnePin documents", () => {
    const adapter = onepin({ apiKey: KEY });
    expect(adapter.name).toBe("onepin");
    expect(adapter.refSegments).toEqual(["workflow_id", "run_id"]);
    expect(adapter.capabilities).toEqual({
      start: true,
      cancel: true,
      pause: true,
      list: false,
      webhooks: false,
      progress: true,
    });
    expect(adapter.budget?.([WF, RUN])).toBeNull();
  });
});

describe("onepin adapter: ids cannot change the request path", () => {
  const hostile = ["a/b", "../../admin", "..", ".", "x?y=1", "x#frag", "a\\b", "", "x\ny"];
  for (const id of hostile) {
    it(`run id ${JSON.stringify(id)} → UsageError, no request`, async () => {
      const { adapter, seen } = adapterAnswering(() => json(200, statusBody({})));
      const err = await rejection(adapter.get([WF, id]));
      expect(err).toBeInstanceOf(UsageError);
      expect(seen).toHaveLength(0);
    });
  }

  it("the same holds for the workflow id, and for cancel, pause, resume and start", async () => {
    const { adapter, seen } = adapterAnswering(() => json(200, statusBody({})));
    for (const p of [
      adapter.get(["../x", RUN]),
      adapter.cancel?.([WF, "a/b"]),
      adapter.pause?.([WF, "x?y"]),
      adapter.resume?.(["x#y", RUN]),
      adapter.start?.("../../admin", {}),
    ]) {
      expect(await rejection(p as Promise<unknown>)).toBeInstanceOf(UsageError);
    }
    expect(seen).toHaveLength(0);
  });

  it("a reference with the wrong number of segments is a UsageError", async () => {
    const { adapter, seen } = adapterAnswering(() => json(200, statusBody({})));
    expect(await rejection(adapter.get([RUN]))).toBeInstanceOf(UsageError);
    expect(await rejection(adapter.get([WF, RUN, "x"]))).toBeInstanceOf(UsageError);
    expect(seen).toHaveLength(0);
  });

  it("an aborted signal sends nothing", async () => {
    const { adapter, seen } = adapterAnswering(() => json(200, statusBody({})));
    const ctl = new AbortController();
    ctl.abort();
    expect(await rejection(adapter.get([WF, RUN], { signal: ctl.signal }))).toBeInstanceOf(AbortError);
    expect(seen).toHaveLength(0);
  });
});

describe("onepin adapter: request shapes", () => {
  it("get: GET the status path with the bearer key and no body", async () => {
    const { adapter, seen } = adapterAnswering(() => json(200, statusBody({})));
    await adapter.get([WF, RUN]);
    expect(seen).toHaveLength(1);
    const [req] = seen;
    expect(req?.method).toBe("GET");
    expect(req?.url).toBe(STATUS_URL);
    expect(req?.headers.get("authorization")).toBe(`Bearer ${KEY}`);
    expect(req?.headers.get("x-workspace-id")).toBeNull();
    expect(req?.body).toBe("");
  });

  it("workspaceId is sent as X-Workspace-Id; extra headers pass through", async () => {
    const { adapter, seen } = adapterAnswering(() => json(200, statusBody({})), {
      workspaceId: "0b7e2c52-3f7a-4c3e-9b1d-5a6f7e8d9c0b",
      headers: { "X-Trace": "t1" },
    });
    await adapter.get([WF, RUN]);
    expect(seen[0]?.headers.get("x-workspace-id")).toBe("0b7e2c52-3f7a-4c3e-9b1d-5a6f7e8d9c0b");
    expect(seen[0]?.headers.get("x-trace")).toBe("t1");
  });

  it("start with inputs: POST /runs with the JSON body; returns the new ids", async () => {
    const NEW = "9b2f4a1e-8c3d-4e5f-a6b7-c8d9e0f1a2b3";
    const { adapter, seen } = adapterAnswering(() =>
      json(202, statusBody({ id: NEW, status: "pending", total_steps: null, finished_steps: null, credits: null })),
    );
    const out = await adapter.start?.(WF, { script_text: "Hello there.", source_language: "en-us" });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.method).toBe("POST");
    expect(seen[0]?.url).toBe(`https://api.onepin.ai/api/v1/workflows/${WF}/runs`);
    expect(seen[0]?.headers.get("authorization")).toBe(`Bearer ${KEY}`);
    expect(seen[0]?.headers.get("content-type")).toBe("application/json");
    expect(JSON.parse(seen[0]?.body ?? "")).toEqual({ script_text: "Hello there.", source_language: "en-us" });
    expect(out?.ids).toEqual([WF, NEW]);
  });

  it("start without inputs sends no body at all", async () => {
    const { adapter, seen } = adapterAnswering(() => json(202, statusBody({ status: "pending" })));
    await adapter.start?.(WF, {});
    expect(seen[0]?.body).toBe("");
    expect(seen[0]?.headers.get("content-type")).toBeNull();
  });

  it("start with an unknown input → UsageError listing the allowed ones, no request", async () => {
    const { adapter, seen } = adapterAnswering(() => json(202, statusBody({})));
    // @ts-expect-error the input type names OnePin's keys and their string values; untyped callers get the UsageError
    const err = await rejection(adapter.start?.(WF, { prompt: "x" }) as Promise<unknown>);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toContain('"prompt"');
    expect((err as Error).message).toContain("script_text, source_language");
    expect(seen).toHaveLength(0);
  });

  it("start with a non-string input → UsageError, no request", async () => {
    const { adapter, seen } = adapterAnswering(() => json(202, statusBody({})));
    // @ts-expect-error the input type names OnePin's keys and their string values; untyped callers get the UsageError
    expect(await rejection(adapter.start?.(WF, { script_text: true }) as Promise<unknown>)).toBeInstanceOf(UsageError);
    expect(seen).toHaveLength(0);
  });

  it("start: a 202 without data.id → InvalidResponseError", async () => {
    const { adapter } = adapterAnswering(() => json(202, statusBody({ id: undefined })));
    const err = await rejection(adapter.start?.(WF, {}) as Promise<unknown>);
    expect(err).toBeInstanceOf(InvalidResponseError);
    expect((err as Error).message).toMatch(/`data.id` is missing/);
  });

  it("start: 409 at the concurrency limit → ApiError with the code", async () => {
    const { adapter } = adapterAnswering(() =>
      json(409, {
        error: { code: "CONFLICT", message: "Workspace has reached its concurrent run limit." },
        meta: { request_id: "r9" },
      }),
    );
    const e = (await rejection(adapter.start?.(WF, {}) as Promise<unknown>)) as ApiError;
    expect(e).toMatchObject({ status: 409, code: "CONFLICT", requestId: "r9" });
  });

  for (const [action, status, state] of [
    ["cancel", "cancelled", "cancelled"],
    ["pause", "paused", "paused"],
    ["resume", "running", "running"],
  ] as const) {
    it(`${action}: POST …/${action} without a body; maps the returned run`, async () => {
      const { adapter, seen } = adapterAnswering(() => json(200, statusBody({ status, credits: 140 })));
      const run = await adapter[action]?.([WF, RUN]);
      expect(seen).toHaveLength(1);
      expect(seen[0]?.method).toBe("POST");
      expect(seen[0]?.url).toBe(`https://api.onepin.ai/api/v1/workflows/${WF}/runs/${RUN}/${action}`);
      expect(seen[0]?.headers.get("authorization")).toBe(`Bearer ${KEY}`);
      expect(seen[0]?.body).toBe("");
      expect(run).toMatchObject({ ref: `onepin:${WF}/${RUN}`, state, providerStatus: status });
    });
  }
});

describe("onepin adapter: outputs of a finished run", () => {
  const download = {
    data: {
      url: "https://downloads.onepin.ai/runs/r.zip?X-Amz-Expires=900",
      filename: "run-42.zip",
      expires_at: "2024-04-20T14:46:01Z",
    },
    meta: { request_id: "req_1", timestamp: "2024-04-20T14:31:01Z" },
  };
  const ended = (state: "succeeded" | "failed" | "cancelled") =>
    makeRun({ provider: "onepin", ids: [WF, RUN], state, providerStatus: state === "succeeded" ? "completed" : state });

  it("a succeeded run: one GET of the run's download, mapped to one ZIP output", async () => {
    const { adapter, seen } = adapterAnswering(() => json(200, download));
    expect(await adapter.outputs([WF, RUN], ended("succeeded"))).toEqual([
      {
        url: download.data.url,
        kind: "file",
        mimeType: "application/zip",
        width: null,
        height: null,
        durationMs: null,
        expiresAt: "2024-04-20T14:46:01Z",
      },
    ]);
    expect(seen.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      `GET /api/v1/workflows/${WF}/runs/${RUN}/download`,
    ]);
  });

  it.each(["failed", "cancelled"] as const)("a %s run has no download: nothing is sent", async (state) => {
    const { adapter, seen } = adapterAnswering(() => json(200, download));
    expect(await adapter.outputs([WF, RUN], ended(state))).toEqual([]);
    expect(seen).toHaveLength(0);
  });

  it("a 404 (the run produced no audio) is no outputs; a 403 is the error", async () => {
    const body = (code: string) => ({
      error: { code, message: "no" },
      meta: { request_id: "req_2", timestamp: "2024-04-20T14:31:01Z" },
    });
    expect(await adapterAnswering(() => json(404, body("NOT_FOUND"))).adapter.outputs([WF, RUN], ended("succeeded"))).toEqual([]);
    const err = await rejection(
      adapterAnswering(() => json(403, body("FORBIDDEN"))).adapter.outputs([WF, RUN], ended("succeeded")),
    );
    expect(err).toMatchObject({ kind: "api", status: 403 });
  });

  it("readOutputs: false sends nothing; a value that is not a boolean is a UsageError at creation", async () => {
    const { adapter, seen } = adapterAnswering(() => json(200, download), { readOutputs: false });
    expect(await adapter.outputs([WF, RUN], ended("succeeded"))).toEqual([]);
    expect(seen).toHaveLength(0);
    expect(() => onepin({ readOutputs: "no" as never })).toThrow(/`readOutputs` must be true or false/);
  });

  it("a malformed download answer is an InvalidResponseError naming the field", async () => {
    const { adapter } = adapterAnswering(() => json(200, { data: { filename: "x.zip" }, meta: download.meta }));
    const err = await rejection(adapter.outputs([WF, RUN], ended("succeeded")));
    expect(err).toBeInstanceOf(InvalidResponseError);
    expect(String(err)).toContain("url");
  });
});
