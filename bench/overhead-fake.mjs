// The facade's own work per call, without a network: globalThis.fetch is replaced by a function
// that returns a fresh Response with OnePin's status body, and `get` through the facade, a bare
// openapi-fetch GET and raw fetch + JSON.parse run over it in interleaved blocks. What is left
// is client-side CPU only, so machine load moves it far less than the loopback ratios.
// Usage: node bench/overhead-fake.mjs [--blocks 40] [--calls 500]
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { importSource, log, pct, round } from "./lib.mjs";
import { body, RUN, WF } from "./overhead-body.mjs";

const { values } = parseArgs({
  options: { blocks: { type: "string", default: "40" }, calls: { type: "string", default: "500" } },
});
const BLOCKS = Number(values.blocks);
const CALLS = Number(values.calls);
const KEY = "op_live_benchkeybenchkeybenchkeybench";
const responseHeaders = { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) };
globalThis.fetch = async () => new Response(body, { status: 200, headers: responseHeaders });

const base = "http://127.0.0.1:9";
const { default: createClient } = await import("openapi-fetch");
const { createRunStatus } = await importSource("packages/runstatus/src/index.ts");
const { onepin } = await importSource("packages/onepin/src/index.ts");
const headers = { authorization: `Bearer ${KEY}` };
const bare = createClient({ baseUrl: base, headers });
const rs = createRunStatus({ providers: [onepin({ apiKey: KEY, baseUrl: base })] });
const ref = `onepin:${WF}/${RUN}`;
const path = `/api/v1/workflows/${WF}/runs/${RUN}/status`;

const contenders = {
  raw: async () => {
    const res = await fetch(base + path, { headers });
    if (JSON.parse(await res.text()).data.status !== "running") throw new Error("bad body");
  },
  openapiFetch: async () => {
    const { data } = await bare.GET("/api/v1/workflows/{workflow_id}/runs/{run_id}/status", {
      params: { path: { workflow_id: WF, run_id: RUN } },
    });
    if (data.data.status !== "running") throw new Error("bad body");
  },
  facade: async () => {
    if ((await rs.get(ref)).state !== "running") throw new Error("bad run");
  },
};
const names = Object.keys(contenders);
// Wall time and CPU time (user + system, all threads) per call, in µs: on a loaded machine the
// CPU time counts what this process did, not the time it waited for a core.
const time = async (fn, n) => {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await fn();
  const wall = ((performance.now() - t0) * 1000) / n;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / n };
};
for (const fn of Object.values(contenders)) await time(fn, 2000);
const per = Object.fromEntries(names.map((k) => [k, []]));
const cpu = Object.fromEntries(names.map((k) => [k, []]));
for (let b = 0; b < BLOCKS; b++) {
  // Rotated order, so no contender always runs first.
  for (let i = 0; i < names.length; i++) {
    const name = names[(b + i) % names.length];
    const t = await time(contenders[name], CALLS);
    per[name].push(t.wall);
    cpu[name].push(t.cpu);
  }
}
const med = (xs) => round(pct(xs, 50), 1);
const out = {
  blocks: BLOCKS,
  calls: CALLS,
  medianUs: Object.fromEntries(names.map((k) => [k, med(per[k])])),
  p25p75Us: Object.fromEntries(names.map((k) => [k, [round(pct(per[k], 25), 1), round(pct(per[k], 75), 1)]])),
  facadeOwnUs: round(pct(per.facade, 50) - pct(per.raw, 50), 1),
  cpuMedianUs: Object.fromEntries(names.map((k) => [k, med(cpu[k])])),
  facadeOwnCpuUs: round(pct(cpu.facade, 50) - pct(cpu.raw, 50), 1),
  // The same, block by block (the facade's block and the raw block next to it), then the median.
  facadeOwnCpuPairedUs: round(
    pct(
      cpu.facade.map((x, i) => x - cpu.raw[i]),
      50,
    ),
    1,
  ),
  load: loadavg().map((x) => round(x, 1)),
};
log(
  `fake transport, median µs per call (wall / cpu): raw ${out.medianUs.raw} / ${out.cpuMedianUs.raw}, openapi-fetch ${out.medianUs.openapiFetch} / ${out.cpuMedianUs.openapiFetch}, facade ${out.medianUs.facade} / ${out.cpuMedianUs.facade}; load ${out.load.join(" ")}`,
);
console.log(JSON.stringify(out));
