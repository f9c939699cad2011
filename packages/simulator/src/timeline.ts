import type { Phase, ScenarioName, Timing } from "./types.js";

/** Timing with every step number decided. */
export interface ResolvedTiming {
  queuedMs: number;
  stepMs: number;
  steps: number;
  failAtStep: number;
  cancelAtStep: number;
  pauseAtStep: number;
}

export type StepState = "pending" | "running" | "done" | "failed" | "cancelled";

export interface StepSnapshot {
  state: StepState;
  /** Clock ms, or null before the step starts. */
  startedAt: number | null;
  completedAt: number | null;
}

/** A run's state at one instant, in the simulator's neutral vocabulary. */
export interface Snapshot {
  phase: Phase;
  steps: StepSnapshot[];
  /** Steps that finished successfully. */
  done: number;
  failed: number;
  running: number;
  createdAt: number;
  startedAt: number | null;
  completedAt: number | null;
  /** Set while a pause is pending (phase running) and once paused. */
  pauseRequestedAt: number | null;
  pausedAt: number | null;
  /** Last time anything changed, for `updated_at`-style fields. */
  updatedAt: number;
}

interface Pause {
  start: number;
  end: number | null;
}

/**
 * A run's schedule. Nothing runs on timers: the state at any instant is computed from the
 * creation time, the scenario, the pauses and a cancellation, so the simulator holds no timer per
 * run and an injected clock makes every progression deterministic. Simulated time advances
 * `speed` times faster than the clock and stands still while the run is paused.
 */
export class Timeline {
  readonly createdAt: number;
  readonly speed: number;
  readonly timing: ResolvedTiming;
  readonly scenario: ScenarioName;
  private readonly pauses: Pause[] = [];
  private pauseRequestedAt: number | null = null;
  private cancelledAt: number | null = null;

  constructor(opts: {
    createdAt: number;
    speed: number;
    timing: ResolvedTiming;
    scenario: ScenarioName;
    autoPause?: boolean;
  }) {
    this.createdAt = opts.createdAt;
    this.speed = opts.speed;
    this.timing = opts.timing;
    this.scenario = opts.scenario;
    if (opts.scenario === "paused" && opts.autoPause !== false) {
      const t = opts.timing;
      const at = this.timeAt(t.queuedMs + t.pauseAtStep * t.stepMs, false);
      this.pauses.push({ start: at, end: null });
      this.pauseRequestedAt = at;
    }
  }

  /** Simulated elapsed time at which the scenario reaches its terminal (or unknown) state. */
  terminalElapsed(): number {
    const t = this.timing;
    switch (this.scenario) {
      case "failed":
        return t.queuedMs + t.failAtStep * t.stepMs;
      case "cancelled":
        return t.queuedMs + (t.cancelAtStep - 0.5) * t.stepMs;
      case "unknown-status":
        return t.queuedMs + t.stepMs;
      default:
        return t.queuedMs + t.steps * t.stepMs;
    }
  }

  /** Simulated elapsed time at clock instant `now`: clock time since creation minus pauses, times speed. */
  elapsedAt(now: number): number {
    let paused = 0;
    for (const p of this.pauses) {
      const end = Math.min(p.end ?? now, now);
      if (end > p.start) paused += end - p.start;
    }
    return Math.max(0, (now - this.createdAt - paused) * this.speed);
  }

  /**
   * The clock instant at which simulated time reaches `elapsed`. With `afterPauses`, a pause that
   * begins exactly then is waited out first (a step that starts after a resume); Infinity while
   * an open pause blocks it.
   */
  timeAt(elapsed: number, afterPauses: boolean): number {
    let t = this.createdAt + elapsed / this.speed;
    for (const p of this.pauses) {
      if (p.start < t || (afterPauses && p.start === t)) {
        if (p.end === null) return Number.POSITIVE_INFINITY;
        t += p.end - p.start;
      }
    }
    return t;
  }

  private openPause(now: number): Pause | null {
    for (const p of this.pauses) {
      if (p.start <= now && (p.end === null || p.end > now)) return p;
    }
    return null;
  }

