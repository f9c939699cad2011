import { UsageError } from "@runstatus/core";
import { describe, expect, it } from "vitest";
import { readWondercatError, wondercatStartBody } from "./index.js";

const refusal = (input: Record<string, string | number | boolean>): UsageError => {
  try {
    wondercatStartBody(input);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).provider).toBe("wondercat");
    return err as UsageError;
  }
  throw new Error("expected a UsageError");
};

describe("wondercatStartBody", () => {
  it("both parts of a dotted key are trimmed", () => {
    expect(wondercatStartBody({ " step_a . prompt ": "fox" })).toStrictEqual({
      inputs: [{ stepReferenceId: "step_a", targetField: "prompt", value: "fox" }],
    });
  });

  it("variationPrompt up to 5,000 characters and variationLlm are sent as given", () => {
    const prompt = "p".repeat(5000);
    expect(wondercatStartBody({ variationPrompt: prompt, variationLlm: "gpt-4o" })).toStrictEqual({
      variationPrompt: prompt,
      variationLlm: "gpt-4o",
    });
    expect(refusal({ variationPrompt: `${prompt}p` }).message).toBe(
      "wondercat: variationPrompt is 5001 characters; the API accepts at most 5000",
    );
  });

  it("a skip flag that is not true or false is refused, showing at most 40 characters of it", () => {
    expect(refusal({ skipMissingTextInputs: "y".repeat(50) }).message).toBe(
      `wondercat: skipMissingTextInputs must be true or false, got "${"y".repeat(40)}"`,
    );
  });
});

describe("readWondercatError", () => {
  const none = { message: null, code: null, retryAfterMs: null };
  it.each([
    ["oops", {}],
    [null, {}],
    [{}, none],
    [{ error: null }, none],
    [{ error: 5 }, none],
    [{ error: { message: "", code: "" } }, none],
    [{ error: { message: 5, code: 7 } }, none],
    [
      { error: { message: "Run not found", code: "not_found" } },
      { message: "Run not found", code: "not_found", retryAfterMs: null },
    ],
  ])("%j → %j", (body, info) => {
    expect(readWondercatError(body, 404, 0)).toStrictEqual(info);
  });
});
