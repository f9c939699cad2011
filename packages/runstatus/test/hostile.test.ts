// The facade against a hostile server, for every provider: resets, hangs, drips, redirects (same
// origin, other origin, invalid URL), echoed keys in bodies, headers and reason phrases, huge,
// deep, truncated, mistyped and prototype-polluting bodies, and odd hint values. Every outcome is
// a run or a typed error, no key appears anywhere (message, stack, String, JSON, util.inspect at
// any depth, the cause chain), no key is sent off-origin, and nothing is left behind.
import { magnific } from "@runstatus/magnific";
import { modelslab } from "@runstatus/modelslab";
import { onepin } from "@runstatus/onepin";
import {
  type HostileReply,
  type HostileServer,
  SAMPLE_REFS,
  SPEC_PROVIDERS,
  type SpecProvider,
  secretLeaks,
  settle,
  startHostileServer,
  statusExamples,
} from "@runstatus/test-utils";
import { wondercat } from "@runstatus/wondercat";
import {
  AbortError,
  ApiError,
  createRunStatus,
  InvalidResponseError,
  type Run,
  type RunStatus,
  RunStatusError,
  TimeoutError,
  TransportError,
  UnknownStateError,
  UsageError,
} from "runstatus";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";

// Keys with "/" so that a JSON-escaped echo ("\/") differs from the raw key.
const KEYS: Record<SpecProvider, string> = {
  magnific: "mgk_hostile/secret_magnific_0123456789",
  onepin: "op_live_hostile/secret_onepin_0123456789",
  wondercat: "sk_hostile/secret_wondercat_0123456789",
  modelslab: "mlk_hostile/secret_modelslab_0123456789",
};
const ALL_KEYS = Object.values(KEYS);
const FACTORIES = { magnific, onepin, wondercat, modelslab };
const TERMINAL: Record<SpecProvider, string> = {
  magnific: "completed",
  onepin: "completed",
  wondercat: "succeeded",
  modelslab: "completed",
};

let server: HostileServer;
let other: HostileServer;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);
let timersAtStart = 0;
const timers = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;

beforeAll(async () => {
  process.on("unhandledRejection", onUnhandled);
  timersAtStart = timers();
});
afterAll(() => {
  process.off("unhandledRejection", onUnhandled);
});
beforeEach(async () => {
  server = await startHostileServer();
  other = await startHostileServer((_q, r) => r.json(200, {}));
});
afterEach(async () => {
  expect(server.requests.filter((q) => q.handlerError !== undefined).map((q) => String(q.handlerError))).toEqual([]);
  await server.close();
  await other.close();
  // No key ever reached the other origin.
  expect(other.requests.map((q) => q.credential).filter((c) => c !== null)).toEqual([]);
});

function facade(p: SpecProvider): RunStatus {
  // The hostile server gives every path the same answer: OnePin's read of a finished run's outputs
  // (another endpoint) is left out here; the simulator tests cover it.
  const options = { apiKey: KEYS[p], baseUrl: server.url, ...(p === "onepin" ? { readOutputs: false } : {}) };
  return createRunStatus({
    providers: [FACTORIES[p](options)],
    defaults: { minInterval: 5, maxInterval: 20 },
  });
}

const json = (v: unknown) => JSON.stringify(v);
/** Every string in `v` with the key appended (raw, or JSON-escaped with `\/`). */
function echoed(v: unknown, key: string): unknown {
  if (typeof v === "string") return `${v} ${key}`;
  if (Array.isArray(v)) return v.map((x) => echoed(x, key));
  if (typeof v === "object" && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, echoed(x, key)]));
  return v;
}
const escapedKey = (key: string) => JSON.stringify(key).slice(1, -1).replaceAll("/", "\\/");
const deep = (n: number) => `${'{"error":'.repeat(n)}1${"}".repeat(n)}`;

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };
interface Scenario {
  name: string;
  /** How the server answers the n-th request (from 0). */
  answer: (p: SpecProvider, reply: HostileReply, n: number) => void;
  /** What the user does. */
  act: (rs: RunStatus, ref: string) => Promise<unknown>;
  /** The typed outcome expected. */
  check: (o: Outcome, p: SpecProvider) => void;
}