  snapshot(now: number): Snapshot {
    if (this.cancelledAt !== null && now >= this.cancelledAt) {
      const at = this.cancelledAt;
      const base = this.natural(at);
      const steps = base.steps.map((s) =>
        s.state === "running" ? { state: "cancelled" as const, startedAt: s.startedAt, completedAt: at } : s,
      );
      return {
        ...base,
        phase: "cancelled",
        steps,
        running: 0,
        completedAt: at,
        pauseRequestedAt: null,
        pausedAt: null,
        updatedAt: at,
      };
    }
    return this.natural(now);
  }

  /** The state ignoring a user's cancellation. */
  private natural(now: number): Snapshot {
    const t = this.timing;
    const e = this.elapsedAt(now);
    const end = this.terminalElapsed();
    const steps: StepSnapshot[] = [];
    const stepStart = (i: number) => this.timeAt(t.queuedMs + i * t.stepMs, true);
    const stepEnd = (i: number) => this.timeAt(t.queuedMs + (i + 1) * t.stepMs, false);
    const terminal = e >= end;
    let phase: Phase;
    if (terminal) {
      phase = terminalPhase(this.scenario);
      // Steps up to the terminal instant; the step the scenario ends in gets its own state.
      const endAt = this.timeAt(end, false);
      const last = this.lastStepIndex();
      for (let i = 0; i < t.steps; i++) {
        if (i < last) steps.push({ state: "done", startedAt: stepStart(i), completedAt: stepEnd(i) });
        else if (i === last) steps.push(this.endingStep(stepStart(i), endAt));
        else steps.push({ state: "pending", startedAt: null, completedAt: null });
      }
    } else {
      const paused = this.openPause(now) !== null;
      phase = e < t.queuedMs ? (paused ? "paused" : "queued") : paused ? "paused" : "running";
      const k = e < t.queuedMs ? -1 : Math.floor((e - t.queuedMs) / t.stepMs);
      for (let i = 0; i < t.steps; i++) {
        if (i < k) steps.push({ state: "done", startedAt: stepStart(i), completedAt: stepEnd(i) });
        else if (i === k && !paused) steps.push({ state: "running", startedAt: stepStart(i), completedAt: null });
        else steps.push({ state: "pending", startedAt: null, completedAt: null });
      }
    }
    const open = this.openPause(now);
    const started = steps[0]?.startedAt ?? null;
    const completedAt = terminal && isTerminalPhase(phase) ? this.timeAt(end, false) : null;
    const requested = !terminal && this.pauseRequestedAt !== null && this.pauseRequestedAt <= now ? this.pauseRequestedAt : null;
    const events = [this.createdAt, started, completedAt, requested, open?.start ?? null];
    for (const s of steps) events.push(s.startedAt, s.completedAt);
    for (const p of this.pauses) events.push(p.start, p.end);
    const updatedAt = Math.max(...events.filter((x): x is number => x !== null && x <= now && Number.isFinite(x)));
    return {
      phase,
      steps,
      done: steps.filter((s) => s.state === "done").length,
      failed: steps.filter((s) => s.state === "failed").length,
      running: steps.filter((s) => s.state === "running").length,
      createdAt: this.createdAt,
      startedAt: started !== null && started <= now ? started : null,
      completedAt,
      pauseRequestedAt: requested,
      pausedAt: phase === "paused" && open ? open.start : null,
      updatedAt,
    };
  }

  /** Index of the step in which the scenario ends. */
  private lastStepIndex(): number {
    const t = this.timing;
    switch (this.scenario) {
      case "failed":
        return t.failAtStep - 1;
      case "cancelled":
        return t.cancelAtStep - 1;
      case "unknown-status":
        return 1;
      case "partial":
        return t.steps - 1;
      default:
        return t.steps;
    }
  }

  private endingStep(startedAt: number, endAt: number): StepSnapshot {
    switch (this.scenario) {
      case "failed":
      case "partial":
        return { state: "failed", startedAt, completedAt: endAt };
      case "cancelled":
        return { state: "cancelled", startedAt, completedAt: endAt };
      case "unknown-status":
        // The run went quiet in its second step: it stays "running" there for ever.
        return { state: "running", startedAt, completedAt: null };
      default:
        return { state: "done", startedAt, completedAt: endAt };
    }
  }

