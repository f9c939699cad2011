import { getEventListeners } from "node:events";
import { rejectionOf } from "@runstatus/test-utils";
import { describe, expect, it } from "vitest";
import { ApiError, InvalidResponseError, TransportError } from "./errors.js";
import { type GuardOptions, guardedFetch, guardedResponse } from "./guarded-fetch.js";

const URL0 = "https://api.example.test/v1/runs?x=1";
const opts = (maxResponseBytes = 1024): GuardOptions => ({ provider: "prov", maxResponseBytes, secrets: ["sk_secret_1"] });

interface Sent {
  url: string;
  method: string | undefined;
  body: unknown;
  headers: Headers;
}

/** A send that answers each request in turn and records what went out. */
function sender(...answers: ((url: string) => Response)[]) {
  const sent: Sent[] = [];
  let i = 0;
  const send = async (url: string, init: RequestInit) => {
    sent.push({ url, method: init.method, body: init.body, headers: new Headers(init.headers) });
    const answer = answers[Math.min(i++, answers.length - 1)] as (url: string) => Response;
    return answer(url);
  };
  return { send, sent };
}

const redirect =
  (status: number, location: string, body: string | null = null) =>
  () =>
    new Response(body, { status, headers: { location } });
const ok =
  (text = "{}") =>
  () =>
    new Response(text, { status: 200 });

/** A Response whose read-only fields say what a caller's fetch may return. */
function faked(fields: Partial<Record<"status" | "type" | "statusText", unknown>>, body: string | null = null): Response {
  const res = new Response(body, { status: 200 });
  for (const [k, v] of Object.entries(fields)) Object.defineProperty(res, k, { value: v });
  return res;
}

describe("guardedFetch: how a redirect is followed", () => {
  const post = { method: "POST", body: '{"a":1}', headers: { "content-type": "application/json", "x-key": "k" } };

  it.each([
    [303, "POST", "GET"],
    [303, "PUT", "GET"],
    [301, "POST", "GET"],
    [302, "post", "GET"],
    [301, "PUT", "PUT"],
    [302, "DELETE", "DELETE"],
    [307, "POST", "POST"],
    [308, "POST", "POST"],
  ])("a %i after a %s is followed as a %s", async (status, method, then) => {
    const s = sender(redirect(status, "/v1/next"), ok());
    const res = await guardedFetch(URL0, { ...post, method }, s.send, opts());
    expect(res.status).toBe(200);
    expect(s.sent.map((q) => q.url)).toEqual([URL0, "https://api.example.test/v1/next"]);
    const second = s.sent[1] as Sent;
    expect(second.headers.get("x-key")).toBe("k");
    if (then === "GET") {
      expect([second.method, second.body, second.headers.get("content-type")]).toEqual(["GET", null, null]);
    } else {
      expect([second.method, second.body, second.headers.get("content-type")]).toEqual([method, post.body, "application/json"]);
    }
  });

  it("a request without a method stays a GET after a 302", async () => {
    const s = sender(redirect(302, "/v1/next"), ok());
    await guardedFetch(URL0, {}, s.send, opts());
    expect(s.sent.map((q) => q.method)).toEqual([undefined, undefined]);
  });

  it("five same-origin redirects are followed; the sixth is refused", async () => {
    const five = sender(...Array.from({ length: 5 }, (_, n) => redirect(307, `/v1/hop${n}`)), ok("done"));
    const res = await guardedFetch(URL0, {}, five.send, opts());
    expect(guardedResponse(res)).toEqual({ text: "done", url: "https://api.example.test/v1/hop4" });
    const six = sender(...Array.from({ length: 6 }, (_, n) => redirect(307, `/v1/hop${n}`)), ok());
    const err = await rejectionOf(guardedFetch(URL0, {}, six.send, opts()));
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).toBe("prov: HTTP 307: redirected more than 5 times; not followed");
    expect(six.sent).toHaveLength(6);
  });

  it("a redirect whose target the runtime hides is refused", async () => {
    const s = sender(() => faked({ type: "opaqueredirect", status: 0 }));
    const err = await rejectionOf(guardedFetch(URL0, {}, s.send, opts()));
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).toBe("prov: HTTP 0: redirected to a target the runtime does not show; not followed");
  });

  it("a 300 with a Location is an answer, not a redirect", async () => {
    const s = sender(redirect(300, "/v1/other", "choices"));
    const res = await guardedFetch(URL0, {}, s.send, opts());
    expect(res.status).toBe(300);
    expect(s.sent).toHaveLength(1);
  });
});

