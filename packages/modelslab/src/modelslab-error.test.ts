import { describe, expect, it } from "vitest";
import { readModelsLabError } from "./index.js";

const NOW = Date.parse("2026-12-02T10:00:00Z");
const hint = (retry_after: unknown) => readModelsLabError({ status: "error", retry_after }, 429, NOW).retryAfterMs;

describe("readModelsLabError: the message", () => {
  it("a blank message falls back to the legacy `messege` key", () => {
    expect(readModelsLabError({ status: "error", message: "  \n", messege: "typo key" }, 400).message).toBe("typo key");
  });

  it("an object of field messages is kept as JSON; a number, null or absent message is no message", () => {
    expect(readModelsLabError({ message: { prompt: ["required"] } }, 422).message).toBe('{"prompt":["required"]}');
    expect(readModelsLabError({ message: 42 }, 400).message).toBeNull();
    expect(readModelsLabError({ message: null }, 400).message).toBeNull();
    expect(readModelsLabError({ message: true, messege: false }, 400)).toStrictEqual({
      message: null,
      code: null,
      retryAfterMs: null,
      requestId: null,
    });
  });
});

describe("readModelsLabError: retry_after", () => {
  it("seconds as a number or as decimal text", () => {
    expect(hint(20)).toBe(20_000);
    expect(hint("20")).toBe(20_000);
    expect(hint("1.5")).toBe(1500);
  });

  it("a Unix timestamp in seconds, as a number or as text (padded, with decimals), is the time until then", () => {
    const at = NOW / 1000 + 20;
    expect(hint(at)).toBe(20_000);
    expect(hint(String(at))).toBe(20_000);
    expect(hint(` ${at} `)).toBe(20_000);
    expect(hint(`${at}.25`)).toBe(20_250);
    // The floor itself is a timestamp (2001), long past: no wait.
    expect(hint(1e9)).toBe(0);
  });

  it("a date, ISO or HTTP (asctime too), is the time until then", () => {
    expect(hint("2026-12-02T10:00:30Z")).toBe(30_000);
    expect(hint("Wed Dec  2 10:00:40 2026")).toBe(40_000);
  });

  it("unreadable, negative or overflowing values are no hint", () => {
    expect(hint("soon")).toBeNull();
    expect(hint(-5)).toBeNull();
    expect(hint("9".repeat(400))).toBeNull();
    expect(hint(null)).toBeNull();
  });
});
