// The facade as a user drives it, end to end against the simulator (in this process, on a free
// port): every provider's runs followed to the end by `wait` and `watch`, start/cancel/pause/resume,
// waitAll/waitAny across providers, faults survived, auth failures failing fast, no key in any
// error, unknown statuses bounded, ModelsLab's budget shared, and the deadline and abort honoured.
import { Scheduler } from "@runstatus/core";
import { modelslab } from "@runstatus/modelslab";
import { type ScenarioName, type SimulatorHandle, startSimulator } from "@runstatus/simulator";
import {
  AbortError,
  ApiError,
  createRunStatus,
  type Output,
  type Run,
  RunStatusError,
  TimeoutError,
  UnknownStateError,
  UnsupportedError,
  UsageError,
} from "runstatus";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  collect,
  expectNoSecret,
  FAST,
  facadeFor,
  KEYS,
  PROVIDERS,
  type Provider,
  REF_FORMS,
  requestsFor,
  runIdOf,
  sleep,
} from "./helpers.js";

// A run: 3 s queued and 4 steps of 1 s, simulated 5x faster → about 1.4 s of real time.
const TIMING = { queuedMs: 3000, stepMs: 1000, steps: 4 };
const SPEED = 5;
const TWELVE_HOURS = 12 * 3600 * 1000;

// Runs of 2.5 s steps (about 2.6 s of real time), for the tests that must see every phase: a run
// that fails in its second step is then running for a second, not for 0.4 s, which a poll of a busy
// machine can miss.
const STEADY_TIMING = { ...TIMING, stepMs: 2500 };

let sim: SimulatorHandle;
let steady: SimulatorHandle;

beforeAll(async () => {
  [sim, steady] = await Promise.all([
    startSimulator({ speed: SPEED, timing: TIMING, keys: { ...mapKeys() } }),
    startSimulator({ speed: SPEED, timing: STEADY_TIMING, keys: { ...mapKeys() } }),
  ]);
});
afterAll(async () => {
  await Promise.all([sim?.close(), steady?.close()]);
});

function mapKeys() {
  return Object.fromEntries(PROVIDERS.map((p) => [p, [KEYS[p]]])) as Record<Provider, string[]>;
}

const target = (p: Provider, scenario: ScenarioName) => {
  const t = sim.targets[p][scenario];
  if (!t) throw new Error(`the simulator has no ${scenario} target for ${p}`);
  return t;
};

/** What each scenario ends as: providers without a partial status fail in their last step instead. */
const END: Record<Provider, Record<"succeeded" | "failed" | "partial" | "cancelled", Run["state"]>> = {
  magnific: { succeeded: "succeeded", failed: "failed", partial: "partial", cancelled: "cancelled" },
  onepin: { succeeded: "succeeded", failed: "failed", partial: "failed", cancelled: "cancelled" },
  wondercat: { succeeded: "succeeded", failed: "failed", partial: "failed", cancelled: "cancelled" },
  modelslab: { succeeded: "succeeded", failed: "failed", partial: "failed", cancelled: "cancelled" },
};

/** The states a watch went through, with repeats collapsed. */
const path = (runs: readonly Run[]) => runs.map((r) => r.state).filter((s, i, a) => i === 0 || a[i - 1] !== s);

function expectWatchShape(runs: readonly Run[], ref: string, end: Run["state"]) {
  expect(runs.length).toBeGreaterThanOrEqual(3);
  expect(path(runs)).toEqual(["queued", "running", end]);
  for (const r of runs) expect(r.ref).toBe(ref);
  // One snapshot per change: no two neighbours alike; only the last is terminal.
  for (let i = 1; i < runs.length; i++) expect(runs[i]).not.toEqual(runs[i - 1]);
  expect(runs.filter((r) => r.terminal)).toEqual([runs.at(-1)]);
  // Progress never goes backwards.
  const done = runs.map((r) => r.progress?.completed ?? 0);
  expect(done).toEqual([...done].sort((a, b) => a - b));
}

