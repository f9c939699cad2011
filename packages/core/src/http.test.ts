import createClient from "openapi-fetch";
import { describe, expect, it } from "vitest";
import { AbortError, ApiError, InvalidResponseError, TransportError, UsageError } from "./errors.js";
import {
  type ApiCallOptions,
  callApi,
  type ProviderErrorInfo,
  parseHintValue,
  parseRateLimitReset,
  parseRetryAfter,
} from "./http.js";

const SECRET = "sk_live_0123456789abcdef";
const NOW = Date.parse("2026-01-01T00:00:00Z");

// A real openapi-fetch client over a fake fetch, called the way adapters call it (`parseAs: "text"`).
function send(answer: Response | (() => Promise<Response>), seen: Request[] = []) {
  const client = createClient<Record<string, never>>({
    baseUrl: "http://api.test",
    fetch: async (req: Request) => {
      seen.push(req);
      return typeof answer === "function" ? answer() : answer.clone();
    },
  });
  // biome-ignore lint/suspicious/noExplicitAny: an untyped path is enough to drive callApi
  return () => (client as any).GET("/runs/1", { parseAs: "text" });
}

const opts = (extra: Partial<ApiCallOptions> = {}): ApiCallOptions => ({
  provider: "prov",
  secrets: [SECRET],
  now: () => NOW,
  ...extra,
});

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(typeof body === "string" ? body : JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });

/** The common shape of error bodies: `{ error: { message, code } }`. */
const readError = (body: unknown): ProviderErrorInfo => {
  const e = (body as { error?: { message?: string; code?: string; retry?: number } }).error;
  return { message: e?.message ?? null, code: e?.code ?? null, retryAfterMs: e?.retry ?? null };
};

describe("callApi: answers", () => {
  it("a 2xx JSON body is parsed; the raw text, status, request id and Retry-After hint come along", async () => {
    const res = await callApi(opts(), send(json(200, { status: "ok" }, { "x-request-id": "req-1", "retry-after": "3" })));
    expect(res).toMatchObject({
      status: 200,
      body: { status: "ok" },
      text: '{"status":"ok"}',
      requestId: "req-1",
      retryAfterMs: 3000,
    });
  });

  it("204, and 202 with an empty body, are answers without a body", async () => {
    expect((await callApi(opts(), send(new Response(null, { status: 204 })))).body).toBeUndefined();
    expect((await callApi(opts(), send(new Response("", { status: 202 })))).status).toBe(202);
  });

  it.each([
    ["not JSON", "<html>Bad gateway</html>", /response is not valid JSON \(not JSON or cut off\)/],
    ["cut off", '{"status":"ok","data":{"id":', /response is not valid JSON/],
    ["empty", "", /empty response body where JSON was expected/],
  ])("a 2xx body that is %s is an InvalidResponseError with a short excerpt", async (_what, text, message) => {
    const err = await callApi(opts(), send(new Response(text, { status: 200 }))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidResponseError);
    expect(err).toMatchObject({ kind: "invalid_response", provider: "prov", status: 200, excerpt: text || null });
    expect((err as Error).message).toMatch(message);
    expect((err as InvalidResponseError).retryable).toBe(false);
  });
});

describe("callApi: HTTP errors", () => {
  it("become an ApiError with the provider's message and code, the request id and the body excerpt", async () => {
    const err = await callApi(
      opts({ readError }),
      send(json(404, { error: { message: "run not found", code: "not_found" } }, { "request-id": "r-9" })),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      message:
        "prov: HTTP 404: run not found (not found for this key: check the id, and that the key is of the account that owns it)",
      status: 404,
      code: "not_found",
      requestId: "r-9",
      retryAfterMs: null,
      excerpt: '{"error":{"message":"run not found","code":"not_found"}}',
    });
    expect((err as ApiError).retryable).toBe(false);
  });

  it("without a readable body the status text is the message", async () => {
    const err = await callApi(opts({ readError }), send(new Response("oops", { status: 502, statusText: "Bad Gateway" }))).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ status: 502, message: "prov: HTTP 502: Bad Gateway", code: null, excerpt: "oops" });
    expect((err as ApiError).retryable).toBe(true);
  });

  it("a readError that throws does not hide the HTTP error", async () => {
    const err = await callApi(
      opts({
        readError: () => {
          throw new Error("mapping bug");
        },
      }),
      send(json(500, { weird: true })),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 500 });
  });

  it.each([
    ["Retry-After seconds", { "retry-after": "7" }, null, 7000],
    ["Retry-After HTTP date", { "retry-after": new Date(NOW + 4000).toUTCString() }, null, 4000],
    ["retry-after-ms", { "retry-after-ms": "1500" }, null, 1500],
    ["a body hint", {}, 9000, 9000],
    ["both: the later one wins (a hint is never undercut)", { "retry-after": "2" }, 5000, 5000],
    ["both, header later", { "retry-after": "8" }, 5000, 8000],
  ])("429 with %s", async (_what, headers, bodyHint, expected) => {
    const body = { error: { message: "slow down", retry: bodyHint ?? undefined } };
    const err = await callApi(opts({ readError }), send(json(429, body, headers))).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 429, retryAfterMs: expected });
  });

  it("never puts the key in the message, code, request id or excerpt", async () => {
    const body = { error: { message: `key ${SECRET} is invalid`, code: `bad_${SECRET}` } };
    const err = await callApi(opts({ readError }), send(json(401, body, { "x-request-id": `id-${SECRET}` }))).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      message:
        "prov: HTTP 401: key [redacted] is invalid (the key was refused: check that it is this provider's key, for this environment)",
      code: "bad_[redacted]",
      requestId: null,
    });
    for (const text of [String(err), JSON.stringify(err), (err as Error).stack ?? ""]) expect(text).not.toContain(SECRET);
  });
});

