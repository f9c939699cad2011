import { InvalidResponseError } from "@runstatus/core";
import { jsonResponse as json, recordingFetch } from "@runstatus/test-utils";
import { describe, expect, it } from "vitest";
import { magnific } from "./magnific-adapter.js";

const read = (body: unknown) => magnific({ apiKey: "k-0000" }).readWebhook?.(body, JSON.stringify(body));

describe("magnific webhook payloads", () => {
  it("maps `finished` with its result to a succeeded run with outputs", () => {
    const w = read({
      event: "finished",
      run_id: "omps2OH829",
      result: { images: [{ url: "https://cdn.example/x.png?token=exp_1772064118~hmac_ab", width: 1, height: 2 }] },
    });
    expect(w).toMatchObject({ ids: ["omps2OH829"], event: "finished", state: "succeeded" });
    expect(w?.run).toMatchObject({ ref: "magnific:omps2OH829", terminal: true, providerStatus: "finished" });
    expect(w?.run.outputs).toEqual([
      expect.objectContaining({
        kind: "image",
        mimeType: "image/png",
        width: 1,
        height: 2,
        expiresAt: "2026-02-26T00:01:58.000Z",
      }),
    ]);
  });

  it("lets `status` decide over the event name (completed_with_errors is partial)", () => {
    expect(read({ event: "finished", run_id: "r", status: "completed_with_errors" })?.state).toBe("partial");
    expect(read({ event: "initialized", run_id: "r" })?.state).toBe("running");
    expect(read({ event: "failed", run_id: "r" })?.state).toBe("failed");
  });

  it("says no state for an event it does not know, and fails naming a field of the wrong type", () => {
    const w = read({ event: "sim.unknown", run_id: "r" });
    expect(w?.state).toBeNull();
    expect(w?.run.state).toBe("unknown");
    expect(() => read({ run_id: { x: 1 } })).toThrow(InvalidResponseError);
    expect(() => read({ event: "finished" })).toThrow(/run_id/);
  });

  it("sends the webhookUrl start option as the run's webhook", async () => {
    const { fetch, seen } = recordingFetch(() => json(202, { status: "running", workflow_run_identifier: "omps2OH829" }));
    await magnific({ apiKey: "k-0000", fetch }).start?.("app", {}, { webhookUrl: "https://hooks.example/m" });
    expect(JSON.parse(seen[0]?.body ?? "{}")).toEqual({ inputs: {}, webhook: "https://hooks.example/m" });
  });
});

describe("magnific webhook payloads: what decides the state", () => {
  it("an unknown status gives way to a known event name; the raw status stays", () => {
    const w = read({ event: "finished", run_id: "r", status: "archived" });
    expect(w?.state).toBe("succeeded");
    expect(w?.run).toMatchObject({ state: "succeeded", providerStatus: "archived" });
  });

  it("a payload with neither status nor event has an empty providerStatus", () => {
    expect(read({ run_id: "r" })?.run).toMatchObject({ state: "unknown", providerStatus: "" });
  });

  it("a CDN token that ends with its exp_ part still gives the expiry", () => {
    const w = read({
      event: "finished",
      run_id: "r",
      result: { images: [{ url: "https://cdn.example/x.png?token=exp_1772064118" }] },
    });
    expect(w?.run.outputs[0]?.expiresAt).toBe("2026-02-26T00:01:58.000Z");
  });
});
