import { describe, expect, it } from "vitest";
import { ApiError, TransportError } from "../errors.js";
import { type Answer, fakeProvider, result } from "./__fixtures__/fake-provider.js";
import { FakeClock } from "./clock.js";
import type { PollEndEvent, PollEvent, PollEventCause, PollRetryEvent } from "./events.js";
import { MemoryRunHistory } from "./schedule.js";
import { Scheduler } from "./scheduler.js";
import { waitForRun } from "./wait.js";

/** The cause a wait reports for one failure: in its retry event, or its end event when it is not retried. */
async function causeFor(err: unknown): Promise<PollEventCause | null> {
  const clock = new FakeClock();
  const events: PollEvent[] = [];
  const { provider } = fakeProvider(clock, (n): Answer => (n === 0 ? (err as Error) : result("succeeded")));
  const done = waitForRun(provider, ["r1"], {
    clock,
    scheduler: new Scheduler({ clock }),
    history: new MemoryRunHistory(),
    random: () => 0,
    onEvent: (e) => events.push(e),
  }).catch(() => null);
  await clock.runAll(600_000);
  await done;
  const retry = events.find((e): e is PollRetryEvent => e.type === "retry");
  if (retry) return retry.cause;
  return events.find((e): e is PollEndEvent => e.type === "end")?.error ?? null;
}

/** A network failure whose system code sits `depth` causes below the TransportError. */
function netError(code: unknown, depth: number): TransportError {
  let cause: object = Object.assign(new Error("connect"), { code });
  for (let i = 1; i < depth; i++) cause = Object.assign(new Error(`layer ${i}`), { cause });
  return new TransportError("fake", "network error", cause);
}

const transport = (errno: string | null): PollEventCause => ({ kind: "transport", status: null, code: null, errno });

describe("event causes: the system code of a network failure", () => {
  it("is found on the error's causes down to three levels, not deeper", async () => {
    expect(await causeFor(netError("ECONNREFUSED", 1))).toEqual(transport("ECONNREFUSED"));
    expect(await causeFor(netError("ECONNRESET", 3))).toEqual(transport("ECONNRESET"));
    expect(await causeFor(netError("ETIMEDOUT", 4))).toEqual(transport(null));
  });

  it("skips a cause whose code is not a system code and reads the next one", async () => {
    const inner = Object.assign(new Error("dns"), { code: "EAI_AGAIN" });
    const outer = Object.assign(new Error("fetch failed"), { code: "not a code", cause: inner });
    expect(await causeFor(new TransportError("fake", "network error", outer))).toEqual(transport("EAI_AGAIN"));
  });

  it("is an upper-case word of 2 to 48 letters, digits and underscores, starting with a letter", async () => {
    for (const ok of ["EA", "E2BIG", `E${"X".repeat(47)}`, "UND_ERR_SOCKET"]) {
      expect(await causeFor(netError(ok, 1))).toEqual(transport(ok));
    }
    for (const bad of ["E", `E${"X".repeat(48)}`, "econnrefused", "2ECONN", "_ECONN", "xECONNRESET", "ECONNRESET x", "E-1"]) {
      expect(await causeFor(netError(bad, 1)), bad).toEqual(transport(null));
    }
  });

  it("is not read for an HTTP error, whatever its causes say", async () => {
    const api = new ApiError({ provider: "fake", status: 503, message: "down", code: "UNAVAILABLE" });
    Object.defineProperty(api, "cause", { value: Object.assign(new Error("x"), { code: "ECONNRESET" }) });
    expect(await causeFor(api)).toEqual({ kind: "api", status: 503, code: "UNAVAILABLE", errno: null });
  });
});

describe("event causes: HTTP errors and others", () => {
  it("carry the status and the provider's code, capped at 80 characters", async () => {
    const long = "C".repeat(200);
    expect(await causeFor(new ApiError({ provider: "fake", status: 429, message: "slow down", code: long }))).toEqual({
      kind: "api",
      status: 429,
      code: "C".repeat(80),
      errno: null,
    });
    expect(await causeFor(new ApiError({ provider: "fake", status: 500, message: "oops" }))).toEqual({
      kind: "api",
      status: 500,
      code: null,
      errno: null,
    });
  });

  it("an error that is not the library's reads as a transport failure with no detail", async () => {
    const odd = Object.assign(new Error("boom"), { status: 500, code: "ECONNRESET" });
    expect(await causeFor(odd)).toEqual(transport(null));
  });
});
