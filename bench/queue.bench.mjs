// Queue: durable waits on BullMQ and Redis (@runstatus/queue). Runs are started on the simulator
// (in a child process, ModelsLab's rate limit on) and tracked at a steady rate; 4 worker processes
// poll them under budgets shared through Redis; one worker is killed with SIGKILL half-way. Counts
// lost runs, ended events per run, requests over budget as the simulator counts them, Redis
// commands per poll (INFO commandstats) and polls per second per worker, beside the single-process
// scheduler waiting for the same runs. Then a worker restart: how long until the runs it held are
// polled again, against the lock duration. Needs redis-server on PATH and the packages built.
import { fork } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { importSource, log, report, root, round } from "./lib.mjs";

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const RUNS = arg("runs", 20_000);
const WORKERS = 4;
const RATE = arg("rate", 250); // runs started and tracked per second
const BUDGET = { limit: 60, windowMs: 1000 }; // per ModelsLab workflow (two workflows), simulator and workers alike
const TIMING = { queuedMs: 1000, stepMs: 1000, steps: 3 };
const PROVIDERS = ["onepin", "onepin", "onepin", "modelslab"];
const LOCK = 5000;
const POLL = { minInterval: 1000, maxInterval: 5000 };
const WORKER = { concurrency: 64, lockDuration: LOCK, stalledInterval: 500, ...POLL };

const dist = (pkg, file = "index.js") => import(pathToFileURL(join(root, "packages", pkg, "dist", file)).href);
const { createRunQueue, createRunEvents } = await dist("queue");
const { startRedis } = await importSource("packages/test-utils/src/redis.ts");
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// --- the simulator, in a child process, and messages to it
const simChild = fork(fileURLToPath(new URL("./queue-sim.mjs", import.meta.url)), [
  JSON.stringify({ options: { timing: TIMING, modelslabRateLimit: BUDGET } }),
]);
let msgId = 0;
const ask = (msg) =>
  new Promise((resolve) => {
    const id = ++msgId;
    const on = (m) => {
      if (m.id === id) {
        simChild.off("message", on);
        resolve(m);
      }
    };
    simChild.on("message", on);
    simChild.send({ ...msg, id });
  });
const sim = await new Promise((resolve) => simChild.once("message", resolve));
const redis = await startRedis();
const { Redis } = await import(
  pathToFileURL(join(root, "packages", "queue", "node_modules", "ioredis", "built", "index.js")).href
);
const admin = new Redis(redis.url);
const cfgFor = (name, extra = {}) => ({
  redis: redis.url,
  keys: sim.keys,
  baseUrls: sim.baseUrls,
  budget: BUDGET,
  worker: { ...WORKER, name, ...extra },
});

function startWorker(cfg) {
  const child = fork(fileURLToPath(new URL("./queue-worker.mjs", import.meta.url)), [JSON.stringify(cfg)]);
  const w = { child, pid: child.pid, stats: { polls: 0, refused: 0, updated: 0, ended: 0 }, seconds: 0, dead: false };
  child.on("message", (m) => {
    if (m.type === "stats") Object.assign(w, { stats: m.stats, seconds: m.seconds, cpuS: m.cpuS });
  });
  child.on("exit", () => {
    w.dead = true;
  });
  w.ready = new Promise((ok) => child.on("message", (m) => m.type === "ready" && ok()));
  return w;
}
const stopWorker = async (w) => {
  if (w.dead) return;
  const gone = new Promise((ok) => w.child.once("exit", ok));
  w.child.send({ type: "close" });
  await gone;
};

async function commandStats() {
  const text = await admin.info("commandstats");
  const out = {};
  for (const m of text.matchAll(/cmdstat_([^:]+):calls=(\d+)/g)) out[m[1]] = Number(m[2]);
  return out;
}
const diff = (a, b) =>
  Object.fromEntries(
    Object.keys(b)
      .map((k) => [k, b[k] - (a[k] ?? 0)])
      .filter(([, v]) => v > 0),
  );

/** Creates `n` runs on the simulator at RATE per second, handing each batch to `take`. */
async function produce(n, take) {
  const per = Math.max(1, Math.round(RATE / 10));
  let made = 0;
  const t0 = performance.now();
  while (made < n) {
    const k = Math.min(per, n - made);
    const { refs } = await ask({ type: "create", n: k, offset: made, providers: PROVIDERS });
    made += k;
    await take(refs);
    const ahead = t0 + (made / RATE) * 1000 - performance.now();
    if (ahead > 0) await sleep(ahead);
  }
}

