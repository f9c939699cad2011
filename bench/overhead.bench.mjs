// Per-call overhead: the facade's `get` vs a bare openapi-fetch GET vs raw fetch + JSON.parse,
// against a loopback keep-alive server in a child process (bench/overhead-server.mjs) answering
// OnePin's status call, so the server's work is not on the client's thread. Reported as ratios of
// time per call, measured in interleaved rounds so that drift hits every contender alike; raw fetch
// runs twice per round, and the ratio of its two runs is the noise floor a ratio must clear.
import { fork, spawnSync } from "node:child_process";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { importSource, log, mean, pct, report, rng, round } from "./lib.mjs";

const ROUNDS = 15;
const CALLS = 1440;
const BLOCKS = 12;
const WARMUP = 500;

const child = fork(fileURLToPath(new URL("./overhead-server.mjs", import.meta.url)), [], {
  stdio: ["ignore", "inherit", "inherit", "ipc"],
});
const ready = await new Promise((resolve, reject) => {
  child.once("message", resolve);
  child.once("exit", (code) => reject(new Error(`overhead server exited with code ${code}`)));
});
const { workflowId: WF, runId: RUN, bytes } = ready;
const base = `http://127.0.0.1:${ready.port}`;
const KEY = "op_live_benchkeybenchkeybenchkeybench";

const { default: createClient } = await import("openapi-fetch");
const { createRunStatus } = await importSource("packages/runstatus/src/index.ts");
const { onepin } = await importSource("packages/onepin/src/index.ts");

const path = `/api/v1/workflows/${WF}/runs/${RUN}/status`;
const headers = { authorization: `Bearer ${KEY}` };
const bare = createClient({ baseUrl: base, headers });
const rs = createRunStatus({ providers: [onepin({ apiKey: KEY, baseUrl: base })] });
const ref = `onepin:${WF}/${RUN}`;

const rawFetch = async () => {
  const res = await fetch(base + path, { headers });
  const data = JSON.parse(await res.text());
  if (data.data.status !== "running") throw new Error("bad body");
};
// What the request guard does around fetch, on raw fetch: redirects not followed by the runtime
// (`redirect: "manual"`), the body read chunk by chunk under a byte cap, then decoded and parsed.
const utf8 = new TextDecoder();
const guardedRawFetch = async () => {
  const res = await fetch(base + path, { headers, redirect: "manual" });
  const reader = res.body.getReader();
  const chunks = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > 1 << 20) throw new Error("too large");
    chunks.push(value);
  }
  const data = JSON.parse(utf8.decode(chunks[0]));
  if (data.data.status !== "running") throw new Error("bad body");
};
const contenders = {
  "raw fetch + JSON.parse": rawFetch,
  "raw fetch + JSON.parse (again, the noise floor)": rawFetch,
  "raw fetch as the guard sends it (manual redirects, capped read)": guardedRawFetch,
  "bare openapi-fetch": async () => {
    const { data } = await bare.GET("/api/v1/workflows/{workflow_id}/runs/{run_id}/status", {
      params: { path: { workflow_id: WF, run_id: RUN } },
    });
    if (data.data.status !== "running") throw new Error("bad body");
  },
  "facade get (runstatus)": async () => {
    const run = await rs.get(ref);
    if (run.state !== "running") throw new Error("bad run");
  },
};

