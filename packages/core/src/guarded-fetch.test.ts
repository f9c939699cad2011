import { type HostileServer, secretLeaks, settle, startHostileServer } from "@runstatus/test-utils";
import type { Client } from "openapi-fetch";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type BaseClientOptions, createProviderClient } from "./client.js";
import { defineAdapter } from "./define-adapter.js";
import { ApiError, InvalidResponseError, type RunStatusError, TransportError, UnknownStateError } from "./errors.js";
import { waitForRun } from "./poll/wait.js";
import { makeRun, mapState } from "./run.js";
import type { RunProvider } from "./types.js";

// A key with "/" so that its JSON-escaped echo ("\/") differs from it.
const SECRET = "sk_live_0123/456789abcdef";

// biome-ignore lint/suspicious/noExplicitAny: an untyped test provider; the paths are not generated
type AnyClient = Client<any>;

/** A minimal provider over the hostile server: GET /runs/{id} → { status, message?, step? }. */
function testProvider(baseUrl: string, extra: Partial<BaseClientOptions> = {}): RunProvider {
  return defineAdapter(
    {
      name: "prov",
      refSegments: ["id"],
      keyEnv: "RS_PROV_TEST_KEY",
      createClient: (o: BaseClientOptions) =>
        createProviderClient(
          { provider: "prov", factory: "createProvClient", defaultBaseUrl: baseUrl, authHeaders: (k) => ({ "x-prov-key": k }) },
          { ...o, ...extra },
        ) as AnyClient,
      readError: (body) => {
        const b = body as { message?: unknown } | null;
        return typeof b?.message === "string" ? { message: b.message } : {};
      },
      progress: false,
    },
    { apiKey: SECRET, baseUrl },
    (api) => ({
      async get([id], ctx) {
        const a = await api.call(ctx, (c, o) => (c as AnyClient).GET("/runs/{id}", { ...o, params: { path: { id } } }));
        const r = a.read() as unknown as { str(k: string): string; optStr(k: string): string | null };
        const providerStatus = r.str("status");
        const message = r.optStr("message");
        const step = r.optStr("step");
        const state = mapState({ running: "running", done: "succeeded", failed: "failed" }, providerStatus);
        const run = makeRun({
          provider: "prov",
          ids: [id],
          state,
          providerStatus,
          error: message ? { message } : null,
          steps: step ? [{ id: null, name: step, state, providerStatus, startedAt: null, completedAt: null, outputs: [] }] : [],
        });
        return api.poll(a, run);
      },
    }),
  );
}

let a: HostileServer;
let b: HostileServer;
beforeEach(async () => {
  a = await startHostileServer();
  b = await startHostileServer((_q, r) => r.json(200, { status: "done" }));
});
afterEach(async () => {
  await a.close();
  await b.close();
});

const get = (p: RunProvider, id = "r1") => p.get([id]);
const errorOf = async (p: Promise<unknown>) => {
  const s = await settle(p);
  if (s.ok) throw new Error(`expected a rejection, got ${JSON.stringify(s.value)}`);
  return s.error as RunStatusError;
};