const rejectsWith = (cls: abstract new (...a: never[]) => RunStatusError, more?: (e: RunStatusError) => void) => (o: Outcome) => {
  if (o.ok) throw new Error(`expected ${cls.name}, got ${json(o.value).slice(0, 300)}`);
  expect(o.error).toBeInstanceOf(cls);
  more?.(o.error as RunStatusError);
};
const runOrInvalid = (o: Outcome) => {
  if (!o.ok) expect(o.error).toBeInstanceOf(InvalidResponseError);
  else expect((o.value as Run).ref).toMatch(/^[a-z]+:/);
};
const get = (rs: RunStatus, ref: string) => rs.get(ref);

const SCENARIOS: Scenario[] = [
  {
    name: "a redirect to another origin carrying the key in its query",
    answer: (p, r) => r.redirect(307, `${other.url}/collect?key=${encodeURIComponent(KEYS[p])}`),
    act: get,
    check: rejectsWith(ApiError, (e) => expect(e.message).toContain(`another origin (${other.url})`)),
  },
  {
    name: "a redirect from http to https on the same host",
    answer: (_p, r) => r.redirect(308, `https://127.0.0.1:${server.port}/x`),
    act: get,
    check: rejectsWith(ApiError, (e) => expect(e.message).toContain("another origin (https://127.0.0.1")),
  },
  {
    name: "same-origin redirects, then the run",
    answer: (p, r, n) => (n < 2 ? r.redirect(302, `/moved-${n}`) : r.json(200, statusExamples(p)[TERMINAL[p]])),
    act: get,
    check: (o) => {
      expect(o.ok).toBe(true);
      expect((o as { value: Run }).value.terminal).toBe(true);
    },
  },
  {
    name: "a redirect to an invalid URL holding the key",
    answer: (p, r) => r.redirect(301, `http://[${KEYS[p]}]:x/`),
    act: get,
    check: rejectsWith(ApiError, (e) => expect(e.message).toContain("invalid URL")),
  },
  { name: "a connection reset", answer: (_p, r) => r.reset(), act: get, check: rejectsWith(TransportError) },
  {
    name: "a body cut off by a reset",
    answer: (_p, r) => r.truncate(200, '{"data":{"sta', 400),
    act: get,
    check: rejectsWith(TransportError),
  },
  {
    name: "a malformed header echoing the key",
    answer: (p, r) => r.raw(`HTTP/1.1 200 OK\r\nx-echo: ${KEYS[p]}\x7f\r\ncontent-length: 2\r\n\r\n{}`),
    act: get,
    check: rejectsWith(TransportError),
  },
  {
    name: "a server that never answers, under an abort signal",
    answer: (_p, r) => r.hang(),
    act: (rs, ref) => rs.get(ref, { signal: AbortSignal.timeout(100) }),
    check: rejectsWith(AbortError),
  },
  {
    name: "a server that drips a body forever, under a wait deadline",
    answer: (_p, r) => r.drip(200, " ", 20),
    act: (rs, ref) => rs.wait(ref, { timeout: 200 }),
    check: rejectsWith(TimeoutError),
  },
  {
    name: "the key echoed into every string of a failed run",
    answer: (p, r) => r.json(200, echoed(statusExamples(p).failed, KEYS[p])),
    act: get,
    check: runOrInvalid,
  },
  {
    name: "the key JSON-escaped into every string of a failed run",
    answer: (p, r) => r.json(200, json(echoed(statusExamples(p).failed, "KEY")).replaceAll("KEY", escapedKey(KEYS[p]))),
    act: get,
    check: runOrInvalid,
  },
  {
    name: "the key as an unknown status, until the wait gives up",
    answer: (p, r) => r.json(200, json(statusExamples(p).running).replaceAll('"running"', json(`x ${KEYS[p]}`))),
    act: (rs, ref) => rs.wait(ref, { maxUnknownPolls: 2 }),
    check: rejectsWith(UnknownStateError, (e) => expect(e.lastRun).not.toBeNull()),
  },
  {
    name: "the key in an error body, the request id header and the reason phrase",
    answer: (p, r) =>
      r.text(500, json({ message: `bad ${KEYS[p]}`, error: { message: `bad ${escapedKey(KEYS[p])}` } }), {
        reason: `Broken ${KEYS[p]}`,
        headers: { "x-request-id": KEYS[p], "content-type": "application/json" },
      }),
    act: get,
    check: rejectsWith(ApiError, (e) => expect(e.retryable).toBe(true)),
  },
  {
    name: "a 6 MB body",
    answer: (_p, r) => r.huge(200, 6 * 1024 * 1024),
    act: get,
    check: rejectsWith(InvalidResponseError, (e) => expect(e.message).toContain("maxResponseBytes")),
  },
  {
    name: "a 10,000-level error body on a 503, then the run",
    answer: (p, r, n) => (n === 0 ? r.json(503, deep(10_000)) : r.json(200, statusExamples(p)[TERMINAL[p]])),
    act: (rs, ref) => rs.wait(ref),
    check: (o) => expect(o.ok && (o.value as Run).terminal).toBe(true),
  },
  {
    name: "a 10,000-level body on a 200",
    answer: (_p, r) => r.json(200, deep(10_000)),
    act: get,
    check: rejectsWith(InvalidResponseError),
  },
  {
    name: "a mistyped body",
    answer: (_p, r) => r.json(200, { data: 5, status: [], execution: "x", runId: {}, progress: "all" }),
    act: get,
    check: rejectsWith(InvalidResponseError),
  },
  {
    name: "a body with prototype keys",
    answer: (p, r) => {
      const body = json(statusExamples(p)[TERMINAL[p]]);
      r.json(200, `{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},${body.slice(1)}`);
    },
    act: get,
    check: (o) => {
      runOrInvalid(o);
      expect("polluted" in Object.prototype).toBe(false);
    },
  },
  {
    name: "a 429 with a Retry-After that only Date.parse would read",
    answer: (_p, r) => r.text(429, "{}", { headers: { "retry-after": "later 2099" }, reason: "Too Many Requests" }),
    act: get,
    check: rejectsWith(ApiError, (e) => expect((e as ApiError).retryAfterMs).toBeNull()),
  },
  {
    name: "a 404 that is not the provider's error shape",
    answer: (_p, r) => r.text(404, "<html>no such page</html>", { reason: "Not Found" }),
    act: get,
    check: rejectsWith(ApiError, (e) => expect(e.message).toContain("the base URL may be wrong")),
  },
];

