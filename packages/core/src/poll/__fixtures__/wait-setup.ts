import type { Answer } from "./fake-provider.js";
import { fakeProvider, result } from "./fake-provider.js";
import { FakeClock } from "../clock.js";
import type { PollEvent } from "../events.js";
import { MemoryRunHistory } from "../schedule.js";
import { Scheduler } from "../scheduler.js";
import type { PollOptions } from "../wait.js";

/** A fake clock, its scheduler, a fake provider (running unless `answer` says otherwise) and the events of its waits. */
export function waitSetup(
  answer: (n: number, now: number) => Answer = () => result("running"),
  extra: Parameters<typeof fakeProvider>[2] = {},
  random: () => number = () => 0,
) {
  const clock = new FakeClock();
  const scheduler = new Scheduler({ clock });
  const { provider, calls } = fakeProvider(clock, answer, extra);
  const events: PollEvent[] = [];
  const opts = (o: PollOptions = {}): PollOptions => ({
    clock,
    scheduler,
    history: new MemoryRunHistory(),
    random,
    onEvent: (e) => events.push(e),
    ...o,
  });
  return { clock, scheduler, provider, calls, events, opts };
}

/** A promise's outcome, readable at any moment without awaiting it (so a test sees when it settles). */
export function observe<T>(p: Promise<T>) {
  const o: { settled: boolean; value?: T; error?: unknown } = { settled: false };
  p.then(
    (value) => Object.assign(o, { settled: true, value }),
    (error: unknown) => Object.assign(o, { settled: true, error }),
  );
  return o;
}
