import { spawn } from "node:child_process";
import { join } from "node:path";
import type { SimulatorHandle } from "@runstatus/simulator";

export const cliBin = join(__dirname, "..", "dist", "bin.js");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Environment that points every provider at the simulator, with keys it accepts. */
export function simEnv(sim: SimulatorHandle): Record<string, string> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? "", NO_COLOR: "1" };
  for (const p of ["magnific", "onepin", "wondercat", "modelslab"] as const) {
    env[`${p.toUpperCase()}_API_KEY`] = sim.keys[p];
    env[`RUNSTATUS_${p.toUpperCase()}_BASE_URL`] = sim.baseUrls[p];
  }
  return env;
}

/** Runs the built CLI as a child process (asynchronously: the simulator shares this process). */
export function runCli(argv: readonly string[], env: Record<string, string>, timeoutMs = 60_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliBin, ...argv], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    // "close", not "exit": the process may exit before its last output is read.
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
