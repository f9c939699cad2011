// Follow several runs, of any providers, to the end: one line per change, then a summary.
//
//   node watch-many.ts <ref> <ref>…      e.g. onepin:<workflow_id>/<run_id> modelslab:<workflow_id>/<execution_id>
//
// Each adapter reads its key (ONEPIN_API_KEY, MODELSLAB_API_KEY…) and optional base URL
// (RUNSTATUS_<PROVIDER>_BASE_URL) from the environment at its first request, so only the
// providers the references name need one.
import { createRunStatus, type Run, terminalSafe } from "runstatus";
import { magnific } from "runstatus/magnific";
import { modelslab } from "runstatus/modelslab";
import { onepin } from "runstatus/onepin";
import { wondercat } from "runstatus/wondercat";

const refs = process.argv.slice(2);
if (refs.length === 0) {
  console.error("usage: node watch-many.ts <ref>…");
  process.exit(2);
}

const rs = createRunStatus({ providers: [magnific(), onepin(), wondercat(), modelslab()] });

const line = (r: Run) => {
  const steps = r.progress ? ` ${r.progress.completed}/${r.progress.total ?? "?"} steps` : "";
  return `${r.ref} ${r.state}${steps}`;
};

// One watch loop per run, side by side; each yields a snapshot per change and ends with the final run.
const finals = await Promise.all(
  refs.map(async (ref) => {
    let last: Run | undefined;
    for await (const r of rs.watch(ref, { timeout: 15 * 60_000 })) {
      console.log(line(r));
      last = r;
    }
    return last as Run;
  }),
);

console.log("---");
for (const r of finals) {
  // Provider text goes through terminalSafe before it reaches a terminal.
  console.log(`${line(r)}${r.error ? `: ${terminalSafe(r.error.message)}` : ""}, ${r.outputs.length} output(s)`);
}
process.exitCode = finals.every((r) => r.state === "succeeded") ? 0 : 1;
