// Start a run, let it get going, then cancel it. `cancel` resolves with the run: OnePin answers
// with it, and where a provider answers with a message only (ModelsLab), the run is read once.
//
//   node cancel-a-run.ts <onepin|modelslab> <workflow_id>
import { createRunStatus } from "runstatus";
import { modelslab } from "runstatus/modelslab";
import { onepin } from "runstatus/onepin";

const [provider, workflowId] = process.argv.slice(2);
if ((provider !== "onepin" && provider !== "modelslab") || !workflowId) {
  console.error("usage: node cancel-a-run.ts <onepin|modelslab> <workflow_id>");
  process.exit(2);
}

const rs = createRunStatus({ providers: [onepin(), modelslab()] });
// Typed per provider: OnePin takes { script_text?, source_language? }, ModelsLab its workflow's parameters.
const ref = await rs.start(provider, workflowId);

// Leave the watch loop once the run is running: that alone stops its polling.
for await (const r of rs.watch(ref)) {
  console.log(`${r.ref} ${r.state}`);
  if (r.state === "running") break;
}

const cancelled = await rs.cancel(ref);
console.log(`cancel → ${cancelled.state} (${cancelled.providerStatus})`);
