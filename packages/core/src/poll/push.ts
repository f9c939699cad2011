import type { Run, RunState } from "../types.js";

/** A wait that a webhook can wake. */
export interface Nudgeable {
  /**
   * Run `ref` changed, says a webhook (or `notify`). `state` is what the payload says, if anything;
   * `run` is given only for a verified payload, which may end the wait without a poll.
   */
  nudge(state: RunState | null, run: Run | null): void;
  /** The webhooks of its target stopped arriving: go back to the normal schedule now. */
  degrade(): void;
}

/** Runs of one target remembered for how their webhooks arrived. */
const LEDGER_RUNS = 20;
/** Share of recent runs whose end a webhook told first, at or above which waits poll on the safety schedule. */
const RELIABLE_SHARE = 0.8;
/** Runs of a target seen ending through their webhook before its waits rely on webhooks. */
const LEDGER_MIN = 3;
/** Targets remembered. */
const LEDGER_TARGETS = 1000;

/**
 * The push side of a scheduler: the waits by run reference (so a webhook reaches the waits on its
 * run) and, per target, whether recent runs saw their end through a webhook. Waits that expect
 * webhooks poll on the slow safety schedule only while those webhooks keep arriving; when recent
 * runs of a target ended without one (a poll saw the end first), its waits go back to the normal
 * schedule, so lost webhooks cost delay only until the loss shows.
 */
export class PushRegistry {
  readonly #byRef = new Map<string, Set<Nudgeable>>();
  readonly #byTarget = new Map<string, Set<Nudgeable>>();
  readonly #ledger = new Map<string, boolean[]>();

  /** Registers `w` under its run reference and its target. */
  watch(ref: string, target: string, w: Nudgeable): void {
    add(this.#byRef, ref, w);
    add(this.#byTarget, target, w);
  }

  unwatch(ref: string, target: string, w: Nudgeable): void {
    remove(this.#byRef, ref, w);
    remove(this.#byTarget, target, w);
  }

  /** Wakes the waits on `ref`; returns how many there were (0 for a run nobody waits on). */
  nudge(ref: string, state: RunState | null = null, run: Run | null = null): number {
    const set = this.#byRef.get(ref);
    if (!set) return 0;
    const waits = [...set];
    for (const w of waits) w.nudge(state, run);
    return waits.length;
  }

  /** Records how a run of `target` that expected webhooks ended: told by a webhook first, or not. */
  record(target: string, byWebhook: boolean): void {
    const was = this.reliable(target);
    let runs = this.#ledger.get(target);
    if (runs) this.#ledger.delete(target);
    else {
      runs = [];
      if (this.#ledger.size >= LEDGER_TARGETS) this.#ledger.delete(this.#ledger.keys().next().value as string);
    }
    this.#ledger.set(target, runs);
    runs.push(byWebhook);
    if (runs.length > LEDGER_RUNS) runs.shift();
    // The waits sleeping on the safety schedule would notice only at their next poll: wake them now.
    if (was && !this.reliable(target)) for (const w of [...(this.#byTarget.get(target) ?? [])]) w.degrade();
  }

  /**
   * Whether waits on `target` may rely on webhooks: once a few of its runs were told their end by a
   * webhook first, and as long as most recent ones are. Until then its waits keep the normal schedule
   * (a webhook still makes them poll at once), so a webhook that never comes costs nothing.
   */
  reliable(target: string): boolean {
    const runs = this.#ledger.get(target);
    if (!runs || runs.length < LEDGER_MIN) return false;
    const told = runs.filter(Boolean).length;
    return told >= LEDGER_MIN && told >= RELIABLE_SHARE * runs.length;
  }
}

function add(map: Map<string, Set<Nudgeable>>, key: string, w: Nudgeable): void {
  let set = map.get(key);
  if (!set) {
    set = new Set();
    map.set(key, set);
  }
  set.add(w);
}

function remove(map: Map<string, Set<Nudgeable>>, key: string, w: Nudgeable): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(w);
  if (set.size === 0) map.delete(key);
}
