import { AbortError, ApiError, InvalidResponseError, RunStatusError, UsageError } from "@runstatus/core";
import { rejectionOf as errorOf, jsonResponse as json, recordingFetch } from "@runstatus/test-utils";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { magnific } from "./magnific-adapter.js";
import { tokenExpiry } from "./magnific-map.js";

const KEY = "mgk_live_SECRET_4f9a2b7c";
const RUN_ID = "omps2OH829";

function runBody(data: Record<string, unknown>): { data: Record<string, unknown> } {
  return {
    data: {
      run_id: RUN_ID,
      app_id: "uqzQLDr2Aw",
      started_at: "2026-02-25T12:00:00.000Z",
      completed_at: null,
      error_message: null,
      ...data,
    },
  };
}

function asset(url: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: "LSFgqqrswO",
    url,
    tool: "text-to-image",
    duration: null,
    width: 1024,
    height: 768,
    created_at: "2026-02-25T12:01:58.000Z",
    ...extra,
  };
}

async function getWith(response: () => Response, ids: string[] = [RUN_ID]) {
  const { fetch, seen } = recordingFetch(response);
  const result = await magnific({ apiKey: KEY, fetch }).get(ids);
  return { ...result, seen };
}

// The adapter reads these at creation or first use: keep a developer's own values out of the tests.
const ENV_VARS = ["MAGNIFIC_API_KEY", "RUNSTATUS_MAGNIFIC_BASE_URL"] as const;
const savedEnv = new Map<string, string | undefined>();
beforeEach(() => {
  for (const name of ENV_VARS) {
    savedEnv.set(name, process.env[name]);
    delete process.env[name];
  }
});
afterEach(() => {
  for (const name of ENV_VARS) restoreEnv(name, savedEnv.get(name));
});