  /**
   * Asks the run to pause at `now` (OnePin semantics): a queued run parks at once; a running run
   * parks at its next step boundary, unless it ends first. Idempotent.
   */
  requestPause(now: number): void {
    const snap = this.snapshot(now);
    if (isTerminalPhase(snap.phase) || snap.phase === "paused" || snap.phase === "unknown") return;
    if (this.pauseRequestedAt !== null && this.pauseRequestedAt <= now && this.hasFuturePause(now)) return;
    const t = this.timing;
    const e = this.elapsedAt(now);
    if (snap.phase === "queued") {
      this.pauses.push({ start: now, end: null });
      this.pauseRequestedAt = now;
      return;
    }
    const boundary = t.queuedMs + Math.ceil((e - t.queuedMs) / t.stepMs) * t.stepMs;
    this.pauseRequestedAt = now;
    if (boundary >= this.terminalElapsed()) return;
    this.dropFuturePauses(now);
    this.pauses.push({ start: now + (boundary - e) / this.speed, end: null });
  }

  /** Resumes a paused run. Returns false when the run is not paused (OnePin answers 409). */
  resume(now: number): boolean {
    const open = this.openPause(now);
    if (!open || this.snapshot(now).phase !== "paused") return false;
    open.end = now;
    this.pauseRequestedAt = null;
    this.dropFuturePauses(now);
    return true;
  }

  /** Cancels the run at `now`. Returns false when it had already ended. */
  cancel(now: number): boolean {
    const phase = this.snapshot(now).phase;
    if (isTerminalPhase(phase)) return false;
    this.cancelledAt = now;
    return true;
  }

  private hasFuturePause(now: number): boolean {
    return this.pauses.some((p) => p.start > now);
  }

  private dropFuturePauses(now: number): void {
    for (let i = this.pauses.length - 1; i >= 0; i--) {
      if ((this.pauses[i] as Pause).start > now) this.pauses.splice(i, 1);
    }
  }
}

function terminalPhase(s: ScenarioName): Phase {
  switch (s) {
    case "failed":
      return "failed";
    case "partial":
      return "partial";
    case "cancelled":
      return "cancelled";
    case "unknown-status":
      return "unknown";
    default:
      return "succeeded";
  }
}

export function isTerminalPhase(p: Phase): boolean {
  return p === "succeeded" || p === "partial" || p === "failed" || p === "cancelled";
}

/** Fills in the step numbers a scenario needs, clamped to the number of steps. */
export function resolveTiming(base: Timing): ResolvedTiming {
  const steps = base.steps;
  const mid = Math.ceil(steps / 2);
  const clamp = (v: number | undefined, lo: number, hi: number, dflt: number) =>
    v === undefined ? dflt : Math.min(hi, Math.max(lo, Math.floor(v)));
  return {
    queuedMs: base.queuedMs,
    stepMs: base.stepMs,
    steps,
    failAtStep: clamp(base.failAtStep, 1, steps, mid),
    cancelAtStep: clamp(base.cancelAtStep, 1, steps, mid),
    pauseAtStep: clamp(base.pauseAtStep, 0, Math.max(0, steps - 1), Math.max(0, Math.min(steps - 1, Math.floor(steps / 2)))),
  };
}

/** Simulated elapsed time that puts a new run in `state`. */
export function elapsedForState(tl: Timeline, state: "queued" | "running" | "paused" | "terminal"): number {
  const t = tl.timing;
  const end = tl.terminalElapsed();
  switch (state) {
    case "queued":
      return 0;
    case "running": {
      for (const e of [t.queuedMs + 1.5 * t.stepMs, t.queuedMs + 0.5 * t.stepMs, t.queuedMs]) if (e < end) return e;
      return t.queuedMs;
    }
    case "paused": {
      const e = t.queuedMs + t.stepMs;
      return e < end ? e : t.queuedMs;
    }
    case "terminal":
      return end;
  }
}
