import { makeRun, type RunFields } from "../../run.js";
import type { PollResult, Progress, RateBudget, Run, RunProvider, RunState } from "../../types.js";
import type { Clock } from "../clock.js";
import { type ProgressPolicyOptions, progressPolicy, type RunHistory, type Schedule } from "../schedule.js";

export interface Call {
  at: number;
  signal: AbortSignal | undefined;
}

/** What the fake answers for one request: a result, an error to throw, or "hang" (until aborted). */
export type Answer = PollResult | Error | "hang";

/** A RunProvider whose answers come from `answer(n, now)`; every request is recorded with its time and signal. */
export function fakeProvider(
  clock: Clock,
  answer: (n: number, now: number) => Answer,
  opts: { name?: string; budget?: RateBudget | null; ids?: string[] } = {},
) {
  const calls: Call[] = [];
  const provider: RunProvider & { secretField: string } = {
    name: opts.name ?? "fake",
    refSegments: ["run_id"],
    capabilities: { start: false, cancel: false, pause: false, list: false, webhooks: false, progress: true },
    secretField: "sk-live-SECRET-0123456789",
    get(_ids, ctx) {
      const n = calls.length;
      calls.push({ at: clock.now(), signal: ctx?.signal });
      const a = answer(n, clock.now());
      if (a === "hang") {
        return new Promise<PollResult>((_, reject) => {
          ctx?.signal?.addEventListener("abort", () => reject(ctx.signal?.reason), { once: true });
        });
      }
      return a instanceof Error ? Promise.reject(a) : Promise.resolve(a);
    },
  };
  if (opts.budget !== undefined) provider.budget = () => opts.budget ?? null;
  return { provider, calls };
}

/** A snapshot of run "r1". */
export function snap(state: RunState, extra: Partial<RunFields> = {}): Run {
  return makeRun({ provider: "fake", ids: ["r1"], state, providerStatus: extra.providerStatus ?? state, ...extra });
}

export function result(state: RunState, extra: Partial<RunFields> & { retryAfterMs?: number } = {}): PollResult {
  const { retryAfterMs, ...fields } = extra;
  return { run: snap(state, fields), retryAfterMs: retryAfterMs ?? null };
}

export function progress(completed: number, total: number | null): Progress {
  return { completed, total };
}

/** Answers from a timeline of step end times (ms): running with `completed` of `ends.length` until the last end, then succeeded. */
export function stepsTimeline(ends: readonly number[]): (n: number, now: number) => PollResult {
  return (_n, now) => {
    let k = 0;
    while (k < ends.length && (ends[k] as number) <= now) k++;
    return k === ends.length
      ? result("succeeded", { progress: progress(k, ends.length) })
      : result("running", { progress: progress(k, ends.length) });
  };
}

/** Deterministic uniform [0, 1) generator (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Gaps between consecutive calls, ms. */
export function gaps(calls: readonly Call[]): number[] {
  return calls.slice(1).map((c, i) => c.at - (calls[i] as Call).at);
}

/**
 * Polls `run(t)` with `schedule` as the poller would (each gap it asks for, no jitter added) until
 * the run is terminal, telling the schedule the end, or until `until` ms: the gaps asked for with
 * their times, when the end was seen (NaN if never), and the requests sent.
 */
export function driveSchedule(schedule: Schedule, run: (t: number) => Run, until: number) {
  const gaps: { t: number; d: number }[] = [];
  let t = 0;
  while (t < until) {
    const r = run(t);
    if (r.terminal) {
      schedule.end?.(r, t);
      return { gaps, seenAt: t, requests: gaps.length + 1 };
    }
    const d = schedule.next(r, t);
    gaps.push({ t, d });
    t += d;
  }
  return { gaps, seenAt: Number.NaN, requests: gaps.length };
}

/** The floor and the cap the schedule's behaviour tests poll under (ms). */
export const LO = 1000;
export const HI = 30_000;

/** A run in `state`, with progress `p` when given. */
export const at = (state: RunState, p: Progress | null = null): Run => snap(state, { progress: p });

/**
 * Polls `run(t)` with the default policy (`progressPolicy(options)`, floor LO, cap HI, target "p:wf")
 * as the poller would, until it is terminal or `until`: see {@link driveSchedule}. The history is the
 * one given (undefined: none); jitter is real and seeded (`random`, default seed 3).
 */
export function drivePolicy(
  run: (t: number) => Run,
  until: number,
  history: RunHistory | undefined,
  o: { options?: ProgressPolicyOptions; random?: () => number } = {},
) {
  const s = progressPolicy(o.options)({
    minInterval: LO,
    maxInterval: HI,
    random: o.random ?? seeded(3),
    target: "p:wf",
    history,
  });
  return driveSchedule(s, run, until);
}

/** Running with the steps ended by `t` of `ends` (ms), succeeded at the last. */
export const timeline = (ends: readonly number[]) => (t: number) => {
  const k = ends.filter((e) => e <= t).length;
  return k === ends.length ? at("succeeded", progress(k, k)) : at("running", progress(k, ends.length));
};

/** The ends of `n` steps of `stepMs` each. */
export const steadyEnds = (n: number, stepMs: number) => Array.from({ length: n }, (_, i) => (i + 1) * stepMs);
