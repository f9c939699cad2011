// Starts runs on the simulator and hands each to the queue, then exits: the waits live in Redis.
// Usage: node producer.mjs [runs per provider, default 3]
import { createRunQueue } from "@runstatus/queue";
import { connection, runStatus } from "./config.mjs";

const n = Number(process.argv[2] ?? 3);
const rs = runStatus();
const queue = createRunQueue({ connection });
for (let i = 0; i < n; i++) {
  for (const [provider, target, input] of [
    ["onepin", "7c9e6679-7425-40de-944b-e07fc1f90ae7", { script_text: `example ${i}` }],
    ["modelslab", "0b9c2f4e-5a1d-4e8b-9c3f-7d2a6b1e4f80", { prompt: `example ${i}` }],
  ]) {
    const ref = await rs.start(provider, target, input);
    await queue.track(ref, { deadline: Date.now() + 10 * 60_000, metadata: { n: i } });
    console.log(`tracked ${ref}`);
  }
}
await queue.close();