/** Outputs as each provider gives or implies them. */
function expectOutputs(p: Provider, outputs: readonly Output[], startedAt: number) {
  for (const o of outputs) {
    expect(o.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(Object.keys(o).sort()).toEqual(["durationMs", "expiresAt", "height", "kind", "mimeType", "url", "width"]);
    if (o.mimeType && o.kind !== "file") expect(o.mimeType.split("/")[0]).toBe(o.kind);
  }
  const kinds = outputs.map((o) => o.kind).sort();
  switch (p) {
    case "magnific":
      expect(kinds).toEqual(["audio", "image", "video"]);
      for (const o of outputs) {
        expect(o.mimeType).not.toBeNull();
        // Asset URLs live 12 hours from their creation, i.e. from about now.
        const exp = Date.parse(o.expiresAt as string);
        expect(exp).toBeGreaterThanOrEqual(startedAt + TWELVE_HOURS - 2000);
        expect(exp).toBeLessThanOrEqual(Date.now() + TWELVE_HOURS + 2000);
        if (o.kind !== "audio") expect([o.width, o.height]).toEqual([expect.any(Number), expect.any(Number)]);
        if (o.kind !== "image") expect(o.durationMs).toBeGreaterThan(0);
      }
      break;
    case "onepin":
      // The status call carries none: wait and watch read the run's audio ZIP once it has ended.
      expect(outputs).toEqual([
        {
          url: expect.stringMatching(/\.zip$/),
          kind: "file",
          mimeType: "application/zip",
          width: null,
          height: null,
          durationMs: null,
          expiresAt: expect.any(String),
        },
      ]);
      expect(Date.parse(outputs[0]?.expiresAt as string)).toBeGreaterThan(Date.now());
      break;
    case "wondercat":
      expect(kinds).toEqual(["audio", "image", "video"]);
      for (const o of outputs) {
        expect(o.mimeType).not.toBeNull();
        expect(o.expiresAt).toBeNull();
        if (o.kind !== "audio") expect([o.width, o.height]).toEqual([expect.any(Number), expect.any(Number)]);
        if (o.kind !== "image") expect(o.durationMs).toBeGreaterThan(0);
      }
      break;
    case "modelslab":
      expect(kinds).toEqual(["audio", "image", "video"]);
      // Kind and mime type from the file extension; nothing else is given.
      for (const o of outputs) {
        expect(o.mimeType).not.toBeNull();
        expect([o.width, o.height, o.durationMs, o.expiresAt]).toEqual([null, null, null, null]);
      }
      break;
  }
}

describe("a run followed to the end, per provider", () => {
  it.concurrent.each(PROVIDERS)("%s: succeeded, failed, partial and cancelled runs, by wait and by watch", async (p) => {
    const rs = facadeFor(steady);
    const t0 = Date.now();
    const scenarios = ["succeeded", "failed", "partial", "cancelled"] as const;
    const results = await Promise.all(
      scenarios.map(async (scenario) => {
        const [byWait, byWatch] = await Promise.all([rs.start(p, target(p, scenario)), rs.start(p, target(p, scenario))]);
        const updates: Run[] = [];
        const [waited, watched] = await Promise.all([
          rs.wait(byWait as string, { onUpdate: (r) => updates.push(r) }),
          collect(rs.watch(byWatch as string)),
        ]);
        return { scenario, byWait, byWatch, waited, updates, watched };
      }),
    );
    for (const { scenario, byWait, byWatch, waited, updates, watched } of results) {
      const end = END[p][scenario];
      expect(byWait).toMatch(REF_FORMS[p]);
      expect(waited).toMatchObject({ provider: p, ref: byWait, state: end, terminal: true });
      // wait reports each change once, and resolves with the last one.
      expectWatchShape(updates, byWait, end);
      expect(updates.at(-1)).toEqual(waited);
      expectWatchShape(watched, byWatch, end);
      // The final snapshot is what the provider still says afterwards (get reads the status call only).
      const { outputs: _, ...status } = watched.at(-1) as Run;
      expect(await rs.get(byWatch)).toEqual(p === "onepin" ? { ...status, outputs: [] } : watched.at(-1));

      const last = watched.at(-1) as Run;
      if (end === "succeeded") {
        expect(last.error).toBeNull();
        expect(last.completedAt).toEqual(expect.any(String));
        expectOutputs(p, last.outputs, t0);
        if (rs.capabilities(p).progress) expect(last.progress?.completed).toBe(last.progress?.total);
      }
      if (end === "failed" || end === "partial") expect(last.error?.message).toMatch(/\S/);
    }
    // Nothing a user prints carries a key.
    for (const k of Object.values(KEYS)) expect(JSON.stringify(results)).not.toContain(k);
    // Magnific's partial run keeps the outputs made before the failed node.
    if (p === "magnific") {
      const partial = results.find((r) => r.scenario === "partial")?.waited as Run;
      expect(partial.providerStatus).toBe("completed_with_errors");
      expect(partial.outputs.length).toBeGreaterThan(0);
      for (const o of partial.outputs) expect(o.expiresAt).toEqual(expect.any(String));
    }
    if (p === "wondercat") {
      expect(results.find((r) => r.scenario === "cancelled")?.waited.providerStatus).toBe("canceled");
    }
  });

  it.concurrent("output URLs serve files of the type the run says", async () => {
    const rs = facadeFor(sim);
    const runs = await Promise.all(
      (["magnific", "wondercat", "modelslab"] as const).map(async (p) => rs.wait(await rs.start(p, target(p, "succeeded")))),
    );
    for (const o of runs.flatMap((r) => r.outputs)) {
      const res = await fetch(o.url);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain(o.mimeType);
      await res.arrayBuffer();
    }
  });
});

describe("start, get, cancel, pause, resume", () => {
  it.concurrent.each(PROVIDERS)("%s: start returns a reference that get reads at once", async (p) => {
    const rs = facadeFor(sim);
    const ref = await rs.start(p, target(p, "succeeded"));
    expect(ref).toMatch(REF_FORMS[p]);
    expect(rs.resolve(ref)).toMatchObject({ ref, ids: ref.slice(p.length + 1).split("/") });
    const run = await rs.get(ref);
    expect(run).toMatchObject({ provider: p, ref, id: runIdOf(ref), state: "queued", terminal: false });
  });

  it.concurrent.each(["onepin", "modelslab"] as const)("%s: cancel stops a running run", async (p) => {
    const rs = facadeFor(sim);
    const ref = await rs.start(p, target(p, "slow"));
    // Watch until it runs, then leave the loop: that alone must stop the polling.
    for await (const r of rs.watch(ref)) if (r.state === "running") break;
    const id = runIdOf(ref);
    const seen = requestsFor(sim, p, id).length;
    await sleep(400);
    expect(requestsFor(sim, p, id).length).toBe(seen);

    const before = requestsFor(sim, p, id).length;
    const answer = await rs.cancel(ref);
    // OnePin answers with the run; ModelsLab with a message only, so the run is read once after.
    expect(answer).toMatchObject({ ref, state: "cancelled", terminal: true });
    expect(
      requestsFor(sim, p, id)
        .map((r) => r.route)
        .slice(before),
    ).toEqual(p === "onepin" ? ["cancel"] : ["cancel", "status"]);
    expect(await rs.wait(ref)).toMatchObject({ ref, state: "cancelled", terminal: true });
  });

  it.concurrent.each([
    ["magnific", "cancel"],
    ["wondercat", "cancel"],
    ["magnific", "pause"],
    ["wondercat", "resume"],
    ["modelslab", "pause"],
    ["modelslab", "resume"],
  ] as const)("%s: %s is an UnsupportedError, and nothing is sent", async (p, op) => {
    const rs = facadeFor(sim);
    const ref = await rs.start(p, target(p, "succeeded"));
    const before = requestsFor(sim, p, runIdOf(ref)).length;
    const err = await rs[op](ref).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnsupportedError);
    expect(err).toMatchObject({ kind: "unsupported", provider: p, operation: op });
    expect(String(err)).toContain(`${p} does not support ${op}`);
    expect(requestsFor(sim, p, runIdOf(ref)).length).toBe(before);
  });

  it.concurrent("onepin: pause parks a run, resume lets it finish", async () => {
    const rs = facadeFor(sim);
    const ref = await rs.start("onepin", target("onepin", "succeeded"));
    // A pending run is parked at once.
    expect(await rs.pause(ref)).toMatchObject({ ref, state: "paused", terminal: false, providerStatus: "paused" });
    await sleep(2000);
    // Still parked well past the time the run would have taken.
    expect(await rs.get(ref)).toMatchObject({ state: "paused" });
    // A paused run is not terminal: a wait keeps going until its deadline.
    const waiting = await rs.wait(ref, { timeout: 400 }).catch((e: unknown) => e);
    expect(waiting).toBeInstanceOf(TimeoutError);
    expect((waiting as TimeoutError).lastRun).toMatchObject({ state: "paused" });

    const resumed = await rs.resume(ref);
    expect(resumed).toMatchObject({ ref, terminal: false });
    expect(["queued", "running"]).toContain(resumed?.state);
    expect(await rs.wait(ref)).toMatchObject({ ref, state: "succeeded" });
  });
});

