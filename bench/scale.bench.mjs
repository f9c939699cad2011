// Scale: many concurrent waits through the facade and the OnePin adapter, over real loopback HTTP to
// a server in a child process (bench/scale-server.mjs) that timestamps every arrival per budget key.
// Measures event-loop lag, requests in flight, requests over budget as the server counts them,
// failed waits, and memory.
import { fork } from "node:child_process";
import { PerformanceObserver } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { importSource, log, mean, pct, report, round } from "./lib.mjs";

const { createRunStatus } = await importSource("packages/runstatus/src/index.ts");
const { onepin } = await importSource("packages/onepin/src/index.ts");

const KEYS = 100; // half of the waits share 100 budgets (50 waits per key at 10,000 waits)
const BUDGET = { limit: 100, windowMs: 10_000 };
const KEY = "op_live_benchkeybenchkeybenchkeybench";
const sizesArg = process.argv.indexOf("--waits");
const SIZES = sizesArg > 0 ? process.argv[sizesArg + 1].split(",").map(Number) : [10_000, 50_000];

const hex = (n, w) => n.toString(16).padStart(w, "0");
const wfId = (k) => `00000000-0000-4000-8000-${hex(k, 12)}`;
const FREE_WF = "ffffffff-0000-4000-8000-000000000000";
const runId = (i) => `11111111-0000-4000-8000-${hex(i, 12)}`;
const budgetKeys = Array.from({ length: KEYS }, (_, k) => wfId(k));

const child = fork(fileURLToPath(new URL("./scale-server.mjs", import.meta.url)), [], {
  stdio: ["ignore", "inherit", "inherit", "ipc"],
});
const ask = (msg, type) =>
  new Promise((resolve) => {
    const on = (m) => {
      if (m.type === type) {
        child.off("message", on);
        resolve(m);
      }
    };
    child.on("message", on);
    if (msg) child.send(msg);
  });
const { port } = await ask(null, "ready");
const baseUrl = `http://127.0.0.1:${port}`;

/** Samples event-loop lag every 10 ms: how late a 10 ms timer fires. */
function lagSampler(onTick) {
  const samples = [];
  let timer;
  let expected = performance.now() + 10;
  const tick = () => {
    const now = performance.now();
    samples.push(Math.max(0, now - expected));
    onTick?.();
    expected = now + 10;
    timer = setTimeout(tick, 10);
  };
  timer = setTimeout(tick, 10);
  return {
    stop() {
      clearTimeout(timer);
      return samples;
    },
  };
}

async function run(waits) {
  const base = onepin({ apiKey: KEY, baseUrl });
  // The OnePin adapter declares no budget; the bench gives half the workflows one (by workflow id).
  let inFlight = 0;
  let mostInFlight = 0;
  const provider = {
    ...base,
    async get(ids, ctx) {
      mostInFlight = Math.max(mostInFlight, ++inFlight);
      try {
        return await base.get(ids, ctx);
      } finally {
        inFlight--;
      }
    },
    budget: (ids) => (ids[0] === FREE_WF ? null : { key: ids[0], ...BUDGET }),
  };
  // The process-wide scheduler (the facade's default), as a user's waits would share it.
  const rs = createRunStatus({ providers: [provider], defaults: { timeout: 900_000 } });
  const lag = lagSampler();
  // Garbage-collection pauses, to tell the lag they cause from the lag of the waits' own work.
  const gcPauses = [];
  const gcs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcPauses.push(e.duration);
  });
  gcs.observe({ entryTypes: ["gc"] });
  const t0 = performance.now();
  let failed = 0;
  const errors = new Map();
  const ends = [];
  const all = [];
  for (let i = 0; i < waits; i++) {
    const wf = i % 2 === 0 ? FREE_WF : wfId(Math.floor(i / 2) % KEYS);
    all.push(
      rs.wait(`onepin:${wf}/${runId(i)}`).then(
        () => ends.push(performance.now() - t0),
        (e) => {
          failed++;
          errors.set(e?.name ?? "?", (errors.get(e?.name ?? "?") ?? 0) + 1);
        },
      ),
    );
  }
  const startMs = performance.now() - t0;
  await Promise.all(all);
  const lagMs = lag.stop();
  gcs.disconnect();
  const wallMs = performance.now() - t0;
  const rss = process.memoryUsage().rss;
  const server = await ask({ type: "stats", keys: budgetKeys, ...BUDGET }, "stats");
  return {
    waits,
    wallS: round(wallMs / 1000, 1),
    startMs: Math.round(startMs),
    lagP50: round(pct(lagMs, 50)),
    lagP99: round(pct(lagMs, 99)),
    lagMax: round(Math.max(...lagMs)),
    lagOver20: lagMs.filter((x) => x > 20).length,
    lagSamples: lagMs.length,
    gcPauses: gcPauses.length,
    gcOver10: gcPauses.filter((x) => x > 10).length,
    gcMaxMs: round(Math.max(0, ...gcPauses)),
    failed,
    errors: Object.fromEntries(errors),
    rssMiB: Math.round(rss / 2 ** 20),
    mostInFlight,
    requests: server.requests,
    requestsPerWait: round(server.requests / waits),
    budgeted: server.total,
    overBudget: server.over,
    worstWindow: server.worst,
    meanEndS: round(mean(ends) / 1000, 1),
  };
}

