import { afterEach, describe, expect, it, vi } from "vitest";
import {
  checkApiKey,
  checkBaseUrl,
  createProviderClient,
  oneRequestOptions,
  type ProviderClientSpec,
  safePathSerializer,
} from "./client.js";
import { UsageError } from "./errors.js";
import { guardedResponse } from "./guarded-fetch.js";

const SECRET = "sk_live_0123456789abcdef";

const SPEC: ProviderClientSpec = {
  provider: "prov",
  factory: "createProvClient",
  defaultBaseUrl: "https://api.prov.test/api/v1",
  authHeaders: (k) => ({ "x-prov-key": k }),
};

type Paths = Record<string, never>;

/** A client over a fake fetch that records each request and answers 200 `{}`. */
function client(extra: Record<string, unknown> = {}) {
  const seen: Request[] = [];
  const c = createProviderClient<Paths>(SPEC, {
    apiKey: SECRET,
    fetch: async (req) => {
      seen.push(req);
      return new Response("{}", { status: 200, headers: { "content-type": "application/json" } });
    },
    ...extra,
  });
  // biome-ignore lint/suspicious/noExplicitAny: untyped paths are enough to see the URL and headers
  return { c: c as any, seen };
}

function usage(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (e) {
    if (e instanceof UsageError) return e;
    throw e;
  }
  throw new Error("expected a UsageError");
}

describe("createProviderClient", () => {
  it("sends the provider's auth header to the spec's server URL, paths appended", async () => {
    const { c, seen } = client();
    await c.GET("/runs/{id}", { params: { path: { id: "r1" } } });
    expect(seen[0]?.url).toBe("https://api.prov.test/api/v1/runs/r1");
    expect(seen[0]?.headers.get("x-prov-key")).toBe(SECRET);
  });

  it("a base URL override replaces the server URL only (a trailing slash is dropped)", async () => {
    const { c, seen } = client({ baseUrl: "http://127.0.0.1:4010/prov/" });
    await c.GET("/runs/{id}", { params: { path: { id: "r1" } } });
    expect(seen[0]?.url).toBe("http://127.0.0.1:4010/prov/runs/r1");
  });

  it("extra headers are sent, but cannot replace the auth header", async () => {
    const { c, seen } = client({ headers: { "x-workspace": "w1", "x-prov-key": "other" } });
    await c.GET("/x");
    expect(seen[0]?.headers.get("x-workspace")).toBe("w1");
    expect(seen[0]?.headers.get("x-prov-key")).toBe(SECRET);
  });

  it("middleware runs on every request, in order", async () => {
    const order: string[] = [];
    const { c } = client({
      middleware: [{ onRequest: () => void order.push("a") }, { onRequest: () => void order.push("b") }],
    });
    await c.GET("/x");
    expect(order).toEqual(["a", "b"]);
  });

  it.each([
    ["no options", undefined, /createProvClient: options are required/],
    ["no key", {}, /createProvClient: `apiKey` is required and must be a non-empty string/],
    ["an empty key", { apiKey: "" }, /`apiKey` is required/],
    ["a blank key", { apiKey: "   " }, /`apiKey` is required/],
    ["a key that is not a string", { apiKey: 42 }, /`apiKey` is required/],
    ["a fetch that is not a function", { apiKey: SECRET, fetch: "fetch" }, /createProvClient: `fetch` must be a function/],
  ])("%s is a UsageError naming the option", (_what, options, message) => {
    expect(usage(() => createProviderClient(SPEC, options as never)).message).toMatch(message);
  });
});

