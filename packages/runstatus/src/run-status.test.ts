import {
  type CallContext,
  type Capabilities,
  FakeClock,
  makeRun,
  type Output,
  type PollResult,
  type Run,
  type RunProvider,
  type RunState,
  TimeoutError,
  UnsupportedError,
  UsageError,
} from "@runstatus/core";
import { describe, expect, it } from "vitest";
import { createRunStatus } from "./run-status.js";

const NONE: Capabilities = { start: false, cancel: false, pause: false, list: false, webhooks: false, progress: false };

interface Fake extends RunProvider {
  calls: { op: string; ids?: readonly string[]; target?: string; input?: unknown; ctx?: CallContext; at?: number }[];
}

/** A RunProvider that records every call; `get` answers `state` (or what `answer` says). */
function fake(
  name: string,
  segments: readonly string[],
  opts: {
    caps?: Partial<Capabilities>;
    clock?: FakeClock;
    answer?: (n: number) => RunState;
    methods?: ("start" | "cancel" | "pause" | "resume")[];
  } = {},
): Fake {
  const calls: Fake["calls"] = [];
  const run = (ids: readonly string[], state: RunState): Run => makeRun({ provider: name, ids, state, providerStatus: state });
  const p: Fake = {
    name,
    refSegments: segments,
    capabilities: { ...NONE, ...opts.caps },
    calls,
    async get(ids, ctx): Promise<PollResult> {
      const n = calls.filter((c) => c.op === "get").length;
      calls.push({ op: "get", ids, ctx, at: opts.clock?.now() });
      return { run: run(ids, opts.answer?.(n) ?? "succeeded") };
    },
  };
  for (const m of opts.methods ?? []) {
    if (m === "start") {
      p.start = async (target, input, ctx) => {
        calls.push({ op: "start", target, input, ctx });
        return { ids: segments.length === 2 ? [target, "new-run"] : ["new-run"] };
      };
    } else {
      p[m] = async (ids, ctx) => {
        calls.push({ op: m, ids, ctx });
        return run(ids, m === "cancel" ? "cancelled" : m === "pause" ? "paused" : "running");
      };
    }
  }
  return p;
}

const one = () =>
  fake("one", ["run_id"], { caps: { start: true, cancel: true, pause: true }, methods: ["start", "cancel", "pause", "resume"] });
const two = () => fake("two", ["workflow_id", "run_id"]);

