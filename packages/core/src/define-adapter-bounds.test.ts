import { describe, expect, it } from "vitest";
import { createAdapterClient, readEnv, shortHash } from "./adapter-client.js";
import { type AdapterMethods, defineAdapter } from "./define-adapter.js";
import { UsageError } from "./errors.js";
import { makeRun } from "./run.js";
import type { Run, StartInput } from "./types.js";

const KEY = "sk_prov_key_42";

/** A run whose status echoes the key, as a hostile server's would. */
const echoing = (id: string): Run => makeRun({ provider: "prov", ids: [id], state: "running", providerStatus: `busy ${KEY}` });

/** An adapter over a client that records the options it was built with; no request is ever sent. */
function provider<M extends AdapterMethods<readonly ["id"]>>(methods: M, options: Record<string, unknown> = { apiKey: KEY }) {
  const built: unknown[] = [];
  const adapter = defineAdapter(
    {
      name: "prov",
      refSegments: ["id"] as const,
      keyEnv: "RS_PROV_BOUNDS_KEY",
      createClient: (o) => {
        built.push(o);
        return {};
      },
      optionHeaders: { workspace: "X-Workspace" },
      progress: false,
    },
    options,
    (api) => {
      api.client();
      return methods;
    },
  );
  return { adapter, built };
}

const usageOf = async (p: Promise<unknown> | (() => unknown)): Promise<UsageError> => {
  try {
    await (typeof p === "function" ? p() : p);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return err as UsageError;
  }
  throw new Error("expected a UsageError");
};

describe("defineAdapter: options and inputs", () => {
  it.each([[null], [[]], ["key"]])("options %j are a UsageError naming the factory", async (options) => {
    const err = await usageOf(() =>
      defineAdapter(
        { name: "prov", refSegments: ["id"], keyEnv: "X", createClient: () => ({}), progress: false },
        options as never,
        () => ({ get: async () => ({ run: echoing("a") }) }),
      ),
    );
    expect([err.message, err.provider]).toEqual(["prov(): options must be an object", "prov"]);
  });

  it("the client gets the options as given, an option header folded into its headers", () => {
    const { built } = provider({ get: async () => ({ run: echoing("a") }) });
    expect(built).toStrictEqual([{ apiKey: KEY, baseUrl: undefined }]);
    const withWs = provider({ get: async () => ({ run: echoing("a") }) }, { apiKey: KEY, workspace: "ws1", headers: { a: "1" } });
    expect(withWs.built).toStrictEqual([{ apiKey: KEY, baseUrl: undefined, headers: { a: "1", "X-Workspace": "ws1" } }]);
  });

  it.each([[null], [["a=1"]], ["a=1"]])(
    "start inputs %j are a UsageError, and the adapter's start is not called",
    async (input) => {
      let called = 0;
      const { adapter } = provider({
        get: async () => ({ run: echoing("a") }),
        start: async (_target: string, _input: StartInput) => {
          called++;
          return { ids: ["a"] };
        },
      });
      const err = await usageOf(adapter.start?.("t", input as never));
      expect([err.message, err.provider]).toEqual(["prov: start inputs must be an object of key=value pairs", "prov"]);
      expect(called).toBe(0);
      expect(await adapter.start?.("t", { a: "1" })).toEqual({ ids: ["a"] });
      expect(called).toBe(1);
    },
  );
});

describe("defineAdapter: what leaves the adapter", () => {
  it("cancel, pause and resume check the reference first and return a redacted run, or nothing", async () => {
    const calls: string[] = [];
    const op =
      (name: string, out: "run" | "none") =>
      async ([id]: [string]) => {
        calls.push(`${name} ${id}`);
        return out === "run" ? echoing(id) : undefined;
      };
    const { adapter } = provider({
      get: async () => ({ run: echoing("a") }),
      cancel: op("cancel", "run"),
      pause: op("pause", "run"),
      resume: op("resume", "none"),
    });
    for (const k of ["cancel", "pause"] as const) {
      const run = await adapter[k]?.(["r1"]);
      expect(run?.providerStatus).toBe("busy [redacted]");
      await usageOf(adapter[k]?.(["r1", "extra"]) as Promise<unknown>);
    }
    expect(await adapter.resume?.(["r2"])).toBeUndefined();
    await usageOf(adapter.resume?.([]) as Promise<unknown>);
    expect(calls).toEqual(["cancel r1", "pause r1", "resume r2"]);
  });

  it("get caps a server's request id at 200 characters", async () => {
    const { adapter } = provider({ get: async () => ({ run: echoing("a"), requestId: "r".repeat(500) }) });
    expect((await adapter.get(["a"])).requestId).toBe("r".repeat(200));
  });

  it("budget checks the reference before the adapter sees it", async () => {
    const seen: string[][] = [];
    const { adapter } = provider({
      get: async () => ({ run: echoing("a") }),
      budget: (ids) => {
        seen.push(ids);
        return null;
      },
    });
    expect(adapter.budget?.(["a"])).toBeNull();
    await usageOf(() => adapter.budget?.(["a", "b"]));
    expect(seen).toEqual([["a"]]);
  });
});

describe("defineAdapter: outputs", () => {
  it("checks the reference before the adapter sees it", async () => {
    const seen: string[][] = [];
    const { adapter } = provider({
      get: async () => ({ run: echoing("a") }),
      outputs: async (ids) => {
        seen.push(ids);
        return [];
      },
    });
    expect(await adapter.outputs?.(["a"], echoing("a"))).toEqual([]);
    await usageOf(adapter.outputs?.(["a", "b"], echoing("a")) as Promise<unknown>);
    expect(seen).toEqual([["a"]]);
  });
});

describe("defineAdapter: capabilities from the methods present", () => {
  const get = async () => ({ run: echoing("a") });
  const none = async () => undefined;
  it("no start, cancel, outputs or pause without both halves", () => {
    const bare = provider({ get }).adapter;
    expect(bare.capabilities).toMatchObject({ start: false, cancel: false, pause: false, list: false, webhooks: false });
    expect(bare.outputs).toBeUndefined();
    expect(bare.start).toBeUndefined();
    expect(provider({ get, pause: none }).adapter.capabilities.pause).toBe(false);
    expect(provider({ get, resume: none }).adapter.capabilities.pause).toBe(false);
    expect(provider({ get, pause: none, resume: none }).adapter.capabilities.pause).toBe(true);
  });
});

describe("readEnv", () => {
  it("in a runtime without `process`, no variable is set", () => {
    const g = globalThis as { process?: unknown };
    const saved = g.process;
    g.process = undefined;
    try {
      expect(readEnv("PATH")).toBeUndefined();
    } finally {
      g.process = saved;
    }
  });
});

describe("createAdapterClient: the key", () => {
  const spec = { provider: "prov", keyEnv: "RS_PROV_BOUNDS_KEY", create: () => ({}) };

  it("a key from the variable that cannot be sent as a header is refused by the variable's name", async () => {
    const api = createAdapterClient(spec, { env: { RS_PROV_BOUNDS_KEY: "sk\nline" } });
    const err = await usageOf(() => api.client());
    expect(err.message).toMatch(/^RS_PROV_BOUNDS_KEY contains a character that cannot be sent in an HTTP header/);
  });

  it("the key tag is FNV-1a in base 36: stable across processes, the empty text's when no key is set", () => {
    expect(shortHash("")).toBe((0x811c9dc5).toString(36));
    expect(shortHash("a")).toBe((0xe40c292c).toString(36));
    expect(createAdapterClient(spec, { env: {} }).keyTag()).toBe(shortHash(""));
  });
});
