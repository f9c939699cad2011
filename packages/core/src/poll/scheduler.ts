import type { RateBudget } from "../types.js";
import { Budgets, type SlidingWindow } from "./budget.js";
import { type Clock, realClock } from "./clock.js";
import { Heap, type HeapItem } from "./heap.js";

/** Something the scheduler wakes at clock time `at` (a wait's next poll or its deadline). */
export interface Timed extends HeapItem {
  fire(now: number): void;
}

export interface SchedulerOptions {
  /** Default: the real clock. */
  clock?: Clock;
}

// Due entries are handled in slices so ten thousand waits falling due together never block the event loop.
const SLICE = 256;

/**
 * One timer source for all the waits of a process: a heap of wake-ups with a single clock sleep armed
 * for the earliest, plus the request budgets (by `RateBudget.key`) that all its waits share. The sleep
 * exists only while some wait is pending, so the process can exit as soon as the last wait ends.
 */
export class Scheduler {
  readonly clock: Clock;
  readonly #heap = new Heap<Timed>();
  readonly #budgets = new Budgets();
  #seq = 0;
  #armedAt = Number.POSITIVE_INFINITY;
  #sleep: AbortController | null = null;
  #firing = false;

  constructor(options: SchedulerOptions = {}) {
    this.clock = options.clock ?? realClock;
  }

  /** Wake-ups pending (one per active wait). */
  get size(): number {
    return this.#heap.size;
  }

  /** Whether a clock sleep is armed; false once every wait has ended. */
  get armed(): boolean {
    return this.#sleep !== null;
  }

  /** Budget keys currently remembered. */
  get budgets(): number {
    return this.#budgets.size;
  }

  /** The request budget shared by every wait of this scheduler that draws on `b.key`. */
  budget(b: RateBudget, provider?: string): SlidingWindow {
    return this.#budgets.for(b, this.clock.now(), provider);
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
    this.#sleep?.abort();
    this.#sleep = null;
    this.#armedAt = Number.POSITIVE_INFINITY;
    if (!top) return;
    const ac = new AbortController();
    this.#sleep = ac;
    this.#armedAt = top.at;
    this.clock.sleep(Math.min(2 ** 31 - 1, Math.max(0, top.at - this.clock.now())), ac.signal).then(
      () => this.#sleep === ac && this.#wake(),
      () => {},
    );
  }

  #wake(): void {
    this.#sleep = null;
    this.#armedAt = Number.POSITIVE_INFINITY;
    const now = this.clock.now();
    this.#firing = true;
    try {
      for (let n = 0, t = this.#heap.peek(); t && t.at <= now && n < SLICE; n++, t = this.#heap.peek()) {
        this.#heap.pop();
        t.fire(now);
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
