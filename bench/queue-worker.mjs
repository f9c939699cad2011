// One queue worker for bench/queue.bench.mjs, in a process of its own, on the built packages:
// reports its counters to the parent every 250 ms (so a worker killed with SIGKILL has reported).
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { root } from "./lib.mjs";

const dist = (pkg, file = "index.js") => import(pathToFileURL(join(root, "packages", pkg, "dist", file)).href);
const { createRunWorker } = await dist("queue");
const { createRunStatus } = await dist("runstatus");
const { onepin } = await dist("runstatus", "onepin.js");
const { modelslab } = await dist("runstatus", "modelslab.js");

const cfg = JSON.parse(process.argv[2]);
const ml = modelslab({ apiKey: cfg.keys.modelslab, baseUrl: cfg.baseUrls.modelslab });
// ModelsLab's budget with the window the simulator enforces (shorter than a minute, so the bench ends).
const windowed = Object.assign(Object.create(ml), { budget: (ids) => ({ ...ml.budget(ids), ...cfg.budget }) });
const runStatus = createRunStatus({ providers: [onepin({ apiKey: cfg.keys.onepin, baseUrl: cfg.baseUrls.onepin }), windowed] });
const w = createRunWorker({ runStatus, connection: cfg.redis, ...cfg.worker });
await w.worker.waitUntilReady();
const started = performance.now();
const cpu0 = process.cpuUsage();
const send = () => {
  const c = process.cpuUsage(cpu0);
  process.send?.({
    type: "stats",
    stats: w.stats,
    seconds: (performance.now() - started) / 1000,
    cpuS: (c.user + c.system) / 1e6,
  });
};
setInterval(send, 250);
process.send?.({ type: "ready" });
process.on("message", async (m) => {
  if (m.type === "close") {
    send();
    await w.close();
    process.exit(0);
  }
});
