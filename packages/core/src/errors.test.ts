import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  AbortError,
  ApiError,
  excerptOf,
  InvalidResponseError,
  isRetryableStatus,
  RunStatusError,
  redact,
  TimeoutError,
  TransportError,
  UnknownStateError,
  UnsupportedError,
  UsageError,
} from "./errors.js";
import { makeRun } from "./run.js";

const SECRET = "sk_live_0123456789abcdef";

describe("error classes", () => {
  it("each has its kind, name and provider, and is a RunStatusError", () => {
    const cases: [RunStatusError, string, string][] = [
      [new UsageError("bad", { provider: "onepin" }), "usage", "UsageError"],
      [new UnsupportedError("onepin", "cancel"), "unsupported", "UnsupportedError"],
      [new ApiError({ provider: "onepin", status: 404, message: "not found" }), "api", "ApiError"],
      [new InvalidResponseError({ provider: "onepin", status: 200, message: "x" }), "invalid_response", "InvalidResponseError"],
      [new TransportError("onepin", "network error"), "transport", "TransportError"],
      [new UnknownStateError("onepin", "stalled", 3), "unknown_state", "UnknownStateError"],
      [new TimeoutError("onepin", 5000), "timeout", "TimeoutError"],
      [new AbortError("onepin"), "aborted", "AbortError"],
    ];
    for (const [err, kind, name] of cases) {
      expect(err).toBeInstanceOf(RunStatusError);
      expect(err).toBeInstanceOf(Error);
      expect(err.kind).toBe(kind);
      expect(err.name).toBe(name);
      expect(err.provider).toBe("onepin");
      expect(RunStatusError.is(err)).toBe(true);
      expect(err.lastRun).toBeNull();
    }
    expect(new UsageError("bad").provider).toBeNull();
  });

  it("messages say what happened in one sentence", () => {
    expect(String(new UnsupportedError("magnific", "cancel"))).toBe("UnsupportedError: magnific does not support cancel");
    expect(String(new ApiError({ provider: "onepin", status: 401, message: "Invalid API key" }))).toBe(
      "ApiError: onepin: HTTP 401: Invalid API key",
    );
    expect(new UnknownStateError("modelslab", "stalled", 11).message).toBe(
      'modelslab reported unknown status "stalled" 11 times in a row',
    );
    expect(new TimeoutError("wondercat", 1500).message).toBe("gave up waiting after 1500 ms for wondercat");
    expect(new TimeoutError(null, 1500).message).toBe("gave up waiting after 1500 ms");
  });

  it("RunStatusError.is recognises errors from another copy of the package, and nothing else", () => {
    const foreign = Object.assign(new Error("x"), { kind: "api" });
    Object.defineProperty(foreign, Symbol.for("runstatus.error"), { value: true });
    expect(RunStatusError.is(foreign)).toBe(true);
    expect(RunStatusError.is(new Error("x"))).toBe(false);
    expect(RunStatusError.is({ kind: "api" })).toBe(false);
    expect(RunStatusError.is(null)).toBe(false);
    expect(RunStatusError.is("usage")).toBe(false);
  });

  it("ApiError carries status, code, request id, hint and excerpt, defaulting to null", () => {
    const e = new ApiError({ provider: "onepin", status: 429, message: "slow down", code: "RATE_LIMITED", retryAfterMs: 2000 });
    expect(e).toMatchObject({
      status: 429,
      code: "RATE_LIMITED",
      requestId: null,
      retryAfterMs: 2000,
      excerpt: null,
      attempts: 1,
    });
  });

  it("retryable: network errors, 408, 425, 429 and 5xx; not other 4xx, nor a 2xx that cannot be read", () => {
    for (const s of [408, 425, 429, 500, 502, 503, 504, 599]) expect(isRetryableStatus(s)).toBe(true);
    for (const s of [400, 401, 402, 403, 404, 409, 410, 422, 426]) expect(isRetryableStatus(s)).toBe(false);
    expect(new ApiError({ provider: "p", status: 503, message: "" }).retryable).toBe(true);
    expect(new ApiError({ provider: "p", status: 401, message: "" }).retryable).toBe(false);
    expect(new InvalidResponseError({ provider: "p", status: 500, message: "" }).retryable).toBe(false);
    expect(new TransportError("p", "reset").retryable).toBe(true);
  });

  it("JSON is plain data: fields and the last run, never the cause (which may hold a request)", () => {
    const cause = { request: { headers: { authorization: `Bearer ${SECRET}` } } };
    const e = new TransportError("onepin", "network error (ECONNRESET): socket hang up", cause);
    e.lastRun = makeRun({ provider: "onepin", ids: ["wf", "r1"], state: "running", providerStatus: "running" });
    const json = JSON.parse(JSON.stringify(e));
    expect(json).toMatchObject({
      name: "TransportError",
      kind: "transport",
      message: "onepin: network error (ECONNRESET): socket hang up",
      provider: "onepin",
      attempts: 1,
      lastRun: { ref: "onepin:wf/r1", state: "running" },
    });
    expect(json).not.toHaveProperty("cause");
    expect(JSON.stringify(e)).not.toContain(SECRET);
    expect(String(e)).not.toContain(SECRET);
    // The cause stays reachable in code as a sanitized copy: no request, no headers.
    expect(e.cause).toBeInstanceOf(Error);
    expect(e.cause).not.toHaveProperty("request");
    expect(inspect(e, { depth: Number.POSITIVE_INFINITY })).not.toContain(SECRET);
  });

  it("UnsupportedError names the operation; UnknownStateError keeps the raw status", () => {
    expect(new UnsupportedError("wondercat", "pause").operation).toBe("pause");
    expect(new UnknownStateError("wondercat", "stalled", 2).providerStatus).toBe("stalled");
  });
});

