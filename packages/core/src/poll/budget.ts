import { UsageError } from "../errors.js";
import type { RateBudget } from "../types.js";

// A slot is held a hair more than the window after the answer, so a server timing the same window on
// its own clock (with sub-millisecond jitter between its reading and ours) never counts one too many.
const GUARD_MS = 1;

/** A request that holds a slot of a budget, from the moment it is sent until {@link BudgetStore.record}. */
export interface BudgetTicket {
  readonly key: string;
  readonly windowMs: number;
  /** Clock time the slot was granted (the request goes out right after). */
  readonly sentAt: number;
}

/** The answer of {@link BudgetStore.acquire}: a slot to send now, or the earliest time worth asking again. */
export type BudgetGrant = { ok: true; ticket: BudgetTicket } | { ok: false; retryAt: number };

/**
 * Where request budgets are counted. A request counts against its key from `acquire` until `record`
 * (called when its answer, error or abort arrives), and for one window after that: whenever a server
 * sees it arrive, no window of `windowMs` it counts holds more than `limit` requests. The default
 * store counts in this process; a store shared by several processes (Redis, say) implements the same
 * two calls and may answer with promises.
 */
export interface BudgetStore {
  acquire(budget: RateBudget, now: number): BudgetGrant | Promise<BudgetGrant>;
  record(ticket: BudgetTicket, answeredAt: number): void | Promise<void>;
}

/**
 * A budget as the adapter gave it, checked and normalized. A malformed budget is a bug worth a clear
 * error, not a burst. A limit read from a server may be fractional: 10.5 per minute allows 10; 0.5 per
 * minute, 1 per 2 minutes.
 */
export function checkBudget(b: RateBudget, provider = "adapter"): RateBudget {
  const { key, limit: l, windowMs: ms } = b ?? {};
  if (typeof key !== "string" || !key || !(l > 0 && l < Number.POSITIVE_INFINITY) || !(ms > 0 && ms < Number.POSITIVE_INFINITY)) {
    throw new UsageError(`${provider}: budget() must return { key, limit (> 0), windowMs (> 0) } or null`, { provider });
  }
  return { key, limit: Math.max(1, Math.floor(l)), windowMs: l < 1 ? ms / l : ms };
}

interface KeyState {
  limit: number;
  windowMs: number;
  inFlight: number;
  /** When each answered request stops counting (answer + window), ascending. */
  frees: number[];
  /** Rotates the retry times handed to refused callers, so they do not all wake at the same release. */
  refused: number;
}

/**
 * The in-process {@link BudgetStore}: per key, the requests in flight and the release times of the
 * answered ones within the last window. Idle keys are dropped once more than 256 are remembered, so
 * memory stays bounded by the keys in use.
 */
export class MemoryBudgetStore implements BudgetStore {
  readonly #keys = new Map<string, KeyState>();

  /** Budget keys remembered. */
  get size(): number {
    return this.#keys.size;
  }

  /** Requests of `key` in flight now (granted, not yet recorded). */
  inFlight(key: string): number {
    return this.#keys.get(key)?.inFlight ?? 0;
  }

  acquire(budget: RateBudget, now: number): BudgetGrant {
    const { key, limit, windowMs } = budget;
    let s = this.#keys.get(key);
    if (!s) {
      if (this.#keys.size >= 256) this.#forgetIdle(now);
      s = { limit, windowMs, inFlight: 0, frees: [], refused: 0 };
      this.#keys.set(key, s);
    }
    // A limit learned later (e.g. from the provider) applies from now on; recent requests still count.
    s.limit = limit;
    s.windowMs = windowMs;
    const f = s.frees;
    let gone = 0;
    while (gone < f.length && (f[gone] as number) <= now) gone++;
    if (gone) f.splice(0, gone);
    const busy = s.inFlight + f.length;
    if (busy < limit) {
      s.inFlight++;
      return { ok: true, ticket: { key, windowMs, sentAt: now } };
    }
    // The (busy − limit + 1)-th release is the earliest a slot can free; requests in flight free one
    // window after their answer at the soonest. Refused callers are spread over the known releases.
    const first = busy - limit;
    const k = first + (s.refused++ % Math.max(1, f.length - first));
    return { ok: false, retryAt: k < f.length ? (f[k] as number) : now + windowMs + GUARD_MS };
  }

  record(ticket: BudgetTicket, answeredAt: number): void {
    const s = this.#keys.get(ticket.key);
    if (!s) return;
    s.inFlight = Math.max(0, s.inFlight - 1);
    const t = Math.max(answeredAt, ticket.sentAt) + s.windowMs + GUARD_MS;
    const f = s.frees;
    let i = f.length;
    while (i > 0 && (f[i - 1] as number) > t) i--;
    f.splice(i, 0, t);
  }

  #forgetIdle(now: number): void {
    for (const [k, s] of this.#keys) {
      if (s.inFlight === 0 && (s.frees.length === 0 || (s.frees[s.frees.length - 1] as number) <= now)) this.#keys.delete(k);
    }
  }
}