describe("checkBaseUrl and checkApiKey", () => {
  it("accept absolute http(s) URLs, without trailing slashes", () => {
    expect(checkBaseUrl("https://api.test/v1/", "f")).toBe("https://api.test/v1");
    expect(checkBaseUrl("http://127.0.0.1:4010", "f")).toBe("http://127.0.0.1:4010");
  });

  // The wording may change; each message names the option and the reason.
  it.each([
    ["", /""/],
    [undefined, /nothing/],
    [42, /number/],
    ["/relative/path", /does not parse as a URL/],
    ["ftp://files.test", /"ftp:"/],
    ["https://api.test/?x=1", /query or fragment/],
    ["https://api.test/#frag", /query or fragment/],
    ["https://user:pass@api.test/", /credentials/],
  ])("refuse %j with a UsageError", (value, reason) => {
    const message = usage(() => checkBaseUrl(value, "f")).message;
    expect(message).toMatch(/^f: `baseUrl` must be an absolute http\(s\) URL/);
    expect(message).toMatch(reason);
  });

  it("never echo a value that does not parse (it may be a key pasted into the wrong option)", () => {
    const err = usage(() => checkBaseUrl(SECRET, "f"));
    expect(String(err)).not.toContain(SECRET);
    expect(String(usage(() => checkBaseUrl(`https://u:${SECRET}@api.test`, "f")))).not.toContain(SECRET);
  });

  it("checkApiKey returns the key and never prints it", () => {
    expect(checkApiKey(SECRET, "f")).toBe(SECRET);
    expect(String(usage(() => checkApiKey(" ", "f")))).toBe("UsageError: f: `apiKey` is required and must be a non-empty string");
    // fetch would refuse such a header with a message that quotes it: refused here, key not echoed.
    for (const bad of [`${SECRET}\n`, `a\r\n${SECRET}`, `${SECRET}\u0000`]) {
      const e = usage(() => checkApiKey(bad, "f"));
      expect(e.message).toMatch(/control character/);
      expect(JSON.stringify(e)).not.toContain(SECRET);
    }
  });
});

describe("safePathSerializer: an id stays inside its own path segment", () => {
  const serialize = safePathSerializer("prov");

  it("percent-encodes what a segment may carry", () => {
    expect(serialize("/runs/{id}", { id: "a b:c@d" })).toBe("/runs/a%20b%3Ac%40d");
    expect(serialize("/w/{wf}/runs/{id}", { wf: "wf-1", id: 12345 })).toBe("/w/wf-1/runs/12345");
    expect(serialize("/runs/{id}", { id: "...x" })).toBe("/runs/...x");
  });

  it.each([["../admin"], ["a/b"], ["a?b=1"], ["a#b"], ["a\\b"], ["."], [".."], [""], ["a\nb"], ["a\u0000b"], ["a\u007fb"]])(
    "refuses %j",
    (id) => {
      const err = usage(() => serialize("/runs/{id}", { id }));
      expect(err.message).toMatch(/^prov: path parameter "id" must be a non-empty id without/);
      expect(err.provider).toBe("prov");
    },
  );

  it("refuses a missing parameter", () => {
    expect(() => serialize("/runs/{id}", {})).toThrow(UsageError);
    expect(() => serialize("/runs/{id}", { id: null })).toThrow(UsageError);
  });

  it("a refused id never becomes a request", async () => {
    const { c, seen } = client();
    await expect(c.GET("/runs/{id}", { params: { path: { id: "../../admin" } } })).rejects.toThrow(UsageError);
    expect(seen).toEqual([]);
  });
});

