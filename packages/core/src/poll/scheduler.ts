import { UsageError } from "../errors.js";
import type { Run, RunState } from "../types.js";
import { type BudgetStore, MemoryBudgetStore } from "./budget.js";
import { type Clock, realClock } from "./clock.js";
import { Heap, type HeapItem } from "./heap.js";
import { PushRegistry } from "./push.js";
import { MemoryRunHistory, type RunHistory } from "./schedule.js";

/** Something the scheduler wakes at clock time `at` (a wait's next poll or its deadline). */
export interface Timed extends HeapItem {
  fire(now: number): void;
}

export interface SchedulerOptions {
  /** Default: the real clock. */
  clock?: Clock;
  /** Where request budgets are counted. Default: a {@link MemoryBudgetStore} of this scheduler. */
  budgets?: BudgetStore;
  /** Durations of runs seen ending, learned by the waits of this scheduler. Default: a new {@link MemoryRunHistory}. */
  history?: RunHistory;
  /** Most requests in flight at once per provider (by adapter name); more wait their turn. Default 16. */
  maxInFlight?: number;
  /** Gap between the first polls of waits started together, ms (the first of a lone wait goes at once). Default 0.25. */
  startSpacing?: number;
}

/** A wait in line for a provider's in-flight slot. */
interface SlotWaiter extends Timed {
  /** The slot is now this waiter's; it is also put on the heap, due at once. */
  granted(): void;
}

interface Gate {
  n: number;
  queue: Set<SlotWaiter>;
}

// Due entries are handled until this much real time has passed, then the loop yields to other work.
const SLICE_MS = 4;
const wallNow = () => performance.now();

function checkCount(name: string, v: unknown, min: number): number {
  if (typeof v !== "number" || !(v >= min) || !Number.isFinite(v))
    throw new UsageError(`\`${name}\` must be a number ≥ ${min}, got ${String(v)}`);
  return v;
}

/**
 * One timer source for all the waits of a process: a heap of wake-ups with a single clock sleep armed
 * for the earliest, the request budgets (by `RateBudget.key`) its waits share, and a cap on requests
 * in flight per provider. The sleep exists only while some wait is pending, so the process can exit
 * as soon as the last wait ends.
 */
export class Scheduler {
  readonly clock: Clock;
  readonly budgets: BudgetStore;
  readonly history: RunHistory;
  /** The waits by run reference, for webhooks; see {@link Scheduler.nudge}. */
  readonly push = new PushRegistry();
  readonly #heap = new Heap<Timed>();
  readonly #gates = new Map<string, Gate>();
  #maxInFlight: number;
  readonly #startSpacing: number;
  #nextStart = Number.NEGATIVE_INFINITY;
  #seq = 0;
  #armedAt = Number.POSITIVE_INFINITY;
  /** The armed sleep: a timer on the real clock, else the controller of the clock's sleep. */
  #sleep: AbortController | ReturnType<typeof setTimeout> | null = null;
  #firing = false;

  constructor(options: SchedulerOptions = {}) {
    this.clock = options.clock ?? realClock;
    this.budgets = options.budgets ?? new MemoryBudgetStore();
    this.history = options.history ?? new MemoryRunHistory();
    this.#maxInFlight = checkCount("maxInFlight", options.maxInFlight ?? 16, 1);
    this.#startSpacing = checkCount("startSpacing", options.startSpacing ?? 0.25, 0);
  }

  /** Wake-ups pending (one per active wait). */
  get size(): number {
    return this.#heap.size;
  }

  /** Whether a clock sleep is armed; false once every wait has ended. */
  get armed(): boolean {
    return this.#sleep !== null;
  }

  /** Most requests in flight at once per provider. Raising it lets waiting polls go at once. */
  get maxInFlight(): number {
    return this.#maxInFlight;
  }

