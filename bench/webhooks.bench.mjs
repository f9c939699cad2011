// Push and pull: the real poller (waitForRun + Scheduler) under a fake clock on the polling
// workload (log-uniform 5 s–30 min), with webhooks delivered through `scheduler.nudge` at several
// loss rates, beside the same runs without webhooks. Then, on real loopback HTTP, the simulator
// pushing to the facade's receiver (delay from the push to the end of the wait), and hostile
// bodies sent to the receiver. Reports requests per run and detection delay against the targets.
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { join } from "node:path";
import { importSource, log, mean, pct, report, rng, root, round } from "./lib.mjs";

const { FakeClock, MemoryRunHistory, Scheduler, makeRun, waitForRun } = await importSource("packages/core/src/index.ts");

const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 400;
const SEED = 42;
const ARRIVAL_S = 20;
/** The webhook's own latency in the fake-clock runs, s. */
const LATENCY_S = 0.3;
const LOSSES = [0, 0.05, 0.5, 1];

const logUniform = (r, a, b) => Math.exp(Math.log(a) + r() * (Math.log(b) - Math.log(a)));
const draw = (r) => {
  const d = logUniform(r, 5, 1800);
  const ends = Array.from({ length: 20 }, (_, i) => ((i + 1) / 20) * d);
  return { queue: 1 + 4 * r(), d, ends };
};

/**
 * Magnific reports no progress and pushes `initialized` then `finished`; ModelsLab reports the
 * steps reached (no total while running) and pushes only `workflow.completed`.
 */
const PROVIDERS = {
  magnific: { progress: false, initialized: true },
  modelslab: { progress: true, initialized: false },
};

function fakeProvider(clock, run, kind, stat) {
  return {
    name: "bench",
    refSegments: ["target", "run_id"],
    capabilities: { start: false, cancel: false, pause: false, list: false, webhooks: true, progress: kind.progress },
    get() {
      stat.requests++;
      const rt = (clock.now() - stat.start) / 1000 - run.queue;
      const state = rt >= run.d ? "succeeded" : rt >= 0 ? "running" : "queued";
      let k = 0;
      while (k < run.ends.length && run.ends[k] <= rt) k++;
      if (state === "succeeded" && stat.seenAt === null) stat.seenAt = clock.now();
      return Promise.resolve({
        run: makeRun({
          provider: "bench",
          ids: ["t", stat.id],
          state,
          providerStatus: state,
          progress: kind.progress && state !== "queued" ? { completed: k, total: state === "succeeded" ? k : null } : null,
        }),
      });
    },
  };
}

async function measure(runs, kind, loss, webhooks) {
  const clock = new FakeClock();
  const scheduler = new Scheduler({ clock });
  const history = new MemoryRunHistory();
  const lose = rng(SEED * 31 + Math.round(loss * 1000));
  const stats = runs.map((_, i) => ({ id: `r${i}`, requests: 0, seenAt: null, start: i * ARRIVAL_S * 1000, lost: !webhooks }));
  const waits = runs.map((run, i) =>
    clock.sleep(stats[i].start).then(() => {
      const opts = { clock, scheduler, history, random: rng(SEED * 7919 + i), expectWebhook: webhooks };
      return waitForRun(fakeProvider(clock, run, kind, stats[i]), ["t", stats[i].id], opts);
    }),
  );
  if (webhooks) {
    runs.forEach((run, i) => {
      const ref = `bench:t/${stats[i].id}`;
      const startedAt = stats[i].start + run.queue * 1000;
      const endedAt = startedAt + run.d * 1000;
      if (kind.initialized && lose() >= loss)
        clock.sleep(startedAt + LATENCY_S * 1000).then(() => scheduler.nudge(ref, "running"));
      if (lose() >= loss) clock.sleep(endedAt + LATENCY_S * 1000).then(() => scheduler.nudge(ref, "succeeded"));
      else stats[i].lost = true;
    });
  }
  await clock.runAll();
  await Promise.all(waits);
  const requests = stats.map((s) => s.requests);
  const delays = stats.map((s, i) => (s.seenAt - s.start) / 1000 - runs[i].queue - runs[i].d);
  const delivered = delays.filter((_, i) => !stats[i].lost);
  return {
    requests: round(mean(requests)),
    delay: round(mean(delays)),
    delayP50: round(pct(delays, 50)),
    delayP95: round(pct(delays, 95)),
    delayDelivered: delivered.length ? round(mean(delivered)) : null,
  };
}