describe("redirects", () => {
  it("a redirect to another origin is not followed: the key never reaches it, and the error names the origin without the query", async () => {
    for (const status of [301, 302, 303, 307, 308]) {
      a.handle((_q, r) => r.redirect(status, `${b.url}/steal?key=${encodeURIComponent(SECRET)}`));
      const err = await errorOf(get(testProvider(a.url)));
      expect(err).toBeInstanceOf(ApiError);
      expect(err.message).toContain(`redirected to another origin (${b.url})`);
      expect(err.message).not.toContain("steal");
      expect(secretLeaks(err, [SECRET])).toEqual([]);
      expect(err.retryable).toBe(false);
    }
    expect(b.requests).toEqual([]);
  });

  it("a redirect to the same origin is followed with the key, up to 5 times", async () => {
    a.handle((q, r) => {
      const n = Number(/hop=(\d+)/.exec(q.url)?.[1] ?? 0);
      if (n < 5) r.redirect(307, `/runs/r1?hop=${n + 1}`);
      else r.json(200, { status: "done" });
    });
    const { run } = await get(testProvider(a.url));
    expect(run.state).toBe("succeeded");
    expect(a.requests.map((q) => q.headers["x-prov-key"])).toEqual(Array(6).fill(SECRET));
    a.handle((q, r) => r.redirect(302, `/runs/r1?again=${q.url.length}`));
    const err = await errorOf(get(testProvider(a.url)));
    expect(err.message).toContain("redirected more than 5 times");
  });

  it("a redirect to an invalid URL carrying the key is a typed error without the key anywhere", async () => {
    a.handle((_q, r) => r.redirect(307, `http://[${SECRET}/x`));
    const err = await errorOf(get(testProvider(a.url)));
    expect(err).toBeInstanceOf(ApiError);
    expect(err.message).toContain("redirected to an invalid URL");
    expect(secretLeaks(err, [SECRET])).toEqual([]);
  });
});

describe("transport errors", () => {
  it("a malformed header echoing the key gives a TransportError whose cause chain holds no key", async () => {
    a.handle((_q, r) => r.raw(`HTTP/1.1 200 OK\r\nx-echo: ${SECRET}\x01\r\ncontent-length: 2\r\n\r\n{}`));
    const err = await errorOf(get(testProvider(a.url)));
    expect(err).toBeInstanceOf(TransportError);
    expect(err.message).toContain(`reaching 127.0.0.1:${a.port}`);
    expect(err.cause).toBeInstanceOf(Error);
    expect(secretLeaks(err, [SECRET])).toEqual([]);
  });

  it("names the host and the error code when nothing listens", async () => {
    const url = a.url;
    await a.close();
    a = await startHostileServer();
    const err = await errorOf(get(testProvider(url)));
    expect(err).toBeInstanceOf(TransportError);
    expect(err.message).toMatch(/^prov: network error reaching 127\.0\.0\.1:\d+ \(ECONNREFUSED\): /);
    expect(err.ref).toBe("prov:r1");
  });

  it("a connection reset in the middle of a body is a retryable TransportError", async () => {
    a.handle((_q, r) => r.truncate(200, '{"status":"runn', 500));
    const err = await errorOf(get(testProvider(a.url)));
    expect(err).toBeInstanceOf(TransportError);
    expect(err.retryable).toBe(true);
  });
});

describe("body cap", () => {
  it("a body over the cap stops the read with an InvalidResponseError that is not retried", async () => {
    a.handle((_q, r) => r.huge(200, 6 * 1024 * 1024));
    const err = await errorOf(get(testProvider(a.url)));
    expect(err).toBeInstanceOf(InvalidResponseError);
    expect(err.message).toContain("larger than 4194304 bytes (the maxResponseBytes option)");
    expect(err.retryable).toBe(false);
  });

  it("a declared Content-Length over the cap is refused before reading; the cap is settable", async () => {
    a.handle((_q, r) => r.json(200, { status: "done", pad: "x".repeat(2000) }));
    const err = await errorOf(get(testProvider(a.url, { maxResponseBytes: 1000 })));
    expect(err.message).toContain("larger than 1000 bytes");
    const { run } = await get(testProvider(a.url, { maxResponseBytes: 5000 }));
    expect(run.state).toBe("succeeded");
  });

  it("a wait stops at the first oversized answer instead of downloading it again", async () => {
    a.handle((_q, r) => r.huge(503, 5 * 1024 * 1024));
    const err = await errorOf(waitForRun(testProvider(a.url), ["r1"], { minInterval: 1, timeout: 5000 }));
    expect(err).toBeInstanceOf(InvalidResponseError);
    expect(a.requests).toHaveLength(1);
  });
});