describe("callApi: no answer", () => {
  it("a network failure is a retryable TransportError naming the cause's code", async () => {
    const refused = Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED", message: "connect" } });
    const err = await callApi(
      opts(),
      send(() => Promise.reject(refused)),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect(err).toMatchObject({ kind: "transport", message: "prov: network error (ECONNREFUSED): fetch failed" });
    expect((err as TransportError).retryable).toBe(true);
  });

  it("a signal that already fired sends nothing", async () => {
    const seen: Request[] = [];
    const ac = new AbortController();
    ac.abort();
    const err = await callApi(opts({ signal: ac.signal }), send(json(200, {}), seen)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortError);
    expect(seen).toEqual([]);
  });

  it("a signal that fires during the request is an AbortError, not a network error", async () => {
    const ac = new AbortController();
    const hang = () =>
      new Promise<Response>((_ok, fail) => {
        ac.signal.addEventListener("abort", () => fail(new DOMException("aborted", "AbortError")));
      });
    const p = callApi(opts({ signal: ac.signal }), send(hang));
    ac.abort("user");
    const err = await p.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortError);
    expect(err).toMatchObject({ kind: "aborted", provider: "prov" });
  });

  it("a timeout-like rejection without our signal is an AbortError too", async () => {
    const err = await callApi(
      opts(),
      send(() => Promise.reject(new DOMException("timed out", "TimeoutError"))),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortError);
  });

  it("our own typed errors (e.g. a refused path parameter) pass through unchanged", async () => {
    const usage = new UsageError("bad id");
    const err = await callApi(opts(), () => Promise.reject(usage)).catch((e: unknown) => e);
    expect(err).toBe(usage);
  });
});

describe("hints", () => {
  it("parseRateLimitReset reads unix seconds from 1e9 up, whole seconds below, and nothing else", () => {
    expect(parseRateLimitReset(String(NOW / 1000 + 30), NOW)).toBe(30_000);
    expect(parseRateLimitReset(String(NOW / 1000 - 30), NOW)).toBe(0);
    expect(parseRateLimitReset("12", NOW)).toBe(12_000);
    expect(parseRateLimitReset("soon", NOW)).toBeNull();
    expect(parseRateLimitReset("1.5", NOW)).toBeNull();
    expect(parseRateLimitReset(null, NOW)).toBeNull();
  });

  it("parseRetryAfter reads retry-after-ms first, then Retry-After as seconds or an HTTP date", () => {
    expect(parseRetryAfter(new Headers({ "retry-after-ms": "250", "retry-after": "9" }), NOW)).toBe(250);
    expect(parseRetryAfter(new Headers({ "retry-after": "1.5" }), NOW)).toBe(1500);
    expect(parseRetryAfter(new Headers({ "retry-after": new Date(NOW + 60_000).toUTCString() }), NOW)).toBe(60_000);
    expect(parseRetryAfter(new Headers(), NOW)).toBeNull();
    expect(parseRetryAfter(new Headers({ "retry-after": "soon" }), NOW)).toBeNull();
  });

  it("a date in the past is 0, never negative", () => {
    expect(parseRetryAfter(new Headers({ "retry-after": new Date(NOW - 5000).toUTCString() }), NOW)).toBe(0);
    expect(parseHintValue("2025-12-31T23:59:00Z", NOW)).toBe(0);
  });

  it("parseHintValue: numbers and numeric strings are seconds; ISO instants are times; the rest is null", () => {
    expect(parseHintValue(30, NOW)).toBe(30_000);
    expect(parseHintValue("30", NOW)).toBe(30_000);
    expect(parseHintValue("2026-01-01T00:00:02.500Z", NOW)).toBe(2500);
    for (const v of [-1, Number.NaN, Number.POSITIVE_INFINITY, "abc", null, undefined, {}, true]) {
      expect(parseHintValue(v, NOW)).toBeNull();
    }
  });

  it("Retry-After is read only as delta-seconds or an HTTP-date; other text that Date.parse accepts is ignored", () => {
    const h = (v: string) => parseRetryAfter(new Headers({ "retry-after": v }), NOW);
    expect(h("later 2099")).toBeNull();
    expect(h("2099")).toBe(2099_000);
    expect(h("Tuesday")).toBeNull();
    expect(h(new Date(NOW + 3000).toISOString())).toBeNull();
    expect(h(new Date(NOW + 3000).toUTCString())).toBe(3000);
    expect(h("Sunday, 06-Nov-94 08:49:37 GMT")).toBe(0);
    expect(h("Sun Nov  6 08:49:37 1994")).toBe(0);
    expect(parseHintValue("later 2099", NOW)).toBeNull();
    expect(parseHintValue(new Date(NOW + 4000).toISOString(), NOW)).toBe(4000);
  });
});

