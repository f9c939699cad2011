// Per-call overhead: the facade's `get` vs a bare openapi-fetch GET vs raw fetch + JSON.parse,
// against a loopback keep-alive server in this process answering OnePin's status call. Reported as
// ratios of time per call, measured in interleaved rounds so that drift hits every contender alike;
// the spread over rounds says whether a ratio is inside the noise.
import { createServer } from "node:http";
import { importSource, log, mean, pct, report, round } from "./lib.mjs";

const ROUNDS = 9;
const CALLS = 1500;
const WARMUP = 500;

const WF = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
const RUN = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
const body = JSON.stringify({
  data: {
    id: RUN,
    workflow_id: WF,
    status: "running",
    run_number: 42,
    token_cost: 350,
    created_at: "2024-04-20T14:20:00Z",
    updated_at: "2024-04-20T14:25:00Z",
    total_nodes: 15,
    total_steps: 120,
    finished_steps: 45,
    usage_summary: { cpu_seconds: 12.5, memory_mb: 256, api_calls: 8 },
    started_at: "2024-04-20T14:22:00Z",
    completed_at: null,
    error: null,
    has_export: true,
    triggered_by: { user_id: "d290f1ee-6c54-4b01-90e6-d701748f0851", user_name: "jane.doe@example.com" },
  },
  meta: { request_id: "req_1234567890abcdef", timestamp: "2024-04-20T14:25:01Z" },
});

const server = createServer((req, res) => {
  res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
});
server.keepAliveTimeout = 60_000;
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const base = `http://127.0.0.1:${server.address().port}`;
const KEY = "op_live_benchkeybenchkeybenchkeybench";

const { default: createClient } = await import("openapi-fetch");
const { createRunStatus } = await importSource("packages/runstatus/src/index.ts");
const { onepin } = await importSource("packages/onepin/src/index.ts");

const path = `/api/v1/workflows/${WF}/runs/${RUN}/status`;
const headers = { authorization: `Bearer ${KEY}` };
const bare = createClient({ baseUrl: base, headers });
const rs = createRunStatus({ providers: [onepin({ apiKey: KEY, baseUrl: base })] });
const ref = `onepin:${WF}/${RUN}`;

const contenders = {
  "raw fetch + JSON.parse": async () => {
    const res = await fetch(base + path, { headers });
    const data = JSON.parse(await res.text());
    if (data.data.status !== "running") throw new Error("bad body");
  },
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

async function timeCalls(fn, n) {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await fn();
  return ((performance.now() - t0) * 1000) / n; // µs per call
}

for (const fn of Object.values(contenders)) await timeCalls(fn, WARMUP);
const perRound = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
for (let r = 0; r < ROUNDS; r++) {
  // Rotate the order every round so no contender always runs first or last.
  const names = Object.keys(contenders);
  const order = names.slice(r % names.length).concat(names.slice(0, r % names.length));
  for (const name of order) perRound[name].push(await timeCalls(contenders[name], CALLS));
  log(`overhead: round ${r + 1}/${ROUNDS}`);
}
server.close();
server.closeAllConnections?.();

const raw = perRound["raw fetch + JSON.parse"];
const of = perRound["bare openapi-fetch"];
const facade = perRound["facade get (runstatus)"];
const ratios = (a, b) => a.map((x, i) => x / b[i]);
const summary = (xs) => [round(pct(xs, 50), 3), `${round(Math.min(...xs), 3)}–${round(Math.max(...xs), 3)}`];

const rows = [
  ["facade get ÷ raw fetch", ...summary(ratios(facade, raw)), "≤ 1.10"],
  ["facade get ÷ bare openapi-fetch", ...summary(ratios(facade, of)), "≤ 1.05"],
  ["bare openapi-fetch ÷ raw fetch", ...summary(ratios(of, raw)), "—"],
  [
    "raw fetch ÷ raw fetch (noise floor: two halves of the raw rounds)",
    ...summary(ratios(raw.slice(0, 4), raw.slice(4, 8))),
    "—",
  ],
];

report({
  title: "Per-call overhead",
  description: `Time per call, ${ROUNDS} interleaved rounds of ${CALLS} sequential calls each (after ${WARMUP} warm-up calls per contender), against a keep-alive loopback server in the same process answering OnePin's status call (${body.length} bytes). Ratios are per round; median and the range over rounds.`,
  tables: [
    { caption: "ratios (median, range over rounds)", columns: ["ratio", "median", "range", "target"], rows },
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
  ],
  data: { perRound, rounds: ROUNDS, calls: CALLS },
});
