import { InvalidResponseError, type Run } from "@runstatus/core";
import { jsonResponse as json, rejectionOf } from "@runstatus/test-utils";
import { describe, expect, it } from "vitest";
import { wondercat } from "./wondercat-adapter.js";

const KEY = `sk_${"b2".repeat(32)}`;

/** The run `get` makes of one answer with this body. */
async function runOf(body: Record<string, unknown>): Promise<Run> {
  const p = wondercat({ apiKey: KEY, fetch: async () => json(200, { runId: "run_1", blueprintId: "bp_1", ...body }) });
  return (await p.get(["run_1"])).run;
}

const step = (name: string | null, status: string, extra: Record<string, unknown> = {}) => ({
  stepId: `id_${name}`,
  referenceId: `ref_${name}`,
  ...(name === null ? {} : { name }),
  status,
  ...extra,
});

describe("wondercat run mapping: a failed run's message", () => {
  it.each([
    ["one failed step, no progress", undefined, [step("Upscale", "failed")], "1 step failed: Upscale"],
    ["two failed steps, no progress", undefined, [step("A", "failed"), step("B", "failed")], "2 steps failed: A, B"],
    [
      "one failed step of five",
      { totalSteps: 5, completedSteps: 4, failedSteps: 1 },
      [step("A", "failed")],
      "1 of 5 steps failed: A",
    ],
    ["a count but no step listed", { totalSteps: 3, completedSteps: 2, failedSteps: 1 }, [], "1 of 3 steps failed"],
  ])("%s → %j", async (_, progress, steps, message) => {
    const run = await runOf({ status: "failed", ...(progress ? { progress } : {}), steps });
    expect(run.state).toBe("failed");
    expect(run.error).toStrictEqual({ message });
  });
});

describe("wondercat run mapping: optional fields", () => {
  it("progress without failed or running counts leaves them out rather than null", async () => {
    const run = await runOf({ status: "running", progress: { totalSteps: 4, completedSteps: 1 } });
    expect(run.progress).toStrictEqual({ completed: 1, total: 4 });
  });

  it("a step without an outputs list has no outputs", async () => {
    const run = await runOf({ status: "running", steps: [step("A", "running")] });
    expect(run.steps.map((s) => [s.name, s.outputs])).toStrictEqual([["A", []]]);
  });

  it("a step with no name, reference id or id is an InvalidResponseError naming the field", async () => {
    const p = wondercat({
      apiKey: KEY,
      fetch: async () => json(200, { runId: "run_1", blueprintId: "bp_1", status: "running", steps: [{ status: "running" }] }),
    });
    const err = await rejectionOf(p.get(["run_1"]));
    expect(err).toBeInstanceOf(InvalidResponseError);
    expect((err as Error).message).toContain("response field `steps[0].name` is missing");
  });
});
