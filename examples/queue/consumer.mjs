// Reads the workers' events from Redis: one line per change and one per ended run.
// Usage: node consumer.mjs [exit after this many ended runs]
import { createRunEvents } from "@runstatus/queue";
import { connection } from "./config.mjs";

const stopAfter = Number(process.argv[2] ?? Number.POSITIVE_INFINITY);
const events = createRunEvents({ connection, from: process.env.FROM ?? "$" });
let ended = 0;
console.log("consumer ready");
for await (const e of events) {
  if (e.type === "updated") {
    const p = e.run.progress;
    console.log(`updated ${e.ref} ${e.run.state}${p ? ` ${p.completed}/${p.total}` : ""}`);
  } else {
    console.log(`ended ${e.ref} ${e.reason} ${e.run?.state ?? e.error?.name}`);
    if (++ended >= stopAfter) break;
  }
}
await events.close();
