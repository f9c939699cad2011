// The queue against a real redis-server (started here on a free loopback port, stopped by its PID)
// and the simulator: runs tracked from one side, polled by several workers, events read from
// another connection; budgets shared through Redis; workers killed mid-poll; nothing secret stored.

import { Scheduler } from "@runstatus/core";
import { type SimulatorHandle, startSimulator } from "@runstatus/simulator";
import { type RedisHandle, startRedis } from "@runstatus/test-utils";
import { Redis } from "ioredis";
import { UsageError } from "runstatus";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createRunEvents,
  createRunQueue,
  createRunWorker,
  RedisBudgetStore,
  RedisRunHistory,
  type RunEndedEvent,
  type RunEvents,
  type RunWorker,
} from "../src/index.js";
import { childWorker, dumpRedis, facadeFor, sleep, until } from "./helpers.js";

const KEYS = { onepin: "op_live_QueueSecret0000000000000000001", modelslab: "ml-queue-secret-key-0001" };
// A run: 0.3 s queued, 3 steps of 0.4 s (real time).
const TIMING = { queuedMs: 300, stepMs: 400, steps: 3 };
const BUDGET = { limit: 4, windowMs: 1000 };
const FAST = { minInterval: 100, maxInterval: 400 };

let redis: RedisHandle;
let sim: SimulatorHandle;
let admin: Redis;
const workers: RunWorker[] = [];
const consumers: RunEvents[] = [];
let n = 0;
let ended: RunEndedEvent[] = [];
let updatedRefs = new Set<string>();

beforeAll(async () => {
  [redis, sim] = await Promise.all([
    startRedis(),
    startSimulator({ timing: TIMING, keys: { onepin: [KEYS.onepin], modelslab: [KEYS.modelslab] }, modelslabRateLimit: BUDGET }),
  ]);
  admin = new Redis(redis.url);
});

afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
  await Promise.all(consumers.map((c) => c.close()));
  admin?.disconnect();
  await sim?.close();
  await redis?.close();
});

/** A fresh queue name per test, so tests do not see each other's runs, and a consumer of its events. */
const names = () => {
  const name = `t${++n}`;
  const events = createRunEvents({ connection: redis.url, name, from: "0" });
  consumers.push(events);
  ended = [];
  updatedRefs = new Set();
  const e = ended;
  const u = updatedRefs;
  events.on("ended", (x) => e.push(x));
  events.on("updated", (x) => u.add(x.ref));
  return { name };
};
const worker = (name: string, extra: object = {}) => {
  const w = createRunWorker({
    runStatus: facadeFor(sim, BUDGET),
    connection: redis.url,
    name,
    concurrency: 8,
    ...FAST,
    ...extra,
  });
  workers.push(w);
  return w;
};
const endedOf = (ref: string) => ended.filter((e) => e.ref === ref);
const allEnded = (refs: string[]) => () => refs.every((r) => endedOf(r).length > 0);

describe("RedisBudgetStore", () => {
  it("never grants more than the limit across stores, counting requests in flight until their answer", async () => {
    const a = new RedisBudgetStore({ connection: redis.url, prefix: "bt" });
    const b = new RedisBudgetStore({ connection: redis.url, prefix: "bt" });
    const budget = { key: "modelslab:tag:wf-1", limit: 5, windowMs: 300 };
    const grants = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).acquire(budget, Date.now())));
    const ok = grants.filter((g) => g.ok);
    expect(ok).toHaveLength(5);
    // Nothing answered yet: requests in flight hold their slots for as long as they are unanswered.
    await sleep(400);
    expect((await a.acquire(budget, Date.now())).ok).toBe(false);
    const refused = grants.find((g) => !g.ok);
    expect(refused && !refused.ok && refused.retryAt).toBeGreaterThan(Date.now() - 400);
    for (const g of ok) if (g.ok) await b.record(g.ticket, Date.now());
    expect(await a.count(budget.key)).toBe(5);
    // Answered: each counts one window after its answer, then frees.
    const r = await a.acquire(budget, Date.now());
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.retryAt - Date.now()).toBeLessThanOrEqual(budget.windowMs + 5);
    await sleep(budget.windowMs + 20);
    expect((await a.acquire(budget, Date.now())).ok).toBe(true);
    // Keys are hashed: the budget key is in no Redis key.
    expect((await admin.keys("bt:*")).join(" ")).not.toContain("wf-1");
    await Promise.all([a.close(), b.close()]);
  });

  it("is a core BudgetStore: in-process schedulers of two processes share ModelsLab's budget through it", async () => {
    // Two schedulers stand for two processes: each counts in Redis, neither in its own memory.
    const stores = [0, 1].map(() => new RedisBudgetStore({ connection: redis.url }));
    const schedulers = stores.map((budgets) => new Scheduler({ budgets }));
    const rs = facadeFor(sim, BUDGET);
    const before = sim.requests().filter((x) => x.fault === "rate-limit").length;
    const refs = Array.from({ length: 12 }, () => sim.createRun({ provider: "modelslab", state: "terminal" }).ref);
    const t0 = Date.now();
    const runs = await Promise.all(refs.map((r, i) => rs.wait(r, { ...FAST, scheduler: schedulers[i % 2] })));
    expect(runs.map((r) => r.state)).toEqual(refs.map(() => "succeeded"));
    expect(sim.requests().filter((x) => x.fault === "rate-limit").length - before).toBe(0);
    // 12 requests at 4 per second: at least two windows passed.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(2 * BUDGET.windowMs);
    await Promise.all(stores.map((s) => s.close()));
  });

  it("rejects bad options with a UsageError", () => {
    expect(() => new RedisBudgetStore({ connection: redis.url, leaseMs: -1 })).toThrow(UsageError);
    expect(() => new RedisBudgetStore(undefined as never)).toThrow(UsageError);
  });
});

