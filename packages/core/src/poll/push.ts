import type { Run, RunState } from "../types.js";

/** A wait that a webhook can wake. */
export interface Nudgeable {
  /**
   * Run `ref` changed, says a webhook (or `notify`). `state` is what the payload says, if anything;
   * `run` is given only for a verified payload, which may end the wait without a poll.
   */
  nudge(state: RunState | null, run: Run | null): void;
}

/** Runs of one target remembered for how their webhooks arrived. */
const LEDGER_RUNS = 20;
/** Share of recent runs whose end a webhook told first, at or above which waits poll on the safety schedule. */
const RELIABLE_SHARE = 0.8;
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
  readonly #ledger = new Map<string, boolean[]>();

  /** Registers `w` under its run reference. */
  watch(ref: string, w: Nudgeable): void {
    let set = this.#byRef.get(ref);
    if (!set) {
      set = new Set();
      this.#byRef.set(ref, set);
    }
    set.add(w);
  }

  unwatch(ref: string, w: Nudgeable): void {
    const set = this.#byRef.get(ref);
    if (!set) return;
    set.delete(w);
    if (set.size === 0) this.#byRef.delete(ref);
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
    let runs = this.#ledger.get(target);
    if (runs) this.#ledger.delete(target);
    else {
      runs = [];
      if (this.#ledger.size >= LEDGER_TARGETS) this.#ledger.delete(this.#ledger.keys().next().value as string);
    }
    this.#ledger.set(target, runs);
    runs.push(byWebhook);
    if (runs.length > LEDGER_RUNS) runs.shift();
  }

  /** Whether waits on `target` may rely on webhooks (true until runs of it show otherwise). */
  reliable(target: string): boolean {
    const runs = this.#ledger.get(target);
    if (!runs || runs.length === 0) return true;
    return runs.filter(Boolean).length >= RELIABLE_SHARE * runs.length;
  }
}
