// Scale: 10,000 concurrent waits in one process on the real clock, against an in-process fake that
// answers at once. Measures heap per tracked run, event-loop lag, and requests beyond any budget.
import { gauss, importSource, log, mean, pct, report, rng, round } from "./lib.mjs";

const { Scheduler, makeRun, waitForRun } = await importSource("packages/core/src/index.ts");

const WAITS = 10_000;
const STEPS = 20;
const KEYS = 100; // half of the waits share 100 budgets (50 waits per key)
const BUDGET = { limit: 100, windowMs: 10_000 };
const gc = globalThis.gc;
if (typeof gc !== "function") throw new Error("run with node --expose-gc (bench/run.mjs does)");

/** Runs of 10–30 s, 20 lognormal steps; every other run reports progress; every other run draws on a budget. */
function makeRuns(seed) {
  const r = rng(seed);
  return Array.from({ length: WAITS }, (_, i) => {
    const d = (10 + 20 * r()) * 1000;
    const w = Array.from({ length: STEPS }, () => Math.exp(0.5 * gauss(r)));
    const sum = w.reduce((a, b) => a + b, 0);
    let c = 0;
    const ends = w.map((x) => (c += (x / sum) * d));
    return { d, ends, progress: i % 2 === 0, key: i % 4 < 2 ? null : `wf-${i % KEYS}` };
  });
}

function makeProvider(run, i, t0, sends) {
  const budget = run.key ? { key: run.key, ...BUDGET } : null;
  const ids = [`r${i}`];
  return {
    provider: {
      name: "bench",
      refSegments: ["run_id"],
      capabilities: { start: false, cancel: false, pause: false, list: false, webhooks: false, progress: run.progress },
      budget: () => budget,
      get() {
        const now = performance.now();
        if (sends && run.key) sends.get(run.key).push(now);
        const t = now - t0;
        let k = 0;
        while (k < STEPS && run.ends[k] <= t) k++;
        const state = k === STEPS ? "succeeded" : "running";
        return Promise.resolve({
          run: makeRun({
            provider: "bench",
            ids,
            state,
            providerStatus: state,
            progress: run.progress ? { completed: k, total: STEPS } : null,
          }),
        });
      },
    },
    ids,
  };
}

/** Samples event-loop lag every 10 ms: how late a 10 ms timer fires. */
function lagSampler() {
  const samples = [];
  let timer;
  let expected = performance.now() + 10;
  const tick = () => {
    const now = performance.now();
    samples.push(Math.max(0, now - expected));
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

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Phase 1: heap per tracked run, once every wait is sleeping between polls. */
async function heapPerRun() {
  const runs = makeRuns(1);
  const t0 = performance.now();
  const handles = runs.map((run, i) => makeProvider(run, i, t0, null));
  const ac = new AbortController();
  const scheduler = new Scheduler();
  gc();
  const before = process.memoryUsage().heapUsed;
  const waits = handles.map((h) => waitForRun(h.provider, h.ids, { scheduler, signal: ac.signal }).catch(() => null));
  await sleep(4000);
  gc();
  const after = process.memoryUsage().heapUsed;
  ac.abort();
  await Promise.all(waits);
  return { bytesPerRun: Math.round((after - before) / WAITS), tracked: scheduler.size === 0 };
}

/** Phase 2: the full run, timed, with lag sampling and every budgeted send recorded. */
async function fullRun() {
  const runs = makeRuns(2);
  const sends = new Map();
  for (let k = 0; k < KEYS; k++) sends.set(`wf-${k}`, []);
  const scheduler = new Scheduler();
  const t0 = performance.now();
  const handles = runs.map((run, i) => makeProvider(run, i, t0, sends));
  const seen = new Array(WAITS);
  const started = performance.now();
  const waits = handles.map((h, i) =>
    waitForRun(h.provider, h.ids, { scheduler, timeout: 600_000 }).then(() => {
      seen[i] = performance.now() - t0 - runs[i].d;
    }),
  );
  const startMs = performance.now() - started;
  const lag = lagSampler();
  await Promise.all(waits);
  const lagMs = lag.stop();
  const wallMs = performance.now() - t0;
  let over = 0;
  let worst = 0;
  let total = 0;
  for (const times of sends.values()) {
    total += times.length;
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[j] <= times[i] - BUDGET.windowMs) j++;
      const inWindow = i - j + 1;
      worst = Math.max(worst, inWindow);
      if (inWindow > BUDGET.limit) over++;
    }
  }
  const group = (progress, budgeted) =>
    round(
      mean(runs.map((r, i) => (r.progress === progress && !!r.key === budgeted ? seen[i] : null)).filter((x) => x !== null)) /
        1000,
    );
  return {
    wallMs: Math.round(wallMs),
    startMs: Math.round(startMs),
    lagP50: round(pct(lagMs, 50)),
    lagP99: round(pct(lagMs, 99)),
    lagMax: round(Math.max(...lagMs)),
    budgetedRequests: total,
    overBudget: over,
    worstWindow: worst,
    delay: {
      progressFree: group(true, false),
      progressBudgeted: group(true, true),
      blindFree: group(false, false),
      blindBudgeted: group(false, true),
    },
    leftover: { timers: scheduler.size, armed: scheduler.armed },
  };
}

