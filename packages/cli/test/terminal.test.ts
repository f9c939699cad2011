// `runstatus watch` on a real terminal: run it inside tmux (a pseudo-terminal), read the screen back
// with capture-pane while it runs. tmux comes from Debian's packages (.ci/run installs it); without
// it this file is skipped locally and fails in CI, where it must run.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type FaultSpec, type SimulatorHandle, startSimulator } from "@runstatus/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliBin, runCli, simEnv } from "./helpers.js";

const hasTmux = spawnSync("tmux", ["-V"]).status === 0;
if (!hasTmux && process.env.CI) throw new Error("tmux is required for the terminal test in CI (.ci/run installs it)");

const PROVIDERS = ["magnific", "onepin", "wondercat", "modelslab"] as const;
type Provider = (typeof PROVIDERS)[number];

/** One transient failure of each kind the poller retries, on each provider's status call. */
const FAULTS: FaultSpec[] = [
  { provider: "magnific", path: "status", nth: 2, kind: "5xx", status: 503 },
  { provider: "onepin", path: "status", nth: 2, kind: "429", retryAfterSec: 2 },
  { provider: "wondercat", path: "status", nth: 2, kind: "reset" },
  { provider: "modelslab", path: "status", nth: 2, times: 2, kind: "5xx", status: 503 },
];
const STATE = "(?:waiting|queued|running|paused|succeeded|partial|failed|cancelled|unknown)";
const ELAPSED = "\\d+(?:s|m\\d\\ds)";

