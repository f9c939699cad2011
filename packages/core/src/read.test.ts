import { describe, expect, it } from "vitest";
import { InvalidResponseError } from "./errors.js";
import { bodyReader } from "./read.js";

const SECRET = "sk_live_0123456789abcdef";
const TEXT = `{"data":{"status":7,"echo":"${SECRET}"}}`;
/** A reader over `{ x: value }`, so each field reader can be given any value. */
const at = (value: unknown, status = 200) => bodyReader("prov", status, TEXT, [SECRET], { x: value });

/** The error a reader call throws. */
function failure(fn: () => unknown): InvalidResponseError {
  try {
    fn();
  } catch (e) {
    if (e instanceof InvalidResponseError) return e;
    throw e;
  }
  throw new Error("expected an InvalidResponseError");
}

describe("bodyReader", () => {
  it("returns values of the right type unchanged", () => {
    const o = { a: 1 };
    expect(at(o).obj("x").raw).toBe(o);
    expect(at(o).optObj("x")?.raw).toBe(o);
    expect(at([o]).list("x")[0]?.raw).toBe(o);
    expect(at(["a"]).strs("x")).toEqual(["a"]);
    expect(at("s").str("x")).toBe("s");
    expect(at("").str("x")).toBe("");
    expect(at("s").optStr("x")).toBe("s");
    expect(at(0).num("x")).toBe(0);
    expect(at(1.5).optNum("x")).toBe(1.5);
  });

  it("optional readers turn null and absent into null (or [] for lists)", () => {
    for (const v of [null, undefined]) {
      expect(at(v).optObj("x")).toBeNull();
      expect(at(v).optStr("x")).toBeNull();
      expect(at(v).optNum("x")).toBeNull();
      expect(at(v).list("x", true)).toEqual([]);
    }
  });

  it("id accepts a non-empty string or a finite number, always as a string", () => {
    expect(at("run_1").id("x")).toBe("run_1");
    expect(at(12345).id("x")).toBe("12345");
    for (const v of ["", Number.NaN, Number.POSITIVE_INFINITY, null, undefined, {}, true]) {
      expect(() => at(v).id("x")).toThrow(InvalidResponseError);
    }
  });

  it.each([
    ["obj", (x: unknown) => at(x).obj("x"), [undefined, null, [], "x", 1]],
    ["optObj", (x: unknown) => at(x).optObj("x"), [[], "x", 1]],
    ["list", (x: unknown) => at(x).list("x"), [undefined, null, {}, "x"]],
    ["optional list", (x: unknown) => at(x).list("x", true), [{}, "x", 1]],
    ["str", (x: unknown) => at(x).str("x"), [undefined, null, 1, {}]],
    ["optStr", (x: unknown) => at(x).optStr("x"), [1, {}, []]],
    ["num", (x: unknown) => at(x).num("x"), [undefined, null, "1", Number.NaN, Number.POSITIVE_INFINITY]],
    ["optNum", (x: unknown) => at(x).optNum("x"), ["1", Number.NaN, {}]],
  ] as const)("%s refuses what it cannot use, naming the field", (_name, read, bad) => {
    for (const v of bad) {
      const err = failure(() => read(v));
      expect(err.message).toMatch(/^prov: HTTP 200: response field `x` (is missing|is not (an? )?\w+)$/);
    }
  });

  it("names the full path of nested fields and list items", () => {
    const r = bodyReader("prov", 200, TEXT, [], { data: { steps: [{ name: "a" }, { name: 3 }] } });
    const steps = r.obj("data").list("steps");
    expect(failure(() => steps[1]?.str("name")).message).toContain("`data.steps[1].name` is not a string");
    expect(failure(() => r.obj("data").str("status")).message).toContain("`data.status` is missing");
    expect(failure(() => bodyReader("prov", 200, TEXT, [], []).str("x")).message).toContain("`$` is not an object");
  });

  it("the error carries the provider, the status and a redacted excerpt of the body", () => {
    const err = failure(() => at(7, 201).str("x"));
    expect(err).toMatchObject({ kind: "invalid_response", provider: "prov", status: 201 });
    expect(err.excerpt).toBe('{"data":{"status":7,"echo":"[redacted]"}}');
    expect(JSON.stringify(err)).not.toContain(SECRET);
    expect(err.retryable).toBe(false);
  });

  it("fail throws the same typed error for checks the readers do not cover", () => {
    expect(failure(() => at({}).obj("x").fail("rate_limit", "is not a positive number")).message).toBe(
      "prov: HTTP 200: response field `x.rate_limit` is not a positive number",
    );
  });
});
