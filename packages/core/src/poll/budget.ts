import { UsageError } from "../errors.js";
import type { RateBudget } from "../types.js";

// Sends are spaced a hair more than the window, so a server timing the same window on its own clock
// (with sub-millisecond jitter between its reading and ours) never counts one too many.
const GUARD_MS = 1;

/**
 * A sliding-window request budget: no window of `windowMs` ever holds more than `limit` sends.
 * `take` is the exact gate, on the times requests are really sent. `reserve` books future send
 * times in order, so that waits sharing a budget each sleep until their own slot instead of all
 * waking whenever one opens. The cost is two arrays of at most `limit` numbers per budget key.
 */
export class SlidingWindow {
  readonly #booked: number[] = [];
  readonly #sent: number[] = [];
  /** The latest time booked or sent. */
  last = Number.NEGATIVE_INFINITY;

  constructor(
    public limit: number,
    public windowMs: number,
  ) {}

  /** The earliest time one more entry in `a` keeps every window within the limit. */
  #free(a: number[]): number {
    return a.length < this.limit ? Number.NEGATIVE_INFINITY : (a[a.length - this.limit] as number) + this.windowMs + GUARD_MS;
  }

  /** Appends `t`, keeping the newest `limit` entries. */
  #keep(a: number[], t: number): number {
    a.push(t);
    if (a.length > this.limit) a.splice(0, a.length - this.limit);
    this.last = Math.max(this.last, t);
    return t;
  }

  /** Books the earliest slot at or after `now` and returns it. Times booked never decrease. */
  reserve(now: number): number {
    return this.#keep(this.#booked, Math.max(now, this.last, this.#free(this.#booked)));
  }

  /** Records a send at `now` and returns `now` if the window allows it; otherwise the time it will. */
  take(now: number): number {
    const at = this.#free(this.#sent);
    return at > now ? at : this.#keep(this.#sent, now);
  }

  /**
   * Called right after the request went out: counts the send from then, not from the gate, so a pause
   * between the two (a GC, a busy loop) can never squeeze one more send into a server's window.
   */
  sent(now: number): void {
    const a = this.#sent;
    if (now > (a[a.length - 1] as number)) a[a.length - 1] = now;
    this.last = Math.max(this.last, now);
  }
}

/** Windows by budget key: idle ones are dropped once their window has passed, so memory stays bounded. */
export class Budgets {
  readonly #map = new Map<string, SlidingWindow>();

  get size(): number {
    return this.#map.size;
  }

  /** The window shared by every wait drawing on `b`. A malformed budget is a bug worth a clear error, not a burst. */
  for(b: RateBudget, now: number, provider = "adapter"): SlidingWindow {
    const { key, limit: l, windowMs: ms } = b ?? {};
    if (
      typeof key !== "string" ||
      !key ||
      !(l > 0 && l < Number.POSITIVE_INFINITY) ||
      !(ms > 0 && ms < Number.POSITIVE_INFINITY)
    ) {
      throw new UsageError(`${provider}: budget() must return { key, limit (> 0), windowMs (> 0) } or null`, { provider });
    }
    // A limit read from a server may be fractional: 10.5 per minute allows 10; 0.5 per minute, 1 per 2 minutes.
    const limit = Math.max(1, Math.floor(l));
    const windowMs = l < 1 ? ms / l : ms;
    let w = this.#map.get(key);
    if (!w) {
      if (this.#map.size >= 256) for (const [k, x] of this.#map) if (x.last + x.windowMs <= now) this.#map.delete(k);
      w = new SlidingWindow(limit, windowMs);
      this.#map.set(key, w);
    }
    // A limit learned later (e.g. from the provider) applies from now on; recent sends still count.
    w.limit = limit;
    w.windowMs = windowMs;
    return w;
  }
}