  set maxInFlight(n: number) {
    this.#maxInFlight = checkCount("maxInFlight", n, 1);
    for (const [name, g] of this.#gates) while (g.n < n && g.queue.size > 0) this.#handOver(name, g);
  }

  /**
   * A webhook (or `notify`) says run `ref` changed: each wait on it polls at once (server hints and
   * budgets still apply), unless `state` says the run is still going. A verified terminal `run` ends
   * the waits without a poll. Returns how many waits were told (0 when none waits on `ref`).
   */
  nudge(ref: string, state: RunState | null = null, run: Run | null = null): number {
    return this.push.nudge(ref, state, run);
  }

  /** Requests of `provider` in flight now. */
  inFlight(provider: string): number {
    return this.#gates.get(provider)?.n ?? 0;
  }

  /**
   * When a new wait's first poll may go: at once, unless other waits started just before, in which
   * case first polls are spaced by `startSpacing` so thousands started together do not fire at once.
   */
  firstPollAt(now: number): number {
    const t = Math.max(now, this.#nextStart);
    this.#nextStart = t + this.#startSpacing;
    return t;
  }

  /** Takes an in-flight slot of `provider` (true), or puts `w` in line for one (false; `w.granted()` follows). */
  enter(provider: string, w: SlotWaiter): boolean {
    let g = this.#gates.get(provider);
    if (!g) {
      g = { n: 0, queue: new Set() };
      this.#gates.set(provider, g);
    }
    if (g.n < this.#maxInFlight && g.queue.size === 0) {
      g.n++;
      return true;
    }
    g.queue.add(w);
    return false;
  }

  /** Leaves the line without a slot (the wait ended while waiting). */
  leaveLine(provider: string, w: SlotWaiter): void {
    this.#gates.get(provider)?.queue.delete(w);
  }

  /** Gives back a slot: the next in line gets it, or it is freed. */
  exit(provider: string): void {
    const g = this.#gates.get(provider);
    if (!g) return;
    g.n--;
    if (g.queue.size > 0 && g.n < this.#maxInFlight) this.#handOver(provider, g);
    else if (g.n <= 0 && g.queue.size === 0) this.#gates.delete(provider);
  }

  #handOver(_provider: string, g: Gate): void {
    const w = g.queue.values().next().value as SlotWaiter;
    g.queue.delete(w);
    g.n++;
    w.granted();
  }

  /** (Re)schedules `t` at `t.at` (set by the caller). */
  add(t: Timed): void {
    this.#heap.remove(t);
    t.seq = this.#seq++;
    this.#heap.push(t);
    if (!this.#firing) this.#arm();
  }

  /** Removes `t`; disarms the clock when nothing is left. */
  drop(t: Timed): void {
    this.#heap.remove(t);
    if (!this.#firing) this.#arm();
  }

  #arm(): void {
    const top = this.#heap.peek();
    // A wake earlier than needed is harmless (it re-arms), so only an earlier entry or an empty heap re-arms.
    if (top && top.at >= this.#armedAt) return;
    const armed = this.#sleep;
    if (armed instanceof AbortController) armed.abort();
    else if (armed !== null) clearTimeout(armed);
    this.#sleep = null;
    this.#armedAt = Number.POSITIVE_INFINITY;
    if (!top) return;
    this.#armedAt = top.at;
    const ms = Math.min(2 ** 31 - 1, Math.max(0, top.at - this.clock.now()));
    if (this.clock === realClock) {
      // The real clock's sleep is a timer: armed directly, a wake costs no promise and no signal.
      this.#sleep = setTimeout(() => this.#wake(), ms);
      return;
    }
    const ac = new AbortController();
    this.#sleep = ac;
    this.clock.sleep(ms, ac.signal).then(
      () => this.#sleep === ac && this.#wake(),
      () => {},
    );
  }

  #wake(): void {
    this.#sleep = null;
    this.#armedAt = Number.POSITIVE_INFINITY;
    const now = this.clock.now();
    const until = wallNow() + SLICE_MS;
    this.#firing = true;
    try {
      // At least one entry per wake, then as many as fit in the slice; the rest after a yield.
      for (let n = 0, t = this.#heap.peek(); t && t.at <= now && (n === 0 || (n & 15) !== 0 || wallNow() < until); n++) {
        this.#heap.pop();
        t.fire(now);
        t = this.#heap.peek();
      }
    } finally {
      this.#firing = false;
      this.#arm();
    }
  }
}

let shared: Scheduler | undefined;
const byClock = new WeakMap<Clock, Scheduler>();

/** The process-wide scheduler for a clock (the real clock by default), created on first use. */
export function sharedScheduler(clock?: Clock): Scheduler {
  if (!clock || clock === realClock) {
    shared ??= new Scheduler();
    return shared;
  }
  let s = byClock.get(clock);
  if (!s) {
    s = new Scheduler({ clock });
    byClock.set(clock, s);
  }
  return s;
}
