import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { type SimProvider, SimulatorError, startSimulator } from "@runstatus/simulator";
import { describe, expect, it } from "vitest";
import { auth, bundle, call, withSim } from "./helpers.js";

function listenOn(port: number): Promise<void> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(port, "127.0.0.1", () => s.close(() => ok()));
  });
}

describe("lifecycle", () => {
  it("listens on 127.0.0.1 and a free port by default, or on the port given", async () => {
    const a = await startSimulator();
    expect(a.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(a.baseUrls).toEqual({
      magnific: `${a.url}/magnific`,
      onepin: `${a.url}/onepin`,
      wondercat: `${a.url}/wondercat`,
      modelslab: `${a.url}/modelslab`,
    });
    const port = a.port;
    await a.close();
    const b = await startSimulator({ port });
    expect(b.port).toBe(port);
    await expect(startSimulator({ port })).rejects.toThrow(new RegExp(`port ${port} on 127.0.0.1 is already in use`));
    await b.close();
  });

  it("close() ends connections in flight, frees the port and is idempotent", async () => {
    const { sim } = await withSim({ faults: [{ kind: "slow", delayMs: 60_000, provider: "onepin" }] });
    const run = sim.createRun({ provider: "magnific" });
    expect((await call(`${sim.baseUrls.magnific}/v1/ai/apps/runs/${run.id}`, { headers: auth("magnific") })).status).toBe(200);
    const stuck = fetch(`${sim.baseUrls.onepin}/api/v1/workflows/${sim.targets.onepin.default}/runs`, {
      headers: auth("onepin"),
    });
    await new Promise((r) => setTimeout(r, 100));
    await sim.close();
    await expect(stuck).rejects.toThrow();
    await sim.close();
    await listenOn(sim.port);
  });

  it("after close() nothing keeps the process alive: no server, socket or timer left behind", async () => {
    // In a separate process, so that "nothing left" means the process exits by itself.
    const b = await bundle("index");
    try {
      const script = join(b.dir, "child.mjs");
      writeFileSync(
        script,
        `import { startSimulator } from "./index.mjs";
const sim = await startSimulator({ faults: [{ kind: "slow", delayMs: 60000, provider: "onepin" }] });
const run = sim.createRun({ provider: "magnific" });
await (await fetch(sim.baseUrls.magnific + "/v1/ai/apps/runs/" + run.id, { headers: { "x-magnific-api-key": "k" } })).text();
const stuck = fetch(sim.baseUrls.onepin + "/api/v1/workflows/" + sim.targets.onepin.default + "/runs", { headers: { authorization: "Bearer k" } }).then(() => "answered", () => "cut");
while (sim.requests().length < 1 || !process.getActiveResourcesInfo().includes("Timeout")) await new Promise((r) => setTimeout(r, 10));
await new Promise((r) => setTimeout(r, 50));
await sim.close();
console.log(await stuck);
`,
      );
      const child = spawn(process.execPath, [script], { stdio: ["ignore", "pipe", "pipe"] });
      let out = "";
      child.stdout.on("data", (d) => {
        out += String(d);
      });
      child.stderr.on("data", (d) => {
        out += String(d);
      });
      const code = await new Promise<number | string>((ok) => {
        const t = setTimeout(() => {
          child.kill("SIGKILL");
          ok("still running 10 s after close()");
        }, 10_000);
        child.once("exit", (c) => {
          clearTimeout(t);
          ok(c ?? -1);
        });
      });
      expect(code).toBe(0);
      expect(out.trim()).toBe("cut");
    } finally {
      b.cleanup();
    }
  });

  it("on the real clock, runs advance with wall-clock time scaled by speed", async () => {
    const sim = await startSimulator({ speed: 50, timing: { queuedMs: 500, stepMs: 500, steps: 4 } });
    try {
      const run = sim.createRun({ provider: "wondercat" });
      const t0 = Date.now();
      let status = "";
      while (status !== "succeeded" && Date.now() - t0 < 5000) {
        status = (await call(`${sim.baseUrls.wondercat}/runs/${run.id}`, { headers: auth("wondercat") })).body.status;
        await new Promise((r) => setTimeout(r, 5));
      }
      // 2.5 s of simulated time at 50x is 50 ms.
      expect(status).toBe("succeeded");
      expect(Date.now() - t0).toBeGreaterThanOrEqual(45);
      expect(Date.now() - t0).toBeLessThan(2000);
    } finally {
      await sim.close();
    }
  });

  it("bad options are a SimulatorError naming the option", async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ port: 70000 }, /^port must be an integer from 0 to 65535/],
      [{ speed: 0 }, /^speed must be a number/],
      [{ scenario: "exploded" }, /^scenario: unknown scenario "exploded"/],
      [{ scenario: "paused" }, /not available for magnific/],
      [{ scenario: { acme: "failed" } }, /unknown provider "acme"/],
      [{ timing: { steps: 0 } }, /^timing\.steps must be an integer from 1/],
      [{ timing: { stepsPerRun: 3 } }, /unknown field "stepsPerRun"/],
      [{ scenarios: { slow: { stepMs: -1 } } }, /^scenarios\.slow\.stepMs/],
      [{ keys: [] }, /^keys must be a non-empty list/],
      [{ keys: { onepin: [""] } }, /^keys\.onepin must be a non-empty list of non-empty strings/],
      [{ modelslabRateLimit: { limit: 0 } }, /^modelslabRateLimit\.limit/],
      [{ now: 5 }, /^now must be a function/],
    ];
    for (const [opts, re] of cases) {
      const err = await startSimulator(opts as never).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SimulatorError);
      expect((err as Error).message).toMatch(re);
    }
  });

  it("no key ever appears in an answer, the request log or the log lines", async () => {
    const good = "sk_live_GOODSECRET_1234567890";
    const wrong = "sk_live_WRONGSECRET_0987654321";
    const lines: string[] = [];
    const { sim } = await withSim({ keys: [good], log: (l: string) => lines.push(l) });
    const texts: string[] = [];
    const providers: SimProvider[] = ["magnific", "onepin", "wondercat", "modelslab"];
    for (const p of providers) {
      const run = sim.createRun({ provider: p, state: "terminal" });
      for (const key of [good, wrong]) {
        for (const fault of ["", "429", "500"]) {
          const headers = { ...auth(p, key), ...(fault ? { "x-simulator-fault": fault } : {}) };
          const b = sim.baseUrls[p];
          const urls = {
            magnific: [`${b}/v1/ai/apps`, `${b}/v1/ai/apps/runs/${run.id}`],
            onepin: [`${b}/api/v1/workflows/${run.ids[0]}/runs`, `${b}/api/v1/workflows/${run.ids[0]}/runs/${run.id}/status`],
            wondercat: [`${b}/runs/${run.id}`, `${b}/blueprints/bp_xyz/runs`],
            modelslab: [b, `${b}/${run.ids[0]}/runs/${run.id}`],
          }[p];
          for (const u of urls) texts.push((await call(u, { headers })).text);
        }
      }
    }
    texts.push((await call(`${sim.url}/`)).text, (await call(`${sim.url}/_simulator/requests`)).text);
    const all = [...texts, ...lines, JSON.stringify(sim.requests())].join("\n");
    expect(all).not.toContain(good);
    expect(all).not.toContain(wrong);
    expect(texts.length).toBeGreaterThan(40);
    await sim.close();
  });
});
