import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseArgs, parseFault } from "../src/cli.js";
import { auth, bundle, call } from "./helpers.js";

describe("parseArgs", () => {
  it("maps flags to options", () => {
    const cfg = parseArgs([
      "--port",
      "4321",
      "--speed=4",
      "--scenario",
      "failed",
      "--scenario",
      "onepin=paused",
      "--steps",
      "3",
      "--step-ms",
      "200",
      "--fault",
      "modelslab:status:2:429:1",
      "--fault",
      "*:*:1:slow:250:always",
      "--modelslab-rate-limit",
      "10",
      "--key",
      "onepin=op_live_x",
      "--json",
    ]);
    expect(cfg).toMatchObject({ json: true, log: false, help: false });
    expect(cfg.options).toEqual({
      port: 4321,
      speed: 4,
      scenario: { magnific: "failed", onepin: "paused", wondercat: "failed", modelslab: "failed" },
      timing: { steps: 3, stepMs: 200 },
      faults: [
        { provider: "modelslab", path: "status", nth: 2, kind: "429", retryAfterSec: 1 },
        { nth: 1, kind: "slow", delayMs: 250, times: "always" },
      ],
      modelslabRateLimit: 10,
      keys: { onepin: ["op_live_x"] },
    });
  });

  it("takes --flag=value as well as --flag value, and the last --scenario for a provider wins", () => {
    expect(parseArgs(["--port=4010", "--host", "127.0.0.1", "-h"])).toMatchObject({
      help: true,
      options: { port: 4010, host: "127.0.0.1" },
    });
    const cfg = parseArgs(["--scenario=onepin=failed", "--scenario", "onepin=paused"]);
    expect(cfg.options.scenario).toMatchObject({ onepin: "paused", magnific: "succeeded" });
  });

  it("rejects mistakes with one sentence", () => {
    expect(() => parseArgs(["--nope"])).toThrow('unknown option "--nope"; run runstatus-simulator --help');
    expect(() => parseArgs(["--port"])).toThrow("--port needs a value");
    expect(() => parseArgs(["--port", "--json"])).toThrow("--port needs a value");
    expect(() => parseArgs(["--nope=1"])).toThrow('unknown option "--nope"; run runstatus-simulator --help');
    expect(() => parseArgs(["serve"])).toThrow('unknown option "serve"; run runstatus-simulator --help');
    expect(() => parseArgs(["--json=yes"])).toThrow("--json takes no value");
    expect(() => parseArgs(["--speed", "fast"])).toThrow('--speed needs a number, got "fast"');
    expect(() => parseArgs(["--scenario", "paused"])).toThrow(/only onepin can pause/);
    expect(() => parseArgs(["--scenario", "acme=failed"])).toThrow(/unknown provider "acme"/);
    expect(() => parseFault("modelslab:status:429")).toThrow(/expected <provider\|\*>:<route\|\*>:<nth>:<kind>/);
    expect(() => parseFault("modelslab:status:x:429")).toThrow(/<nth> must be a positive integer/);
    expect(() => parseFault("modelslab:status:1:drop:5")).toThrow(/kind drop takes no argument/);
    expect(() => parseFault("acme:status:1:429")).toThrow(/provider must be one of/);
  });
});

describe("runstatus-simulator (a real process)", () => {
  let bin: Awaited<ReturnType<typeof bundle>>;
  beforeAll(async () => {
    bin = await bundle("bin");
  });
  afterAll(() => bin.cleanup());

  function run(args: string[]): { child: ChildProcess; out: () => string; err: () => string; exit: Promise<number | null> } {
    const child = spawn(process.execPath, [bin.file, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout?.on("data", (d) => {
      out += String(d);
    });
    child.stderr?.on("data", (d) => {
      err += String(d);
    });
    const exit = new Promise<number | null>((ok) => child.once("exit", (c) => ok(c)));
    return { child, out: () => out, err: () => err, exit };
  }

  async function firstLine(get: () => string): Promise<string> {
    for (let i = 0; i < 300 && !get().includes("\n"); i++) await new Promise((r) => setTimeout(r, 20));
    return get().split("\n")[0] as string;
  }

  it("prints its URLs, serves the providers, and on SIGTERM closes and exits 0, freeing the port", async () => {
    const p = run(["--json", "--speed", "10", "--log"]);
    const info = JSON.parse(await firstLine(p.out));
    expect(info.baseUrls.onepin).toBe(`${info.url}/onepin`);
    expect(info.keys.modelslab).toBe("sim-modelslab-key");
    const wf = info.targets.modelslab.default;
    const started = await call(`${info.baseUrls.modelslab}/${wf}/run`, {
      method: "POST",
      headers: auth("modelslab"),
      body: { prompt: "x" },
    });
    expect(started.status).toBe(202);
    p.child.kill("SIGTERM");
    expect(await p.exit).toBe(0);
    expect(p.err()).toMatch(/^POST \/modelslab\/.+\/run -> 202$/m);
    const port = Number(new URL(info.url).port);
    await new Promise<void>((ok, fail) => {
      const s = createServer();
      s.once("error", fail);
      s.listen(port, "127.0.0.1", () => s.close(() => ok()));
    });
  });

  it("the human output names each base URL and a key to use; SIGINT also exits 0", async () => {
    const p = run(["--scenario", "modelslab=failed"]);
    const first = await firstLine(p.out);
    expect(first).toMatch(/^runstatus simulator listening on http:\/\/127\.0\.0\.1:\d+ \(speed 1x\)$/);
    for (let i = 0; i < 100 && !p.out().includes("Ctrl-C"); i++) await new Promise((r) => setTimeout(r, 20));
    expect(p.out()).toMatch(/onepin\s+http:\/\/127\.0\.0\.1:\d+\/onepin/);
    expect(p.out()).toContain("RUNSTATUS_ONEPIN_BASE_URL=");
    p.child.kill("SIGINT");
    expect(await p.exit).toBe(0);
  });

  it("configured keys are never printed", async () => {
    const p = run(["--key", "TOPSECRETKEY123", "--json"]);
    const info = JSON.parse(await firstLine(p.out));
    expect(info.keys).toEqual({ magnific: null, onepin: null, wondercat: null, modelslab: null });
    expect((await call(`${info.url}/`)).text).not.toContain("TOPSECRETKEY123");
    p.child.kill("SIGTERM");
    await p.exit;
    expect(p.out() + p.err()).not.toContain("TOPSECRETKEY123");
  });

  it("a bad flag is one line on stderr and exit 2; --help exits 0", async () => {
    const bad = run(["--speed", "0"]);
    expect(await bad.exit).toBe(2);
    expect(bad.err().trim().split("\n")).toEqual(["runstatus-simulator: speed must be a number from 0.001 to 1000000, got 0"]);
    const help = run(["--help"]);
    expect(await help.exit).toBe(0);
    expect(help.out()).toMatch(/^Usage: runstatus-simulator/);
  });

  it("a port in use is one line on stderr and exit 1", async () => {
    const s = createServer();
    await new Promise<void>((ok) => s.listen(0, "127.0.0.1", () => ok()));
    const port = (s.address() as { port: number }).port;
    const p = run(["--port", String(port)]);
    expect(await p.exit).toBe(1);
    expect(p.err().trim()).toBe(`runstatus-simulator: port ${port} on 127.0.0.1 is already in use`);
    await new Promise((ok) => s.close(ok));
  });
});