describe("many runs across providers", () => {
  it.concurrent("waitAll resolves every run, in input order", async () => {
    const rs = facadeFor(sim);
    const scenarios = ["succeeded", "failed", "partial", "cancelled"] as const;
    const refs = await Promise.all(PROVIDERS.map((p, i) => rs.start(p, target(p, scenarios[i] as ScenarioName))));
    const runs = await rs.waitAll(refs);
    expect(runs.map((r) => r.ref)).toEqual(refs);
    expect(runs.map((r) => r.state)).toEqual(["succeeded", "failed", "failed", "cancelled"]);
    expect(runs.every((r) => r.terminal)).toBe(true);
  });

  it.concurrent("waitAny resolves with the first run to end and stops polling the others", async () => {
    const rs = facadeFor(sim);
    const slow = await Promise.all((["onepin", "wondercat", "modelslab"] as const).map((p) => rs.start(p, target(p, "slow"))));
    const fast = await rs.start("magnific", target("magnific", "succeeded"));
    const first = await rs.waitAny([...slow, fast]);
    expect(first).toMatchObject({ ref: fast, state: "succeeded" });

    const count = () => slow.map((ref) => requestsFor(sim, rs.resolve(ref).provider.name as Provider, runIdOf(ref)).length);
    await sleep(100);
    const atEnd = count();
    await sleep(800);
    expect(count()).toEqual(atEnd);
    // The slow runs are still going: nothing but the waits had stopped.
    for (const ref of slow) expect((await rs.get(ref)).terminal).toBe(false);
  });
});