describe("createRunStatus: bad compositions are usage errors", () => {
  it.each([
    ["no options", undefined],
    ["no providers", {}],
    ["an empty list", { providers: [] }],
    ["not a list", { providers: one() }],
  ])("%s", (_what, options) => {
    expect(() => createRunStatus(options as never)).toThrow(UsageError);
    expect(() => createRunStatus(options as never)).toThrow(/`providers` must list at least one adapter/);
  });

  it.each([
    ["null", null],
    ["a string", "onepin"],
    ["an object without get", { name: "x", refSegments: ["id"], capabilities: NONE }],
    ["an object without a name", { get: async () => ({}), refSegments: ["id"], capabilities: NONE }],
    ["an empty name", { name: "", get: async () => ({}), refSegments: ["id"], capabilities: NONE }],
    ["no reference segments", { name: "x", get: async () => ({}), refSegments: [], capabilities: NONE }],
    ["no capabilities", { name: "x", get: async () => ({}), refSegments: ["id"] }],
    // A factory passed instead of the adapter it makes: `[onepin]` instead of `[onepin()]`.
    ["an adapter factory", () => one()],
  ])("a non-adapter entry (%s)", (_what, entry) => {
    expect(() => createRunStatus({ providers: [one(), entry as never] })).toThrow(
      /every entry of `providers` must be an adapter such as onepin\(\)/,
    );
  });

  it("the same provider twice", () => {
    const err = (() => {
      try {
        createRunStatus({ providers: [one(), two(), one()] });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(UsageError);
    expect(String(err)).toContain('provider "one" is listed twice');
  });

  it("defaults that are not an object", () => {
    expect(() => createRunStatus({ providers: [one()], defaults: 5 as never })).toThrow(/`defaults` must be an object/);
  });

  it("a good composition lists its providers in order", () => {
    const a = one();
    const b = two();
    expect(createRunStatus({ providers: [b, a] }).providers).toEqual([b, a]);
  });
});

describe("malformed references: a UsageError naming the expected form, and no request", () => {
  const bad: [string, unknown, RegExp][] = [
    ["empty", "", /a run reference is required, in the form one:<run_id>, two:<workflow_id>\/<run_id>/],
    ["not a string", 42, /a run reference is required/],
    ["no provider", "abc", /malformed run reference "abc": expected one:<run_id>, two:<workflow_id>\/<run_id>/],
    ["an empty provider", ":abc", /malformed run reference ":abc"/],
    ["an unknown provider", "three:abc", /unknown provider "three" in run reference; known providers: one, two/],
    ["no id", "one:", /malformed one run reference "one:": expected one:<run_id>/],
    ["too many segments", "one:a/b", /malformed one run reference "one:a\/b": expected one:<run_id>/],
    ["too few segments", "two:wf", /malformed two run reference "two:wf": expected two:<workflow_id>\/<run_id>/],
    ["an empty segment", "two:wf/", /expected two:<workflow_id>\/<run_id>/],
    ["a blank segment", "two: /run", /expected two:<workflow_id>\/<run_id>/],
  ];

  it.each(bad)("%s", async (_what, ref, message) => {
    const a = one();
    const b = two();
    const rs = createRunStatus({ providers: [a, b] });
    const r = ref as string;
    const errors = [
      await rs.get(r).catch((e: unknown) => e),
      await rs.wait(r).catch((e: unknown) => e),
      await rs.waitAll(["one:ok", r]).catch((e: unknown) => e),
      await rs.waitAny([r, "one:ok"]).catch((e: unknown) => e),
      await rs.cancel(r).catch((e: unknown) => e),
      await rs.pause(r).catch((e: unknown) => e),
      await rs.resume(r).catch((e: unknown) => e),
      (() => {
        try {
          rs.watch(r);
        } catch (e) {
          return e;
        }
      })(),
      (() => {
        try {
          rs.resolve(r);
        } catch (e) {
          return e;
        }
      })(),
    ];
    for (const err of errors) {
      expect(err).toBeInstanceOf(UsageError);
      expect((err as UsageError).kind).toBe("usage");
      expect((err as Error).message).toMatch(message);
    }
    expect([...a.calls, ...b.calls]).toEqual([]);
  });

  it("wait, waitAll and waitAny reject (they do not throw) so .catch() sees the error", () => {
    const rs = createRunStatus({ providers: [one()] });
    for (const call of [() => rs.wait("bad"), () => rs.waitAll(["bad"]), () => rs.waitAny(["bad"])]) {
      let p: Promise<unknown> | undefined;
      expect(() => {
        p = call();
      }).not.toThrow();
      expect(p).toBeInstanceOf(Promise);
      p?.catch(() => {});
    }
  });

  it("waitAll and waitAny want an array of references", async () => {
    const rs = createRunStatus({ providers: [one()] });
    await expect(rs.waitAll("one:a" as never)).rejects.toThrow(/waitAll: expected an array of run references/);
    await expect(rs.waitAny(undefined as never)).rejects.toThrow(/waitAny: expected an array of run references/);
    await expect(rs.waitAny([])).rejects.toThrow(UsageError);
    expect(await rs.waitAll([])).toEqual([]);
  });

  it("a well-formed reference resolves to its adapter and segments", () => {
    const b = two();
    const rs = createRunStatus({ providers: [one(), b] });
    expect(rs.resolve("two:wf-1/run-9")).toEqual({ provider: b, ids: ["wf-1", "run-9"], ref: "two:wf-1/run-9" });
  });
});

describe("get, start, cancel, pause, resume", () => {
  it("get reads once and hands the signal to the adapter", async () => {
    const b = two();
    const rs = createRunStatus({ providers: [b] });
    const ac = new AbortController();
    const run = await rs.get("two:wf/r1", { signal: ac.signal });
    expect(run).toMatchObject({ ref: "two:wf/r1", state: "succeeded" });
    expect(b.calls).toEqual([{ op: "get", ids: ["wf", "r1"], ctx: { signal: ac.signal }, at: undefined }]);
  });

  it("start returns the reference the adapter's ids make", async () => {
    const a = one();
    const rs = createRunStatus({ providers: [a, two()] });
    expect(await rs.start("one", "app-1", { prompt: "x" })).toBe("one:new-run");
    expect(a.calls).toEqual([{ op: "start", target: "app-1", input: { prompt: "x" }, ctx: {} }]);
  });

  it("start on an unknown provider is a UsageError listing the configured ones, and nothing starts", async () => {
    const a = one();
    const rs = createRunStatus({ providers: [a, two()] });
    const err = await rs.start("three", "x").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect(String(err)).toContain('unknown provider "three"; configured: one, two');
    expect(a.calls).toEqual([]);
  });

  it("start without a target is a UsageError", async () => {
    const a = one();
    const rs = createRunStatus({ providers: [a] });
    for (const target of ["", "  ", undefined]) {
      await expect(rs.start("one", target as never)).rejects.toThrow(/start: a one target id is required/);
    }
    expect(a.calls).toEqual([]);
  });

  it("start where the adapter cannot is an UnsupportedError", async () => {
    const rs = createRunStatus({ providers: [two()] });
    const err = await rs.start("two", "wf").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnsupportedError);
    expect(err).toMatchObject({ kind: "unsupported", provider: "two", operation: "start" });
  });

  it("cancel, pause and resume reach the adapter where its capabilities say so", async () => {
    const a = one();
    const rs = createRunStatus({ providers: [a] });
    expect(await rs.cancel("one:r1")).toMatchObject({ state: "cancelled" });
    expect(await rs.pause("one:r1")).toMatchObject({ state: "paused" });
    expect(await rs.resume("one:r1")).toMatchObject({ state: "running" });
    expect(a.calls.map((c) => [c.op, c.ids])).toEqual([
      ["cancel", ["r1"]],
      ["pause", ["r1"]],
      ["resume", ["r1"]],
    ]);
  });

  it("a cancel whose answer carries no run resolves with the run, read once after the call", async () => {
    const a = one();
    a.cancel = async (ids, ctx) => {
      a.calls.push({ op: "cancel", ids, ctx });
      return undefined;
    };
    const rs = createRunStatus({ providers: [a] });
    expect(await rs.cancel("one:r1")).toMatchObject({ ref: "one:r1", state: "succeeded" });
    expect(a.calls.map((c) => c.op)).toEqual(["cancel", "get"]);
  });

  it.each([
    ["no capability and no method", fake("x", ["id"])],
    ["a method the capabilities deny", fake("x", ["id"], { methods: ["cancel", "pause", "resume"] })],
    ["a capability without the method", fake("x", ["id"], { caps: { cancel: true, pause: true } })],
  ])("%s: UnsupportedError, and no call", async (_what, x) => {
    const rs = createRunStatus({ providers: [x] });
    for (const op of ["cancel", "pause", "resume"] as const) {
      const err = await rs[op]("x:r1").catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UnsupportedError);
      expect(err).toMatchObject({ provider: "x", operation: op, message: `x does not support ${op}` });
    }
    expect(x.calls).toEqual([]);
  });

  it("capabilities are a copy per provider; an unknown name is a UsageError", () => {
    const a = one();
    const rs = createRunStatus({ providers: [a] });
    const caps = rs.capabilities("one");
    expect(caps).toEqual({ ...NONE, start: true, cancel: true, pause: true });
    caps.cancel = false;
    expect(a.capabilities.cancel).toBe(true);
    expect(() => rs.capabilities("nope")).toThrow(UsageError);
  });
});

describe("defaults are merged with each call's options", () => {
  /** Runs a wait on a fake clock until it settles; returns the poll times and the outcome. */
  async function pollTimes(defaults: object, call: object, answer: (n: number) => RunState = () => "running") {
    const clock = new FakeClock();
    const b = fake("two", ["wf", "run"], { clock, answer });
    const rs = createRunStatus({ providers: [b], defaults: { clock, random: () => 0, ...defaults } });
    let outcome: unknown;
    const done = rs.wait("two:wf/r1", call).then(
      (r) => (outcome = r),
      (e) => (outcome = e),
    );
    for (let i = 0; outcome === undefined; i++) {
      if (i > 200) throw new Error("the wait did not settle within 100 s of fake time");
      await clock.advance(500);
    }
    await done;
    return { at: b.calls.map((c) => c.at), outcome };
  }

  it("a default (the floor) and a call's own option (the deadline) both apply", async () => {
    const { at, outcome } = await pollTimes({ minInterval: 4000, maxInterval: 4000 }, { timeout: 10_000 });
    expect(at).toEqual([0, 4000, 8000]);
    expect(outcome).toBeInstanceOf(TimeoutError);
  });

  it("a call's option overrides the default", async () => {
    const { at } = await pollTimes(
      { minInterval: 4000, maxInterval: 4000, timeout: 10_000 },
      { minInterval: 3000, maxInterval: 3000 },
    );
    expect(at).toEqual([0, 3000, 6000, 9000]);
  });

  it("an option the call leaves undefined keeps the default", async () => {
    const { at, outcome } = await pollTimes({ minInterval: 4000, maxInterval: 4000, timeout: 10_000 }, { timeout: undefined });
    expect(at).toEqual([0, 4000, 8000]);
    expect(outcome).toBeInstanceOf(TimeoutError);
  });

  it("onUpdate from the call replaces the default's", async () => {
    const fromDefaults: Run[] = [];
    const fromCall: Run[] = [];
    const states: RunState[] = ["queued", "running", "succeeded"];
    await pollTimes(
      { minInterval: 1000, maxInterval: 1000, onUpdate: (r: Run) => fromDefaults.push(r) },
      { onUpdate: (r: Run) => fromCall.push(r) },
      (n) => states[Math.min(n, 2)] as RunState,
    );
    expect(fromCall.map((r) => r.state)).toEqual(states);
    expect(fromDefaults).toEqual([]);
  });

  it("bad poll options are a UsageError naming the option", async () => {
    const rs = createRunStatus({ providers: [two()], defaults: { minInterval: -1 } });
    await expect(rs.wait("two:wf/r1")).rejects.toThrow(/`minInterval` must be a number of ms ≥ 0/);
    await expect(createRunStatus({ providers: [two()] }).wait("two:wf/r1", 7 as never)).rejects.toThrow(
      /poll options must be an object/,
    );
  });
});

describe("outputs the status call lacks are read once, when the run ends", () => {
  /** An adapter whose runs end at the third poll, and whose `outputs` records each call. */
  function withOutputsAdapter(outputs: (run: Run) => Promise<Output[]>) {
    const a = fake("one", ["run_id"], { answer: (n) => (n < 2 ? "running" : "succeeded") });
    const seen: Run[] = [];
    a.outputs = async (ids, run, ctx) => {
      a.calls.push({ op: "outputs", ids, ctx });
      seen.push(run);
      return await outputs(run);
    };
    return { a, seen };
  }
  const file: Output = {
    url: "https://files.example/r1.zip",
    kind: "file",
    mimeType: "application/zip",
    width: null,
    height: null,
    durationMs: null,
    expiresAt: null,
  };
  // The real clock: three polls 10 ms apart.
  const fast = () => ({ minInterval: 10, maxInterval: 10 });

  it("wait and watch end with the outputs; the poller sees the terminal snapshot once", async () => {
    const { a, seen } = withOutputsAdapter(async () => [file]);
    const rs = createRunStatus({ providers: [a] });
    const updates: Run[] = [];
    const run = await rs.wait("one:r1", { ...fast(), onUpdate: (r) => updates.push(r) });
    expect(run).toMatchObject({ state: "succeeded", outputs: [file] });
    expect(updates.at(-1)).toEqual(run);
    expect(seen).toEqual([expect.objectContaining({ state: "succeeded", outputs: [] })]);
    expect(a.calls.map((c) => c.op)).toEqual(["get", "get", "get", "outputs"]);
    const watched: Run[] = [];
    for await (const r of rs.watch("one:r2", fast())) watched.push(r);
    expect(watched.at(-1)?.outputs).toEqual([file]);
    expect(a.calls.filter((c) => c.op === "outputs").map((c) => c.ids)).toEqual([["r1"], ["r2"]]);
  });

  it("get does not read them", async () => {
    const { a } = withOutputsAdapter(async () => [file]);
    const rs = createRunStatus({ providers: [a] });
    await rs.get("one:r1");
    await rs.get("one:r1");
    await rs.get("one:r1");
    expect(a.calls.map((c) => c.op)).toEqual(["get", "get", "get"]);
  });

  it("a failed read that is not retried rejects with the finished run as lastRun", async () => {
    const { a } = withOutputsAdapter(async () => {
      throw new UsageError("denied");
    });
    const rs = createRunStatus({ providers: [a] });
    const err = await rs.wait("one:r1", fast()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect(err).toMatchObject({ lastRun: { ref: "one:r1", state: "succeeded" } });
  });

  it("resolve hands back the adapter itself", () => {
    const { a } = withOutputsAdapter(async () => [file]);
    expect(createRunStatus({ providers: [a] }).resolve("one:r1").provider).toBe(a);
  });
});
