import { makeRun, TimeoutError } from "@runstatus/core";
import { describe, expect, it } from "vitest";
import { errorLine, exitCodeOf, formatRun, jsonLine } from "./format.js";

const ESC = "\u001b]0;owned\u0007\u001b[31m\u009b2J\r";

describe("provider text on a terminal", () => {
  it("formatRun removes escape sequences and control characters from every provider text", () => {
    const run = makeRun({
      provider: "onepin",
      ids: ["wf", "r1"],
      state: "failed",
      providerStatus: `failed${ESC}`,
      error: { message: `boom${ESC}\nsecond line`, code: `E${ESC}` },
      steps: [
        { id: null, name: `step${ESC}`, state: "failed", providerStatus: "x", startedAt: null, completedAt: null, outputs: [] },
      ],
    });
    const text = formatRun(run);
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(text).toContain("boom second line [E]");
    expect(text).toContain("step");
  });

  it("errorLine does the same for an error message", () => {
    expect(errorLine(new Error(`bad${ESC}`), [])).toBe("runstatus: bad.");
  });

  it("jsonLine keeps the data but writes DEL, C1 controls and line separators as escapes", () => {
    const value = { s: `a\u009bb\u007f\u2028c\u001b` };
    const line = jsonLine(value);
    expect(line).not.toMatch(/[\u001b\u007f-\u009f\u2028]/);
    expect(JSON.parse(line)).toEqual(value);
  });

  it("a timeout of get, start or cancel exits 4", () => {
    expect(exitCodeOf(new TimeoutError("onepin", 60_000))).toBe(4);
  });
});
