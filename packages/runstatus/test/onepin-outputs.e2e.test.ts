// OnePin's status call carries no outputs: when a run ends, the facade's wait and watch read
// them once (the run's audio ZIP), against the simulator on a free port. Its own simulator, so
// the planned faults here reach no other test.
import { type SimulatorHandle, startSimulator } from "@runstatus/simulator";
import { ApiError, type Run } from "runstatus";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collect, facadeFor, requestsFor, runIdOf } from "./helpers.js";

let sim: SimulatorHandle;

beforeAll(async () => {
  sim = await startSimulator({ speed: 10, timing: { queuedMs: 500, stepMs: 500, steps: 4 } });
});
afterAll(async () => {
  await sim?.close();
});

const target = (scenario: "succeeded" | "failed" | "cancelled") => sim.targets.onepin[scenario] as string;
const routes = (ref: string) => requestsFor(sim, "onepin", runIdOf(ref)).map((r) => r.route);

describe.concurrent("onepin: the final run carries its outputs", () => {
  it("wait reads the download once, after the terminal status, and the URL serves the ZIP", async () => {
    const rs = facadeFor(sim);
    const ref = await rs.start("onepin", target("succeeded"));
    const updates: Run[] = [];
    const run = await rs.wait(ref, { onUpdate: (r) => updates.push(r) });
    expect(run.state).toBe("succeeded");
    expect(run.outputs).toEqual([expect.objectContaining({ kind: "file", mimeType: "application/zip" })]);
    // The last update is the final run, outputs included; earlier ones carry none.
    expect(updates.at(-1)).toEqual(run);
    expect(updates.slice(0, -1).every((u) => u.outputs.length === 0)).toBe(true);
    const seen = routes(ref);
    expect(seen.filter((r) => r === "download")).toHaveLength(1);
    expect(seen.at(-1)).toBe("download");
    expect(seen.at(-2)).toBe("status");
    const zip = await fetch(run.outputs[0]?.url as string);
    expect(zip.status).toBe(200);
    await zip.arrayBuffer();
  });

  it("watch ends with the run and its outputs, once", async () => {
    const rs = facadeFor(sim);
    const ref = await rs.start("onepin", target("succeeded"));
    const runs = await collect(rs.watch(ref));
    expect(runs.filter((r) => r.terminal)).toHaveLength(1);
    expect(runs.at(-1)?.outputs).toHaveLength(1);
    expect(routes(ref).filter((r) => r === "download")).toHaveLength(1);
  });

  it("waitAll and waitAny carry them too", async () => {
    const rs = facadeFor(sim);
    const refs = await Promise.all([rs.start("onepin", target("succeeded")), rs.start("onepin", target("succeeded"))]);
    const all = await rs.waitAll(refs);
    expect(all.map((r) => r.outputs.length)).toEqual([1, 1]);
    const first = await rs.waitAny([await rs.start("onepin", target("succeeded"))]);
    expect(first.outputs).toHaveLength(1);
  });

  it("a failed or cancelled run has no download: nothing more is sent", async () => {
    const rs = facadeFor(sim);
    const refs = await Promise.all([rs.start("onepin", target("failed")), rs.start("onepin", target("cancelled"))]);
    const runs = await rs.waitAll(refs);
    expect(runs.map((r) => r.state)).toEqual(["failed", "cancelled"]);
    for (const [i, ref] of refs.entries()) {
      expect(runs[i]?.outputs).toEqual([]);
      expect(routes(ref)).not.toContain("download");
    }
  });

  it("readOutputs: false sends nothing more and leaves outputs empty", async () => {
    const rs = facadeFor(sim, { adapter: { onepin: { readOutputs: false } } });
    const ref = await rs.start("onepin", target("succeeded"));
    const run = await rs.wait(ref);
    expect(run).toMatchObject({ state: "succeeded", outputs: [] });
    expect(routes(ref)).not.toContain("download");
  });

  it("get reads the status call only, whatever the state", async () => {
    const rs = facadeFor(sim);
    const ref = await rs.start("onepin", target("succeeded"));
    await rs.wait(ref);
    const before = routes(ref).length;
    expect((await rs.get(ref)).outputs).toEqual([]);
    expect(routes(ref).slice(before)).toEqual(["status"]);
  });

  it("a 503 on the download is retried as any poll is, and the run still carries its outputs", async () => {
    const rs = facadeFor(sim);
    const ref = await rs.start("onepin", target("succeeded"));
    sim.addFault({
      provider: "onepin",
      path: `/api/v1/workflows/${ref.split(/[:/]/)[1]}/runs/${runIdOf(ref)}/download`,
      kind: "5xx",
      status: 503,
    });
    const run = await rs.wait(ref);
    expect(run.outputs).toHaveLength(1);
    expect(
      requestsFor(sim, "onepin", runIdOf(ref))
        .filter((r) => r.route === "download")
        .map((r) => r.status),
    ).toEqual([503, 200]);
  });

  it("an error that is not retried rejects the wait with the finished run as lastRun", async () => {
    const rs = facadeFor(sim, { adapter: { onepin: { fetch: downloadAnswers(403, "FORBIDDEN") } } });
    const ref = await rs.start("onepin", target("succeeded"));
    const err = await rs.wait(ref).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 403, lastRun: { ref, state: "succeeded", outputs: [] } });
  });

  it("a 404 on the download (a run that produced no audio) is no outputs, not an error", async () => {
    const rs = facadeFor(sim, { adapter: { onepin: { fetch: downloadAnswers(404, "NOT_FOUND") } } });
    const ref = await rs.start("onepin", target("succeeded"));
    expect(await rs.wait(ref)).toMatchObject({ state: "succeeded", outputs: [] });
  });
});

/** The simulator, except that every download call answers `status` with OnePin's error envelope. */
function downloadAnswers(status: number, code: string): typeof fetch {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.endsWith("/download")) return fetch(input, init);
    const body = {
      error: { code, message: "Run has no audio to download." },
      meta: { request_id: "req_1", timestamp: new Date().toISOString() },
    };
    return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  };
}