describe.each(SPEC_PROVIDERS)("%s against a hostile server", (p) => {
  for (const s of SCENARIOS) {
    it(s.name, async () => {
      server.handle((_q, r) => s.answer(p, r, server.requests.length - 1));
      const outcome: Outcome = await settle(s.act(facade(p), SAMPLE_REFS[p]));
      s.check(outcome, p);
      const seen = outcome.ok ? outcome.value : outcome.error;
      expect(secretLeaks(seen, ALL_KEYS)).toEqual([]);
      if (!outcome.ok && RunStatusError.is(outcome.error) && outcome.error.lastRun) {
        expect(secretLeaks(outcome.error.lastRun, ALL_KEYS)).toEqual([]);
      }
    });
  }

  it("a key outside Latin-1 is a UsageError at creation, naming the option only", () => {
    const create = () => FACTORIES[p]({ apiKey: "sk_ключ_0123456789", baseUrl: server.url });
    expect(create).toThrow(UsageError);
    expect(secretLeaks(settleSync(create), ["sk_ключ_0123456789"])).toEqual([]);
  });
});

function settleSync(fn: () => unknown): unknown {
  try {
    return fn();
  } catch (err) {
    return err;
  }
}

describe("after every hostile exchange", () => {
  it("no promise rejected unhandled and no timer was left running", async () => {
    await new Promise((r) => setTimeout(r, 50));
    expect(unhandled).toEqual([]);
    expect(timers()).toBeLessThanOrEqual(timersAtStart);
  });
});
