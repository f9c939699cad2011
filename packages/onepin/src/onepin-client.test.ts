import { readFileSync } from "node:fs";
import { UsageError } from "@runstatus/core";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { SPEC } from "./generated/spec.js";
import { createOnePinClient, DEFAULT_BASE_URL } from "./onepin-client.js";
import { readOnePinError } from "./onepin-error.js";

const KEY = "op_live_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6";
const WF = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
const specText = readFileSync(new URL("../../../specs/onepin.yaml", import.meta.url), "utf8");

function capture() {
  const seen: Request[] = [];
  const fetch = async (req: Request) => {
    seen.push(req);
    return new Response(
      JSON.stringify({ data: [], meta: { request_id: "r", timestamp: "t" }, pagination: { limit: 1, total: 0 } }),
      {
        status: 200,
        headers: { "content-type": "application/json" },
      },
    );
  };
  return { fetch, seen };
}

describe("createOnePinClient", () => {
  it("defaults to the spec's servers[0].url and records which spec it was generated from", () => {
    const spec = parse(specText) as { servers: { url: string }[]; info: { version: string } };
    expect(DEFAULT_BASE_URL).toBe(spec.servers[0]?.url);
    expect(SPEC.file).toBe("specs/onepin.yaml");
    expect(SPEC.version).toBe(spec.info.version);
  });

  it("sends the key as a bearer token and serializes the list query as documented", async () => {
    const { fetch, seen } = capture();
    const client = createOnePinClient({ apiKey: KEY, fetch });
    const { data, error } = await client.GET("/api/v1/workflows/{workflow_id}/runs", {
      params: {
        path: { workflow_id: WF },
        query: { status: "running,paused", limit: 10, offset: 20, sort: "status", order: "asc" },
      },
    });
    expect(error).toBeUndefined();
    expect(data?.pagination.total).toBe(0);
    const url = new URL(seen[0]?.url ?? "");
    expect(`${url.origin}${url.pathname}`).toBe(`https://api.onepin.ai/api/v1/workflows/${WF}/runs`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      status: "running,paused",
      limit: "10",
      offset: "20",
      sort: "status",
      order: "asc",
    });
    expect(seen[0]?.headers.get("authorization")).toBe(`Bearer ${KEY}`);
  });

  it("a baseUrl override replaces the server URL only; the documented paths are appended unchanged", async () => {
    const { fetch, seen } = capture();
    const client = createOnePinClient({ apiKey: KEY, fetch, baseUrl: "http://127.0.0.1:4010/mock/" });
    await client.GET("/api/v1/workflows/{workflow_id}/runs/summary", { params: { path: { workflow_id: WF } } });
    expect(seen[0]?.url).toBe(`http://127.0.0.1:4010/mock/api/v1/workflows/${WF}/runs/summary`);
  });

  it("workspaceId becomes X-Workspace-Id", async () => {
    const { fetch, seen } = capture();
    await createOnePinClient({ apiKey: KEY, fetch, workspaceId: "ws-1" }).GET("/api/v1/workflows/{workflow_id}/runs", {
      params: { path: { workflow_id: WF } },
    });
    expect(seen[0]?.headers.get("x-workspace-id")).toBe("ws-1");
  });

  it("bad options throw a UsageError naming the option, never echoing the key", () => {
    const cases: [unknown, RegExp][] = [
      [undefined, /options are required/],
      [{}, /apiKey/],
      [{ apiKey: "" }, /apiKey/],
      [{ apiKey: KEY, baseUrl: "/relative" }, /baseUrl/],
      [{ apiKey: KEY, baseUrl: "ftp://api.onepin.ai" }, /baseUrl/],
      [{ apiKey: KEY, baseUrl: `https://u:${KEY}@api.onepin.ai` }, /baseUrl/],
      [{ apiKey: KEY, fetch: "nope" }, /fetch/],
      [{ apiKey: KEY, workspaceId: "" }, /workspaceId/],
    ];
    for (const [options, message] of cases) {
      let caught: unknown;
      try {
        createOnePinClient(options as never);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(UsageError);
      expect((caught as Error).message).toMatch(message);
      expect(String(caught)).not.toContain(KEY);
    }
  });
});

describe("readOnePinError", () => {
  it("reads the envelope, FastAPI detail lists, FastAPI detail strings and flat bodies", () => {
    expect(
      readOnePinError({ error: { code: "NOT_FOUND", message: "Run not found." }, meta: { request_id: "req_1" } }, 404),
    ).toEqual({
      code: "NOT_FOUND",
      message: "Run not found.",
      requestId: "req_1",
      retryAfterMs: null,
    });
    expect(readOnePinError({ detail: [{ loc: ["body", "script_text"], msg: "Field required", type: "missing" }] }, 422)).toEqual({
      code: "VALIDATION_ERROR",
      message: "body.script_text: Field required",
      requestId: null,
      retryAfterMs: null,
    });
    expect(readOnePinError({ detail: "Not Found" }, 404)).toMatchObject({ code: null, message: "Not Found" });
    expect(readOnePinError({ code: "RATE_LIMITED", message: "slow down" }, 429)).toMatchObject({
      code: "RATE_LIMITED",
      message: "slow down",
    });
  });

  it("tolerates odd bodies without throwing", () => {
    for (const body of [
      undefined,
      null,
      "text",
      42,
      [],
      { error: "flat string" },
      { error: { details: "x" } },
      { detail: [1, null] },
    ]) {
      expect(() => readOnePinError(body, 500)).not.toThrow();
    }
    expect(readOnePinError({ error: { code: 5, message: ["x"] } }, 500)).toMatchObject({ code: null, message: null });
  });
});