describe("one Request per call", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  /** Counts the Requests built, and hands the global fetch's arguments to `sent`. */
  function countRequests() {
    const built = { count: 0 };
    const RealRequest = globalThis.Request;
    vi.stubGlobal(
      "Request",
      class extends RealRequest {
        constructor(input: RequestInfo | URL, init?: RequestInit) {
          super(input, init);
          built.count++;
        }
      },
    );
    const sent: [unknown, RequestInit | undefined][] = [];
    vi.stubGlobal("fetch", async (input: unknown, init?: RequestInit) => {
      sent.push([input, init]);
      return new Response('{"ok":true}', { status: 200, headers: { "content-type": "application/json" } });
    });
    return { built, sent };
  }

  it("with the global fetch and no middleware, the URL and init go to fetch, which builds the only Request", async () => {
    const { built, sent } = countRequests();
    const c = createProviderClient<Paths>(
      { ...SPEC, requestUrl: (u) => u.replace("/runs/", "/r/") },
      { apiKey: SECRET, headers: { "x-a": "1" } },
    );
    // biome-ignore lint/suspicious/noExplicitAny: untyped paths are enough to see the URL and headers
    const res = await (c as any).GET("/runs/{id}", { params: { path: { id: "x 1" } }, parseAs: "text", ...oneRequestOptions(c) });
    // The guard has read the body once; openapi-fetch leaves it alone.
    expect(guardedResponse(res.response)?.text).toBe('{"ok":true}');
    expect(res.response.bodyUsed).toBe(true);
    expect(built.count).toBe(0);
    expect(sent).toHaveLength(1);
    const [url, init] = sent[0] ?? [];
    expect(url).toBe("https://api.prov.test/api/v1/r/x%201");
    expect(init?.method).toBe("GET");
    expect(new Headers(init?.headers).get("x-prov-key")).toBe(SECRET);
    expect(new Headers(init?.headers).get("x-a")).toBe("1");
  });

  it("a caller's fetch gets a built Request; with middleware, the runtime's fetch gets the rewritten URL", async () => {
    expect(oneRequestOptions(createProviderClient<Paths>(SPEC, { apiKey: SECRET, fetch: async () => new Response("{}") }))).toBe(
      undefined,
    );
    const { sent } = countRequests();
    const seen: string[] = [];
    const withMiddleware = createProviderClient<Paths>(
      { ...SPEC, requestUrl: (u) => `${u}?rewritten=1` },
      { apiKey: SECRET, middleware: [{ onRequest: ({ request }) => void seen.push(request.url) }] },
    );
    expect(oneRequestOptions(withMiddleware)).toBeUndefined();
    // biome-ignore lint/suspicious/noExplicitAny: untyped paths are enough to see the URL
    await (withMiddleware as any).GET("/runs", {});
    expect(seen).toEqual(["https://api.prov.test/api/v1/runs?rewritten=1"]);
    expect(sent[0]?.[0]).toBe("https://api.prov.test/api/v1/runs?rewritten=1");
  });

  it("on the one-Request path an error answer is rebuilt with its body, which openapi-fetch reads as the error", async () => {
    vi.stubGlobal("fetch", async () => new Response('{"error":"busy"}', { status: 503, statusText: "Busy" }));
    const c = createProviderClient<Paths>(SPEC, { apiKey: SECRET });
    // biome-ignore lint/suspicious/noExplicitAny: untyped paths are enough to see the answer
    const res = await (c as any).GET("/runs", { parseAs: "text", ...oneRequestOptions(c) });
    expect(res.response.status).toBe(503);
    expect(res.response.statusText).toBe("Busy");
    expect(res.error).toEqual({ error: "busy" });
    expect(guardedResponse(res.response)?.text).toBe('{"error":"busy"}');
  });

  it("with middleware, the response it sees still carries the body, read once by the guard", async () => {
    countRequests();
    const bodies: string[] = [];
    const c = createProviderClient<Paths>(SPEC, {
      apiKey: SECRET,
      middleware: [{ onResponse: async ({ response }) => void bodies.push(await response.clone().text()) }],
    });
    // biome-ignore lint/suspicious/noExplicitAny: untyped paths are enough to see the body
    const res = await (c as any).GET("/runs", { parseAs: "text" });
    expect(bodies).toEqual(['{"ok":true}']);
    expect(res.data).toBe('{"ok":true}');
  });

  it("middleware added later turns the one-Request path off", () => {
    const c = createProviderClient<Paths>(SPEC, { apiKey: SECRET });
    expect(oneRequestOptions(c)).toBeDefined();
    c.use({ onRequest: () => undefined });
    expect(oneRequestOptions(c)).toBeUndefined();
  });
});

describe("API key check", () => {
  it("a key that cannot be sent as a header value is a UsageError at creation, naming the option, never the value", () => {
    for (const key of ["sk_\u0100_live_key", "sk_live\u00a0ok\u2028x", "sk\nlive", "sk_😀_live"]) {
      const create = () => createProviderClient(SPEC, { apiKey: key });
      expect(create).toThrow(UsageError);
      expect(create).toThrow(/`apiKey` contains a character that cannot be sent in an HTTP header/);
      expect(usage(create).message).not.toContain(key);
    }
    expect(() => createProviderClient(SPEC, { apiKey: "sk_live_\u00e9t\u00e9" })).not.toThrow();
  });

  it("maxResponseBytes must be a positive whole number", () => {
    for (const bad of [0, -1, 1.5, Number.NaN, "10"]) {
      expect(() => createProviderClient(SPEC, { apiKey: SECRET, maxResponseBytes: bad as number })).toThrow(
        /`maxResponseBytes` must be/,
      );
    }
  });
});
