// `runstatus watch` on a real terminal: run it inside tmux (a pseudo-terminal), read the screen.
// tmux comes from Debian's packages (.ci/run installs it); without it this file is skipped locally
// and fails in CI, where it must run.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type SimulatorHandle, startSimulator } from "@runstatus/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliBin, runCli, simEnv } from "./helpers.js";

const hasTmux = spawnSync("tmux", ["-V"]).status === 0;
if (!hasTmux && process.env.CI) throw new Error("tmux is required for the terminal test in CI (.ci/run installs it)");

describe.skipIf(!hasTmux)("watch on a terminal", () => {
  let sim: SimulatorHandle;
  let dir: string;
  let socket: string;
  const tmux = (...args: string[]) => execFileSync("tmux", ["-S", socket, ...args], { encoding: "utf8" });

  beforeAll(async () => {
    sim = await startSimulator({ speed: 1, timing: { queuedMs: 500, stepMs: 900, steps: 5 } });
    dir = mkdtempSync(join(tmpdir(), "runstatus-tty-"));
    socket = join(dir, "tmux.sock");
  });
  afterAll(async () => {
    if (socket) {
      // Stop our own tmux server (its PID, through its private socket), never one by name.
      const pid = spawnSync("tmux", ["-S", socket, "display-message", "-p", "#{pid}"], { encoding: "utf8" }).stdout.trim();
      if (/^\d+$/.test(pid)) {
        try {
          process.kill(Number(pid), "SIGTERM");
        } catch {}
      }
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
    await sim?.close();
  });

  it("draws a live progress bar per run, then prints the final runs", async () => {
    const env = simEnv(sim);
    const refs: string[] = [];
    for (const p of ["onepin", "wondercat"] as const) {
      const r = await runCli(["start", p, sim.targets[p].succeeded as string], env);
      expect(r.code).toBe(0);
      refs.push(r.stdout.trim());
    }
    const exports = Object.entries({ ...env, TERM: "xterm-256color" })
      .map(([k, v]) => `${k}='${v}'`)
      .join(" ");
    const cmd = `env ${exports} ${process.execPath} ${cliBin} watch ${refs.join(" ")}; echo "EXIT=$?"; sleep 120`;
    tmux("new-session", "-d", "-x", "160", "-y", "30", cmd);
    const screens: string[] = [];
    const deadline = Date.now() + 40_000;
    let screen = "";
    while (Date.now() < deadline) {
      screen = tmux("capture-pane", "-p");
      screens.push(screen);
      if (screen.includes("EXIT=")) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(screen).toContain("EXIT=0");
    // While running: one bar per run with its ref, steps done of total and the state.
    const live = screens.find((s) => refs.every((r) => s.includes(r)) && /running/.test(s) && /░/.test(s));
    expect(live, `no live frame among ${screens.length} screens; last:\n${screen}`).toBeDefined();
    expect(live).toMatch(/\d+\/5/);
    // At the end: full bars, and each final run with its outputs.
    expect(screen).toMatch(/█{10,}.*5\/5\s+succeeded/);
    for (const ref of refs) expect(screen).toContain(ref);
    expect(screen).toMatch(/state\s+succeeded/);
  });
});