describe("callApi: hints and ids a caller acts on", () => {
  it.each([
    ["not a number", "soon"],
    ["negative", "-5"],
    ["with a unit", "1500ms"],
    ["empty", " "],
  ])("a retry-after-ms that is %s falls back to Retry-After", (_what, ms) => {
    expect(parseRetryAfter(new Headers({ "retry-after-ms": ms, "retry-after": "3" }), NOW)).toBe(3000);
  });

  it("Retry-After seconds must be a whole number or a decimal, nothing around it", () => {
    for (const v of ["3s", "x3", "3.", ".5", "1e3"]) expect(parseRetryAfter(new Headers({ "retry-after": v }), NOW)).toBeNull();
  });

  it("a 429 without Retry-After waits for X-RateLimit-Reset; Retry-After wins when both are sent", async () => {
    const reset = { "x-ratelimit-reset": "20" };
    const only = await callApi(opts({ readError }), send(json(429, { error: {} }, reset))).catch((e: unknown) => e);
    expect(only).toMatchObject({ status: 429, retryAfterMs: 20_000 });
    const both = await callApi(opts({ readError }), send(json(429, { error: {} }, { ...reset, "retry-after": "4" }))).catch(
      (e: unknown) => e,
    );
    expect(both).toMatchObject({ retryAfterMs: 4000 });
  });

  it("X-RateLimit-Reset is a 429's hint only: a 503 with it carries no wait", async () => {
    const err = await callApi(opts({ readError }), send(json(503, { error: {} }, { "x-ratelimit-reset": "20" }))).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ status: 503, retryAfterMs: null });
  });

  it("a Retry-After on a successful answer comes along with it", async () => {
    const res = await callApi(opts(), send(json(202, { id: "r" }, { "retry-after": "2" })));
    expect(res.retryAfterMs).toBe(2000);
  });

  it("parseRateLimitReset: 1e9 is the first unix time; more than 12 digits is not a time", () => {
    expect(parseRateLimitReset("1000000000", 1e12)).toBe(0);
    expect(parseRateLimitReset("999999999", NOW)).toBe(999_999_999_000);
    expect(parseRateLimitReset("1234567890123", NOW)).toBeNull();
    expect(parseRateLimitReset(" 12 ", NOW)).toBe(12_000);
  });

  it("a request id from a server header is capped at 200 characters", async () => {
    const id = "r".repeat(5000);
    const res = await callApi(opts(), send(json(200, {}, { "x-request-id": id })));
    expect(res.requestId).toBe("r".repeat(200));
    const err = await callApi(opts(), send(json(500, {}, { "x-request-id": id }))).catch((e: unknown) => e);
    expect((err as ApiError).requestId).toBe("r".repeat(200));
  });

  it("a request id from the error body is capped too, and dropped when it carries the key", async () => {
    const fromBody = (requestId: string) => () => ({ message: "no", requestId });
    const long = await callApi(opts({ readError: fromBody("b".repeat(300)) }), send(json(500, {}))).catch((e: unknown) => e);
    expect((long as ApiError).requestId).toBe("b".repeat(200));
    const leaky = await callApi(
      opts({ readError: fromBody(`id-${SECRET}`) }),
      send(json(500, {}, { "x-request-id": "hdr-1" })),
    ).catch((e: unknown) => e);
    expect((leaky as ApiError).requestId).toBeNull();
  });

  it("request ids are read from x-request-id, then request-id, then x-amzn-requestid", async () => {
    const id = async (headers: Record<string, string>) => (await callApi(opts(), send(json(200, {}, headers)))).requestId;
    expect(await id({ "x-amzn-requestid": "c", "request-id": "b", "x-request-id": "a" })).toBe("a");
    expect(await id({ "x-amzn-requestid": "c", "request-id": "b" })).toBe("b");
    expect(await id({ "x-amzn-requestid": "c" })).toBe("c");
    expect(await id({})).toBeNull();
  });

  it("an AbortError from the fetch itself (not our signal) is an AbortError, not a retryable network error", async () => {
    const err = await callApi(
      opts(),
      send(() => Promise.reject(new DOMException("aborted", "AbortError"))),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortError);
    expect(err).not.toBeInstanceOf(TransportError);
  });

  it("a 404 not in the provider's error shape says the base URL may be wrong, naming the path without its query", async () => {
    const err = await callApi(opts({ readError }), send(new Response("nope", { status: 404, statusText: "Not Found" }))).catch(
      (e: unknown) => e,
    );
    expect((err as Error).message).toMatch(/Not Found, and the answer is not prov's error shape: the base URL may be wrong/);
  });
});

