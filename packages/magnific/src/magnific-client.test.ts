import { readFileSync } from "node:fs";
import { UsageError } from "@runstatus/core";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { SPEC } from "./generated/spec.js";
import { createMagnificClient, DEFAULT_BASE_URL } from "./magnific-client.js";

const KEY = "mgk_live_SECRET_4f9a2b7c";
const specFile = new URL("../../../specs/magnific.yaml", import.meta.url);

describe("createMagnificClient", () => {
  it("defaults to the spec's servers[0].url, and the generated SPEC names that spec", () => {
    const spec = parse(readFileSync(specFile, "utf8")) as { servers: { url: string }[]; info: { version: string } };
    expect(DEFAULT_BASE_URL).toBe(spec.servers[0]?.url);
    expect(SPEC.file).toBe("specs/magnific.yaml");
    expect(SPEC.version).toBe(spec.info.version);
  });

  it("sends the key in x-magnific-api-key, with caller headers, to the documented path", async () => {
    const seen: Request[] = [];
    const client = createMagnificClient({
      apiKey: KEY,
      headers: { "x-trace": "t1" },
      fetch: async (req) => {
        seen.push(req);
        return Response.json({ data: { sqid: "uqzQLDr2Aw", name: "Sketch to Realism", inputs: [], tool_metadata: {} } });
      },
    });
    const { data, error } = await client.GET("/v1/ai/apps/{app-id}", { params: { path: { "app-id": "uqzQLDr2Aw" } } });
    expect(error).toBeUndefined();
    expect(data?.data.name).toBe("Sketch to Realism");
    expect(seen[0]?.url).toBe("https://api.magnific.com/v1/ai/apps/uqzQLDr2Aw");
    expect(seen[0]?.headers.get("x-magnific-api-key")).toBe(KEY);
    expect(seen[0]?.headers.get("x-trace")).toBe("t1");
  });

  it("does not let a caller header replace the key header", async () => {
    const seen: Request[] = [];
    const client = createMagnificClient({
      apiKey: KEY,
      headers: { "x-magnific-api-key": "other" },
      fetch: async (req) => {
        seen.push(req);
        return Response.json({ data: [] });
      },
    });
    await client.GET("/v1/ai/apps");
    expect(seen[0]?.headers.get("x-magnific-api-key")).toBe(KEY);
  });

  it.each([
    ["no options", undefined, "options"],
    ["a missing key", {}, "apiKey"],
    ["an empty key", { apiKey: "" }, "apiKey"],
    ["a relative base URL", { apiKey: KEY, baseUrl: "api.magnific.com" }, "baseUrl"],
    ["an ftp base URL", { apiKey: KEY, baseUrl: "ftp://api.magnific.com" }, "baseUrl"],
    ["a base URL with a query", { apiKey: KEY, baseUrl: "https://api.magnific.com/?x=1" }, "baseUrl"],
    ["a fetch that is not a function", { apiKey: KEY, fetch: "nope" }, "fetch"],
  ])("throws a UsageError naming the option for %s", (_name, options, option) => {
    const create = () => createMagnificClient(options as never);
    expect(create).toThrow(UsageError);
    expect(create).toThrow(option);
    expect(create).toThrow("createMagnificClient");
  });

  it("never echoes the key in an options error", () => {
    try {
      createMagnificClient({ apiKey: KEY, baseUrl: "ftp://x" });
      expect.unreachable();
    } catch (err) {
      expect(String(err)).not.toContain(KEY);
      expect(JSON.stringify(err)).not.toContain(KEY);
    }
  });
});
