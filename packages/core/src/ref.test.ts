import { describe, expect, it } from "vitest";
import { UsageError } from "./errors.js";
import { checkIds, formatRef, isRunProvider, parseRef, refForm } from "./ref.js";

const providers = [
  { name: "magnific", refSegments: ["run-id"] },
  { name: "onepin", refSegments: ["workflow_id", "run_id"] },
];

function usage(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (e) {
    if (e instanceof UsageError) return e;
    throw e;
  }
  throw new Error("expected a UsageError");
}

describe("run references", () => {
  it("formatRef and parseRef round-trip", () => {
    const ref = formatRef("onepin", ["7c9e6679-7425-40de-944b-e07fc1f90ae7", "3fa85f64-5717-4562-b3fc-2c963f66afa6"]);
    expect(ref).toBe("onepin:7c9e6679-7425-40de-944b-e07fc1f90ae7/3fa85f64-5717-4562-b3fc-2c963f66afa6");
    expect(parseRef(ref, providers)).toEqual({
      provider: "onepin",
      ids: ["7c9e6679-7425-40de-944b-e07fc1f90ae7", "3fa85f64-5717-4562-b3fc-2c963f66afa6"],
    });
    expect(parseRef("magnific:omps2OH829", providers)).toEqual({ provider: "magnific", ids: ["omps2OH829"] });
  });

  it("refForm names the segments", () => {
    expect(refForm(providers[1] as (typeof providers)[1])).toBe("onepin:<workflow_id>/<run_id>");
  });

  it("ids are opaque: any characters but the separator, checked only for count and emptiness", () => {
    expect(parseRef("magnific:a:b c%20é", providers).ids).toEqual(["a:b c%20é"]);
    expect(parseRef("onepin:1/2", providers).ids).toEqual(["1", "2"]);
  });

  it.each([
    ["", /^a run reference is required, in the form magnific:<run-id>, onepin:<workflow_id>\/<run_id>$/],
    ["   ", /^a run reference is required/],
    ["omps2OH829", /^malformed run reference "omps2OH829": expected magnific:<run-id>, onepin:<workflow_id>\/<run_id>$/],
    [":x", /^malformed run reference ":x"/],
    ["wondercat:run_1", /^unknown provider "wondercat" in run reference; known providers: magnific, onepin$/],
    ["Magnific:x", /^unknown provider "Magnific"/],
    ["magnific:", /^malformed magnific run reference "magnific:": expected magnific:<run-id>$/],
    ["magnific:a/b", /^malformed magnific run reference "magnific:a\/b": expected magnific:<run-id>$/],
    ["onepin:wf", /^malformed onepin run reference "onepin:wf": expected onepin:<workflow_id>\/<run_id>$/],
    ["onepin:/run", /expected onepin:<workflow_id>\/<run_id>$/],
    ["onepin:wf/", /expected onepin:<workflow_id>\/<run_id>$/],
    ["onepin:wf/ ", /expected onepin:<workflow_id>\/<run_id>$/],
    ["onepin:a/b/c", /expected onepin:<workflow_id>\/<run_id>$/],
  ])("%j is a UsageError naming the expected form", (ref, message) => {
    const err = usage(() => parseRef(ref, providers));
    expect(err.kind).toBe("usage");
    expect(err.message).toMatch(message);
  });

  it("a malformed ref of a known provider carries that provider", () => {
    expect(usage(() => parseRef("onepin:wf", providers)).provider).toBe("onepin");
  });

  it("a non-string is a UsageError, not a TypeError", () => {
    for (const v of [undefined, null, 42, {}, ["onepin:a/b"]]) {
      expect(usage(() => parseRef(v, providers)).message).toMatch(/^a run reference is required/);
    }
  });

  it("with no providers configured the messages say so", () => {
    expect(usage(() => parseRef("", [])).message).toBe("a run reference is required, in the form <provider>:<run id>");
    expect(usage(() => parseRef("x:1", [])).message).toContain("known providers: none configured");
  });
});

describe("checkIds: the segments an adapter method is given", () => {
  const onepin = providers[1] as (typeof providers)[1];

  it("passes as many non-blank strings as the adapter has segments", () => {
    expect(checkIds(onepin, ["wf", "run"])).toEqual(["wf", "run"]);
  });

  it.each([
    ["too few", ["wf"]],
    ["too many", ["wf", "run", "x"]],
    ["a blank one", ["wf", "  "]],
    ["an empty one", ["", "run"]],
    ["a number", ["wf", 7]],
    ["not an array", "wf/run"],
  ])("%s is a UsageError naming the form and the provider, before any request", (_what, ids) => {
    const err = usage(() => checkIds(onepin, ids as never));
    expect(err.message).toBe("onepin: expected a run reference of the form onepin:<workflow_id>/<run_id>");
    expect(err.provider).toBe("onepin");
  });
});

describe("isRunProvider", () => {
  const adapter = { name: "x", get: async () => null, refSegments: ["id"], capabilities: {} };

  it("accepts an object with a name, get, reference segments and capabilities", () => {
    expect(isRunProvider(adapter)).toBe(true);
  });

  it.each([
    ["no get", { ...adapter, get: "yes" }],
    ["a name that is not a string", { ...adapter, name: 1 }],
    ["an empty name", { ...adapter, name: "" }],
    ["no reference segments", { ...adapter, refSegments: [] }],
    ["reference segments that are not a list", { ...adapter, refSegments: "id" }],
    ["no capabilities", { ...adapter, capabilities: undefined }],
    ["null capabilities", { ...adapter, capabilities: null }],
    ["null", null],
    ["a string", "onepin"],
  ])("refuses %s", (_what, value) => {
    expect(isRunProvider(value)).toBe(false);
  });
});
