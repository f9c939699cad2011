import { describe, expect, it } from "vitest";
import { ApiError, excerptOf, RunStatusError, sanitizeCause, TransportError } from "./errors.js";

const KEY = "sk_live_0123456789abcdef";
// With KEY (24 characters) and max 200, excerptOf reads a window of (200 + 24 × 6) × 4 = 1376
// characters and drops the last 24 × 6 = 144 of them once redacted.
const WINDOW = 1376;
const KEPT = WINDOW - 24 * 6;
const digits = (n: number) => Array.from({ length: n }, (_, i) => String(i % 10)).join("");

describe("excerptOf: the window read of a long body", () => {
  it("a body longer than the window shows only what lies before the window's last stretch", () => {
    // Leading whitespace collapses away, so the excerpt shows exactly where the window ended.
    const text = `${" ".repeat(1100)}${digits(400)}`;
    expect(excerptOf(text, [KEY])).toBe(text.slice(1100, KEPT));
    expect(excerptOf(text, [null, undefined, KEY])).toBe(text.slice(1100, KEPT));
  });

  it("a secret cut by the window's end leaves no part of itself in the excerpt", () => {
    const text = `${" ".repeat(WINDOW - 150)}${digits(140)}${KEY}${"z".repeat(300)}`;
    const ex = excerptOf(text, [KEY]);
    expect(ex).toBe(digits(140).slice(0, KEPT - (WINDOW - 150)));
    expect(ex).not.toContain("sk_");
  });

  it("a body of exactly the window's length is read whole", () => {
    const text = `${" ".repeat(WINDOW - 50)}${"x".repeat(50)}`;
    expect(excerptOf(text, [KEY])).toBe("x".repeat(50));
    // One character longer and the window's last stretch is dropped.
    expect(excerptOf(`${text}y`, [KEY])).toBe("");
  });

  it("without secrets the window is four times the excerpt", () => {
    const text = `${" ".repeat(780)}${digits(100)}`;
    expect(excerptOf(text)).toBe(digits(20));
  });

  it("a secret longer than the excerpt is still redacted when it lies past the excerpt's end", () => {
    const long = `key_${"k".repeat(300)}`;
    const text = `${" ".repeat(100)}${long} tail`;
    expect(excerptOf(text, [long])).toBe("[redacted] tail");
  });
});

describe("sanitizeCause: odd values down a cause chain", () => {
  it("a null cause is kept as an empty Error, and a null or undefined cause further down is dropped", () => {
    const top = new TransportError("p", "m", null).cause as Error;
    expect(top).toBeInstanceOf(Error);
    expect(top.name).toBe("Error");
    expect(top.message).toBe("");
    for (const cause of [null, undefined]) {
      const c = sanitizeCause({ name: "Outer", message: "outer", cause }, []);
      expect(c.message).toBe("outer");
      expect("cause" in c).toBe(false);
    }
  });

  it("a message that is not a string becomes its text; a missing one becomes empty", () => {
    expect(sanitizeCause({ message: 42 }, []).message).toBe("42");
    expect(sanitizeCause({ message: false }, []).message).toBe("false");
    expect(sanitizeCause({ name: "NoMessage" }, []).message).toBe("");
    expect(sanitizeCause(7, []).message).toBe("7");
    expect(sanitizeCause(undefined, []).message).toBe("");
    expect(sanitizeCause({ message: `bad ${KEY}` }, [KEY]).message).toBe("bad [redacted]");
  });

  it("a numeric code is kept as text; a name that is not a string is Error", () => {
    const c = sanitizeCause({ name: 3, message: "m", code: 110 }, []);
    expect(c.name).toBe("Error");
    expect(c.code).toBe("110");
    expect(c.stack).toBe("Error: m");
  });
});

describe("RunStatusError made directly", () => {
  it("is named RunStatusError and prints so", () => {
    const err = new RunStatusError("transport", "link down", { provider: "p" });
    expect(err.name).toBe("RunStatusError");
    expect(String(err)).toBe("RunStatusError: link down");
    expect(err.toJSON()).toMatchObject({ name: "RunStatusError", kind: "transport", message: "link down", provider: "p" });
    expect(new ApiError({ provider: "p", status: 500, message: "x" }).name).toBe("ApiError");
  });
});