describe("faults on the way", () => {
  let faulty: SimulatorHandle;
  beforeAll(async () => {
    // Each provider's 2nd, 3rd and 4th status calls fail: a 429 with a 1 s hint, a 5xx, a dropped connection.
    faulty = await startSimulator({
      speed: SPEED,
      timing: TIMING,
      faults: PROVIDERS.flatMap((provider) => [
        { provider, path: "status", nth: 2, kind: "429" as const, retryAfterSec: 1 },
        { provider, path: "status", nth: 3, kind: "5xx" as const, status: 503 },
        { provider, path: "status", nth: 4, kind: "drop" as const },
      ]),
    });
  });
  afterAll(async () => {
    await faulty?.close();
  });

  it.concurrent.each(PROVIDERS)("%s: wait survives a 429, a 5xx and a dropped connection", async (p) => {
    const key = faulty.keys[p];
    const rs = facadeFor(faulty, { adapter: { [p]: { apiKey: key } } });
    const ref = await rs.start(p, faulty.targets[p].succeeded as string);
    const run = await rs.wait(ref);
    expect(run).toMatchObject({ ref, state: "succeeded" });

    const log = requestsFor(faulty, p, runIdOf(ref)).filter((r) => r.route === "status");
    expect(log.slice(1, 4).map((r) => r.fault)).toEqual(["429", "5xx", "drop"]);
    expect(log.at(-1)?.status).toBe(200);
    // The hint is a floor: the next request comes no sooner than 1 s after the 429 (ms rounding aside).
    const gap = Date.parse((log[2] as { at: string }).at) - Date.parse((log[1] as { at: string }).at);
    expect(gap).toBeGreaterThanOrEqual(995);
  });

  it.concurrent.each(PROVIDERS)("%s: a 5xx that never ends gives up after maxRetries with the ApiError", async (p) => {
    const rs = facadeFor(sim, { adapter: { [p]: { headers: { "x-simulator-fault": "500" } } } });
    const created = sim.createRun({ provider: p, scenario: "succeeded" });
    const err = await rs.wait(created.ref, { ...FAST, maxRetries: 2 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ kind: "api", provider: p, status: 500, attempts: 3, lastRun: null });
    expect(requestsFor(sim, p, created.id).length).toBe(3);
    expectNoSecret(err);
  });
});

