import { rejectionOf } from "@runstatus/test-utils";
import type { Client } from "openapi-fetch";
import { describe, expect, it } from "vitest";
import { checkBaseUrl, createProviderClient, optionHeaders, safePathSerializer } from "./client.js";
import { TransportError, UsageError } from "./errors.js";

// biome-ignore lint/suspicious/noExplicitAny: an untyped client; the paths are not generated
type AnyClient = Client<any>;

const KEY = "sk_client_bounds_9";
const spec = {
  provider: "prov",
  factory: "createProvClient",
  defaultBaseUrl: "https://api.example.test",
  authHeaders: (k: string) => ({ "x-k": k }),
};

const usageOf = (f: () => unknown): UsageError => {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return err as UsageError;
  }
  throw new Error("expected a UsageError");
};

describe("checkBaseUrl: what is refused, and why", () => {
  const why = (value: unknown) => usageOf(() => checkBaseUrl(value, "f")).message;
  it.each([
    ["   ", 'got "   "'],
    [null, "got null"],
    ["https://user@api.example.test", "it carries credentials; pass `apiKey`"],
    ["https://:pw@api.example.test", "it carries credentials; pass `apiKey`"],
  ])("%j → (%s)", (value, reason) => {
    expect(why(value)).toBe(`f: \`baseUrl\` must be an absolute http(s) URL without query, fragment or credentials (${reason})`);
  });

  it("every trailing slash is dropped", () => {
    expect(checkBaseUrl("https://api.example.test/v1//", null)).toBe("https://api.example.test/v1");
  });
});

describe("optionHeaders", () => {
  it.each([[5], ["  "], ["a\nb"]])("an option value %j is a UsageError naming the option and its header", (value) => {
    const err = usageOf(() => optionHeaders({ workspace: value }, { workspace: "X-Workspace" }, "f"));
    expect(err.message).toBe("f: `workspace` must be a non-empty single-line string (sent as X-Workspace)");
  });
});

describe("safePathSerializer", () => {
  it("a refused id is shown by its first 60 characters", () => {
    const id = `a/${"b".repeat(100)}`;
    const err = usageOf(() => safePathSerializer("prov")("/runs/{id}", { id }));
    expect(err.message).toContain(`(got ${JSON.stringify(id.slice(0, 60))})`);
  });
});

describe("createProviderClient", () => {
  it.each([["key"], [null]])("options %j are a UsageError saying what is required", (options) => {
    expect(usageOf(() => createProviderClient(spec, options as never)).message).toBe(
      "createProvClient: options are required ({ apiKey, baseUrl?, fetch? })",
    );
  });

  it("a fetch failure that quotes the key is a TransportError without it", async () => {
    const client = createProviderClient(spec, {
      apiKey: KEY,
      fetch: async () => Promise.reject(new Error(`refused ${KEY}`)),
    }) as AnyClient;
    const err = await rejectionOf(client.GET("/runs", {}));
    expect(err).toBeInstanceOf(TransportError);
    expect((err as Error).message).toBe("prov: network error reaching api.example.test: refused [redacted]");
  });
});
