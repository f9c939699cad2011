// Polling efficiency: the real poller (waitForRun + Scheduler) under a fake clock, against a fake
// transport that replays a synthetic workload. Ours with and without progress, beside the anchors'
// schedules reimplemented as plain policies. Reports requests per run and detection delay.
import { gauss, importSource, log, mean, pct, report, rng, round } from "./lib.mjs";

const { FakeClock, Scheduler, makeRun, waitForRun } = await importSource("packages/core/src/index.ts");

const RUNS = 1000;
// Fixed seed (42); `--seed <n>` draws another workload, to see how much of a result is the draw.
const seedArg = process.argv.indexOf("--seed");
const SEED = seedArg > 0 ? Number(process.argv[seedArg + 1]) : 42;
const STEPS = 20;
const SIGMA = 0.5;
const MIN_S = 5;
const MAX_S = 1800;

/** Durations log-uniform in [5 s, 30 min]; 20 steps with lognormal (sigma 0.5) shares of the duration. */
function workload() {
  const r = rng(SEED);
  return Array.from({ length: RUNS }, () => {
    const d = Math.exp(Math.log(MIN_S) + r() * (Math.log(MAX_S) - Math.log(MIN_S))) * 1000;
    const w = Array.from({ length: STEPS }, () => Math.exp(SIGMA * gauss(r)));
    const sum = w.reduce((a, b) => a + b, 0);
    let c = 0;
    const ends = w.map((x) => (c += (x / sum) * d));
    ends[STEPS - 1] = d;
    return { d, ends };
  });
}

/** A provider answering from the run's timeline at the fake clock's time; counts requests, notes when the end was seen. */
function fakeProvider(clock, run, withProgress, stat) {
  return {
    name: "bench",
    refSegments: ["run_id"],
    capabilities: { start: false, cancel: false, pause: false, list: false, webhooks: false, progress: withProgress },
    get() {
      stat.requests++;
      const now = clock.now();
      let lo = 0;
      let hi = STEPS;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (run.ends[mid] <= now) lo = mid + 1;
        else hi = mid;
      }
      const done = lo === STEPS;
      if (done && stat.seenAt === null) stat.seenAt = now;
      const state = done ? "succeeded" : "running";
      return Promise.resolve({
        run: makeRun({
          provider: "bench",
          ids: [stat.id],
          state,
          providerStatus: state,
          progress: withProgress ? { completed: lo, total: STEPS } : null,
        }),
      });
    },
  };
}

// The anchors' poll schedules (see docs/benchmarks.md for where each comes from). First poll at once in all.
const fixed = (ms) => () => ({ next: () => ms });
/** @smithy/util-waiter: U(min, min·2^(n−1)) up to attempt log2(max/min)+1, then max without jitter. */
const aws = ({ random }) => {
  const min = 2000;
  const max = 120_000;
  const ceiling = Math.log(max / min) / Math.log(2) + 1;
  let n = 0;
  return {
    next() {
      n++;
      if (n > ceiling) return max;
      return min + random() * (min * 2 ** (n - 1) - min);
    },
  };
};
/** google-gax LRO: 100 ms, ×1.3 per poll, capped at 60 s, no jitter. */
const gax = () => {
  let d = 100;
  return {
    next() {
      const x = d;
      d = Math.min(60_000, d * 1.3);
      return x;
    },
  };
};

const policies = [
  { name: "runstatus, with progress", progress: true },
  { name: "runstatus, without progress", progress: false },
  { name: "fixed 0.5 s (fal, Replicate)", policy: fixed(500) },
  { name: "fixed 2 s (Azure, OnePin CLI)", policy: fixed(2000) },
  { name: "fixed 5 s (AI SDK, Stainless)", policy: fixed(5000) },
  { name: "AWS waiter 2→120 s, jitter", policy: aws },
  { name: "gax 0.1 s ×1.3, cap 60 s", policy: gax },
];

