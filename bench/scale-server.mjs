// The server side of bench/scale.bench.mjs, run in a child process: answers OnePin's status call
// from a timeline derived from the run id (starting at the run's first request), and timestamps the
// arrival of every request per workflow id, so budgets are checked where a provider counts them.
import { createServer } from "node:http";

const STEPS = 20;
const arrivals = new Map();
const runs = new Map();
let inFlight = 0;
let mostInFlight = 0;
let requests = 0;

/** Deterministic fraction in [0, 1) from a string. */
function frac(s, salt) {
  let h = 2166136261 ^ salt;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0) / 4294967296;
}

const server = createServer((req, res) => {
  const now = performance.now();
  requests++;
  mostInFlight = Math.max(mostInFlight, ++inFlight);
  res.on("finish", () => inFlight--);
  const m = /^\/api\/v1\/workflows\/([^/]+)\/runs\/([^/]+)\/status$/.exec(req.url ?? "");
  if (!m) {
    res.writeHead(404, { "content-type": "application/json" });
    res.end('{"error":{"code":"not_found","message":"no such route"}}');
    return;
  }
  const [, wf, id] = m;
  let a = arrivals.get(wf);
  if (!a) {
    a = [];
    arrivals.set(wf, a);
  }
  a.push(now);
  let r = runs.get(id);
  if (!r) {
    r = { first: now, d: (10 + 20 * frac(id, 1)) * 1000, progress: frac(id, 2) < 0.5 };
    runs.set(id, r);
  }
  const t = now - r.first;
  const done = t >= r.d;
  const k = done ? STEPS : Math.min(STEPS - 1, Math.floor((STEPS * t) / r.d));
  const body = JSON.stringify({
    data: {
      id,
      workflow_id: wf,
      status: done ? "completed" : "running",
      run_number: 1,
      created_at: "2026-01-01T00:00:00Z",
      updated_at: "2026-01-01T00:00:00Z",
      started_at: "2026-01-01T00:00:00Z",
      completed_at: done ? "2026-01-01T00:01:00Z" : null,
      ...(r.progress ? { total_steps: STEPS, finished_steps: k } : {}),
      error: null,
    },
    meta: { request_id: `req_${requests}`, timestamp: "2026-01-01T00:00:00Z" },
  });
  res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
});
server.keepAliveTimeout = 120_000;
server.maxRequestsPerSocket = 0;

process.on("message", (msg) => {
  if (msg.type === "stats") {
    // Per budgeted key: the most arrivals in any window of `windowMs` and the arrivals beyond the limit.
    const { keys, limit, windowMs } = msg;
    let over = 0;
    let worst = 0;
    let total = 0;
    for (const key of keys) {
      const times = arrivals.get(key) ?? [];
      total += times.length;
      for (let i = 0, j = 0; i < times.length; i++) {
        while (times[j] <= times[i] - windowMs) j++;
        const n = i - j + 1;
        worst = Math.max(worst, n);
        if (n > limit) over++;
      }
    }
    process.send({ type: "stats", over, worst, total, requests, mostInFlight });
    arrivals.clear();
    runs.clear();
    requests = 0;
    mostInFlight = 0;
  } else if (msg.type === "exit") {
    server.close();
    process.exit(0);
  }
});

server.listen(0, "127.0.0.1", () => process.send({ type: "ready", port: server.address().port }));