describe("auth failures fail fast, and keys never leak", () => {
  const WRONG = "sk_wrong_key_that_must_not_leak_0123456789";

  it.concurrent.each(PROVIDERS)("%s: a refused key is a 401 ApiError at the first poll, with no retry", async (p) => {
    const rs = facadeFor(sim, { adapter: { [p]: { apiKey: p === "wondercat" ? `sk_${"f".repeat(64)}` : WRONG } } });
    const created = sim.createRun({ provider: p, scenario: "succeeded" });
    const t = Date.now();
    const err = await rs.wait(created.ref).catch((e: unknown) => e);
    expect(Date.now() - t).toBeLessThan(1000);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ kind: "api", provider: p, status: 401, attempts: 1, lastRun: null });
    expect(requestsFor(sim, p, created.id).map((r) => r.status)).toEqual([401]);
    expectNoSecret(err, [WRONG, `sk_${"f".repeat(64)}`, ...Object.values(KEYS)]);
  });

  it.concurrent.each(PROVIDERS)("%s: a key revoked mid-wait fails with the last run seen", async (p) => {
    const REVOKED = `sk_${"ab".repeat(32)}`;
    let calls = 0;
    // After the first answer, every request carries a key the simulator refuses.
    const revoking = (req: Request) => {
      if (++calls === 1) return fetch(req);
      const h = new Headers(req.headers);
      for (const name of ["x-magnific-api-key", "key"]) if (h.has(name)) h.set(name, REVOKED);
      if (h.has("authorization")) h.set("authorization", `Bearer ${REVOKED}`);
      return fetch(new Request(req, { headers: h }));
    };
    const rs = facadeFor(sim, { adapter: { [p]: { fetch: revoking } } });
    const created = sim.createRun({ provider: p, scenario: "succeeded" });
    const err = await rs.wait(created.ref).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 401, attempts: 1, provider: p });
    expect((err as ApiError).lastRun).toMatchObject({ ref: created.ref, state: "queued" });
    if (p === "onepin") expect(err).toMatchObject({ code: "INVALID_API_KEY", requestId: expect.any(String) });
    if (p === "wondercat") expect(err).toMatchObject({ code: "unauthorized" });
    expect(requestsFor(sim, p, created.id).map((r) => r.status)).toEqual([200, 401]);
    expectNoSecret(err, [REVOKED, ...Object.values(KEYS)]);
    // The error's JSON is plain data a CLI can print as is.
    const json = JSON.parse(JSON.stringify(err));
    expect(json).toMatchObject({ name: "ApiError", kind: "api", status: 401, lastRun: { ref: created.ref } });
  });

  it.concurrent("a missing key is a UsageError naming the variable, before any request", async () => {
    const saved = process.env.ONEPIN_API_KEY;
    delete process.env.ONEPIN_API_KEY;
    try {
      const rs = facadeFor(sim, { adapter: { onepin: { apiKey: undefined } } });
      const created = sim.createRun({ provider: "onepin", scenario: "succeeded" });
      const err = await rs.get(created.ref).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UsageError);
      expect(String(err)).toContain("ONEPIN_API_KEY");
      expect(requestsFor(sim, "onepin", created.id)).toEqual([]);
    } finally {
      if (saved !== undefined) process.env.ONEPIN_API_KEY = saved;
    }
  });
});

