import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./index.js";

export interface RedisHandle {
  /** e.g. redis://127.0.0.1:43121 */
  url: string;
  host: string;
  port: number;
  pid: number;
  /** The server's own working directory (removed by `close`). */
  dir: string;
  /** Stops this redis-server by its own PID, waits for it to exit and removes its directory. */
  close(): Promise<void>;
}

/**
 * Starts `redis-server` (the Debian package) on 127.0.0.1 and a free port, in a temporary directory
 * of its own, with no persistence. Waits until it answers PING.
 */
export async function startRedis(opts: { timeoutMs?: number } = {}): Promise<RedisHandle> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "runstatus-redis-"));
  const args = ["--bind", "127.0.0.1", "--port", String(port), "--dir", dir, "--save", "", "--appendonly", "no"];
  args.push("--protected-mode", "yes", "--daemonize", "no", "--loglevel", "warning");
  const child: ChildProcess = spawn("redis-server", args, { stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  const keep = (d: unknown) => {
    log = (log + String(d)).slice(-4000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const spawned = new Promise<void>((ok, fail) => {
    child.once("spawn", () => ok());
    child.once("error", (e) =>
      fail(new Error(`redis-server could not start (is the redis-server package installed?): ${e.message}`)),
    );
  });
  const exited = new Promise<void>((ok) => child.once("exit", () => ok()));
  const close = async () => {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      process.kill(child.pid, "SIGTERM");
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await spawned;
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
  while (!(await ping(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await close();
      throw new Error(`redis-server did not answer PING on 127.0.0.1:${port}:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  return { url: `redis://127.0.0.1:${port}`, host: "127.0.0.1", port, pid: child.pid as number, dir, close };
}

function ping(port: number): Promise<boolean> {
  return new Promise((ok) => {
    const s = connect({ host: "127.0.0.1", port });
    const done = (v: boolean) => {
      s.destroy();
      ok(v);
    };
    s.setTimeout(500, () => done(false));
    s.on("error", () => done(false));
    s.on("connect", () => s.write("PING\r\n"));
    s.on("data", (d) => done(String(d).startsWith("+PONG")));
  });
}