describe("magnific adapter: get maps the run", () => {
  it.each([
    ["pending", "queued", false],
    ["running", "running", false],
    ["completed", "succeeded", true],
    ["completed_with_errors", "partial", true],
    ["failed", "failed", true],
    ["cancelled", "cancelled", true],
  ] as const)("status %s → state %s (terminal %s)", async (status, state, terminal) => {
    const { run } = await getWith(() => json(200, runBody({ status })));
    expect(run).toMatchObject({
      provider: "magnific",
      id: RUN_ID,
      ref: `magnific:${RUN_ID}`,
      state,
      terminal,
      providerStatus: status,
      progress: null,
      steps: [],
      outputs: [],
      createdAt: null,
      startedAt: "2026-02-25T12:00:00.000Z",
      completedAt: null,
    });
  });

  it("keeps an undocumented status raw and maps it to unknown, not terminal", async () => {
    const { run } = await getWith(() => json(200, runBody({ status: "finished" })));
    expect(run.state).toBe("unknown");
    expect(run.terminal).toBe(false);
    expect(run.providerStatus).toBe("finished");
  });

  it("reads outputs from images, videos and audios with kind, mime type, size, duration and expiry", async () => {
    const body = runBody({
      status: "completed",
      completed_at: "2026-02-25T12:02:00.000Z",
      result: {
        images: [asset("https://pikaso.cdnpk.net/private/production/1/render.png?token=exp_1772064118~hmac_abc")],
        videos: [
          asset("https://pikaso.cdnpk.net/private/production/2/clip.MP4", {
            duration: 5.0404,
            width: 1280,
            height: 720,
            created_at: "2026-02-25T12:01:59.000Z",
          }),
        ],
        audios: [
          asset("https://pikaso.cdnpk.net/private/production/3/voice.mp3?token=exp_1772064120~hmac_def", {
            duration: 3.2,
            width: null,
            height: null,
          }),
        ],
      },
    });
    const { run } = await getWith(() => json(200, body));
    expect(run.completedAt).toBe("2026-02-25T12:02:00.000Z");
    expect(run.outputs).toEqual([
      {
        url: "https://pikaso.cdnpk.net/private/production/1/render.png?token=exp_1772064118~hmac_abc",
        kind: "image",
        mimeType: "image/png",
        width: 1024,
        height: 768,
        durationMs: null,
        expiresAt: "2026-02-26T00:01:58.000Z",
      },
      {
        url: "https://pikaso.cdnpk.net/private/production/2/clip.MP4",
        kind: "video",
        mimeType: "video/mp4",
        width: 1280,
        height: 720,
        durationMs: 5040,
        // No token: created_at + the documented 12 hours.
        expiresAt: "2026-02-26T00:01:59.000Z",
      },
      {
        url: "https://pikaso.cdnpk.net/private/production/3/voice.mp3?token=exp_1772064120~hmac_def",
        kind: "audio",
        mimeType: "audio/mpeg",
        width: null,
        height: null,
        durationMs: 3200,
        expiresAt: "2026-02-26T00:02:00.000Z",
      },
    ]);
  });

  it("takes the kind from the array, not the extension, and leaves an unknown mime type null", async () => {
    const body = runBody({
      status: "completed",
      result: { images: [], videos: [asset("https://cdn.example/x/render.bin")], audios: [asset("https://cdn.example/y/noext")] },
    });
    const { run } = await getWith(() => json(200, body));
    expect(run.outputs.map((o) => [o.kind, o.mimeType])).toEqual([
      ["video", null],
      ["audio", null],
    ]);
  });

  it("prefers the exp_ token over created_at, and falls back when the token has no exp_", async () => {
    const withToken = "https://c.example/a.png?token=exp_1700000000~hmac_x";
    const noExp = "https://c.example/a.png?token=hmac_only";
    expect(tokenExpiry(withToken)).toBe("2023-11-14T22:13:20.000Z");
    expect(tokenExpiry(noExp)).toBeNull();
    const { run } = await getWith(() =>
      json(200, runBody({ status: "completed", result: { images: [asset(withToken), asset(noExp)], videos: [], audios: [] } })),
    );
    expect(run.outputs.map((o) => o.expiresAt)).toEqual(["2023-11-14T22:13:20.000Z", "2026-02-26T00:01:58.000Z"]);
  });

  it("gives no expiry when neither a token nor created_at says one", async () => {
    const { run } = await getWith(() =>
      json(200, runBody({ status: "completed", result: { images: [asset("https://c.example/a.png", { created_at: null })] } })),
    );
    expect(run.outputs[0]?.expiresAt).toBeNull();
  });

  it.each([
    ["result null", { result: null }],
    ["result absent", {}],
    ["arrays absent", { result: {} }],
  ])("has no outputs before completion (%s)", async (_name, extra) => {
    const { run } = await getWith(() => json(200, runBody({ status: "running", ...extra })));
    expect(run.outputs).toEqual([]);
  });

  it("carries error_message as the error of a failed or partial run only", async () => {
    const failed = await getWith(() =>
      json(200, runBody({ status: "failed", error_message: "The input image could not be processed" })),
    );
    expect(failed.run.error).toEqual({ message: "The input image could not be processed" });

    const partial = await getWith(() =>
      json(200, runBody({ status: "completed_with_errors", error_message: "1 of 2 nodes failed" })),
    );
    expect(partial.run.error).toEqual({ message: "1 of 2 nodes failed" });

    const silent = await getWith(() => json(200, runBody({ status: "failed", error_message: null })));
    expect(silent.run.error).toBeNull();

    const stray = await getWith(() => json(200, runBody({ status: "completed", error_message: "leftover" })));
    expect(stray.run.error).toBeNull();
  });

  it("passes a Retry-After and request id from a successful answer to the poller", async () => {
    const res = await getWith(() => json(200, runBody({ status: "running" }), { "retry-after": "3", "x-request-id": "req_42" }));
    expect(res.retryAfterMs).toBe(3000);
    expect(res.requestId).toBe("req_42");
  });
});

