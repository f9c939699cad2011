import { describe, expect, it } from "vitest";
import { FakeClock, realClock } from "./clock.js";

describe("FakeClock", () => {
  it("wakes sleeps in time order and lets their continuations run before the next", async () => {
    const c = new FakeClock(100);
    const log: string[] = [];
    const sleeper = async (name: string, ms: number) => {
      await c.sleep(ms);
      log.push(`${name}@${c.now()}`);
      await c.sleep(5);
      log.push(`${name}+5@${c.now()}`);
    };
    void sleeper("b", 20);
    void sleeper("a", 10);
    expect(await c.runAll()).toBe(125);
    expect(log).toEqual(["a@110", "a+5@115", "b@120", "b+5@125"]);
    expect(c.pending).toBe(0);
  });

  it("rejects and forgets a sleep whose signal fires", async () => {
    const c = new FakeClock();
    const ac = new AbortController();
    const p = c.sleep(1000, ac.signal);
    ac.abort(new Error("stop"));
    await expect(p).rejects.toThrow("stop");
    expect(c.pending).toBe(0);
    await expect(c.sleep(1, AbortSignal.abort(new Error("early")))).rejects.toThrow("early");
  });

  it("advance() stops at the target time", async () => {
    const c = new FakeClock();
    let woke = false;
    void c.sleep(50).then(() => {
      woke = true;
    });
    await c.advance(49);
    expect([woke, c.now()]).toEqual([false, 49]);
    await c.advance(1);
    expect(woke).toBe(true);
  });
});

describe("realClock", () => {
  it("sleeps, and an abort clears its timer", async () => {
    const t = realClock.now();
    await realClock.sleep(20);
    expect(realClock.now() - t).toBeGreaterThanOrEqual(19);
    const before = process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
    const ac = new AbortController();
    const p = realClock.sleep(60_000, ac.signal);
    expect(process.getActiveResourcesInfo().filter((r) => r === "Timeout").length).toBe(before + 1);
    ac.abort(new Error("bye"));
    await expect(p).rejects.toThrow("bye");
    expect(process.getActiveResourcesInfo().filter((r) => r === "Timeout").length).toBe(before);
  });
});
