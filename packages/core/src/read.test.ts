import { describe, expect, it } from "vitest";
import { InvalidResponseError } from "./errors.js";
import { reader } from "./read.js";

const SECRET = "sk_live_0123456789abcdef";
const TEXT = `{"data":{"status":7,"echo":"${SECRET}"}}`;
const r = reader("prov", 200, TEXT, [SECRET]);

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

describe("reader", () => {
  it("returns values of the right type unchanged", () => {
    const o = { a: 1 };
    expect(r.obj(o, "$")).toBe(o);
    expect(r.optObj(o, "$")).toBe(o);
    expect(r.arr([1], "x")).toEqual([1]);
    expect(r.optArr([1], "x")).toEqual([1]);
    expect(r.str("s", "x")).toBe("s");
    expect(r.str("", "x")).toBe("");
    expect(r.optStr("s", "x")).toBe("s");
    expect(r.num(0, "x")).toBe(0);
    expect(r.optNum(1.5, "x")).toBe(1.5);
  });

  it("optional readers turn null and absent into null (or [] for arrays)", () => {
    for (const v of [null, undefined]) {
      expect(r.optObj(v, "x")).toBeNull();
      expect(r.optStr(v, "x")).toBeNull();
      expect(r.optNum(v, "x")).toBeNull();
      expect(r.optArr(v, "x")).toEqual([]);
    }
  });

  it("id accepts a non-empty string or a finite number, always as a string", () => {
    expect(r.id("run_1", "id")).toBe("run_1");
    expect(r.id(12345, "id")).toBe("12345");
    for (const v of ["", Number.NaN, Number.POSITIVE_INFINITY, null, undefined, {}, true]) {
      expect(() => r.id(v, "execution.id")).toThrow(InvalidResponseError);
    }
  });

  it.each([
    ["obj", (x: unknown) => r.obj(x, "data"), [undefined, null, [], "x", 1], "data"],
    ["optObj", (x: unknown) => r.optObj(x, "data"), [[], "x", 1], "data"],
    ["arr", (x: unknown) => r.arr(x, "steps"), [undefined, null, {}, "x"], "steps"],
    ["optArr", (x: unknown) => r.optArr(x, "steps"), [{}, "x", 1], "steps"],
    ["str", (x: unknown) => r.str(x, "data.status"), [undefined, null, 1, {}], "data.status"],
    ["optStr", (x: unknown) => r.optStr(x, "data.status"), [1, {}, []], "data.status"],
    [
      "num",
      (x: unknown) => r.num(x, "progress.total"),
      [undefined, null, "1", Number.NaN, Number.POSITIVE_INFINITY],
      "progress.total",
    ],
    ["optNum", (x: unknown) => r.optNum(x, "progress.total"), ["1", Number.NaN, {}], "progress.total"],
  ] as const)("%s refuses what it cannot use, naming the field", (_name, read, bad, path) => {
    for (const v of bad) {
      const err = failure(() => read(v));
      expect(err.message).toMatch(
        new RegExp(`^prov: HTTP 200: response field \`${path.replace(".", "\\.")}\` (is missing|is not (an? )?\\w+)$`),
      );
    }
  });

  it("says 'is missing' for an absent required field and 'is not …' for a wrong type", () => {
    expect(failure(() => r.str(undefined, "data.status")).message).toContain("`data.status` is missing");
    expect(failure(() => r.str(7, "data.status")).message).toContain("`data.status` is not a string");
  });

  it("the error carries the provider, the status and a redacted excerpt of the body", () => {
    const err = failure(() => reader("prov", 201, TEXT, [SECRET]).str(7, "data.status"));
    expect(err).toMatchObject({ kind: "invalid_response", provider: "prov", status: 201 });
    expect(err.excerpt).toBe('{"data":{"status":7,"echo":"[redacted]"}}');
    expect(JSON.stringify(err)).not.toContain(SECRET);
    expect(err.retryable).toBe(false);
  });

  it("fail throws the same typed error for checks the readers do not cover", () => {
    expect(failure(() => r.fail("workflow.rate_limit", "is not a positive number")).message).toBe(
      "prov: HTTP 200: response field `workflow.rate_limit` is not a positive number",
    );
  });
});
