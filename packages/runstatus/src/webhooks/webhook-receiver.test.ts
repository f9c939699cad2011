import { FakeClock, makeRun, type RunProvider, Scheduler, waitForRun } from "@runstatus/core";
import { magnific } from "@runstatus/magnific";
import { modelslab } from "@runstatus/modelslab";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { createRunStatus } from "../run-status.js";
import type { RunEvent } from "./run-event.js";
import { createWebhookHandler } from "./webhook-receiver.js";

const SECRET = `whsec_${Buffer.from("unit-test secret of the receiver!").toString("base64")}`;
const MARK = "ECHO-MARK-7f3a";

function setup(opts: { secret?: boolean; maxBodyBytes?: number } = {}) {
  const events: RunEvent[] = [];
  const lines: string[] = [];
  const scheduler = new Scheduler();
  const rs = createRunStatus({
    providers: [magnific({ apiKey: "k-magnific-0000" }), modelslab({ apiKey: "k-modelslab-0000" })],
    defaults: { scheduler },
  });
  const handler = createWebhookHandler(rs, {
    onEvent: (e) => void events.push(e),
    log: (l) => void lines.push(l),
    ...(opts.secret ? { secrets: { magnific: SECRET } } : {}),
    ...(opts.maxBodyBytes ? { maxBodyBytes: opts.maxBodyBytes } : {}),
  });
  const post = (body: string | ReadableStream<Uint8Array>, headers: Record<string, string> = {}, path = "/hooks/magnific") =>
    handler(
      new Request(`http://127.0.0.1${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body,
        ...(typeof body === "string" ? {} : { duplex: "half" }),
      } as RequestInit),
    );
  const settle = () => new Promise((r) => setTimeout(r, 5));
  return { rs, handler, events, lines, post, settle, scheduler };
}

const signed = (body: string, id = "msg_1", at = new Date(), secret = SECRET) => ({
  "webhook-id": id,
  "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
  "webhook-signature": new Webhook(secret).sign(id, at, body),
});

const finished = (runId = "run0000001", extra: Record<string, unknown> = {}) =>
  JSON.stringify({ event: "finished", run_id: runId, status: "completed", ...extra });

async function expectNoEcho(res: Response) {
  const text = await res.text();
  expect(text).not.toContain(MARK);
  expect(text).not.toContain(SECRET);
}

describe("webhook receiver: hostile bodies", () => {
  it("refuses a body announced larger than the cap with 413, without reading it", async () => {
    const { post, events } = setup({ maxBodyBytes: 1024 });
    const res = await post(`{"run_id":"${MARK}${"x".repeat(5000)}"}`);
    expect(res.status).toBe(413);
    await expectNoEcho(res);
    expect(events).toEqual([]);
  });

  it("refuses a streamed body that outgrows the cap (no content-length) with 413", async () => {
    const { post } = setup({ maxBodyBytes: 4096 });
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        sent += 1024;
        if (sent > 1024 * 1024) c.close();
        else c.enqueue(new TextEncoder().encode(" ".repeat(1024)));
      },
    });
    const res = await post(stream);
    expect(res.status).toBe(413);
    // Reading stopped just past the cap, not at the end of the megabyte.
    expect(sent).toBeLessThan(64 * 1024);
  });

  it("refuses nesting deeper than the bound with 400, before parsing", async () => {
    const { post, events } = setup();
    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    const res = await post(deep);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: "body nested too deep" });
    expect(events).toEqual([]);
  });

  it.each([
    ["not JSON", `{"run_id": ${MARK}`, 400],
    ["an array", `["${MARK}"]`, 422],
    ["a number", "42", 422],
    ["run_id of the wrong type", JSON.stringify({ run_id: { x: MARK } }), 422],
    ["a ModelsLab payload without workflow_id", JSON.stringify({ event: "workflow.completed", execution_id: MARK }), 422],
    ["no provider's shape", JSON.stringify({ hello: MARK }), 422],
  ])("answers %s with a 4xx that does not echo the input", async (_name, body, status) => {
    const { post, events, lines, settle } = setup();
    const res = await post(body, {}, "/hooks");
    expect(res.status).toBe(status);
    await expectNoEcho(res);
    await settle();
    expect(events).toEqual([]);
    expect(lines.join("\n")).not.toContain(MARK);
  });

  it("answers 405 to anything but POST", async () => {
    const { handler } = setup();
    expect((await handler(new Request("http://127.0.0.1/hooks", { method: "GET" }))).status).toBe(405);
  });

  it("escapes sender-controlled references in log lines", async () => {
    const { post, lines, settle } = setup();
    const res = await post(finished("evil\u001b[31m\nFAKE LOG LINE"));
    expect(res.status).toBe(204);
    await settle();
    const text = lines.join("\n");
    expect(text).not.toContain("\u001b");
    expect(lines.every((l) => !l.startsWith("FAKE"))).toBe(true);
  });
});

describe("webhook receiver: signatures", () => {
  it("accepts a valid Standard-Webhooks signature and marks the event verified", async () => {
    const { post, events, settle } = setup({ secret: true });
    const body = finished();
    const res = await post(body, signed(body));
    expect(res.status).toBe(204);
    await settle();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      provider: "magnific",
      ref: "magnific:run0000001",
      state: "succeeded",
      verified: true,
      id: "msg_1",
    });
  });

  it.each([
    ["no signature headers", () => ({})],
    [
      "a signature made with another secret",
      (b: string) => signed(b, "msg_1", new Date(), `whsec_${Buffer.from("another").toString("base64")}`),
    ],
    ["a timestamp an hour old", (b: string) => signed(b, "msg_1", new Date(Date.now() - 3600_000))],
    ["a body changed after signing", (b: string) => signed(`${b} `)],
  ])("answers %s with 401, without the secret or the body", async (_name, headers) => {
    const { post, events, lines, settle } = setup({ secret: true });
    const body = finished(MARK);
    const res = await post(body, headers(body));
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: "signature missing or invalid" });
    await settle();
    expect(events).toEqual([]);
    expect(lines.join("\n")).not.toContain(SECRET);
  });

  it("acknowledges a replayed webhook-id and ignores it", async () => {
    const { post, events, settle } = setup({ secret: true });
    const body = finished();
    const h = signed(body);
    expect((await post(body, h)).status).toBe(204);
    expect((await post(body, h)).status).toBe(204);
    await settle();
    expect(events).toHaveLength(1);
  });

  it("rejects an unusable secret at configuration, without quoting it", () => {
    const rs = createRunStatus({ providers: [magnific({ apiKey: "k" })] });
    expect(() => createWebhookHandler(rs, { secrets: { magnific: "" } })).toThrow(
      /secrets\.magnific is not a Standard-Webhooks secret/,
    );
    expect(() => createWebhookHandler(rs, { secrets: { onepin: SECRET } as never })).toThrow(/sends no webhooks/);
    expect(() => createWebhookHandler({} as never)).toThrow(/expected the facade/);
  });
});

describe("webhook receiver: several deliveries, any order", () => {
  it("changes nothing twice: duplicates, a late `initialized` after `finished`", async () => {
    const { post, events, settle } = setup();
    const init = JSON.stringify({ event: "initialized", run_id: "r1" });
    expect((await post(finished("r1"))).status).toBe(204);
    expect((await post(finished("r1"))).status).toBe(204);
    expect((await post(init)).status).toBe(204);
    await settle();
    expect(events.map((e) => [e.ref, e.event, e.state])).toEqual([["magnific:r1", "finished", "succeeded"]]);
  });

  it("maps a ModelsLab workflow event, outputs included, by payload shape or by path", async () => {
    const { post, events, settle } = setup();
    const body = JSON.stringify({
      event: "workflow.completed",
      execution_id: 12345,
      workflow_id: "wf-1",
      status: "completed",
      output: { output: ["https://cdn.example/out.png"] },
      completed_at: "2026-02-25T12:01:58.000Z",
    });
    expect((await post(body, {}, "/hooks")).status).toBe(204);
    await settle();
    expect(events[0]).toMatchObject({
      provider: "modelslab",
      ref: "modelslab:wf-1/12345",
      event: "workflow.completed",
      state: "succeeded",
      verified: false,
      outputs: [{ url: "https://cdn.example/out.png", kind: "image" }],
    });
  });

  it("acknowledges an event for a run nobody waits on, and tells no wait", async () => {
    const { post, lines, settle } = setup();
    expect((await post(finished("nobody"))).status).toBe(204);
    await settle();
    expect(lines.some((l) => l.includes('"magnific:nobody"') && l.includes("0 wait(s)"))).toBe(true);
  });

  it("a nudge makes the wait poll at once; an unsigned payload never ends it by itself", async () => {
    const clock = new FakeClock();
    const scheduler = new Scheduler({ clock });
    let state: "running" | "succeeded" = "running";
    let polls = 0;
    const provider: RunProvider = {
      name: "magnific",
      refSegments: ["run_id"],
      capabilities: { start: false, cancel: false, pause: false, list: false, webhooks: true, progress: false },
      get: async (ids) => {
        polls++;
        return { run: makeRun({ provider: "magnific", ids, state, providerStatus: state }) };
      },
    };
    const rs = createRunStatus({ providers: [magnific({ apiKey: "k" })], defaults: { scheduler } });
    const done = waitForRun(provider, ["r9"], { clock, scheduler, expectWebhook: true, minInterval: 1000 });
    await clock.advance(0);
    expect(polls).toBe(1);
    // A forged "finished" while the run still runs: one poll, which says running; the wait goes on.
    expect(rs.notify("magnific:r9")).toEqual({ waits: 1, ignored: false });
    await clock.advance(0);
    expect(polls).toBe(2);
    state = "succeeded";
    expect(rs.notify("magnific:r9")).toEqual({ waits: 1, ignored: false });
    await clock.advance(0);
    await expect(done).resolves.toMatchObject({ state: "succeeded" });
    expect(polls).toBe(3);
    expect(() => rs.notify("magnific:")).toThrow(/magnific:<run_id>/);
  });
});
