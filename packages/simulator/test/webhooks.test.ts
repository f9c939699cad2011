import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseArgs } from "../src/cli.js";
import { startSimulator } from "../src/index.js";

describe("simulator webhooks", () => {
  const got: { path: string; headers: Record<string, unknown>; body: Record<string, unknown> }[] = [];
  let url = "";
  const server = createServer((req, res) => {
    let text = "";
    req.on("data", (c) => {
      text += c;
    });
    req.on("end", () => {
      got.push({ path: req.url ?? "", headers: req.headers, body: JSON.parse(text) });
      res.writeHead(204).end();
    });
  });
  beforeAll(async () => {
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

  it("posts Magnific initialized then finished, signed, and a ModelsLab completion to the workflow URL", async () => {
    const secret = `whsec_${Buffer.from("simulator test secret").toString("base64")}`;
    const sim = await startSimulator({ timing: { queuedMs: 50, stepMs: 50, steps: 2 }, webhookSecret: secret });
    try {
      const wf = sim.targets.modelslab.default;
      const put = await fetch(`${sim.url}/_simulator/webhooks/modelslab/${wf}`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ url: `${url}/modelslab` }),
      });
      expect(put.status).toBe(200);
      const start = await fetch(`${sim.baseUrls.magnific}/v1/ai/apps/${sim.targets.magnific.succeeded}/run`, {
        method: "POST",
        headers: { "x-magnific-api-key": "k", "content-type": "application/json" },
        body: JSON.stringify({ inputs: {}, webhook: `${url}/magnific` }),
      });
      expect(start.status).toBe(202);
      const ml = await fetch(`${sim.baseUrls.modelslab}/${wf}/run`, {
        method: "POST",
        headers: { key: "k", "content-type": "application/json" },
        body: JSON.stringify({ prompt: "a cat" }),
      });
      expect(((await ml.json()) as { webhook_url: string }).webhook_url).toBe(`${url}/modelslab`);
      const end = Date.now() + 3000;
      while (got.length < 3 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
      const magnific = got.filter((g) => g.path === "/magnific");
      expect(magnific.map((g) => g.body.event)).toEqual(["initialized", "finished"]);
      expect(magnific[1]?.body).toMatchObject({ status: "completed", result: { images: expect.any(Array) } });
      expect(magnific[0]?.headers["webhook-signature"]).toMatch(/^v1,/);
      const ms = got.find((g) => g.path === "/modelslab");
      expect(ms?.body).toMatchObject({
        event: "workflow.completed",
        workflow_id: wf,
        status: "completed",
        output: { output: expect.any(Array) },
      });
      expect(sim.webhookDeliveries().every((d) => d.status === 204)).toBe(true);
    } finally {
      await sim.close();
    }
  });

  it("checks delivery faults and URLs on the control API", async () => {
    const sim = await startSimulator();
    try {
      const bad = await fetch(`${sim.url}/_simulator/webhooks/faults`, {
        method: "POST",
        body: JSON.stringify({ kind: "explode" }),
      });
      expect(bad.status).toBe(400);
      const badUrl = await fetch(`${sim.url}/_simulator/webhooks/modelslab/wf`, {
        method: "PUT",
        body: JSON.stringify({ url: "ftp://x" }),
      });
      expect(badUrl.status).toBe(400);
      expect(() => sim.addWebhookFault({ kind: "drop", provider: "onepin" as never })).toThrow(/magnific or modelslab/);
    } finally {
      await sim.close();
    }
  });

  it("reads the webhook flags of its CLI", () => {
    const cfg = parseArgs([
      "--webhook-secret",
      "whsec_AAAA",
      "--workflow-webhook",
      "wf-1=http://127.0.0.1:1/h",
      "--webhook-fault",
      "magnific:1:delay:500",
    ]);
    expect(cfg.options).toMatchObject({
      webhookSecret: "whsec_AAAA",
      workflowWebhooks: { "wf-1": "http://127.0.0.1:1/h" },
      webhookFaults: [{ provider: "magnific", nth: 1, kind: "delay", delayMs: 500 }],
    });
    expect(() => parseArgs(["--webhook-fault", "magnific:1:explode"])).toThrow(/kind must be one of/);
    expect(() => parseArgs(["--workflow-webhook", "nourl"])).toThrow(/<workflow id>=<url>/);
  });
});