describe.skipIf(!hasTmux)("watch on a terminal", () => {
  let dir: string;
  let socket: string;
  const sims: SimulatorHandle[] = [];
  const tmux = (...args: string[]) => execFileSync("tmux", ["-S", socket, ...args], { encoding: "utf8" });

  beforeAll(async () => {
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
    await Promise.all(sims.map((s) => s.close()));
  });

  interface Setup {
    sim: SimulatorHandle;
    env: Record<string, string>;
    refs: Record<Provider, string>;
  }

  /** A simulator of its own (the tests run at once), with the faults planned; four runs, one per provider. */
  async function startRuns(faults: readonly FaultSpec[] = FAULTS): Promise<Setup> {
    const sim = await startSimulator({ speed: 1, timing: { queuedMs: 600, stepMs: 900, steps: 5 }, faults });
    sims.push(sim);
    const env = simEnv(sim);
    // Started through the simulator's own API (the CLI's start is tested elsewhere), so the runs are fresh when watched.
    const refs = {} as Record<Provider, string>;
    for (const p of PROVIDERS) refs[p] = sim.createRun({ provider: p, target: sim.targets[p].succeeded as string }).ref;
    return { sim, env, refs };
  }

  /** Fault answers the simulator gave, per provider. */
  function faultsFired(sim: SimulatorHandle): Record<Provider, number> {
    const n = { magnific: 0, onepin: 0, wondercat: 0, modelslab: 0 };
    for (const r of sim.requests()) if (r.fault && r.provider) n[r.provider as Provider]++;
    return n;
  }

  /**
   * Runs `watch` in a new tmux window of the given size; returns every screen read until it exits,
   * and, as `history`, the whole pane after the exit with its scrollback: lines printed above the
   * live area stay there even when they scrolled off between two reads of a busy machine.
   */
  async function watchInTmux(
    { env }: Setup,
    name: string,
    size: [number, number],
    refs: readonly string[],
    during?: (screen: string, index: number) => void,
    extra: { env?: Record<string, string>; args?: string[]; escapes?: boolean } = {},
  ): Promise<string[] & { history: string }> {
    const exports = Object.entries({ ...env, TERM: "xterm-256color", ...extra.env })
      .map(([k, v]) => `${k}='${v}'`)
      .join(" ");
    const argv = ["watch", ...refs, ...(extra.args ?? [])].join(" ");
    const cmd = `env ${exports} ${process.execPath} ${cliBin} ${argv}; echo "EXIT=$?"; sleep 120`;
    tmux("new-session", "-d", "-s", name, "-x", String(size[0]), "-y", String(size[1]), cmd);
    const screens: string[] = [];
    const deadline = Date.now() + 40_000;
    while (Date.now() < deadline) {
      const screen = tmux("capture-pane", "-p", ...(extra.escapes ? ["-e"] : []), "-t", name);
      screens.push(screen);
      if (screen.includes("EXIT=")) break;
      during?.(screen, screens.length - 1);
      await new Promise((r) => setTimeout(r, 150));
    }
    return Object.assign(screens, { history: tmux("capture-pane", "-p", "-S", "-", "-t", name) });
  }

  /** The live line of a run: its provider and the tail of its id, then the state word and elapsed time. */
  const runLine = (screen: string, ref: string) => {
    const provider = ref.slice(0, ref.indexOf(":"));
    const tail = ref.slice(-6);
    return screen.split("\n").find((l) => l.startsWith(`${provider}:`) && l.includes(tail) && new RegExp(` ${STATE} `).test(l));
  };

  function checkScreens(screens: string[] & { history: string }, { sim, refs }: Setup, columns: number) {
    const last = screens.at(-1) as string;
    expect(last, last).toContain("EXIT=0");
    // Every screen, from the first frame to the exit: each run's provider, state word and elapsed time.
    const first = screens.findIndex((s) => PROVIDERS.every((p) => runLine(s, refs[p])));
    expect(first, `no frame showed all four runs; last:\n${last}`).toBeGreaterThanOrEqual(0);
    for (const s of screens.slice(first)) {
      for (const p of PROVIDERS) {
        const line = runLine(s, refs[p]);
        expect(line, `${p} missing from a ${columns}-column screen:\n${s}`).toBeDefined();
        expect(line).toMatch(new RegExp(`^${p}:\\S+\\s+${STATE}\\s.*\\s${ELAPSED}\\b`));
      }
      for (const l of s.split("\n")) expect(l.length).toBeLessThanOrEqual(columns);
    }
    // Runs without a step total sweep an indeterminate block; runs with one fill a bar.
    expect(screens.some((s) => /▓▓▓/.test(runLine(s, refs.magnific) ?? ""))).toBe(true);
    // The end: every run succeeded, a full bar, and its final block printed above the live area.
    for (const p of PROVIDERS) expect(runLine(last, refs[p])).toMatch(/succeeded\s+█{6,}/);
    expect(screens.history).toMatch(/^ {2}state {6}succeeded/m);
    // Every retry the simulator provoked was on screen: one line per retry, naming the run and the cause.
    const fired = faultsFired(sim);
    const cause: Record<Provider, RegExp> = {
      magnific: /after 503/,
      onepin: /after 429 \(Retry-After\)/,
      wondercat: /after \S+/,
      modelslab: /after 503/,
    };
    for (const p of PROVIDERS) {
      const lines = new Set<string>();
      // Printed above the live area: elapsed time, the run, the retry.
      const above = new RegExp(`^\\s*${ELAPSED}\\s+${p}:\\S*${refs[p].slice(-6)}\\s+retrying in \\d`);
      for (const s of [...screens, screens.history]) for (const l of s.split("\n")) if (above.test(l)) lines.add(l.trim());
      expect(fired[p], `${p}: the planned faults fired`).toBeGreaterThan(0);
      expect(lines.size, `${p}: ${fired[p]} retries, lines seen: ${[...lines].join(" | ")}`).toBe(fired[p]);
      for (const l of lines) expect(l).toMatch(cause[p]);
    }
  }

  it.concurrent.each([
    [80, 24],
    [120, 30],
  ])(
    "at %d×%d: four runs, one per provider, each with its state and elapsed time throughout, every retry shown",
    async (columns, rows) => {
      const setup = await startRuns();
      const { refs } = setup;
      const screens = await watchInTmux(
        setup,
        `w${columns}`,
        [columns, rows],
        PROVIDERS.map((p) => refs[p]),
      );
      checkScreens(screens, setup, columns);
      if (columns >= 120) {
        // Wide enough for the last event on the run's own line.
        expect(screens.some((s) => /running .* (answered|retrying|waiting)/.test(runLine(s, refs.onepin) ?? ""))).toBe(true);
      } else {
        expect(screens.some((s) => s.includes("  ↳ "))).toBe(true);
      }
    },
  );

  it.concurrent("redraws at the new width when the terminal is resized", async () => {
    const setup = await startRuns([]);
    const { refs } = setup;
    let resized = 0;
    const screens = await watchInTmux(
      setup,
      "resize",
      [120, 30],
      PROVIDERS.map((p) => refs[p]),
      (s, i) => {
        if (resized === 0 && PROVIDERS.every((p) => runLine(s, refs[p]))) {
          resized = i;
          tmux("resize-window", "-t", "resize", "-x", "60", "-y", "24");
        }
      },
    );
    expect(resized).toBeGreaterThan(0);
    const after = screens.slice(resized + 2);
    expect(after.length).toBeGreaterThan(2);
    for (const s of after) {
      for (const p of PROVIDERS)
        expect(runLine(s, refs[p]), s).toMatch(new RegExp(`^${p}:\\S+\\s+${STATE}\\s.*\\s${ELAPSED}\\b`));
      // Drawn for 60 columns: nothing wraps, and the frame is drawn once (no copy left from 120 columns).
      for (const l of s.split("\n")) expect(l.length).toBeLessThanOrEqual(60);
      for (const p of PROVIDERS)
        expect(s.split("\n").filter((l) => l.startsWith(`${p}:`) && l.includes(refs[p].slice(-6))).length).toBeLessThanOrEqual(2);
    }
  });

  it.concurrent("colours the state on a terminal, unless NO_COLOR is set or --no-color is given", async () => {
    const setup = await startRuns([]);
    const colourOf = async (name: string, extra: { env?: Record<string, string>; args?: string[] }) => {
      const screens = await watchInTmux(setup, name, [100, 30], [setup.refs.onepin], undefined, { ...extra, escapes: true });
      expect(screens.at(-1)).toContain("EXIT=0");
      return screens.some((s) => /\u001b\[(?:3[0-9]|9[0-7])m/.test(s));
    };
    const [plain, noColorEnv, noColorFlag] = await Promise.all([
      colourOf("colour", { env: { NO_COLOR: "" } }),
      colourOf("nocolour-env", { env: { NO_COLOR: "1" } }),
      colourOf("nocolour-flag", { env: { NO_COLOR: "" }, args: ["--no-color"] }),
    ]);
    expect([plain, noColorEnv, noColorFlag]).toEqual([true, false, false]);
  });

  it.concurrent("without a terminal, one plain line per change and per retry, and no escape codes", async () => {
    const { sim, env, refs } = await startRuns();
    const r = await runCli(["watch", ...PROVIDERS.map((p) => refs[p])], env);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain("\u001b[");
    const fired = faultsFired(sim);
    for (const p of PROVIDERS) {
      const retries = r.stdout.split("\n").filter((l) => l.includes(refs[p]) && /retrying in \d/.test(l));
      expect(retries, p).toHaveLength(fired[p]);
      expect(r.stdout).toMatch(new RegExp(`\\s${refs[p].replace(/[/.]/g, "\\$&")}\\s+succeeded\\s+`));
    }
  });
});
