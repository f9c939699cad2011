// The full soak: 2,000 concurrent waits on the simulator across the four providers, 10 % of the
// requests faulted (503, 429 with Retry-After, connection reset). Reports how many runs ended in
// their true terminal state, the requests and faults, the wall time, and how long the process
// took to exit after the last wait ended. The test command runs a 200-wait variant
// (packages/runstatus/test/soak.test.ts).
import { spawn } from "node:child_process";
import { join } from "node:path";
import { log, report, root, round } from "./lib.mjs";

const WAITS = 2000;
const FAULT_RATE = 0.1;
const SPEED = 3;

log(`soak: ${WAITS} waits, ${FAULT_RATE * 100} % faults, speed ${SPEED}…`);
const { result, exitedAt } = await new Promise((resolve, reject) => {
  const child = spawn(
    process.execPath,
    [join(root, "bench", "soak-child.mjs"), String(WAITS), String(FAULT_RATE), String(SPEED)],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  let out = "";
  child.stdout.on("data", (d) => {
    out += d;
  });
  child.on("error", reject);
  child.on("exit", (code) => {
    const exitedAt = Date.now();
    if (code !== 0) reject(new Error(`soak child exited with code ${code}`));
    else resolve({ result: JSON.parse(out), exitedAt });
  });
});
const exitMs = exitedAt - result.lastEndAt;
const faults = result.faults["503"] + result.faults["429=1"] + result.faults.reset;
report({
  title: "Soak: 2,000 concurrent waits with 10 % faults",
  description:
    "Every run is created on the simulator with a scenario (succeeded, failed, partial, cancelled) and waited for through the facade; a tenth of the requests get a 503, a 429 with Retry-After: 1, or a reset.",
  tables: [
    {
      columns: [
        "waits",
        "true terminal state",
        "wrong",
        "requests",
        "faults (503 / 429 / reset)",
        "wall s",
        "exit after last ms",
        "RSS growth MiB",
      ],
      rows: [
        [
          result.waits,
          result.correct,
          result.wrong.length,
          result.requests,
          `${faults} (${result.faults["503"]} / ${result.faults["429=1"]} / ${result.faults.reset})`,
          round(result.wallMs / 1000, 1),
          exitMs,
          result.rssMiB,
        ],
      ],
    },
  ],
  notes: result.wrong.length > 0 ? [`first wrong endings: ${JSON.stringify(result.wrong.slice(0, 5))}`] : [],
  data: { ...result, exitMs },
});