const r = rng(SEED);
const runs = Array.from({ length: RUNS }, () => draw(r));
const rows = [];
const targetRows = [];
const data = {};
for (const [name, kind] of Object.entries(PROVIDERS)) {
  const base = await measure(runs, kind, 1, false);
  rows.push([name, "no webhooks", base.requests, base.delay, base.delayP50, base.delayP95, "–"]);
  data[name] = { none: base };
  for (const loss of LOSSES) {
    const m = await measure(runs, kind, loss, true);
    data[name][`loss ${loss}`] = m;
    rows.push([name, `webhooks, ${loss * 100} % lost`, m.requests, m.delay, m.delayP50, m.delayP95, m.delayDelivered ?? "–"]);
    if (loss <= 0.05) {
      const okAll = m.requests <= 2.5 && m.delay <= 0.5 + LATENCY_S;
      const okDelivered = m.requests <= 2.5 && m.delayDelivered <= 0.5 + LATENCY_S;
      targetRows.push([
        name,
        `${loss * 100} %`,
        "≤ 2.5 req/run, mean delay ≤ 0.5 s + latency",
        `${m.requests} req; mean ${m.delay} s over all runs, ${m.delayDelivered} s over runs whose webhook came`,
        okAll ? "met" : okDelivered ? "met on delivered runs; missed on the mean over all runs" : "missed",
      ]);
    } else {
      const ratio = round(m.delay / base.delay);
      targetRows.push([
        name,
        `${loss * 100} %`,
        "mean delay ≤ 1.2 × no webhooks",
        `${m.delay} s vs ${base.delay} s (× ${ratio})`,
        ratio <= 1.2 ? "met" : "missed",
      ]);
    }
    log(`webhooks: ${name} loss ${loss}: ${JSON.stringify(m)}`);
  }
}