// --- 1. the queue: 4 workers, one killed half-way
log(`queue: ${RUNS} runs, ${WORKERS} workers, ${RATE} runs/s`);
const NAME = "bench";
const queue = createRunQueue({ connection: redis.url, name: NAME });
const events = createRunEvents({ connection: redis.url, name: NAME, from: "0" });
const endedBy = new Map();
let updated = 0;
events.on("ended", (e) => endedBy.set(e.ref, (endedBy.get(e.ref) ?? 0) + 1));
events.on("updated", () => updated++);
const workers = Array.from({ length: WORKERS }, () => startWorker(cfgFor(NAME)));
await Promise.all(workers.map((w) => w.ready));
const tracked = new Set();
const cmd0 = await commandStats();
const q0 = performance.now();
let killed = null;
const killer = (async () => {
  while (endedBy.size < RUNS / 2) await sleep(50);
  const w = workers[0];
  killed = { at: (performance.now() - q0) / 1000, ended: endedBy.size, stats: { ...w.stats } };
  process.kill(w.pid, "SIGKILL");
  log(`queue: SIGKILL worker ${w.pid} at ${round(killed.at, 1)} s (${killed.ended} runs ended)`);
})();
await produce(RUNS, async (refs) => {
  await Promise.all(refs.map((r) => queue.track(r)));
  for (const r of refs) tracked.add(r);
});
const deadline = performance.now() + 20 * 60_000;
while (endedBy.size < RUNS && performance.now() < deadline) {
  await sleep(200);
  if (Math.random() < 0.05) log(`queue: ${endedBy.size} ended`);
}
await killer;
const qWall = (performance.now() - q0) / 1000;
await sleep(1000); // a late duplicate `ended` would show up here
const cmd1 = await commandStats();
const simQ = (await ask({ type: "counts" })).counts;
const counts = await queue.queue.getJobCounts();
await Promise.all(workers.map(stopWorker));
const lost = [...tracked].filter((r) => !endedBy.has(r)).length;
const dupes = [...endedBy.values()].filter((c) => c > 1).length;
const cmds = diff(cmd0, cmd1);
delete cmds.info;
const totalCmds = Object.values(cmds).reduce((a, b) => a + b, 0);
const polls = simQ.requests;
const top = Object.entries(cmds)
  .sort((a, b) => b[1] - a[1])
  .slice(0, 8)
  .map(([k, v]) => `${k} ${round(v / polls, 2)}`)
  .join(", ");
log(
  `queue: done in ${round(qWall, 1)} s; lost ${lost}, dupes ${dupes}, over budget ${simQ.rateLimited}, ${round(totalCmds / polls, 1)} cmds/poll`,
);

// --- 2. the same runs, one process, the in-process scheduler
await ask({ type: "reset" });
const { createRunStatus } = await dist("runstatus");
const { onepin } = await dist("runstatus", "onepin.js");
const { modelslab } = await dist("runstatus", "modelslab.js");
const ml = modelslab({ apiKey: sim.keys.modelslab, baseUrl: sim.baseUrls.modelslab });
const windowed = Object.assign(Object.create(ml), { budget: (ids) => ({ ...ml.budget(ids), ...BUDGET }) });
const rs = createRunStatus({ providers: [onepin({ apiKey: sim.keys.onepin, baseUrl: sim.baseUrls.onepin }), windowed] });
let spEnded = 0;
let spFailed = 0;
const waits = [];
const s0 = performance.now();
const cpu0 = process.cpuUsage();
await produce(RUNS, async (refs) => {
  for (const r of refs) {
    waits.push(
      rs.wait(r, POLL).then(
        () => spEnded++,
        () => spFailed++,
      ),
    );
  }
});
await Promise.all(waits);
const spWall = (performance.now() - s0) / 1000;
const spCpu = process.cpuUsage(cpu0);
const simS = (await ask({ type: "counts" })).counts;
log(`single process: ${round(spWall, 1)} s, ${simS.requests} requests, over budget ${simS.rateLimited}`);

// --- 3. a worker restart: how long until the runs it was polling are polled again
await ask({ type: "reset" });
const R = "restart";
const rq = createRunQueue({ connection: redis.url, name: R });
const RN = 400;
const first = startWorker(cfgFor(R));
await first.ready;
// Status answers take 2 s, so the worker holds many runs mid-poll when it is killed.
await ask({ type: "fault", fault: { path: "status", kind: "slow", delayMs: 2000, times: "always" } });
const { refs: rrefs } = await ask({ type: "create", n: RN, offset: 0, providers: ["onepin"] });
for (const r of rrefs) await rq.track(r);
await sleep(3000);
const active = await rq.queue.getActive();
const held = new Map(active.map((j) => [j.id, j.data.polls]));
process.kill(first.pid, "SIGKILL");
await new Promise((ok) => first.child.once("exit", ok));
await ask({ type: "fault", fault: null });
const k0 = performance.now();
const second = startWorker(cfgFor(R));
await second.ready;
const resumedIn = new Map();
while (resumedIn.size < held.size && performance.now() - k0 < 60_000) {
  for (const [id, p] of held) {
    if (resumedIn.has(id)) continue;
    const j = await rq.queue.getJob(id);
    if (!j || j.data.polls > p) resumedIn.set(id, performance.now() - k0);
  }
  await sleep(50);
}
const resumes = [...resumedIn.values()];
await stopWorker(second);
log(`restart: ${held.size} runs mid-poll at the kill, all polled again within ${round(Math.max(...resumes) / 1000, 2)} s`);

