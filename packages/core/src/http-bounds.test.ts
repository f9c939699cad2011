import { describe, expect, it } from "vitest";
import { ApiError, InvalidResponseError } from "./errors.js";
import { guardedFetch } from "./guarded-fetch.js";
import { type ApiCallOptions, callApi, type ProviderErrorInfo, parseHintValue } from "./http.js";

const KEY = "sk_live_0123456789abcdef";
const opts = (extra: Partial<ApiCallOptions> = {}): ApiCallOptions => ({
  provider: "prov",
  secrets: [KEY],
  now: () => 0,
  ...extra,
});
const fail = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a rejection");
    },
    (e: unknown) => e,
  );

describe("callApi: readError sees only bodies that are JSON", () => {
  it("an HTTP error whose body is not JSON is explained by its status text, without calling readError", async () => {
    const seen: unknown[] = [];
    const readError = (body: unknown): ProviderErrorInfo => {
      seen.push(body);
      return { message: "from the body", code: "E_BODY" };
    };
    const send = async () => ({
      data: "<html>Bad Gateway</html>",
      response: new Response(null, { status: 502, statusText: "Bad Gateway" }),
    });
    const err = await fail(callApi(opts({ readError }), send));
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).toBe("prov: HTTP 502: Bad Gateway");
    expect((err as ApiError).code).toBeNull();
    expect((err as ApiError).excerpt).toBe("<html>Bad Gateway</html>");
    expect(seen).toEqual([]);
  });

  it("a readError that returns nothing leaves the status text as the message", async () => {
    const readError = (() => undefined) as unknown as ApiCallOptions["readError"];
    const send = async () => ({ data: '{"x":1}', response: new Response(null, { status: 500, statusText: "Oops" }) });
    const err = await fail(callApi(opts({ readError }), send));
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).toBe("prov: HTTP 500: Oops");
  });
});

describe("callApi: a body the caller's send already parsed", () => {
  it("a parsed 2xx body is the result, and its JSON text is kept", async () => {
    const res = await callApi(opts(), async () => ({
      data: { status: "ok", n: 1 },
      response: new Response(null, { status: 200 }),
    }));
    expect(res.body).toEqual({ status: "ok", n: 1 });
    expect(res.text).toBe('{"status":"ok","n":1}');
  });

  it("a parsed error body reaches readError and the excerpt", async () => {
    const readError = (body: unknown): ProviderErrorInfo => ({ message: (body as { error: string }).error });
    const send = async () => ({ error: { error: "quota spent" }, response: new Response(null, { status: 400 }) });
    const err = await fail(callApi(opts({ readError }), send));
    expect((err as ApiError).message).toBe("prov: HTTP 400: quota spent");
    expect((err as ApiError).excerpt).toBe('{"error":"quota spent"}');
  });

  it("no body at all on a 200 is an empty-body InvalidResponseError", async () => {
    const err = await fail(callApi(opts(), async () => ({ response: new Response(null, { status: 200 }) })));
    expect(err).toBeInstanceOf(InvalidResponseError);
    expect((err as InvalidResponseError).message).toBe("prov: HTTP 200: empty response body where JSON was expected");
    expect((err as InvalidResponseError).excerpt).toBeNull();
  });

  it("a parsed body that cannot be serialized (a cycle) counts as empty", async () => {
    const data: Record<string, unknown> = { a: 1 };
    data.self = data;
    const err = await fail(callApi(opts(), async () => ({ data, response: new Response(null, { status: 200 }) })));
    expect(err).toBeInstanceOf(InvalidResponseError);
    expect((err as InvalidResponseError).message).toBe("prov: HTTP 200: empty response body where JSON was expected");
  });
});

describe("callApi: a stray 404 and the URL it names", () => {
  const stray = async (url: string) => {
    const guard = { provider: "prov", maxResponseBytes: 1 << 20, secrets: [KEY] };
    const response = await guardedFetch(url, {}, async () => new Response("nope", { status: 404 }), guard);
    return fail(callApi(opts(), async () => ({ data: "nope", response })));
  };

  it("names the origin and path asked, without the query", async () => {
    const err = await stray(`http://api.test/v1/runs/1?key=${KEY}#frag`);
    expect((err as Error).message).toBe(
      "prov: HTTP 404: Not Found, and the answer is not prov's error shape: the base URL may be wrong (asked http://api.test/v1/runs/1)",
    );
  });

  it("a URL that cannot be parsed is not echoed", async () => {
    const err = await stray(`runs/1?key=${KEY}`);
    expect((err as Error).message).toBe(
      "prov: HTTP 404: Not Found, and the answer is not prov's error shape: the base URL may be wrong (asked )",
    );
  });
});

describe("parseHintValue: text before an ISO date", () => {
  it("is not read, even where the runtime's lenient Date.parse would take it", () => {
    // Date.parse reads "0(2026-…" as a date in the past, which would give a hint of 0.
    expect(Number.isNaN(Date.parse("0(2026-01-01T00:00:10Z"))).toBe(false);
    expect(parseHintValue("0(2026-01-01T00:00:10Z", Date.parse("2026-01-01T00:00:00Z"))).toBeNull();
    expect(parseHintValue("2026-01-01T00:00:10Z", Date.parse("2026-01-01T00:00:00Z"))).toBe(10_000);
  });
});