describe("redact and excerptOf", () => {
  it("redact replaces every occurrence of each secret", () => {
    expect(redact(`a ${SECRET} b ${SECRET}`, [SECRET])).toBe("a [redacted] b [redacted]");
  });

  it("redact skips missing and very short secrets (a 1-3 character 'key' would shred the text)", () => {
    expect(redact("abc abc", [null, undefined, "", "abc"])).toBe("abc abc");
    expect(redact("abcd", ["abcd"])).toBe("[redacted]");
  });

  it("excerptOf is one line, redacted, and cut at max with an ellipsis", () => {
    expect(excerptOf(`{\n  "key": "${SECRET}",\n\t"x": 1 }`, [SECRET])).toBe('{ "key": "[redacted]", "x": 1 }');
    const long = "x".repeat(500);
    expect(excerptOf(long)).toBe(`${"x".repeat(200)}…`);
    expect(excerptOf(long, [], 10)).toBe(`${"x".repeat(10)}…`);
    expect(excerptOf("  short  ")).toBe("short");
  });

  it("a secret cut in half by the length limit is redacted first, so no part of it shows", () => {
    const text = `${"y".repeat(190)}${SECRET}`;
    expect(excerptOf(text, [SECRET])).not.toContain(SECRET.slice(0, 10));
  });
});

describe("redaction and caps", () => {
  it("redacts a secret raw, JSON-escaped (with and without \\/) and percent-encoded", () => {
    const key = 'sk/live"0123\\4567';
    const json = JSON.stringify(key).slice(1, -1);
    for (const form of [key, json, json.replaceAll("/", "\\/"), encodeURIComponent(key)]) {
      expect(redact(`a ${form} b`, [key])).toBe("a [redacted] b");
    }
  });

  it("an excerpt of a huge body is short and holds no secret, even one cut by the read window", () => {
    const key = "sk_live_0123456789abcdef";
    // Whitespace is folded after the read window is cut: spaces bring a secret cut at the window's end into view.
    for (let spaces = 1000; spaces < 1500; spaces += 7) {
      const text = `${" ".repeat(spaces)}${key}${"x".repeat(1_000_000)}`;
      const ex = excerptOf(text, [key]);
      expect(ex.length).toBeLessThanOrEqual(201);
      expect(ex).not.toContain(key.slice(0, 8));
    }
  });

  it("messages are capped at 2,000 characters", () => {
    expect(new UsageError("x".repeat(1_000_000)).message).toHaveLength(2000);
  });

  it("kind narrows the union: api → ApiError, transport → TransportError", () => {
    const err: unknown = new ApiError({ provider: "p", status: 503, message: "m" });
    if (!RunStatusError.is(err)) throw new Error("not a RunStatusError");
    if (err.kind === "api") expect(err.status).toBe(503);
    else throw new Error("expected kind api");
  });
});