describe("callApi: edge answers", () => {
  it("a rejection with no error at all is still a TransportError", async () => {
    const err = await callApi(opts(), () => Promise.reject(null)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect((err as Error).message).toBe("prov: network error: null");
  });

  it("a 202 whose body is only whitespace is an answer without a body", async () => {
    const res = await callApi(opts(), send(new Response("  \n", { status: 202 })));
    expect(res).toMatchObject({ status: 202, body: undefined });
  });

  it("an HTTP error with neither a message nor a status text says the request failed", async () => {
    const err = await callApi(opts({ readError }), send(json(500, { error: {} }))).catch((e: unknown) => e);
    expect((err as Error).message).toBe("prov: HTTP 500: request failed");
  });

  it("a stray 404 without a status text still says Not Found, and names the URL asked without its query", async () => {
    const err = await callApi(opts({ readError }), send(new Response("nope", { status: 404 }))).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/^prov: HTTP 404: Not Found, and the answer is not prov's error shape/);
  });

  it("decimal seconds keep every digit; a hint of 0 is 0, not absent", () => {
    expect(parseRetryAfter(new Headers({ "retry-after": "1.25" }), NOW)).toBe(1250);
    expect(parseRetryAfter(new Headers({ "retry-after-ms": "12.5" }), NOW)).toBe(12.5);
    expect(parseHintValue(0, NOW)).toBe(0);
    expect(parseHintValue(" 30 ", NOW)).toBe(30_000);
  });

  it("parseHintValue reads ISO instants with any zone form, and nothing around them", () => {
    expect(parseHintValue("2026-01-01T02:00:10+02:00", NOW)).toBe(10_000);
    expect(parseHintValue("2026-01-01T02:00:10+0200", NOW)).toBe(10_000);
    expect(parseHintValue("2025-12-31T19:00:10-05:00", NOW)).toBe(10_000);
    expect(parseHintValue("2026-01-01T00:01Z", NOW)).toBe(60_000);
    expect(parseHintValue("2026-01-01t00:00:10z", NOW)).toBe(10_000);
    for (const v of ["x2026-01-01T00:00:10Z", "2026-01-01T00:00:10Zx", "2026-01-01T00:00:10", "2026-01-01T00:00:10+2:00"]) {
      expect(parseHintValue(v, NOW)).toBeNull();
    }
  });
});

describe("callApi: what a failed call names", () => {
  it("a rejection with a plain error (no cause) is a TransportError with its message", async () => {
    const err = await callApi(opts(), () => Promise.reject(new Error("socket hang up"))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect((err as Error).message).toBe("prov: network error: socket hang up");
  });

  it("a stray 404 names the URL asked, without its query", async () => {
    const client = createClient<Record<string, never>>({
      baseUrl: "http://api.test",
      fetch: async () => new Response("nope", { status: 404, statusText: "Not Found" }),
    });
    // biome-ignore lint/suspicious/noExplicitAny: an untyped path is enough to drive callApi
    const call = () => (client as any).GET("/runs/1", { parseAs: "text", params: { query: { token: "t0ken" } } });
    const err = await callApi(opts({ readError }), call).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/the base URL may be wrong( \(asked http:\/\/api\.test\/runs\/1\))?$/);
    expect((err as Error).message).not.toContain("t0ken");
  });
});