describe("statuses the mapping does not know", () => {
  it.concurrent.each(PROVIDERS)("%s: wait gives up with an UnknownStateError carrying the raw status", async (p) => {
    const rs = facadeFor(sim);
    const ref = await rs.start(p, target(p, "unknown-status"));
    const err = await rs.wait(ref, { maxUnknownPolls: 2 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnknownStateError);
    expect(err).toMatchObject({ kind: "unknown_state", provider: p, providerStatus: "stalled" });
    expect((err as UnknownStateError).lastRun).toMatchObject({
      ref,
      state: "unknown",
      providerStatus: "stalled",
      terminal: false,
    });
  });
});

describe("ModelsLab's per-workflow rate limit", () => {
  let limited: SimulatorHandle;
  beforeAll(async () => {
    limited = await startSimulator({ speed: SPEED, timing: TIMING, modelslabRateLimit: { limit: 3, windowMs: 60_000 } });
  });
  afterAll(async () => {
    await limited?.close();
  });

  it("waits on one workflow share its budget: the fourth queues instead of tripping a 429", async () => {
    const wf = limited.targets.modelslab.succeeded as string;
    const runs = [0, 1, 2, 3].map(() => limited.createRun({ provider: "modelslab", target: wf, state: "terminal" }));
    const facade = (rateLimit: number) =>
      createRunStatus({
        providers: [modelslab({ apiKey: limited.keys.modelslab, baseUrl: limited.baseUrls.modelslab, rateLimit })],
        // A scheduler of its own: budgets are process-wide per workflow, and other tests poll these workflows.
        defaults: { ...FAST, scheduler: new Scheduler() },
      });
    const rs = facade(3);
    const ac = new AbortController();
    const waits = runs.map((r) => rs.wait(r.ref, { signal: ac.signal }).catch((e: unknown) => e));
    await sleep(1000);
    // Three answers fill the workflow's window; the fourth wait sleeps until a slot frees (a minute).
    expect(limited.requests().map((r) => [r.status, r.fault])).toEqual([
      [200, null],
      [200, null],
      [200, null],
    ]);
    ac.abort();
    const results = await Promise.all(waits);
    expect(results.filter((r) => r instanceof AbortError)).toHaveLength(1);
    expect(results.filter((r) => !(r instanceof Error)).map((r) => (r as Run).state)).toEqual([
      "succeeded",
      "succeeded",
      "succeeded",
    ]);

    // Control: the same wait without the budget (a limit the server does not have) trips the 429.
    const ac2 = new AbortController();
    const unbudgeted = facade(100)
      .wait((runs[3] as { ref: string }).ref, { signal: ac2.signal })
      .catch((e: unknown) => e);
    await sleep(500);
    expect(limited.requests().at(-1)).toMatchObject({ status: 429, fault: "rate-limit" });
    ac2.abort();
    expect(await unbudgeted).toBeInstanceOf(AbortError);
  });
});

describe("deadline and abort reach the request in flight", () => {
  it.concurrent("timeout: a TimeoutError with the last run, and nothing sent after it", async () => {
    const rs = facadeFor(sim);
    const ref = await rs.start("wondercat", target("wondercat", "slow"));
    const err = await rs.wait(ref, { timeout: 700 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect(err).toMatchObject({ kind: "timeout", provider: "wondercat", lastRun: { ref, terminal: false } });
    const sent = requestsFor(sim, "wondercat", runIdOf(ref)).length;
    await sleep(500);
    expect(requestsFor(sim, "wondercat", runIdOf(ref)).length).toBe(sent);
  });

  it.concurrent("abort: a slow answer is cut short, and the wait rejects at once", async () => {
    // Every status answer takes 3 s; the abort comes after 300 ms.
    const rs = facadeFor(sim, { adapter: { modelslab: { headers: { "x-simulator-fault": "slow=3000" } } } });
    const created = sim.createRun({ provider: "modelslab", scenario: "succeeded" });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 300);
    const t = Date.now();
    const err = await rs.wait(created.ref, { signal: ac.signal }).catch((e: unknown) => e);
    expect(Date.now() - t).toBeLessThan(1500);
    expect(err).toBeInstanceOf(AbortError);
    expect(RunStatusError.is(err) && err.kind).toBe("aborted");
  });
});