const results = [];
for (const n of SIZES) {
  const r = await run(n);
  log(`scale: ${JSON.stringify(r)}`);
  results.push(r);
  globalThis.gc?.();
}
child.send({ type: "exit" });

const verdict = (ok, text) => (ok ? "met" : text);
const ten = results.find((r) => r.waits === 10_000);
report({
  title: "Scale (concurrent waits over loopback HTTP, server in a child process)",
  description:
    "Waits started together through the facade (`createRunStatus().wait`) and the OnePin adapter, on the shared Scheduler " +
    "(default in-flight cap 16 per provider), against a keep-alive HTTP server on 127.0.0.1 in a child process that " +
    "answers OnePin's status call (runs last 10–30 s from their first request; half report 20 steps) and timestamps " +
    `every arrival per workflow id. Half of the waits draw on ${KEYS} budgets of ${BUDGET.limit} requests per ` +
    `${BUDGET.windowMs / 1000} s (by workflow id); the server counts, per key, the arrivals in every window. ` +
    "Lag: how late a 10 ms timer fires, sampled throughout. RSS after the last wait.",
  tables: [
    {
      columns: [
        "waits",
        "wall (s)",
        "requests (per wait)",
        "over budget (server) / budgeted",
        "worst window",
        "lag p50 / p99 / max (ms)",
        "most requests in flight",
        "failed",
        "RSS (MiB)",
      ],
      rows: results.map((r) => [
        r.waits.toLocaleString("en-US"),
        r.wallS,
        `${r.requests} (${r.requestsPerWait})`,
        `${r.overBudget} / ${r.budgeted}`,
        `${r.worstWindow} (limit ${BUDGET.limit})`,
        `${r.lagP50} / ${r.lagP99} / ${r.lagMax}`,
        r.mostInFlight,
        r.failed,
        r.rssMiB,
      ]),
    },
    ...(ten
      ? [
          {
            caption: "Targets at 10,000 waits",
            columns: ["target", "measured", "verdict"],
            rows: [
              ["0 requests over budget (server count)", ten.overBudget, verdict(ten.overBudget === 0, `${ten.overBudget} over`)],
              [
                "event-loop lag p99 ≤ 20 ms",
                `${ten.lagP99} ms`,
                verdict(ten.lagP99 <= 20, `missed by ${round(ten.lagP99 - 20)} ms`),
              ],
              ["0 failed waits", ten.failed, verdict(ten.failed === 0, `${ten.failed} failed`)],
            ],
          },
        ]
      : []),
  ],
  data: { keys: KEYS, budget: BUDGET, results },
});
