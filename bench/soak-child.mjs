// One soak in its own process (started by soak.bench.mjs): prints the result as JSON on stdout and
// then simply returns, so that the parent can measure how long the process takes to exit after
// the last wait ended (anything left running, a timer or a socket, would show there).
import { importSource } from "./lib.mjs";

const [waits, faultRate, speed] = process.argv.slice(2).map(Number);
const { runSoak } = await importSource("packages/runstatus/test/soak.ts");
const before = process.memoryUsage().rss;
const result = await runSoak({ waits, faultRate, speed });
process.stdout.write(
  `${JSON.stringify({ ...result, wrong: result.wrong.slice(0, 20), rssMiB: Math.round((process.memoryUsage().rss - before) / 2 ** 20) })}\n`,
);
