import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { RunProvider } from "@runstatus/core";
import { modelslab } from "@runstatus/modelslab";
import { onepin } from "@runstatus/onepin";
import type { SimulatorHandle } from "@runstatus/simulator";
import type { Redis } from "ioredis";
import { createRunStatus } from "runstatus";

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The same adapter with its budget's window shortened (the simulator's limit is set to match), so tests take seconds. */
export function withWindow(p: RunProvider, limit: number, windowMs: number): RunProvider {
  return Object.assign(Object.create(p), {
    budget: (ids: readonly string[]) => {
      const b = p.budget?.(ids);
      return b ? { ...b, limit, windowMs } : null;
    },
  });
}

export function facadeFor(sim: SimulatorHandle, budget?: { limit: number; windowMs: number }) {
  const ml = modelslab({ apiKey: sim.keys.modelslab, baseUrl: sim.baseUrls.modelslab });
  return createRunStatus({
    providers: [
      onepin({ apiKey: sim.keys.onepin, baseUrl: sim.baseUrls.onepin }),
      budget ? withWindow(ml, budget.limit, budget.windowMs) : ml,
    ],
  });
}

/** Resolves when `pred` holds, polling every 20 ms; rejects after `ms` with `what`. */
export async function until(pred: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await pred())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

export interface ChildWorker {
  pid: number;
  /** Lines printed so far. */
  lines: string[];
  exited: Promise<void>;
  kill(signal: NodeJS.Signals): void;
}

/** A worker in its own process (test/fixtures/worker.mjs, on the built packages), once it prints "ready". */
export async function childWorker(cfg: object): Promise<ChildWorker> {
  const script = fileURLToPath(new URL("./fixtures/worker.mjs", import.meta.url));
  const child = spawn(process.execPath, [script, JSON.stringify(cfg)], { stdio: ["ignore", "pipe", "pipe"] });
  const lines: string[] = [];
  let err = "";
  let buf = "";
  child.stdout.on("data", (d) => {
    buf += String(d);
    const parts = buf.split("\n");
    buf = parts.pop() ?? "";
    lines.push(...parts);
  });
  child.stderr.on("data", (d) => {
    err = (err + String(d)).slice(-4000);
  });
  const exited = new Promise<void>((ok) => child.once("exit", () => ok()));
  const pid = child.pid as number;
  const kill = (s: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) process.kill(pid, s);
  };
  try {
    await until(() => lines.includes("ready") || child.exitCode !== null, 15_000, "the worker to start");
  } catch (e) {
    kill("SIGKILL");
    throw e;
  }
  if (!lines.includes("ready")) throw new Error(`worker exited early:\n${err}`);
  return { pid, lines, exited, kill };
}

/** Every key and value in Redis, as text. */
export async function dumpRedis(redis: Redis): Promise<string> {
  const out: string[] = [];
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "COUNT", 1000);
    cursor = next;
    for (const k of keys) {
      const type = await redis.type(k);
      let v: unknown;
      if (type === "string") v = await redis.get(k);
      else if (type === "hash") v = await redis.hgetall(k);
      else if (type === "list") v = await redis.lrange(k, 0, -1);
      else if (type === "set") v = await redis.smembers(k);
      else if (type === "zset") v = await redis.zrange(k, 0, -1, "WITHSCORES");
      else if (type === "stream") v = await redis.xrange(k, "-", "+");
      out.push(`${k} ${JSON.stringify(v)}`);
    }
  } while (cursor !== "0");
  return out.join("\n");
}