// Real loopback: the simulator pushes to the facade's receiver; delay from the delivery of the
// terminal push to the end of the wait, and the status polls per run.
const { createRunStatus } = await importSource("packages/runstatus/src/index.ts");
const { createWebhookHandler, toNodeListener } = await importSource("packages/runstatus/src/webhooks.ts");
const { magnific, modelslab } = {
  magnific: (await importSource("packages/magnific/src/index.ts")).magnific,
  modelslab: (await importSource("packages/modelslab/src/index.ts")).modelslab,
};
const { startSimulator } = await importSource("packages/simulator/src/index.ts");
const sim = await startSimulator({ timing: { queuedMs: 100, stepMs: 200, steps: 3 } });
const pushedAt = new Map();
const rs = createRunStatus({
  providers: [
    magnific({ apiKey: sim.keys.magnific, baseUrl: sim.baseUrls.magnific }),
    modelslab({ apiKey: sim.keys.modelslab, baseUrl: sim.baseUrls.modelslab, rateLimit: 100_000 }),
  ],
  defaults: { expectWebhook: true, timeout: 30_000 },
});
const listener = toNodeListener(createWebhookHandler(rs));
const server = createServer((req, res) => {
  // When the delivery arrived, before the receiver reads it.
  pushedAt.set(req.url, performance.now());
  listener(req, res);
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const hookBase = `http://127.0.0.1:${server.address().port}`;
const LOOP_RUNS = 20;
const loop = {};
for (const provider of ["magnific", "modelslab"]) {
  const lat = [];
  const polls = [];
  sim.reset();
  sim.setWorkflowWebhook(sim.targets.modelslab.default, `${hookBase}/modelslab`);
  for (let i = 0; i < LOOP_RUNS; i++) {
    const path = `/${provider}/${i}`;
    const ref =
      provider === "magnific"
        ? await rs.start("magnific", sim.targets.magnific.succeeded, {}, { webhookUrl: `${hookBase}${path}` })
        : await rs.start("modelslab", sim.targets.modelslab.default, { prompt: "a cat" }, {});
    await rs.wait(ref);
    const ended = performance.now();
    const key = provider === "magnific" ? path : "/modelslab";
    lat.push(ended - (pushedAt.get(key) ?? Number.NaN));
    const id = ref.split(/[:/]/).at(-1);
    polls.push(sim.requests().filter((x) => x.route === "status" && x.path.split("/").includes(id)).length);
  }
  loop[provider] = {
    pushToEndMs: { mean: round(mean(lat)), p95: round(pct(lat, 95)), max: round(Math.max(...lat)) },
    polls: round(mean(polls)),
  };
  log(`webhooks: loopback ${provider}: ${JSON.stringify(loop[provider])}`);
}

// Hostile bodies straight into the receiver (with a secret for Magnific): the status each gets,
// whether any event came out, and whether anything threw.
const SECRET = `whsec_${Buffer.from("bench secret, 24 bytes.").toString("base64")}`;
const events = [];
const guarded = createWebhookHandler(createRunStatus({ providers: [magnific({ apiKey: "k" }), modelslab({ apiKey: "k" })] }), {
  secrets: { magnific: SECRET },
  onEvent: (e) => events.push(e),
});
const { Webhook } = createRequire(join(root, "packages/runstatus/package.json"))("standardwebhooks");
const signedHeaders = (body, id) => {
  const at = new Date();
  return {
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(at / 1000)),
    "webhook-signature": new Webhook(SECRET).sign(id, at, body),
  };
};
const good = JSON.stringify({ event: "finished", run_id: "r1", status: "completed" });
const hostile = [
  ["huge (8 MB)", `{"run_id":"${"x".repeat(8 * 1024 * 1024)}"}`, {}],
  ["deep (100k levels)", `${"[".repeat(100_000)}${"]".repeat(100_000)}`, {}],
  [
    "wrong types (ModelsLab, unsigned)",
    JSON.stringify({ event: "workflow.completed", execution_id: { x: 1 }, workflow_id: 7 }),
    {},
    "/modelslab",
  ],
  ["not JSON", "{run_id: r1", {}],
  [
    "forged signature",
    good,
    { "webhook-id": "m1", "webhook-timestamp": String(Math.floor(Date.now() / 1000)), "webhook-signature": "v1,Zm9yZ2Vk" },
  ],
  ["replayed id (2nd delivery)", good, signedHeaders(good, "m-replay")],
];
const hostileRows = [];
let threw = 0;
await guarded(new Request(`${hookBase}/magnific`, { method: "POST", body: good, headers: signedHeaders(good, "m-replay") }));
await new Promise((ok) => setTimeout(ok, 5));
const before = events.length;
for (const [name, body, headers, path = "/magnific"] of hostile) {
  let status;
  try {
    status = (await guarded(new Request(`${hookBase}${path}`, { method: "POST", body, headers }))).status;
  } catch {
    threw++;
    status = "threw";
  }
  await new Promise((ok) => setTimeout(ok, 5));
  hostileRows.push([
    name,
    status,
    events.length - before > 0 ? "event" : "ignored",
    (String(status).startsWith("4") || status === 204) && events.length === before ? "met" : "missed",
  ]);
}
await new Promise((ok) => server.close(ok));
await sim.close();

report({
  title: "Webhooks: push and pull (fake clock, real poller; then loopback HTTP)",
  description:
    `${RUNS} runs of the polling workload (log-uniform 5 s–30 min, 1–5 s queued, one starting every ${ARRIVAL_S} s of fake time, seed ${SEED}), ` +
    `each provider's shape (Magnific: no progress, \`initialized\` then \`finished\`; ModelsLab: steps, one completion event). ` +
    `Webhooks arrive ${LATENCY_S} s after the event through \`scheduler.nudge\`; each is lost with the given probability. ` +
    "Delay = time from the run's end to the poll that saw it (so it includes the webhook's latency). Unsigned webhooks: every end is confirmed by one poll.",
  tables: [
    {
      caption: "Requests per run and detection delay",
      columns: [
        "provider",
        "mode",
        "requests/run",
        "delay mean (s)",
        "delay p50 (s)",
        "delay p95 (s)",
        "delay mean, delivered (s)",
      ],
      rows,
    },
    { caption: "Targets", columns: ["provider", "loss", "target", "measured", "verdict"], rows: targetRows },
    {
      caption: `Loopback HTTP, ${LOOP_RUNS} runs per provider: simulator push → receiver → nudge → confirming poll → wait ends`,
      columns: ["provider", "push to end of wait, mean (ms)", "p95 (ms)", "max (ms)", "status polls per run"],
      rows: Object.entries(loop).map(([p, x]) => [p, x.pushToEndMs.mean, x.pushToEndMs.p95, x.pushToEndMs.max, x.polls]),
    },
    {
      caption: "Hostile bodies at the receiver (Magnific secret set)",
      columns: ["body", "status", "outcome", "4xx or ignored"],
      rows: hostileRows,
    },
  ],
  notes: [
    `receiver exceptions escaping to the server: ${threw}`,
    "At 5 % loss the lost runs wait for a safety poll; the mean includes them, the median shows the delivered ones.",
  ],
  data: { runs: RUNS, seed: SEED, latencyS: LATENCY_S, fake: data, loopback: loop },
});