// Seeded, so every run of the bench uses the same block orders.
const random = rng(0x5eed);
function shuffle(xs) {
  const out = xs.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

async function timeCalls(fn, n) {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await fn();
  return ((performance.now() - t0) * 1000) / n; // µs per call
}

for (const fn of Object.values(contenders)) await timeCalls(fn, WARMUP);
const perRound = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
const names = Object.keys(contenders);
for (let r = 0; r < ROUNDS; r++) {
  // A round is BLOCKS short blocks per contender, interleaved in a shuffled order every block so no
  // contender always runs first, last or after the same one, and load that comes and goes hits
  // every contender alike.
  const total = Object.fromEntries(names.map((k) => [k, 0]));
  for (let b = 0; b < BLOCKS; b++) {
    for (const name of shuffle(names)) total[name] += await timeCalls(contenders[name], CALLS / BLOCKS);
  }
  for (const name of names) perRound[name].push(total[name] / BLOCKS);
  log(`overhead: round ${r + 1}/${ROUNDS}`);
}
child.send({ type: "exit" });

// The same three over a fake transport (bench/overhead-fake.mjs, its own process: it replaces
// globalThis.fetch): the client's own work, CPU µs per call, which machine load moves far less.
const fake = spawnSync(process.execPath, [fileURLToPath(new URL("./overhead-fake.mjs", import.meta.url))], { encoding: "utf8" });
if (fake.status !== 0) throw new Error(`overhead-fake failed: ${fake.stderr}`);
const fakeResult = JSON.parse(fake.stdout);

const raw = perRound["raw fetch + JSON.parse"];
const raw2 = perRound["raw fetch + JSON.parse (again, the noise floor)"];
const guarded = perRound["raw fetch as the guard sends it (manual redirects, capped read)"];
const of = perRound["bare openapi-fetch"];
const facade = perRound["facade get (runstatus)"];
const ratios = (a, b) => a.map((x, i) => x / b[i]);
const summary = (xs) => [
  round(pct(xs, 50), 3),
  `${round(pct(xs, 25), 3)}–${round(pct(xs, 75), 3)}`,
  `${round(Math.min(...xs), 3)}–${round(Math.max(...xs), 3)}`,
];

const rows = [
  ["facade get ÷ raw fetch", ...summary(ratios(facade, raw)), "≤ 1.15"],
  ["facade get ÷ bare openapi-fetch", ...summary(ratios(facade, of)), "—"],
  ["bare openapi-fetch ÷ raw fetch", ...summary(ratios(of, raw)), "—"],
  ["raw fetch as the guard sends it ÷ raw fetch (the boundary's own cost)", ...summary(ratios(guarded, raw)), "—"],
  ["facade get ÷ raw fetch as the guard sends it", ...summary(ratios(facade, guarded)), "—"],
  ["raw fetch ÷ raw fetch (noise floor: the same calls twice per round)", ...summary(ratios(raw2, raw)), "—"],
];

report({
  title: "Per-call overhead",
  description: `Time per call, ${ROUNDS} rounds of ${CALLS} sequential calls per contender, each round in ${BLOCKS} interleaved blocks (after ${WARMUP} warm-up calls per contender), against a keep-alive loopback server in a child process answering OnePin's status call (${bytes} bytes). Ratios are per round; median, interquartile range and full range over rounds.`,
  tables: [
    { caption: "ratios (median, range over rounds)", columns: ["ratio", "median", "p25–p75", "range", "target"], rows },
    {
      caption: "time per call (µs)",
      columns: ["contender", "median", "mean", "min", "max"],
      rows: Object.entries(perRound).map(([k, xs]) => [
        k,
        round(pct(xs, 50), 1),
        round(mean(xs), 1),
        round(Math.min(...xs), 1),
        round(Math.max(...xs), 1),
      ]),
    },
    {
      caption: `fake transport (no network): µs per call, median of ${fakeResult.blocks} blocks of ${fakeResult.calls} calls`,
      columns: ["contender", "CPU µs", "wall µs", "CPU µs over raw"],
      rows: [
        ["raw fetch + JSON.parse", fakeResult.cpuMedianUs.raw, fakeResult.medianUs.raw, 0],
        [
          "bare openapi-fetch",
          fakeResult.cpuMedianUs.openapiFetch,
          fakeResult.medianUs.openapiFetch,
          round(fakeResult.cpuMedianUs.openapiFetch - fakeResult.cpuMedianUs.raw, 1),
        ],
        ["facade get (runstatus)", fakeResult.cpuMedianUs.facade, fakeResult.medianUs.facade, fakeResult.facadeOwnCpuPairedUs],
      ],
    },
  ],
  notes: [
    `load average (1, 5, 15 min) at the end: ${loadavg()
      .map((x) => round(x, 1))
      .join(", ")}`,
  ],
  data: { perRound, rounds: ROUNDS, calls: CALLS, fake: fakeResult },
});
