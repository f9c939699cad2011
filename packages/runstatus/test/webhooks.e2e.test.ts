// End to end: the simulator pushes webhooks to a real loopback HTTP server that runs the facade's
// receiver; the waits on those runs end through the nudge and one confirming poll.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type PollOptions, Scheduler } from "@runstatus/core";
import { magnific } from "@runstatus/magnific";
import { modelslab } from "@runstatus/modelslab";
import { type SimulatorHandle, startSimulator, type WebhookFault } from "@runstatus/simulator";
import { createRunStatus, type RunEvent, type RunStatus } from "runstatus";
import { createWebhookHandler, toNodeListener } from "runstatus/webhooks";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { KEYS, requestsFor, runIdOf } from "./helpers.js";

const SECRET = `whsec_${Buffer.from("e2e webhook secret, 32 bytes long!").toString("base64")}`;

interface Receiver {
  rs: RunStatus<readonly [ReturnType<typeof magnific>, ReturnType<typeof modelslab>]>;
  url: string;
  events: RunEvent[];
  close(): Promise<void>;
}

/**
 * The facade on its own scheduler, with its webhook endpoint served by a loopback HTTP server.
 * Polls are at least 4 s apart while the runs last under half a second, so a wait that ends after
 * two polls was ended by the push (where the webhook is lost, the test polls faster on purpose).
 */
