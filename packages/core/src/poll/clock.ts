import { Heap, type HeapItem } from "./heap.js";

/** Time source and sleep for the poller; inject a {@link FakeClock} to run schedules without waiting. */
export interface Clock {
  /** Milliseconds on a monotonic scale; only differences matter. */
  now(): number;
  /** Resolves after `ms`; rejects with the signal's reason if it fires first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * The real clock: `performance.now()` (monotonic, immune to wall-clock jumps) and `setTimeout`.
 * Sleeps are capped at 2^31−1 ms (Node's timer limit); the scheduler re-arms after a capped sleep.
 */
export const realClock: Clock = {
  now: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(
        () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
        Math.min(Math.max(0, ms), 2 ** 31 - 1),
      );
      if (signal?.aborted) onAbort();
      else signal?.addEventListener("abort", onAbort, { once: true });
    }),
};

interface Sleeper extends HeapItem {
  wake: () => void;
}

const settle = () =>
  new Promise<void>((r) => (typeof globalThis.setImmediate === "function" ? setImmediate(r) : setTimeout(r, 0)));

/**
 * A clock that only moves when told to. Each due sleep is woken in time order, and promise callbacks
 * settle after each one, so code that sleeps and then reacts runs exactly as it would in real time,
 * only instantly. Meant for tests and benchmarks; the code under test must not wait on real I/O.
 */
export class FakeClock implements Clock {
  #now: number;
  #seq = 0;
  readonly #heap = new Heap<Sleeper>();

  constructor(start = 0) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        this.#heap.remove(s);
        reject(signal?.reason);
      };
      const s: Sleeper = {
        at: this.#now + Math.max(0, ms),
        seq: this.#seq++,
        heapIndex: -1,
        wake: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
      };
      this.#heap.push(s);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  /** Sleeps not yet woken. */
  get pending(): number {
    return this.#heap.size;
  }

  /** Moves time to `target`, waking every sleep due on the way, in order. */
  async advanceTo(target: number): Promise<void> {
    await this.#run(target);
    this.#now = Math.max(this.#now, target);
  }

  /** Moves time forward by `ms`. */
  advance(ms: number): Promise<void> {
    return this.advanceTo(this.#now + ms);
  }

  /** Wakes sleeps in order until none is left or the next is due after `limit`; returns the time reached. */
  async runAll(limit = Number.POSITIVE_INFINITY): Promise<number> {
    await this.#run(limit);
    return this.#now;
  }

  async #run(limit: number): Promise<void> {
    await settle();
    for (let s = this.#heap.peek(); s && s.at <= limit; s = this.#heap.peek()) {
      this.#heap.pop();
      this.#now = Math.max(this.#now, s.at);
      s.wake();
      await settle();
    }
  }
}