await Promise.all([queue.close(), rq.close(), events.close()]);
admin.disconnect();
await redis.close();
simChild.send({ type: "close" });

const perWorker = workers.map((w, i) => `${i === 0 ? "killed: " : ""}${round(w.stats.polls / Math.max(0.001, w.seconds), 0)}`);
const workerCpu = workers.reduce((s, w) => s + (w.cpuS ?? 0), 0);
const workerPolls = workers.reduce((s, w) => s + w.stats.polls, 0);
report({
  title: "Queue (durable waits on BullMQ and Redis, 4 worker processes)",
  description:
    `${RUNS.toLocaleString("en-US")} runs on the simulator (in its own process; 3 OnePin : 1 ModelsLab; each run 1 s queued, ` +
    `3 steps of 1 s), started and tracked at ${RATE}/s by a producer, polled by ${WORKERS} worker processes ` +
    `(@runstatus/queue, concurrency ${WORKER.concurrency}, lock ${LOCK / 1000} s, stalled check every ${WORKER.stalledInterval / 1000} s, minInterval ${POLL.minInterval / 1000} s, ` +
    `maxInterval ${POLL.maxInterval / 1000} s) against one redis-server; one worker is killed with SIGKILL once half the runs ` +
    `have ended. ModelsLab's rate limit is on in the simulator at ${BUDGET.limit} requests per ${BUDGET.windowMs / 1000} s per ` +
    "workflow (two workflows) and the workers' budget says the same (the window is shortened from ModelsLab's minute so the bench " +
    "ends). Events are read from the Redis stream by a consumer in the producer's process. Beside it, the same runs waited for " +
    "in one process by `createRunStatus().wait` on the in-process scheduler. Redis commands per poll: INFO commandstats " +
    "(commands run inside Lua scripts included; tracking and event reads included) over status requests answered. " +
    "The machine is shared with other jobs: throughput figures are indicative.",
  tables: [
    {
      columns: [
        "setup",
        "wall (s)",
        "status requests (per run)",
        "over budget (simulator)",
        "runs lost",
        "runs with ≠ 1 ended",
        "polls/s per worker",
        "CPU ms per poll",
        "Redis commands per poll",
      ],
      rows: [
        [
          `queue, ${WORKERS} workers, 1 SIGKILLed`,
          round(qWall, 1),
          `${polls.toLocaleString("en-US")} (${round(polls / RUNS, 2)})`,
          simQ.rateLimited,
          lost,
          dupes + lost,
          perWorker.join(" / "),
          `${round((workerCpu * 1000) / workerPolls, 2)} (workers)`,
          round(totalCmds / polls, 1),
        ],
        [
          "single process (in-process scheduler)",
          round(spWall, 1),
          `${simS.requests.toLocaleString("en-US")} (${round(simS.requests / RUNS, 2)})`,
          simS.rateLimited,
          RUNS - spEnded,
          spFailed,
          `${round(simS.requests / spWall, 0)} (one process)`,
          `${round((spCpu.user + spCpu.system) / 1e3 / simS.requests, 2)} (with the producer)`,
          "—",
        ],
      ],
    },
    {
      caption: "Worker restart",
      columns: [
        "runs mid-poll at the SIGKILL",
        "all polled again by the new worker within (s)",
        "median (s)",
        "lock duration (s)",
        "stalled check interval (s)",
      ],
      rows: [
        [
          held.size,
          round(Math.max(...resumes) / 1000, 2),
          round(resumes.sort((a, b) => a - b)[Math.floor(resumes.length / 2)] / 1000, 2),
          LOCK / 1000,
          WORKER.stalledInterval / 1000,
        ],
      ],
    },
  ],
  notes: [
    `Commands per poll, top: ${top}.`,
    `Killed worker: SIGKILL at ${round(killed?.at ?? 0, 1)} s with ${killed?.ended ?? 0} runs ended; it had sent ${killed?.stats.polls ?? 0} status requests.`,
    `Jobs left in the queue at the end: ${JSON.stringify(counts)}. Updated events: ${updated.toLocaleString("en-US")}.`,
    `Simulator answers (queue phase): ${JSON.stringify(simQ.status)}; budget refusals in the workers: ${workers.reduce((s, w) => s + w.stats.refused, 0)}.`,
  ],
  data: {
    workerCpu,
    workerPolls,
    RUNS,
    RATE,
    BUDGET,
    TIMING,
    WORKER,
    qWall,
    polls,
    cmds,
    simQ,
    simS,
    spWall,
    lost,
    dupes,
    resumes,
    killed,
  },
});
process.exit(0);