describe("magnific adapter: requests", () => {
  it("makes one GET to the documented status path with the key header (no Bearer)", async () => {
    const { seen } = await getWith(() => json(200, runBody({ status: "running" })));
    expect(seen).toHaveLength(1);
    expect(seen[0]?.method).toBe("GET");
    expect(seen[0]?.url).toBe(`https://api.magnific.com/v1/ai/apps/runs/${RUN_ID}`);
    expect(seen[0]?.headers.get("x-magnific-api-key")).toBe(KEY);
    expect(seen[0]?.headers.get("authorization")).toBeNull();
  });

  it("appends the documented path to a base URL override unchanged", async () => {
    const { fetch, seen } = recordingFetch(() => json(200, runBody({ status: "running" })));
    await magnific({ apiKey: KEY, fetch, baseUrl: "http://127.0.0.1:4010/sim/" }).get([RUN_ID]);
    expect(seen[0]?.url).toBe(`http://127.0.0.1:4010/sim/v1/ai/apps/runs/${RUN_ID}`);
  });

  it("reads the key and the base URL from the environment when no option is given", async () => {
    process.env.MAGNIFIC_API_KEY = KEY;
    process.env.RUNSTATUS_MAGNIFIC_BASE_URL = "http://127.0.0.1:9/";
    const { fetch, seen } = recordingFetch(() => json(200, runBody({ status: "running" })));
    await magnific({ fetch }).get([RUN_ID]);
    expect(seen[0]?.url).toBe(`http://127.0.0.1:9/v1/ai/apps/runs/${RUN_ID}`);
    expect(seen[0]?.headers.get("x-magnific-api-key")).toBe(KEY);
  });

  it.each([["a/b"], ["x?y=1"], ["x#frag"], [".."], ["."], ["a\\b"], [""]])(
    "never lets the run id %j change the request path (no request sent)",
    async (id) => {
      const { fetch, seen } = recordingFetch(() => json(200, runBody({ status: "running" })));
      const err = await errorOf(magnific({ apiKey: KEY, fetch }).get([id]));
      expect(err).toBeInstanceOf(UsageError);
      expect(seen).toHaveLength(0);
    },
  );

  it("rejects a reference with the wrong number of ids before any request", async () => {
    const { fetch, seen } = recordingFetch(() => json(200, runBody({ status: "running" })));
    const err = await errorOf(magnific({ apiKey: KEY, fetch }).get(["wf", RUN_ID]));
    expect(err).toBeInstanceOf(UsageError);
    expect(String(err)).toContain("magnific:<run_id>");
    expect(seen).toHaveLength(0);
  });

  it("stops the request in flight when the signal fires, and sends nothing once aborted", async () => {
    const { fetch, seen } = recordingFetch(
      (req) =>
        new Promise<Response>((_ok, fail) => {
          req.signal.addEventListener("abort", () => fail(req.signal.reason));
        }),
    );
    const adapter = magnific({ apiKey: KEY, fetch });
    const ac = new AbortController();
    const pending = adapter.get([RUN_ID], { signal: ac.signal });
    setTimeout(() => ac.abort(), 5);
    expect(await errorOf(pending)).toBeInstanceOf(AbortError);
    expect(await errorOf(adapter.get([RUN_ID], { signal: ac.signal }))).toBeInstanceOf(AbortError);
    expect(seen).toHaveLength(1);
  });
});

describe("magnific adapter: unreadable answers", () => {
  it.each([
    ["an HTML page", "<html><body>Bad gateway</body></html>", "not valid JSON"],
    ["cut-off JSON", '{"data":{"run_id":"omps2OH829","status":"runn', "not valid JSON"],
    ["an empty body", "", "empty response body"],
    ["no data wrapper", JSON.stringify({ run_id: RUN_ID, status: "running" }), "`data` is missing"],
    ["data not an object", JSON.stringify({ data: [] }), "`data` is not an object"],
    ["no status", JSON.stringify(runBody({})), "`data.status` is missing"],
    ["a numeric status", JSON.stringify(runBody({ status: 3 })), "`data.status` is not a string"],
    ["result not an object", JSON.stringify(runBody({ status: "completed", result: "x" })), "`data.result` is not an object"],
    ["images not an array", JSON.stringify(runBody({ status: "completed", result: { images: {} } })), "`data.result.images`"],
    [
      "an asset without url",
      JSON.stringify(runBody({ status: "completed", result: { images: [{ id: "a", width: 1 }] } })),
      "`data.result.images[0].url` is missing",
    ],
    [
      "a width that is not a number",
      JSON.stringify(runBody({ status: "completed", result: { videos: [asset("https://c/x.mp4", { width: "1280" })] } })),
      "`data.result.videos[0].width` is not a number",
    ],
    [
      "a started_at that is not a string",
      JSON.stringify(runBody({ status: "running", started_at: 1700000000 })),
      "`data.started_at` is not a string",
    ],
  ])("throws InvalidResponseError for %s", async (_name, text, message) => {
    const err = await errorOf(getWith(() => new Response(text, { status: 200 })));
    expect(err).toBeInstanceOf(InvalidResponseError);
    const e = err as InvalidResponseError;
    expect(e.provider).toBe("magnific");
    expect(e.status).toBe(200);
    expect(e.message).toContain(message);
    if (text) expect(e.excerpt).toBe(text.replace(/\s+/g, " ").slice(0, 200) + (text.length > 200 ? "…" : ""));
    expect(e.retryable).toBe(false);
  });
});

