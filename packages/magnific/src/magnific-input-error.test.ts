import { UsageError } from "@runstatus/core";
import { describe, expect, it } from "vitest";
import { magnificStartBody, readMagnificError } from "./index.js";

const refusal = (input: unknown): UsageError => {
  try {
    magnificStartBody(input as never);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).provider).toBe("magnific");
    return err as UsageError;
  }
  throw new Error("expected a UsageError");
};

describe("magnificStartBody", () => {
  it("strings and numbers are app inputs; a boolean is refused by name", () => {
    expect(magnificStartBody({ "input-a-1": "fox", "input-b-2": 3 })).toStrictEqual({
      inputs: { "input-a-1": "fox", "input-b-2": 3 },
    });
    expect(refusal({ "input-a-1": true }).message).toBe(
      'magnific: input "input-a-1" must be a string or a number, not a boolean',
    );
  });

  it.each(["http://hooks.example/a", "https://hooks.example/a?t=1"])("the webhook %s goes into the body", (webhook) => {
    expect(magnificStartBody({ webhook, "input-a-1": "x" })).toStrictEqual({ inputs: { "input-a-1": "x" }, webhook });
  });

  it.each([["ftp://hooks.example/a"], ["xhttp://hooks.example/a"], ["hooks.example/a"], [["https://hooks.example/a"]], [7]])(
    "the webhook %j is refused",
    (webhook) => {
      expect(refusal({ webhook }).message).toBe('magnific: input "webhook" must be an absolute http(s) URL');
    },
  );
});

describe("readMagnificError", () => {
  it.each([
    [{ message: "App not found" }, "App not found"],
    [{ message: 404 }, null],
    [{}, null],
    [null, null],
    [undefined, null],
    ["App not found", null],
    [7, null],
  ])("%j → message %j, never a code", (body, message) => {
    expect(readMagnificError(body, 404)).toStrictEqual({ message, code: null, retryAfterMs: null, requestId: null });
  });
});