describe("tracked runs", () => {
  it("two workers poll every run to its end: one ended event per run, 0 requests over budget at the server", async () => {
    const nm = names();
    const q = createRunQueue({ connection: redis.url, ...nm });
    worker(nm.name);
    worker(nm.name);
    const refs = [
      ...Array.from({ length: 10 }, () => sim.createRun({ provider: "modelslab" }).ref),
      ...Array.from({ length: 6 }, () => sim.createRun({ provider: "onepin" }).ref),
    ];
    for (const r of refs) expect(await q.track(r, { metadata: { user: "u1" } })).toBe(true);
    // Tracking again changes nothing.
    expect(await q.track(refs[0] as string)).toBe(false);
    await until(allEnded(refs), 20_000, "every run to end");
    await sleep(300);
    for (const r of refs) {
      expect(endedOf(r)).toHaveLength(1);
      expect(endedOf(r)[0]).toMatchObject({ reason: "terminal", run: { ref: r, state: "succeeded" }, metadata: { user: "u1" } });
      expect(updatedRefs.has(r)).toBe(true);
      expect(await q.isTracked(r)).toBe(false);
    }
    // The simulator keeps its last 1000 requests: every one this test file made so far.
    expect(sim.requests().filter((x) => x.fault === "rate-limit")).toHaveLength(0);
    // The budget was binding: ten runs on one workflow at 4 requests/s had to wait for slots.
    expect(workers.reduce((s, w) => s + w.stats.refused, 0)).toBeGreaterThan(0);
    await q.close();
  });

  it("a deadline ends a run with a typed timeout event", async () => {
    const nm = names();
    const q = createRunQueue({ connection: redis.url, ...nm });
    worker(nm.name);
    const ref = sim.createRun({ provider: "onepin", scenario: "slow" }).ref;
    await q.track(ref, { deadline: Date.now() + 600 });
    await until(allEnded([ref]), 10_000, "the timeout");
    expect(endedOf(ref)).toEqual([
      expect.objectContaining({
        reason: "timeout",
        error: expect.objectContaining({ name: "TimeoutError" }),
        run: expect.objectContaining({ ref }),
      }),
    ]);
    await q.close();
  });

  it("untrack stops polling a run", async () => {
    const nm = names();
    const q = createRunQueue({ connection: redis.url, ...nm });
    worker(nm.name);
    const a = sim.createRun({ provider: "onepin", scenario: "slow" });
    const polls = () => sim.requests().filter((r) => r.path.includes(a.id)).length;
    await q.track(a.ref);
    await until(() => polls() >= 3, 5000, "a few polls");
    expect(await q.untrack(a.ref)).toBe(true);
    const at = polls();
    await sleep(1000);
    // At most the poll in flight at that moment is answered after it.
    expect(polls() - at).toBeLessThanOrEqual(1);
    expect(endedOf(a.ref)).toHaveLength(0);
    expect(await q.isTracked(a.ref)).toBe(false);
    await q.close();
  });

  it("untrack of a delayed run removes it; notify polls at once", async () => {
    const nm = names();
    const q = createRunQueue({ connection: redis.url, ...nm });
    // A slow schedule: after its first poll a run waits at least 20 s.
    worker(nm.name, { minInterval: 20_000, maxInterval: 20_000 });
    const a = sim.createRun({ provider: "onepin", scenario: "slow" });
    const b = sim.createRun({ provider: "onepin", scenario: "slow" });
    await q.track(a.ref);
    await q.track(b.ref);
    await until(() => updatedRefs.has(a.ref) && updatedRefs.has(b.ref), 5000, "first polls");
    await sleep(200);
    expect(await q.untrack(a.ref)).toBe(true);
    expect(await q.isTracked(a.ref)).toBe(false);
    expect(await q.untrack(a.ref)).toBe(false);
    sim.cancelRun("onepin", b.id);
    const t0 = Date.now();
    expect(await q.notify(b.ref)).toBe(true);
    await until(allEnded([b.ref]), 5000, "the nudged run to end");
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(endedOf(b.ref)[0]).toMatchObject({ reason: "terminal", run: { state: "cancelled" } });
    expect(endedOf(a.ref)).toHaveLength(0);
    expect(await q.notify(a.ref)).toBe(false);
    await q.close();
  });

  it("rejects bad references and options with a UsageError", async () => {
    const q = createRunQueue({ connection: redis.url, name: "bad" });
    await expect(q.track("not a ref")).rejects.toThrow(UsageError);
    await expect(q.track("onepin:x/y", { deadline: Number.NaN })).rejects.toThrow(UsageError);
    await expect(q.track("onepin:x/y", { metadata: [] as never })).rejects.toThrow(UsageError);
    expect(() => createRunQueue({ connection: redis.url, name: "a:b" })).toThrow(UsageError);
    expect(() => createRunWorker({ connection: redis.url } as never)).toThrow(UsageError);
    expect(() => createRunWorker({ runStatus: facadeFor(sim), connection: redis.url, concurrency: 0 })).toThrow(UsageError);
    await q.close();
  });
});

