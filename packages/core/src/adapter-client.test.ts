import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type AdapterOptions, baseUrlEnvVar, createAdapterClient, readEnv } from "./adapter-client.js";
import { type BaseClientOptions, createProviderClient } from "./client.js";
import { UsageError } from "./errors.js";

const SECRET = "sk_live_0123456789abcdef";
const KEY_VAR = "RS_TEST_PROV_API_KEY";
const BASE_VAR = "RUNSTATUS_RSTESTPROV_BASE_URL";

let saved: Record<string, string | undefined>;
beforeEach(() => {
  saved = { [KEY_VAR]: process.env[KEY_VAR], [BASE_VAR]: process.env[BASE_VAR] };
  delete process.env[KEY_VAR];
  delete process.env[BASE_VAR];
});
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

/** A lazy client whose factory records the options it was built with. */
function lazy(opts: AdapterOptions = {}) {
  const built: BaseClientOptions[] = [];
  const create = (o: BaseClientOptions) => {
    built.push(o);
    return { client: built.length };
  };
  const l = createAdapterClient({ provider: "rstestprov", keyEnv: KEY_VAR, create }, opts);
  return { l, built };
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

describe("readEnv and baseUrlEnvVar", () => {
  it("an empty or blank variable counts as unset", () => {
    process.env[KEY_VAR] = "";
    expect(readEnv(KEY_VAR)).toBeUndefined();
    process.env[KEY_VAR] = "  ";
    expect(readEnv(KEY_VAR)).toBeUndefined();
    process.env[KEY_VAR] = "v";
    expect(readEnv(KEY_VAR)).toBe("v");
  });

  it("names the base URL variable after the provider", () => {
    expect(baseUrlEnvVar("onepin")).toBe("RUNSTATUS_ONEPIN_BASE_URL");
  });
});

describe("createAdapterClient", () => {
  it("without a key, composing works and the first use fails naming the variable and the option", () => {
    const { l, built } = lazy();
    const err = usage(() => l.client());
    expect(err.message).toBe(`missing API key for rstestprov: set ${KEY_VAR} or pass the apiKey option`);
    expect(err.provider).toBe("rstestprov");
    expect(built).toEqual([]);
    expect(l.secret()).toBeNull();
  });

  it("reads the key from the environment at first use, not at creation", () => {
    const { l, built } = lazy();
    process.env[KEY_VAR] = SECRET;
    expect(l.client()).toEqual({ client: 1 });
    expect(built).toEqual([{ apiKey: SECRET }]);
    expect(l.secret()).toBe(SECRET);
  });

  it("builds the client once", () => {
    const { l, built } = lazy({ apiKey: SECRET });
    expect(l.client()).toBe(l.client());
    expect(built).toHaveLength(1);
  });

  it("an explicit key wins over the environment", () => {
    process.env[KEY_VAR] = "from-env-key";
    const { l, built } = lazy({ apiKey: SECRET });
    l.client();
    expect(built[0]?.apiKey).toBe(SECRET);
  });

  it("an explicit empty key fails at once, naming the option and not the value", () => {
    expect(usage(() => lazy({ apiKey: "" })).message).toBe("rstestprov(): `apiKey` is required and must be a non-empty string");
  });

  it("base URL: the option, else the environment variable, else none (the client's default)", () => {
    process.env[KEY_VAR] = SECRET;
    process.env[BASE_VAR] = "http://127.0.0.1:4010/env/";
    const fromEnv = lazy();
    fromEnv.l.client();
    expect(fromEnv.built[0]?.baseUrl).toBe("http://127.0.0.1:4010/env");
    const fromOption = lazy({ baseUrl: "http://127.0.0.1:4010/opt" });
    fromOption.l.client();
    expect(fromOption.built[0]?.baseUrl).toBe("http://127.0.0.1:4010/opt");
    delete process.env[BASE_VAR];
    const none = lazy();
    none.l.client();
    expect(none.built[0]?.baseUrl).toBeUndefined();
  });

  it("a malformed base URL option fails at creation; a malformed variable at first use, naming the variable", () => {
    expect(usage(() => lazy({ baseUrl: "nope" })).message).toMatch(/^rstestprov\(\): `baseUrl` must be an absolute/);
    process.env[KEY_VAR] = "k";
    process.env[BASE_VAR] = SECRET;
    const { l, built } = lazy();
    const err = usage(() => l.client());
    expect(err.message).toMatch(new RegExp(`^${BASE_VAR} must be an absolute`));
    expect(String(err)).not.toContain(SECRET);
    expect(built).toEqual([]);
    // baseUrl: null ignores the variable.
    lazy({ baseUrl: null }).l.client();
  });

  it("reads the key and base URL from the `env` option instead of process.env when given", () => {
    process.env[KEY_VAR] = "from-process";
    const env = { [KEY_VAR]: SECRET, [BASE_VAR]: "http://127.0.0.1:9/e" };
    const { l, built } = lazy({ env });
    l.client();
    expect(built[0]).toMatchObject({ apiKey: SECRET, baseUrl: "http://127.0.0.1:9/e" });
    expect(built[0]).not.toHaveProperty("env");
    expect(usage(() => lazy({ env: {} }).l.client()).message).toContain(KEY_VAR);
  });

  it("keyTag tags the key without revealing it, the same before and after the first request", () => {
    const { l } = lazy({ env: { [KEY_VAR]: SECRET } });
    const before = l.keyTag();
    l.client();
    expect(l.keyTag()).toBe(before);
    expect(before).not.toContain(SECRET.slice(0, 6));
    expect(lazy({ apiKey: "other-key" }).l.keyTag()).not.toBe(before);
  });

  it("passes fetch and headers through", () => {
    const fetch = async () => new Response("{}");
    const { l, built } = lazy({ apiKey: SECRET, fetch, headers: { "x-a": "1" } });
    l.client();
    expect(built[0]).toMatchObject({ apiKey: SECRET, fetch, headers: { "x-a": "1" } });
  });
});

describe("createAdapterClient.call", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("sends one request whose Request the global fetch builds, and keeps the raw text beside the parsed body", async () => {
    const sent: unknown[] = [];
    vi.stubGlobal("fetch", async (input: unknown) => {
      sent.push(input);
      return new Response('{ "status": "running" }', { status: 200, headers: { "x-request-id": "r1" } });
    });
    type Paths = {
      "/runs/{id}": {
        get: {
          parameters: { path: { id: string } };
          responses: { 200: { content: { "application/json": { status: string } } } };
        };
      };
    };
    const api = createAdapterClient(
      {
        provider: "rstestprov",
        keyEnv: KEY_VAR,
        create: (o: BaseClientOptions) =>
          createProviderClient<Paths>(
            { provider: "rstestprov", factory: "f", defaultBaseUrl: "http://127.0.0.1:9", authHeaders: () => ({}) },
            o,
          ),
      },
      { apiKey: SECRET },
    );
    const a = await api.call(undefined, (c, o) => c.GET("/runs/{id}", { ...o, params: { path: { id: "a" } } }));
    expect(sent).toEqual(["http://127.0.0.1:9/runs/a"]);
    expect(a.read().str("status")).toBe("running");
    expect(a.text).toBe('{ "status": "running" }');
    expect(a.requestId).toBe("r1");
  });
});