describe("magnific adapter: error answers", () => {
  it("turns a {message} body into an ApiError with status, message and request id, and no code", async () => {
    const err = await errorOf(getWith(() => json(404, { message: "Run not found" }, { "x-request-id": "req_9" })));
    expect(err).toBeInstanceOf(ApiError);
    expect(err).not.toBeInstanceOf(InvalidResponseError);
    const e = err as ApiError;
    expect(e).toMatchObject({ provider: "magnific", status: 404, code: null, requestId: "req_9", retryAfterMs: null });
    expect(e.message).toBe(
      "magnific: HTTP 404: Run not found (not found for this key: check the id, and that the key is of the account that owns it) (run magnific:omps2OH829)",
    );
    expect(e.retryable).toBe(false);
  });

  it("reads Retry-After on 429 (seconds and HTTP date) and marks it retryable", async () => {
    const secs = (await errorOf(
      getWith(() => json(429, { message: "Rate limit exceeded" }, { "retry-after": "7" })),
    )) as ApiError;
    expect(secs).toMatchObject({ status: 429, retryAfterMs: 7000, retryable: true });
    const date = new Date(Date.now() + 60_000).toUTCString();
    const dated = (await errorOf(getWith(() => json(429, { message: "slow down" }, { "retry-after": date })))) as ApiError;
    expect(dated.retryAfterMs).toBeGreaterThan(50_000);
    expect(dated.retryAfterMs).toBeLessThanOrEqual(60_000);
  });

  it("still gives a typed error when the error body is not JSON", async () => {
    const err = (await errorOf(
      getWith(() => new Response("<h1>503 Service Unavailable</h1>", { status: 503, statusText: "Service Unavailable" })),
    )) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 503, code: null, retryable: true });
    expect(err.message).toBe("magnific: HTTP 503: Service Unavailable (run magnific:omps2OH829)");
    expect(err.excerpt).toContain("503 Service Unavailable");
  });

  it("never puts the key in an error, even when the server echoes it", async () => {
    const echoes: (() => Response)[] = [
      () => json(401, { message: `Invalid API key ${KEY}` }),
      () => new Response(`<html>key=${KEY}</html>`, { status: 200 }),
      () => json(200, { data: { status: 7, echo: KEY } }),
      () => json(500, `not json ${KEY}`),
    ];
    for (const respond of echoes) {
      const err = await errorOf(getWith(respond));
      expect(RunStatusError.is(err)).toBe(true);
      expect(String(err)).not.toContain(KEY);
      expect(JSON.stringify(err)).not.toContain(KEY);
      expect(JSON.stringify(err)).toContain("[redacted]");
    }
  });
});

describe("magnific adapter: options", () => {
  it.each([
    ["an empty key", { apiKey: "" }, "apiKey"],
    ["a blank key", { apiKey: "   " }, "apiKey"],
    ["a relative base URL", { apiKey: KEY, baseUrl: "/v1" }, "baseUrl"],
    ["an ftp base URL", { apiKey: KEY, baseUrl: "ftp://files.example" }, "baseUrl"],
  ])("rejects %s at creation, naming the option", (_name, options, option) => {
    expect(() => magnific(options)).toThrow(UsageError);
    expect(() => magnific(options)).toThrow(option);
  });

  it("fails without a key at the first call, naming MAGNIFIC_API_KEY, and sends nothing", async () => {
    // Empty counts as missing.
    process.env.MAGNIFIC_API_KEY = "";
    const { fetch, seen } = recordingFetch(() => json(200, runBody({ status: "running" })));
    const adapter = magnific({ fetch });
    const err = await errorOf(adapter.get([RUN_ID]));
    expect(err).toBeInstanceOf(UsageError);
    expect(String(err)).toContain("MAGNIFIC_API_KEY");
    expect(seen).toHaveLength(0);
  });

  it("declares what Magnific documents: start and webhooks, no cancel, pause, list or progress", () => {
    const adapter = magnific({ apiKey: KEY });
    expect(adapter.name).toBe("magnific");
    expect(adapter.refSegments).toEqual(["run_id"]);
    expect(adapter.capabilities).toEqual({
      start: true,
      cancel: false,
      pause: false,
      list: false,
      webhooks: true,
      progress: false,
    });
    expect(adapter.cancel).toBeUndefined();
    expect(adapter.pause).toBeUndefined();
    expect(adapter.resume).toBeUndefined();
    expect(adapter.budget?.([RUN_ID])).toBeNull();
  });
});