describe("workers that die", () => {
  const LOCK = 1000;
  const childCfg = (name: string) => ({
    redis: redis.url,
    keys: KEYS,
    baseUrls: sim.baseUrls,
    budget: BUDGET,
    worker: { name, concurrency: 8, lockDuration: LOCK, stalledInterval: 300, ...FAST },
  });

  it("a worker killed with SIGKILL mid-poll loses no run: another takes it over after the lock expires", async () => {
    const nm = names();
    const q = createRunQueue({ connection: redis.url, ...nm });
    const child = await childWorker(childCfg(nm.name));
    // Status requests of this run take 3 s: the worker is killed while one is in flight.
    const run = sim.createRun({ provider: "onepin" });
    sim.addFault({ provider: "onepin", path: "status", kind: "slow", delayMs: 3000, times: 1 });
    await q.track(run.ref);
    await until(() => child.lines.includes(`get ${run.ref}`), 5000, "the child's poll");
    child.kill("SIGKILL");
    await child.exited;
    const killedAt = Date.now();
    worker(nm.name, { lockDuration: LOCK, stalledInterval: 300 });
    await until(allEnded([run.ref]), 10_000, "the run to end on the other worker");
    expect(Date.now() - killedAt).toBeLessThan(10_000);
    await sleep(300);
    expect(endedOf(run.ref)).toHaveLength(1);
    expect(endedOf(run.ref)[0]).toMatchObject({ reason: "terminal", run: { state: "succeeded" } });
    await q.close();
  });

  it("restarting every worker resumes every run from Redis", async () => {
    const nm = names();
    const q = createRunQueue({ connection: redis.url, ...nm });
    const children = await Promise.all([childWorker(childCfg(nm.name)), childWorker(childCfg(nm.name))]);
    const refs = Array.from({ length: 8 }, (_, i) => sim.createRun({ provider: i % 2 ? "onepin" : "modelslab" }).ref);
    for (const r of refs) await q.track(r);
    await until(() => refs.every((r) => updatedRefs.has(r)), 10_000, "a first poll of every run");
    for (const c of children) c.kill("SIGKILL");
    await Promise.all(children.map((c) => c.exited));
    expect(ended.filter((e) => refs.includes(e.ref))).toHaveLength(0);
    const again = await Promise.all([childWorker(childCfg(nm.name)), childWorker(childCfg(nm.name))]);
    await until(allEnded(refs), 15_000, "every run to end after the restart").catch(async (e) => {
      console.error(
        refs.filter((r) => endedOf(r).length === 0),
        await q.queue.getJobCounts(),
        again.map((c) => c.lines.slice(-5)),
      );
      throw e;
    });
    await sleep(300);
    for (const r of refs) expect(endedOf(r)).toHaveLength(1);
    for (const c of again) c.kill("SIGTERM");
    await Promise.all(again.map((c) => c.exited));
    await q.close();
  });
});

describe("RedisRunHistory", () => {
  it("shares what one process learned with another, and restores it after a restart", async () => {
    const a = new RedisRunHistory({ connection: redis.url, prefix: "ht" });
    a.add("onepin:wf|run", 1200);
    a.add("onepin:wf|run", 800);
    a.add("onepin:wf|run", Number.NaN);
    expect(a.durations("onepin:wf|run")).toEqual([1200, 800]);
    await sleep(100);
    const b = new RedisRunHistory({ connection: redis.url, prefix: "ht", perKey: 1 });
    expect(b.durations("onepin:wf|run")).toBeUndefined();
    await b.load();
    // The newest `perKey` durations.
    expect(b.durations("onepin:wf|run")).toEqual([800]);
    await Promise.all([a.close(), b.close()]);
    expect(() => new RedisRunHistory({ connection: redis.url, perKey: 0 })).toThrow(UsageError);
  });
});

describe("Redis", () => {
  it("holds no API key: every key and value scanned", async () => {
    const all = await dumpRedis(admin);
    expect(all.length).toBeGreaterThan(1000);
    expect(all).toContain("onepin:");
    for (const k of Object.values(KEYS)) {
      expect(all).not.toContain(k);
      expect(all).not.toContain(k.slice(4, 20));
    }
  });
});
