// examples/queue end to end, as its README runs it: a real redis-server and the simulator, an events
// consumer, two workers and a producer, each a Node process of its own on the built packages.
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { type SimulatorHandle, startSimulator } from "@runstatus/simulator";
import { type RedisHandle, startRedis } from "@runstatus/test-utils";
import { afterAll, beforeAll, expect, it } from "vitest";
import { until } from "./helpers.js";

const dir = fileURLToPath(new URL("../../../examples/queue/", import.meta.url));
let redis: RedisHandle;
let sim: SimulatorHandle;
const children: ChildProcess[] = [];

beforeAll(async () => {
  [redis, sim] = await Promise.all([startRedis(), startSimulator({ timing: { queuedMs: 600, stepMs: 600, steps: 3 } })]);
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) process.kill(c.pid as number, "SIGKILL");
  await sim?.close();
  await redis?.close();
});

function node(script: string, ...args: string[]) {
  const env = { ...process.env, REDIS_URL: redis.url, SIMULATOR_URL: sim.url, FROM: "0" };
  const child = spawn(process.execPath, [script, ...args], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  const out = {
    lines: [] as string[],
    err: "",
    exit: new Promise<number | null>((ok) => child.once("exit", (c) => ok(c))),
    pid: child.pid as number,
  };
  child.stdout?.on("data", (d) => out.lines.push(...String(d).split("\n").filter(Boolean)));
  child.stderr?.on("data", (d) => {
    out.err += String(d);
  });
  return out;
}

it("a producer tracks runs, two workers poll them, a consumer sees one ended event per run", async () => {
  const consumer = node("consumer.mjs", "6");
  const workers = [node("worker.mjs"), node("worker.mjs")];
  await until(
    () => consumer.lines.includes("consumer ready") && workers.every((w) => w.lines.some((l) => l.endsWith("ready"))),
    15_000,
    "the example's processes",
  );
  const producer = node("producer.mjs", "3");
  expect(await producer.exit, producer.err).toBe(0);
  const refs = producer.lines.filter((l) => l.startsWith("tracked ")).map((l) => l.slice("tracked ".length));
  expect(refs).toHaveLength(6);
  expect(await consumer.exit, consumer.err).toBe(0);
  const ended = consumer.lines.filter((l) => l.startsWith("ended "));
  expect(ended.sort()).toEqual(refs.map((r) => `ended ${r} terminal succeeded`).sort());
  expect(consumer.lines.some((l) => l.startsWith("updated ") && l.includes("running"))).toBe(true);
  for (const w of workers) process.kill(w.pid, "SIGTERM");
  const codes = await Promise.all(workers.map((w) => w.exit));
  expect(codes).toEqual([0, 0]);
  // Both workers took part.
  for (const w of workers) expect(w.lines.at(-1)).toMatch(/stopped after [1-9]\d* polls/);
}, 40_000);