describe("magnific adapter: start", () => {
  const accepted = () => json(202, { status: "running", workflow_run_identifier: "vCrK3Aa47y" });

  it("POSTs {inputs} to the app's run path with the key and returns the new run id", async () => {
    const { fetch, seen } = recordingFetch(accepted);
    const started = await magnific({ apiKey: KEY, fetch }).start!("uqzQLDr2Aw", {
      "input-4050c3f3-8a26-4953-97a8-cb97bceb4816-1": "https://example.org/sketch.png",
      "input-2": 3,
    });
    expect(seen).toHaveLength(1);
    const req = seen[0]!;
    expect(req.method).toBe("POST");
    expect(req.url).toBe("https://api.magnific.com/v1/ai/apps/uqzQLDr2Aw/run");
    expect(req.headers.get("x-magnific-api-key")).toBe(KEY);
    expect(req.headers.get("content-type")).toMatch(/^application\/json/);
    expect(JSON.parse(req.body)).toEqual({
      inputs: { "input-4050c3f3-8a26-4953-97a8-cb97bceb4816-1": "https://example.org/sketch.png", "input-2": 3 },
    });
    expect(started.ids).toEqual(["vCrK3Aa47y"]);
  });

  it("refuses a boolean input value with a UsageError before any request (Magnific takes strings and numbers)", async () => {
    const { fetch, seen } = recordingFetch(accepted);
    // @ts-expect-error start's input type refuses booleans too; a caller without types gets the UsageError
    const err = await magnific({ apiKey: KEY, fetch }).start!("uqzQLDr2Aw", { "input-3": true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toBe('magnific: input "input-3" must be a string or a number, not a boolean');
    expect(seen).toHaveLength(0);
  });

  it("sends an empty inputs object when given no inputs", async () => {
    const { fetch, seen } = recordingFetch(accepted);
    await magnific({ apiKey: KEY, fetch }).start!("uqzQLDr2Aw", {});
    expect(JSON.parse(seen[0]!.body)).toEqual({ inputs: {} });
  });

  it("moves a `webhook` input to the body's webhook field", async () => {
    const { fetch, seen } = recordingFetch(accepted);
    await magnific({ apiKey: KEY, fetch }).start!("uqzQLDr2Aw", { "input-1": "a cat", webhook: "https://hooks.example.org/m" });
    expect(JSON.parse(seen[0]!.body)).toEqual({ inputs: { "input-1": "a cat" }, webhook: "https://hooks.example.org/m" });
  });

  it.each([["not a url"], ["ftp://hooks.example.org"], [42]])("rejects the webhook %j before any request", async (webhook) => {
    const { fetch, seen } = recordingFetch(accepted);
    const err = await errorOf(magnific({ apiKey: KEY, fetch }).start!("uqzQLDr2Aw", { webhook } as never));
    expect(err).toBeInstanceOf(UsageError);
    expect(String(err)).toContain("webhook");
    expect(seen).toHaveLength(0);
  });

  it("never lets the app id change the request path", async () => {
    const { fetch, seen } = recordingFetch(accepted);
    const err = await errorOf(magnific({ apiKey: KEY, fetch }).start!("../runs/x", {}));
    expect(err).toBeInstanceOf(UsageError);
    expect(seen).toHaveLength(0);
  });

  it("turns a 400 into an ApiError and an unreadable 202 into an InvalidResponseError", async () => {
    const bad = recordingFetch(() => json(400, { message: "Invalid inputs: unknown input id 'prompt'" }));
    const e400 = (await errorOf(magnific({ apiKey: KEY, fetch: bad.fetch }).start!("uqzQLDr2Aw", { prompt: "x" }))) as ApiError;
    expect(e400).toBeInstanceOf(ApiError);
    expect(e400).toMatchObject({ status: 400, code: null });
    expect(e400.message).toContain("unknown input id 'prompt'");

    const empty = recordingFetch(() => new Response("", { status: 202 }));
    const eEmpty = await errorOf(magnific({ apiKey: KEY, fetch: empty.fetch }).start!("uqzQLDr2Aw", {}));
    expect(eEmpty).toBeInstanceOf(InvalidResponseError);
    expect(String(eEmpty)).toContain("$");

    const wrapped = recordingFetch(() => json(202, { data: { status: "running", workflow_run_identifier: "x" } }));
    const eWrapped = await errorOf(magnific({ apiKey: KEY, fetch: wrapped.fetch }).start!("uqzQLDr2Aw", {}));
    expect(eWrapped).toBeInstanceOf(InvalidResponseError);
    expect(String(eWrapped)).toContain("workflow_run_identifier");
  });
});

function restoreEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