describe("guardedFetch: a failure to send", () => {
  const failing = (err: unknown) => async () => {
    throw err;
  };
  const chain = (depth: number, at: Record<string, unknown>) => {
    let e: Record<string, unknown> = { message: "fetch failed", ...(depth === 0 ? at : {}) };
    const top = e;
    for (let i = 1; i <= depth; i++) {
      const next: Record<string, unknown> = i === depth ? { ...at } : { message: "" };
      e.cause = next;
      e = next;
    }
    return top;
  };

  it("names the host, the first code down the cause chain and the innermost message", async () => {
    const err = chain(2, { code: "ECONNREFUSED", message: "connect ECONNREFUSED 10.0.0.1:443" });
    const e = await rejectionOf(guardedFetch(URL0, {}, failing(err), opts()));
    expect(e).toBeInstanceOf(TransportError);
    expect((e as Error).message).toBe(
      "prov: network error reaching api.example.test (ECONNREFUSED): connect ECONNREFUSED 10.0.0.1:443",
    );
  });

  it("looks five errors deep, no further; empty or non-text codes are skipped", async () => {
    const at4 = await rejectionOf(guardedFetch(URL0, {}, failing(chain(4, { code: "EPIPE", message: "deep" })), opts()));
    expect((at4 as Error).message).toBe("prov: network error reaching api.example.test (EPIPE): deep");
    const at5 = await rejectionOf(guardedFetch(URL0, {}, failing(chain(5, { code: "EPIPE", message: "deeper" })), opts()));
    expect((at5 as Error).message).toBe("prov: network error reaching api.example.test: fetch failed");
    const odd = { message: "outer", code: "", cause: { code: 7, cause: { code: "ETIMEDOUT", message: 5 } } };
    const e = await rejectionOf(guardedFetch(URL0, {}, failing(odd), opts()));
    expect((e as Error).message).toBe("prov: network error reaching api.example.test (ETIMEDOUT): outer");
  });

  it("a cause chain that loops ends", async () => {
    const loop: Record<string, unknown> = { message: "looping" };
    loop.cause = loop;
    const e = await rejectionOf(guardedFetch(URL0, {}, failing(loop), opts()));
    expect((e as Error).message).toBe("prov: network error reaching api.example.test: looping");
  });

  it("an error without a message is shown as text, cut at 300 characters, without the key", async () => {
    const e = await rejectionOf(guardedFetch(URL0, {}, failing(null), opts()));
    expect(e).toBeInstanceOf(TransportError);
    expect((e as Error).message).toBe("prov: network error reaching api.example.test: null");
    const long = await rejectionOf(guardedFetch(URL0, {}, failing(new Error(`sk_secret_1 ${"z".repeat(400)}`)), opts()));
    expect((long as Error).message).toBe(
      `prov: network error reaching api.example.test: ${`[redacted] ${"z".repeat(400)}`.slice(0, 300)}`,
    );
  });

  it.each(["AbortError", "TimeoutError"])("an %s passes through as it is", async (name) => {
    const abort = new DOMException("stopped", name);
    expect(await rejectionOf(guardedFetch(URL0, {}, failing(abort), opts()))).toBe(abort);
  });

  it("any error after the caller's signal aborted passes through as it is", async () => {
    const c = new AbortController();
    c.abort();
    const err = new Error("socket closed");
    expect(await rejectionOf(guardedFetch(URL0, { signal: c.signal }, failing(err), opts()))).toBe(err);
  });
});

