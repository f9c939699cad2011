// The simulator for bench/queue.bench.mjs, in a process of its own: creates runs when asked and
// counts the requests it answered, and those it refused for ModelsLab's rate limit.
import { importSource } from "./lib.mjs";

const { startSimulator } = await importSource("packages/simulator/src/index.ts");
const cfg = JSON.parse(process.argv[2]);
const counts = { requests: 0, rateLimited: 0, status: {} };
// One line per provider request: "GET /onepin/... -> 200", with " (rate-limit)" when ModelsLab's limit refused it.
const sim = await startSimulator({
  ...cfg.options,
  log: (line) => {
    const m = /^(GET|POST) \/(onepin|modelslab|magnific|wondercat)\/.* -> (\w+)/.exec(line);
    if (!m) return;
    counts.requests++;
    if (line.endsWith("(rate-limit)")) counts.rateLimited++;
    counts.status[m[3]] = (counts.status[m[3]] ?? 0) + 1;
  },
});
process.on("message", (m) => {
  if (m.type === "create") {
    const refs = [];
    for (let i = 0; i < m.n; i++) {
      const provider = m.providers[(m.offset + i) % m.providers.length];
      const target =
        provider === "modelslab" ? (i % 2 ? sim.targets.modelslab.default : sim.targets.modelslab.succeeded) : undefined;
      refs.push(sim.createRun({ provider, ...(target ? { target } : {}) }).ref);
    }
    process.send({ type: "created", id: m.id, refs });
  } else if (m.type === "counts") {
    process.send({ type: "counts", id: m.id, counts });
  } else if (m.type === "reset") {
    sim.reset();
    Object.assign(counts, { requests: 0, rateLimited: 0, status: {} });
    process.send({ type: "reset", id: m.id });
  } else if (m.type === "fault") {
    if (m.fault) sim.addFault(m.fault);
    else sim.clearFaults();
    process.send({ type: "fault", id: m.id });
  } else if (m.type === "close") {
    sim.close().then(() => process.exit(0));
  }
});
process.send({ type: "ready", baseUrls: sim.baseUrls, keys: sim.keys });
