import { jsonResponse as json } from "@runstatus/test-utils";
import { describe, expect, it } from "vitest";
import { modelslab } from "./modelslab-adapter.js";

const WF = "wf-1";
const read = (body: unknown) => modelslab({ apiKey: "k-0000" }).readWebhook?.(body, JSON.stringify(body));

describe("modelslab run mapping", () => {
  it("a completed execution carrying an error text is a success without an error", async () => {
    const body = { status: "success", execution: { id: 7, status: "completed" }, error: "a warning", steps: [] };
    const p = modelslab({ apiKey: "k-0000", fetch: async () => json(200, body) });
    const { run } = await p.get([WF, "7"]);
    expect(run.state).toBe("succeeded");
    expect(run.error).toBeNull();
  });
});

describe("modelslab webhook mapping", () => {
  it("a known status is the run's state and its providerStatus; no output is no outputs", () => {
    const w = read({ event: "workflow.failed", execution_id: 1, workflow_id: WF, status: "completed" });
    expect(w?.state).toBe("succeeded");
    expect(w?.run).toMatchObject({ state: "succeeded", terminal: true, providerStatus: "completed", outputs: [] });
  });

  it("an unknown status gives way to a known event name; the raw status stays", () => {
    const w = read({ event: "workflow.completed", execution_id: 1, workflow_id: WF, status: "archived" });
    expect(w?.state).toBe("succeeded");
    expect(w?.run).toMatchObject({ state: "succeeded", providerStatus: "archived" });
  });

  it("no status: the event name decides, and is the providerStatus", () => {
    const w = read({ event: "workflow.completed", execution_id: 1, workflow_id: WF });
    expect(w?.run).toMatchObject({ state: "succeeded", providerStatus: "workflow.completed" });
  });

  it("neither known: state null, the run unknown and not terminal", () => {
    const w = read({ event: "workflow.paused", execution_id: 1, workflow_id: WF, status: "archived" });
    expect(w?.state).toBeNull();
    expect(w?.run).toMatchObject({ state: "unknown", terminal: false, providerStatus: "archived" });
  });
});
