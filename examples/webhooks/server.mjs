// A webhook receiver for Magnific and ModelsLab runs, run against the local simulator.
//
// The facade's endpoint is a Fetch-API handler (`createWebhookHandler`); `toNodeListener` serves it with
// Node's `http`. Magnific takes the webhook URL per run (`webhookUrl`); ModelsLab posts to the URL
// set on the workflow, which the simulator's control API sets here. Magnific deliveries are signed
// Standard-Webhooks style with the simulator's secret, so they are verified; ModelsLab's are
// unsigned nudges, confirmed by one poll.
import { createServer } from "node:http";
import { pathToFileURL } from "node:url";
import { startSimulator } from "@runstatus/simulator";
import { createRunStatus } from "runstatus";
import { magnific } from "runstatus/magnific";
import { modelslab } from "runstatus/modelslab";
import { createWebhookHandler, toNodeListener } from "runstatus/webhooks";

// In production: the secret from Magnific's dashboard, e.g. process.env.MAGNIFIC_WEBHOOK_SECRET.
const SECRET = `whsec_${Buffer.from("example secret: keep it out of git").toString("base64")}`;

export async function main({ log = console.log } = {}) {
  const sim = await startSimulator({ timing: { queuedMs: 200, stepMs: 300, steps: 3 }, webhookSecret: SECRET });
  const rs = createRunStatus({
    providers: [
      magnific({ apiKey: sim.keys.magnific, baseUrl: sim.baseUrls.magnific }),
      modelslab({ apiKey: sim.keys.modelslab, baseUrl: sim.baseUrls.modelslab }),
    ],
    // Waits that expect webhooks poll on a slow safety schedule once the webhooks have proven to arrive.
    defaults: { expectWebhook: true, timeout: 60_000 },
  });
  // A Fetch-API handler: return it from a Hono, Next.js, Bun, Deno or Workers route, or serve it with Node.
  const webhooks = createWebhookHandler(rs, {
    secrets: { magnific: SECRET },
    onEvent: (e) => log(`webhook: ${e.provider} ${e.ref} ${e.event} -> ${e.state ?? "?"}${e.verified ? " (verified)" : ""}`),
  });

  // Mount the endpoint; behind a tunnel in development, at a public HTTPS URL in production.
  const server = createServer(toNodeListener(webhooks));
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const base = `http://127.0.0.1:${server.address().port}/webhooks`;

  try {
    // ModelsLab: the webhook is a setting of the workflow (the dashboard; here the simulator's control API).
    sim.setWorkflowWebhook(sim.targets.modelslab.default, `${base}/modelslab`);
    const runs = await Promise.all([
      rs.start("magnific", sim.targets.magnific.succeeded, {}, { webhookUrl: `${base}/magnific` }).then((ref) => rs.wait(ref)),
      rs.start("modelslab", sim.targets.modelslab.default, { prompt: "a lighthouse at dusk" }).then((ref) => rs.wait(ref)),
    ]);
    for (const run of runs) log(`done: ${run.ref} ${run.state}, ${run.outputs.length} output(s)`);
    return runs;
  } finally {
    await new Promise((ok) => server.close(ok));
    await sim.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
