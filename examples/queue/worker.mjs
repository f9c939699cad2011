// A worker: polls tracked runs when due. Start as many as you like; stop with Ctrl-C (SIGINT) or
// SIGTERM, which lets the polls in flight finish. A worker killed outright loses no run either.
import { createRunWorker } from "@runstatus/queue";
import { connection, runStatus } from "./config.mjs";

const worker = createRunWorker({ runStatus: runStatus(), connection, concurrency: 16 });
await worker.worker.waitUntilReady();
console.log(`worker ${process.pid} ready`);
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, async () => {
    await worker.close();
    console.log(`worker ${process.pid} stopped after ${worker.stats.polls} polls`);
    process.exit(0);
  });
}