describe("guardedFetch: the body cap", () => {
  const bytes =
    (n: number, headers: Record<string, string> = {}) =>
    () =>
      new Response("a".repeat(n), { status: 200, headers });

  it("a body of exactly the cap is read, declared or not", async () => {
    for (const headers of [{}, { "content-length": "16" }] as Record<string, string>[]) {
      const res = await guardedFetch(URL0, {}, sender(bytes(16, headers)).send, opts(16));
      expect(guardedResponse(res)?.text).toBe("a".repeat(16));
      expect(await res.text()).toBe("a".repeat(16));
    }
  });

  it("one byte over the cap is refused, declared or not", async () => {
    for (const headers of [{}, { "content-length": "17" }] as Record<string, string>[]) {
      const err = await rejectionOf(guardedFetch(URL0, {}, sender(bytes(17, headers)).send, opts(16)));
      expect(err).toBeInstanceOf(InvalidResponseError);
      expect((err as Error).message).toBe(
        "prov: HTTP 200: response body is larger than 16 bytes (the maxResponseBytes option); not read",
      );
    }
  });

  it("a declared length over the cap is refused even when the body is short or absent", async () => {
    const short = () => new Response("x", { status: 200, headers: { "content-length": "100" } });
    expect(await rejectionOf(guardedFetch(URL0, {}, sender(short).send, opts(16)))).toBeInstanceOf(InvalidResponseError);
    const none = () => new Response(null, { status: 200, headers: { "content-length": "100" } });
    expect(await rejectionOf(guardedFetch(URL0, {}, sender(none).send, opts(16)))).toBeInstanceOf(InvalidResponseError);
  });

  it("an answer without a body (204) is an empty answer", async () => {
    const res = await guardedFetch(URL0, {}, sender(() => new Response(null, { status: 204 })).send, opts());
    expect(res.status).toBe(204);
    expect(guardedResponse(res)?.text).toBe("");
  });
});

describe("guardedFetch: a caller's signal during the body", () => {
  /** A body that sends one chunk and then nothing, as a stalled server does. */
  const stalled = () =>
    new Response(
      new ReadableStream({
        start(c) {
          c.enqueue(new TextEncoder().encode("partial"));
        },
      }),
      { status: 200 },
    );

  it("an abort mid-body ends the read with the signal's reason, even when the caller's fetch ignores the signal", async () => {
    const c = new AbortController();
    const p = guardedFetch(URL0, { signal: c.signal }, sender(stalled).send, opts());
    await new Promise((r) => setTimeout(r, 10));
    const reason = new DOMException("user stopped", "AbortError");
    c.abort(reason);
    expect(await rejectionOf(p)).toBe(reason);
  });

  it("a read that ends leaves no listener on a shared signal", async () => {
    const c = new AbortController();
    for (let i = 0; i < 3; i++) await guardedFetch(URL0, { signal: c.signal }, sender(ok()).send, opts());
    expect(getEventListeners(c.signal, "abort")).toHaveLength(0);
  });
});

describe("guardedFetch: statuses a caller's fetch may return", () => {
  it.each([101, 600])("status %i is an InvalidResponseError", async (status) => {
    const err = await rejectionOf(guardedFetch(URL0, {}, sender(() => faked({ status })).send, opts()));
    expect(err).toBeInstanceOf(InvalidResponseError);
    expect((err as InvalidResponseError).status).toBe(status);
    expect((err as Error).message).toBe(`prov: HTTP ${status}: answered with an HTTP status outside 200-599`);
  });

  it.each([200, 599])("status %i is an answer", async (status) => {
    const res = await guardedFetch(URL0, {}, sender(() => new Response("x", { status })).send, opts());
    expect(res.status).toBe(status);
  });

  it("a reason phrase the Response constructor refuses is dropped; status and body stay", async () => {
    const res = await guardedFetch(
      URL0,
      {},
      sender(() => faked({ status: 404, statusText: "bad\nphrase" }, "body")).send,
      opts(),
    );
    expect([res.status, res.statusText, await res.text()]).toEqual([404, "", "body"]);
  });
});