describe("hostile bodies", () => {
  const deep = (n: number) => `${'{"a":'.repeat(n)}1${"}".repeat(n)}`;

  it("a deeply nested error body is an ApiError (a 503 stays retryable), never a RangeError", async () => {
    a.handle((_q, r) => r.json(503, deep(10_000)));
    const err = await errorOf(get(testProvider(a.url)));
    expect(err).toBeInstanceOf(ApiError);
    expect(err.retryable).toBe(true);
    a.handle((_q, r) => r.json(200, deep(10_000)));
    expect(await errorOf(get(testProvider(a.url)))).toBeInstanceOf(InvalidResponseError);
  });

  it("a wait retries a deep 503 and ends with the run", async () => {
    let n = 0;
    a.handle((_q, r) => (n++ === 0 ? r.json(503, deep(10_000)) : r.json(200, { status: "done" })));
    const run = await waitForRun(testProvider(a.url), ["r1"], { minInterval: 1, timeout: 5000 });
    expect(run.state).toBe("succeeded");
  });

  it("a key echoed into a failure text, a step name or a status never reaches the run or an error", async () => {
    const escaped = JSON.stringify(SECRET).slice(1, -1).replaceAll("/", "\\/");
    a.handle((_q, r) =>
      r.json(200, `{"status":"failed","message":"bad key ${escaped}","step":"step ${SECRET}"}`, { "x-request-id": SECRET }),
    );
    const res = await get(testProvider(a.url));
    expect(res.run.error?.message).toBe("bad key [redacted]");
    expect(res.run.steps[0]?.name).toBe("step [redacted]");
    expect(secretLeaks(res, [SECRET])).toEqual([]);
    a.handle((_q, r) => r.json(200, { status: `odd ${SECRET}` }));
    const err = await errorOf(waitForRun(testProvider(a.url), ["r1"], { minInterval: 1, maxUnknownPolls: 2 }));
    expect(err).toBeInstanceOf(UnknownStateError);
    expect(secretLeaks(err, [SECRET])).toEqual([]);
  });

  it("a JSON-escaped echo of the key is redacted in the excerpt of a 2xx that cannot be read", async () => {
    const escaped = JSON.stringify(SECRET).slice(1, -1).replaceAll("/", "\\/");
    a.handle((_q, r) => r.json(200, `{"status": 5, "echo": "${escaped}"}`));
    const err = (await errorOf(get(testProvider(a.url)))) as InvalidResponseError;
    expect(err).toBeInstanceOf(InvalidResponseError);
    expect(err.excerpt).toContain("[redacted]");
    expect(secretLeaks(err, [SECRET])).toEqual([]);
  });

  it("a megabyte status gives a short error message and a capped run", async () => {
    const status = "s".repeat(1024 * 1024);
    a.handle((_q, r) => r.json(200, { status, message: "m".repeat(1024 * 1024) }));
    const { run } = await get(testProvider(a.url));
    expect(run.providerStatus.length).toBeLessThanOrEqual(200);
    expect(run.error?.message.length).toBeLessThanOrEqual(2000);
    const err = await errorOf(waitForRun(testProvider(a.url), ["r1"], { minInterval: 1, maxUnknownPolls: 1 }));
    expect(err).toBeInstanceOf(UnknownStateError);
    expect(err.message.length).toBeLessThan(300);
  });

  it("a 404 whose body is not the provider's error shape says the base URL may be wrong", async () => {
    a.handle((_q, r) => r.text(404, "<html>nope</html>", { reason: "Not Found" }));
    const err = await errorOf(get(testProvider(`${a.url}/wrong`)));
    expect(err.message).toBe(
      `prov: HTTP 404: Not Found, and the answer is not prov's error shape: the base URL may be wrong (asked ${a.url}/wrong/runs/r1) (run prov:r1)`,
    );
    a.handle((_q, r) => r.json(404, { message: "Run not found" }));
    expect((await errorOf(get(testProvider(a.url)))).message).toBe(
      "prov: HTTP 404: Run not found (not found for this key: check the id, and that the key is of the account that owns it) (run prov:r1)",
    );
  });
});
