import { InvalidResponseError } from "@runstatus/core";
import { describe, expect, it } from "vitest";
import { modelslab } from "./modelslab-adapter.js";

const read = (body: unknown) => modelslab({ apiKey: "k-0000" }).readWebhook?.(body, JSON.stringify(body));

describe("modelslab workflow webhook payloads", () => {
  it("maps `workflow.completed` to a succeeded run with its output URLs", () => {
    const w = read({
      event: "workflow.completed",
      execution_id: 12345,
      workflow_id: "wf-1",
      status: "completed",
      output: { output: ["https://cdn.modelslab.com/a.mp4"] },
      completed_at: "2026-02-25T12:01:58.000Z",
    });
    expect(w).toMatchObject({ ids: ["wf-1", "12345"], event: "workflow.completed", state: "succeeded" });
    expect(w?.run).toMatchObject({ ref: "modelslab:wf-1/12345", completedAt: "2026-02-25T12:01:58.000Z" });
    expect(w?.run.outputs).toEqual([expect.objectContaining({ url: "https://cdn.modelslab.com/a.mp4", kind: "video" })]);
  });

  it("reads a failure by status or by the inferred event name; an unknown event says no state", () => {
    expect(read({ event: "workflow.failed", execution_id: 1, workflow_id: "wf" })?.state).toBe("failed");
    expect(read({ event: "workflow.whatever", execution_id: 1, workflow_id: "wf", status: "failed" })?.state).toBe("failed");
    expect(read({ event: "workflow.unknown", execution_id: 1, workflow_id: "wf" })?.state).toBeNull();
  });

  it("fails naming the field when the payload lacks what the mapping needs", () => {
    expect(() => read({ event: "workflow.completed", execution_id: 1 })).toThrow(InvalidResponseError);
    expect(() => read({ event: "workflow.completed", execution_id: {}, workflow_id: "wf" })).toThrow(/execution_id/);
  });

  it("refuses a per-run webhookUrl at the facade (ModelsLab sets it on the workflow)", () => {
    // The adapter declares no per-run webhook: the facade's start turns webhookUrl into a UsageError.
    expect(modelslab({ apiKey: "k-0000" }).capabilities.webhooks).toBe(false);
  });
});
