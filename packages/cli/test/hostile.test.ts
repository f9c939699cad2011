// The built CLI, run as a child process, against a hostile server for every provider: echoed keys
// and terminal escapes never reach stdout or stderr, a server that never answers ends in exit 4
// under --timeout, and a redirect to another origin never takes the key along.
import {
  type HostileServer,
  SAMPLE_REFS,
  SPEC_PROVIDERS,
  type SpecProvider,
  startHostileServer,
  statusExamples,
} from "@runstatus/test-utils";
import { describe, expect, it } from "vitest";
import { type CliResult, runCli } from "./helpers.js";

const KEYS: Record<SpecProvider, string> = {
  magnific: "mgk_cli_hostile/secret_0123456789",
  onepin: "op_live_cli_hostile/secret_0123456789",
  wondercat: "sk_cli_hostile/secret_0123456789",
  modelslab: "mlk_cli_hostile/secret_0123456789",
};
const ESCAPES = "\u001b]0;owned\u0007\u001b[2J\u009b31m";
const START_TARGET: Record<SpecProvider, string[]> = {
  magnific: ["magnific", "uqzQLDr2Aw", "--input", "prompt=x"],
  onepin: ["onepin", "7c9e6679-7425-40de-944b-e07fc1f90ae7", "--input", "script_text=x"],
  wondercat: ["wondercat", "bp_xyz", "--input", "step.prompt=x"],
  modelslab: ["modelslab", "0b9c2f4e-5a1d-4e8b-9c3f-7d2a6b1e4f80", "--input", "prompt=x"],
};

/** A hostile server and a second origin for one test, both closed after it; the second must never see a key. */
async function withServers(fn: (server: HostileServer, other: HostileServer) => Promise<void>): Promise<void> {
  const server = await startHostileServer();
  const other = await startHostileServer();
  try {
    await fn(server, other);
    expect(other.requests.filter((q) => q.credential !== null)).toEqual([]);
  } finally {
    await server.close();
    await other.close();
  }
}

function env(server: HostileServer): Record<string, string> {
  const e: Record<string, string> = { PATH: process.env.PATH ?? "", NO_COLOR: "1" };
  for (const p of SPEC_PROVIDERS) {
    e[`${p.toUpperCase()}_API_KEY`] = KEYS[p];
    e[`RUNSTATUS_${p.toUpperCase()}_BASE_URL`] = server.url;
  }
  return e;
}

function echoed(v: unknown, extra: string): unknown {
  if (typeof v === "string") return `${v} ${extra}`;
  if (Array.isArray(v)) return v.map((x) => echoed(x, extra));
  if (typeof v === "object" && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, echoed(x, extra)]));
  return v;
}

/** Fails when any key, in any printed form, or a terminal escape, is in the CLI's output. */
function expectClean(r: CliResult): void {
  const out = r.stdout + r.stderr;
  for (const key of Object.values(KEYS)) {
    for (const form of [key, JSON.stringify(key).slice(1, -1).replaceAll("/", "\\/"), encodeURIComponent(key)]) {
      expect(out).not.toContain(form);
    }
  }
  expect(out).not.toMatch(/[\u001b\u0007\u009b]/);
}

// Each test has its own servers, so the tests (each a few child processes) run concurrently.
describe.concurrent.each(SPEC_PROVIDERS)("%s: the CLI against a hostile server", (p) => {
  const ref = SAMPLE_REFS[p];

  it("get prints a run whose every text echoes the key and escapes, in plain mode and --json, with neither", () =>
    withServers(async (server) => {
      const extra = `${KEYS[p]} ${ESCAPES}`;
      server.handle((_q, r) => r.json(200, echoed(statusExamples(p).failed, extra)));
      for (const r of await Promise.all([runCli(["get", ref], env(server)), runCli(["get", ref, "--json"], env(server))])) {
        expectClean(r);
        expect([0, 3]).toContain(r.code);
      }
    }));

  it("an error whose reason phrase and body echo the key and escapes is printed without them (exit 3)", () =>
    withServers(async (server) => {
      server.handle((_q, r) =>
        r.text(503, JSON.stringify({ message: `down ${KEYS[p]} ${ESCAPES}` }), {
          reason: `Down ${KEYS[p]}`,
          headers: { "x-request-id": KEYS[p] },
        }),
      );
      for (const r of await Promise.all([runCli(["get", ref], env(server)), runCli(["get", ref, "--json"], env(server))])) {
        expect(r.code).toBe(3);
        expect(r.stderr).toMatch(/HTTP 503/);
        expectClean(r);
      }
    }));

  it("watch of a run whose status is the key prints it as unknown until the deadline (exit 4), the key nowhere", async () => {
    const running = JSON.stringify(statusExamples(p).running).replaceAll('"running"', JSON.stringify(`${KEYS[p]}${ESCAPES}`));
    await withServers(async (server) => {
      server.handle((_q, r) => r.json(200, running));
      const argv = ["watch", ref, "--timeout", "3000ms"];
      for (const r of await Promise.all([runCli(argv, env(server)), runCli([...argv, "--json"], env(server))])) {
        expectClean(r);
        expect(r.code).toBe(4);
        expect(r.stdout).toContain("unknown");
      }
    });
  });

  it("get, start and cancel against a server that never answers end with exit 4 under --timeout", () =>
    withServers(async (server) => {
      server.handle((_q, r) => r.hang());
      const runs = await Promise.all([
        runCli(["get", ref, "--timeout", "300ms"], env(server)),
        runCli(["start", ...START_TARGET[p], "--timeout", "300ms"], env(server)),
        runCli(["cancel", ref, "--timeout", "300ms"], env(server)),
      ]);
      const [get, start, cancel] = runs as [CliResult, CliResult, CliResult];
      expect(get.code).toBe(4);
      expect(start.code).toBe(4);
      // Magnific and Wondercat have no cancel: a usage error before any request.
      expect(cancel.code).toBe(p === "magnific" || p === "wondercat" ? 2 : 4);
      for (const r of runs) expectClean(r);
    }));

  it("a redirect to another origin is refused: exit 3, and the other origin never sees the key", () =>
    withServers(async (server, other) => {
      server.handle((_q, r) => r.redirect(307, `${other.url}/x?key=${encodeURIComponent(KEYS[p])}`));
      const r = await runCli(["get", ref], env(server));
      expect(r.code).toBe(3);
      expect(r.stderr).toContain(`redirected to another origin (${other.url})`);
      expectClean(r);
    }));
});