const heap = await heapPerRun();
log(`scale: heap ${heap.bytesPerRun} B per tracked run`);
const full = await fullRun();
log(`scale: ${JSON.stringify(full)}`);

const verdict = (ok, text) => (ok ? "met" : text);
report({
  title: "Scale (10,000 concurrent waits, real clock)",
  description:
    `${WAITS.toLocaleString("en-US")} waits started together in one process on one Scheduler, against an in-process fake that answers at once. ` +
    `Runs last 10–30 s (20 lognormal steps; half report progress). Half of the waits draw on ${KEYS} shared budgets of ` +
    `${BUDGET.limit} requests per ${BUDGET.windowMs / 1000} s (50 waits per key). Heap per run: heapUsed after a forced GC ` +
    "with every wait sleeping between polls, minus before, over the number of waits (includes each wait's last snapshot). " +
    "Lag: how late a 10 ms timer fires, sampled throughout.",
  tables: [
    {
      columns: ["measure", "value"],
      rows: [
        ["heap per tracked run", `${heap.bytesPerRun} B`],
        ["event-loop lag p50 / p99 / max", `${full.lagP50} / ${full.lagP99} / ${full.lagMax} ms`],
        ["requests on budgets / over budget", `${full.budgetedRequests} / ${full.overBudget}`],
        ["most requests in any window, per key", `${full.worstWindow} (limit ${BUDGET.limit})`],
        [
          "mean detection delay with progress: no budget / budgeted",
          `${full.delay.progressFree} s / ${full.delay.progressBudgeted} s`,
        ],
        [
          "mean detection delay without progress: no budget / budgeted",
          `${full.delay.blindFree} s / ${full.delay.blindBudgeted} s`,
        ],
        ["starting 10,000 waits (synchronous part)", `${full.startMs} ms`],
        ["wall time until the last run was seen", `${round(full.wallMs / 1000, 1)} s`],
        ["timers left after the last wait", `${full.leftover.timers} (armed: ${full.leftover.armed})`],
      ],
    },
    {
      caption: "Targets (issue 6)",
      columns: ["target", "measured", "verdict"],
      rows: [
        [
          "≤ 2 KB heap per run",
          `${heap.bytesPerRun} B`,
          verdict(heap.bytesPerRun <= 2048, `missed by ${heap.bytesPerRun - 2048} B`),
        ],
        [
          "event-loop lag p99 ≤ 20 ms",
          `${full.lagP99} ms`,
          verdict(full.lagP99 <= 20, `missed by ${round(full.lagP99 - 20)} ms`),
        ],
        ["0 requests over budget", full.overBudget, verdict(full.overBudget === 0, `${full.overBudget} over`)],
      ],
    },
  ],
  data: { waits: WAITS, keys: KEYS, budget: BUDGET, heap, full },
});