async function measure(runs, p) {
  const clock = new FakeClock();
  const scheduler = new Scheduler({ clock });
  const stats = runs.map((_, i) => ({ id: `r${i}`, requests: 0, seenAt: null }));
  const waits = runs.map((run, i) => {
    const opts = { clock, scheduler, random: rng(SEED * 7919 + i) };
    if (p.policy) Object.assign(opts, { policy: p.policy, minInterval: 0 });
    return waitForRun(fakeProvider(clock, run, p.progress === true, stats[i]), [stats[i].id], opts);
  });
  await clock.runAll();
  await Promise.all(waits);
  const requests = stats.map((s) => s.requests);
  const delays = stats.map((s, i) => (s.seenAt - runs[i].d) / 1000);
  return { requests, delays };
}

const runs = workload();
const rows = [];
const data = {};
const bands = [
  ["5–30 s", 5, 30],
  ["30 s–3 min", 30, 180],
  ["3–30 min", 180, 1800],
];
const bandRows = [];
for (const p of policies) {
  const t0 = performance.now();
  const { requests, delays } = await measure(runs, p);
  const ms = performance.now() - t0;
  const r = {
    requestsMean: round(mean(requests)),
    requestsP95: pct(requests, 95),
    delayMean: round(mean(delays)),
    delayP95: round(pct(delays, 95)),
  };
  data[p.name] = { ...r, wallMs: Math.round(ms) };
  rows.push([p.name, r.requestsMean, r.requestsP95, r.delayMean, r.delayP95, round(r.requestsMean * r.delayMean, 1)]);
  if (!p.policy) {
    for (const [label, lo, hi] of bands) {
      const idx = runs.map((run, i) => (run.d >= lo * 1000 && run.d < hi * 1000 ? i : -1)).filter((i) => i >= 0);
      bandRows.push([
        p.name,
        label,
        idx.length,
        round(mean(idx.map((i) => requests[i]))),
        round(mean(idx.map((i) => delays[i]))),
        round(
          pct(
            idx.map((i) => delays[i]),
            95,
          ),
        ),
      ]);
    }
  }
  log(`polling: ${p.name}: ${r.requestsMean} req/run, ${r.delayMean} s mean delay (${Math.round(ms)} ms)`);
}

const withP = data["runstatus, with progress"];
const withoutP = data["runstatus, without progress"];
const verdict = (value, limit) => (value <= limit ? "met" : `missed by ${round(value - limit)}`);
report({
  title: "Polling efficiency (fake clock, real poller)",
  description:
    `${RUNS} runs, durations log-uniform ${MIN_S} s–${MAX_S / 60} min, ${STEPS} steps with lognormal step times ` +
    `(sigma ${SIGMA}), seed ${SEED}; zero network latency. Every policy drives the real \`waitForRun\` and ` +
    "`Scheduler` through a fake transport; the anchors are their published schedules as plain policies. " +
    "Delay = time from the run's end to the poll that saw it.",
  tables: [
    {
      columns: ["policy", "requests/run mean", "requests/run p95", "delay mean (s)", "delay p95 (s)", "requests × delay"],
      rows,
    },
    {
      caption: "runstatus by run duration",
      columns: ["policy", "duration", "runs", "requests/run mean", "delay mean (s)", "delay p95 (s)"],
      rows: bandRows,
    },
    {
      caption: "Targets (issue 6)",
      columns: ["target", "measured", "verdict"],
      rows: [
        ["with progress: ≤ 12 requests/run", withP.requestsMean, verdict(withP.requestsMean, 12)],
        ["with progress: ≤ 2.0 s mean delay", withP.delayMean, verdict(withP.delayMean, 2)],
        ["without progress: ≤ 15 requests/run", withoutP.requestsMean, verdict(withoutP.requestsMean, 15)],
        ["without progress: ≤ 12 s mean delay", withoutP.delayMean, verdict(withoutP.delayMean, 12)],
      ],
    },
  ],
  data: { seed: SEED, runs: RUNS, policies: data },
});
