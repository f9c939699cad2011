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

describe("errors: naming the run, capping and sanitizing", () => {
  const KEY = "sk_live_0123456789abcdef";

  it("nameRun names the run once, and leaves aborts, usage errors and foreign errors as they are", async () => {
    const { nameRun, UsageError, UnsupportedError } = await import("./errors.js");
    const t = new TransportError("onepin", "network error");
    nameRun(t, "onepin:wf/1");
    nameRun(t, "onepin:wf/2");
    expect(t.ref).toBe("onepin:wf/1");
    expect(t.message).toBe("onepin: network error (run onepin:wf/1)");
    for (const e of [new AbortError("onepin"), new UsageError("bad id"), new UnsupportedError("onepin", "cancel")]) {
      const before = e.message;
      nameRun(e, "onepin:wf/1");
      expect(e.ref).toBeNull();
      expect(e.message).toBe(before);
    }
    const plain = new Error("boom");
    nameRun(plain, "onepin:wf/1");
    expect(plain.message).toBe("boom");
    expect(RunStatusError.is(plain)).toBe(false);
    expect(RunStatusError.is({ kind: "transport" })).toBe(false);
  });

  it("a message over 2000 characters is cut to exactly 2000, ending in …; one of 2000 is kept whole", () => {
    const long = new TransportError("p", "x".repeat(5000));
    expect(long.message).toHaveLength(2000);
    expect(long.message.endsWith("…")).toBe(true);
    const exact = new TransportError("p", "x".repeat(2000 - "p: ".length));
    expect(exact.message).toHaveLength(2000);
    expect(exact.message.endsWith("x")).toBe(true);
    expect(exact.name).toBe("TransportError");
  });

  it("an error without a cause has none; a transport cause is a sanitized copy without the key", () => {
    expect("cause" in new TransportError("p", "m")).toBe(false);
    const raw = Object.assign(new TypeError(`fetch failed for ${KEY}`), {
      code: "ECONNRESET",
      request: { headers: { authorization: KEY } },
      cause: Object.assign(new Error(`inner ${KEY}`), { code: 42, cause: new Error("deepest") }),
    });
    const err = new TransportError("p", "network error", raw, [KEY]);
    const c = err.cause as Error & { code?: string; cause?: Error & { code?: string; cause?: Error } };
    expect(c).not.toBe(raw);
    expect(c.name).toBe("TypeError");
    expect(c.message).toBe("fetch failed for [redacted]");
    expect(c.stack).toBe("TypeError: fetch failed for [redacted]");
    expect(c.code).toBe("ECONNRESET");
    expect("request" in c).toBe(false);
    expect(c.cause?.message).toBe("inner [redacted]");
    expect(c.cause?.code).toBe("42");
    expect(c.cause?.cause?.message).toBe("deepest");
    expect(JSON.stringify(inspect(err, { depth: 10 }))).not.toContain(KEY);
  });

  it("a cause chain is kept 4 levels deep, not more; a non-error cause becomes its text", () => {
    let chain: Error = new Error("level 5");
    for (let i = 4; i >= 1; i--) chain = new Error(`level ${i}`, { cause: chain });
    const c = new TransportError("p", "m", chain).cause as Error;
    const levels: string[] = [];
    for (let x: Error | undefined = c; x; x = x.cause as Error | undefined) levels.push(x.message);
    expect(levels).toEqual(["level 1", "level 2", "level 3", "level 4"]);
    const odd = new TransportError("p", "m", `socket ${KEY} hang up`, [KEY]).cause as Error & { code?: string };
    expect(odd).toMatchObject({ name: "Error", message: "socket [redacted] hang up" });
    expect(odd.code).toBeUndefined();
    const nameless = new TransportError("p", "m", { name: 5, message: null, code: {} }).cause as Error & { code?: string };
    expect(nameless).toMatchObject({ name: "Error", message: "" });
    expect(nameless.code).toBeUndefined();
  });

  it("excerptOf: a body of exactly `max` characters is whole; one longer is cut there with …", () => {
    expect(excerptOf("a".repeat(200))).toBe("a".repeat(200));
    expect(excerptOf("a".repeat(201))).toBe(`${"a".repeat(200)}…`);
    expect(excerptOf("  two\n\tlines  ")).toBe("two lines");
  });

  it("excerptOf of a huge body never shows a secret, even one straddling the part it reads", () => {
    for (const at of [150, 190, 1000, 1090, 1100, 5000]) {
      const text = `${"a".repeat(at)}${KEY}${"b".repeat(1_000_000)}`;
      const out = excerptOf(text, [KEY], 200);
      expect(out).not.toContain(KEY.slice(0, 8));
      expect(out.length).toBeLessThanOrEqual(201);
    }
    expect(excerptOf(`${"a".repeat(100)}${KEY}${"b".repeat(10_000)}`, [KEY], 200)).toBe(
      `${"a".repeat(100)}[redacted]${"b".repeat(90)}…`,
    );
  });
});

describe("errors: identity", () => {
  it("RunStatusError.is refuses undefined, primitives and look-alikes", () => {
    for (const v of [undefined, null, "transport", 1, { kind: "api" }]) expect(RunStatusError.is(v)).toBe(false);
    expect(RunStatusError.is(new AbortError("p"))).toBe(true);
  });

  it("an AbortError says it was aborted", () => {
    expect(new AbortError("p").message).toBe("aborted");
  });
});