async function receiver(sim: SimulatorHandle, extra: { secret?: boolean; defaults?: PollOptions } = {}): Promise<Receiver> {
  const events: RunEvent[] = [];
  const rs = createRunStatus({
    providers: [
      magnific({ apiKey: KEYS.magnific, baseUrl: sim.baseUrls.magnific }),
      modelslab({ apiKey: KEYS.modelslab, baseUrl: sim.baseUrls.modelslab, rateLimit: 6000 }),
    ],
    defaults: {
      scheduler: new Scheduler(),
      expectWebhook: true,
      minInterval: 4000,
      maxInterval: 60_000,
      timeout: 8000,
      ...extra.defaults,
    },
  });
  const handler = createWebhookHandler(rs, {
    onEvent: (e) => void events.push(e),
    ...(extra.secret ? { secrets: { magnific: SECRET, modelslab: SECRET } } : {}),
  });
  const server: Server = createServer(toNodeListener(handler));
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`;
  return {
    rs,
    url,
    events,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

const TIMING = { queuedMs: 100, stepMs: 150, steps: 2 };

function simulatorWith(secret: boolean) {
  return startSimulator({
    timing: TIMING,
    keys: { magnific: [KEYS.magnific], modelslab: [KEYS.modelslab] },
    ...(secret ? { webhookSecret: SECRET } : {}),
  });
}

/** Status polls of one run, in the order the simulator answered them. */
const polls = (sim: SimulatorHandle, provider: "magnific" | "modelslab", ref: string) =>
  requestsFor(sim, provider, runIdOf(ref)).filter((r) => r.route === "status");

const until = async (check: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe.each([false, true])("webhooks end to end (signed: %s)", (signed) => {
  let sim: SimulatorHandle;
  let r: Receiver;
  beforeAll(async () => {
    sim = await simulatorWith(signed);
  });
  afterAll(async () => {
    await sim.close();
  });
  beforeEach(async () => {
    sim.reset();
    await r?.close();
    r = await receiver(sim, { secret: signed });
  });
  afterAll(async () => {
    await r?.close();
  });

  const start = async (provider: "magnific" | "modelslab", faults: WebhookFault[] = []) => {
    for (const f of faults) sim.addWebhookFault({ provider, ...f });
    if (provider === "modelslab") {
      sim.setWorkflowWebhook(sim.targets.modelslab.default, `${r.url}/modelslab`);
      return await r.rs.start("modelslab", sim.targets.modelslab.default, { prompt: "a cat" });
    }
    return await r.rs.start("magnific", sim.targets.magnific.succeeded as string, {}, { webhookUrl: `${r.url}/magnific` });
  };

  for (const provider of ["magnific", "modelslab"] as const) {
    it(`${provider}: the push ends the wait (${signed ? "no poll after a verified push" : "one confirming poll"})`, async () => {
      const ref = await start(provider);
      const run = await r.rs.wait(ref);
      expect(run.state).toBe("succeeded");
      expect(run.outputs.length).toBeGreaterThan(0);
      const ends = r.events.filter((e) => e.ref === ref && e.state === "succeeded");
      expect(ends).toHaveLength(1);
      expect(ends[0]?.verified).toBe(signed);
      // The first poll at once, then (unsigned) the poll the push asked for: none in between, since
      // the safety schedule would sleep far longer than the run lasts.
      expect(polls(sim, provider, ref)).toHaveLength(signed ? 1 : 2);
    });

    it(`${provider}: with the webhook dropped the wait still ends, by polling`, async () => {
      const ref = await start(provider, [{ kind: "drop", times: "always" }]);
      const run = await r.rs.wait(ref, { minInterval: 100, maxInterval: 300 });
      expect(run.state).toBe("succeeded");
      expect(r.events.filter((e) => e.ref === ref)).toEqual([]);
      // The simulator's push fires on its own timer, which may come after the poll that saw the end.
      await until(() => sim.webhookDeliveries().some((d) => d.ref === ref));
      const mine = sim.webhookDeliveries().filter((d) => d.ref === ref);
      expect(mine.every((d) => d.fault === "drop" && d.status === null)).toBe(true);
    });

    it(`${provider}: duplicates and reordering change nothing twice`, async () => {
      const ref = await start(provider, [{ kind: "duplicate", times: "always" }]);
      const first = await r.rs.wait(ref);
      await until(() => sim.webhookDeliveries().filter((d) => d.ref === ref && d.status !== null).length >= 2);
      const terminal = r.events.filter((e) => e.ref === ref && e.state === "succeeded");
      expect(terminal).toHaveLength(1);
      expect(first.state).toBe("succeeded");
      expect(polls(sim, provider, ref)).toHaveLength(signed ? 1 : 2);
    });
  }

  it("magnific: a late `initialized` after `finished` is acknowledged and ignored", async () => {
    const ref = await start("magnific", [{ kind: "reorder", event: "initialized" }]);
    const run = await r.rs.wait(ref);
    expect(run.state).toBe("succeeded");
    await until(() => sim.webhookDeliveries().some((d) => d.ref === ref && d.event === "initialized" && d.status !== null));
    const delivered = sim.webhookDeliveries().filter((d) => d.ref === ref);
    expect(delivered.map((d) => d.event)).toEqual(["finished", "initialized"]);
    expect(delivered.every((d) => d.status === 204)).toBe(true);
    expect(r.events.filter((e) => e.ref === ref).map((e) => e.state)).toEqual(["succeeded"]);
  });
});

describe("webhooks end to end: hostile deliveries", () => {
  let sim: SimulatorHandle;
  let r: Receiver;
  beforeAll(async () => {
    sim = await simulatorWith(true);
    r = await receiver(sim, { secret: true });
  });
  // A run of the test before may still have a push due (its wait can end by a poll first); the
  // reset cancels it, so a fault planned for "the next delivery" fires on this test's run.
  beforeEach(() => sim.reset());
  afterAll(async () => {
    await r.close();
    await sim.close();
  });

  it("a forged signature gets a 401 and the wait ends by polling", async () => {
    sim.addWebhookFault({ provider: "magnific", kind: "bad-signature", times: "always" });
    const ref = await r.rs.start("magnific", sim.targets.magnific.succeeded as string, {}, { webhookUrl: `${r.url}/magnific` });
    const run = await r.rs.wait(ref, { minInterval: 100, maxInterval: 300 });
    expect(run.state).toBe("succeeded");
    const delivered = sim.webhookDeliveries().filter((d) => d.ref === ref);
    expect(delivered.length).toBeGreaterThan(0);
    expect(delivered.every((d) => d.status === 401)).toBe(true);
    expect(r.events).toEqual([]);
  });

  it("an unknown event name is acknowledged and does not end a wait", async () => {
    sim.addWebhookFault({ provider: "magnific", kind: "unknown-event", event: "finished" });
    const ref = await r.rs.start("magnific", sim.targets.magnific.succeeded as string, {}, { webhookUrl: `${r.url}/magnific` });
    const run = await r.rs.wait(ref);
    expect(run.state).toBe("succeeded");
    await until(() => sim.webhookDeliveries().some((d) => d.ref === ref && d.fault === "unknown-event" && d.status !== null));
    const unknown = sim.webhookDeliveries().find((d) => d.ref === ref && d.fault === "unknown-event");
    expect(unknown?.status).toBe(204);
    // Only the known events became RunEvents; the unknown one carried no state.
    expect(r.events.filter((e) => e.ref === ref).map((e) => e.state)).toEqual(expect.arrayContaining(["succeeded"]));
  });

  it("ModelsLab's workflow URL is settable through the control API", async () => {
    const wf = sim.targets.modelslab.default;
    const res = await fetch(`${sim.url}/_simulator/webhooks/modelslab/${wf}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ url: `${r.url}/modelslab` }),
    });
    expect(res.status).toBe(200);
    const info = (await (await fetch(`${sim.url}/_simulator/webhooks`)).json()) as {
      workflows: Record<string, string>;
      signed: boolean;
    };
    expect(info.workflows[wf]).toBe(`${r.url}/modelslab`);
    expect(info.signed).toBe(true);
    const ref = await r.rs.start("modelslab", wf, { prompt: "a cat" });
    await expect(r.rs.wait(ref)).resolves.toMatchObject({ state: "succeeded" });
  });
});
