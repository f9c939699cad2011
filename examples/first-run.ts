// Start a OnePin run and wait for it: the first program to write with runstatus.
//
//   ONEPIN_API_KEY=… node first-run.ts <workflow_id>
//
// Against the simulator, also set RUNSTATUS_ONEPIN_BASE_URL=http://127.0.0.1:4100/onepin
// (any key works there). The adapter reads both variables at its first request.
import { createRunStatus } from "runstatus";
import { onepin } from "runstatus/onepin";

const workflowId = process.argv[2];
if (!workflowId) {
  console.error("usage: node first-run.ts <workflow_id>");
  process.exit(2);
}

const rs = createRunStatus({ providers: [onepin()] });

const ref = await rs.start("onepin", workflowId, { source_language: "en-us" });
console.log(`started ${ref}`);

const run = await rs.wait(ref, {
  timeout: 10 * 60_000,
  onUpdate: (r) => console.log(`  ${r.state}${r.progress ? ` ${r.progress.completed}/${r.progress.total ?? "?"}` : ""}`),
});

// A failed run is an answer, not an error: look at its state.
console.log(`${run.ref} ended ${run.state}`);
if (run.error) console.log(`  error: ${run.error.message}`);
for (const o of run.outputs) console.log(`  output ${o.kind} ${o.mimeType ?? ""} ${o.url} (expires ${o.expiresAt ?? "never"})`);
process.exitCode = run.state === "succeeded" ? 0 : 1;
