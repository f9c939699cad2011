import type { Run } from "../types.js";

/** What a schedule is given when a wait starts. */
export interface PolicyContext {
  /** Floor between polls, ms. */
  minInterval: number;
  /** Cap of the backoff while nothing tells when the run will end, ms. */
  maxInterval: number;
  /** Uniform in [0, 1); injectable for reproducible runs. */
  random: () => number;
}

/** The schedule of one wait. */
export interface Schedule {
  /** Ms to wait before the next poll, given the snapshot just read at `now` (ms, clock time). */
  next(run: Run, now: number): number;
}

/** Makes one schedule per wait. Server hints, retries and rate budgets are applied on top by the poller. */
export type PollPolicy = (ctx: PolicyContext) => Schedule;

export interface ProgressPolicyOptions {
  /** Largest fraction by which jitter shortens a delay, 0–1. Default 0.2. */
  jitter?: number;
  /** Backoff growth per poll while nothing is known. Default 2.5. */
  growth?: number;
  /** Assumed spread of step durations (coefficient of variation). Default 0.5. */
  spread?: number;
  /** Requests worth one second of detection delay: higher polls denser around the estimated end. Default 0.8. */
  urgency?: number;
  /** While progress puts the end far off, a delay may reach `stretch × maxInterval`. Default 10. */
  stretch?: number;
}

/**
 * The default policy: jittered exponential backoff from the floor to the cap while a run reports no
 * usable progress; once steps complete, an estimate of the end time from the pace observed between
 * our own polls (our clock, never the server's timestamps), sparse polls while the end is far and
 * dense ones around it. Progress that goes backwards, a total that changes, or a run past its
 * estimate falls back to the backoff, so delays stay within floor and cap and polling never stops.
 */
export function progressPolicy(options: ProgressPolicyOptions = {}): PollPolicy {
  const J = options.jitter ?? 0.2;
  const G = options.growth ?? 2.5;
  const CV2 = (options.spread ?? 0.5) ** 2;
  const U = options.urgency ?? 0.8;
  const S = options.stretch ?? 10;
  return ({ minInterval, maxInterval, random }) => {
    const lo = minInterval / 1000;
    const hi = Math.max(lo, maxInterval / 1000);
    // All times below in seconds. b: the last base delay (backoff continues from it).
    let b = 0;
    // Estimator: start (t0, k0, total), last poll (pt, pk), first and last observed step ends (e, k, width).
    let t0 = Number.NaN;
    let k0 = 0;
    let n0 = 0;
    let pt = 0;
    let pk = 0;
    let eF = 0;
    let wF = 0;
    let kF = -1;
    let eL = 0;
    let wL = 0;
    let kL = -1;
    // Progress that once went backwards or changed its total no longer earns delays beyond the cap.
    let trusted = true;
    const out = (d: number) => 1000 * Math.max(lo, d * (1 - J * random()));
    const backoff = () => {
      b = b ? Math.min(hi, Math.max(lo, b * G)) : lo;
      return out(b);
    };
    return {
      next(run, nowMs) {
        const t = nowMs / 1000;
        const p = run.progress;
        const N = p?.total;
        const k = p?.completed;
        if (
          run.state !== "running" ||
          typeof N !== "number" ||
          typeof k !== "number" ||
          !(N > 0 && N < 1e9 && k >= 0 && k <= N && Number.isInteger(N) && Number.isInteger(k))
        ) {
          t0 = Number.NaN;
          return backoff();
        }
        if (Number.isNaN(t0) || N !== n0 || k < pk) {
          if (!Number.isNaN(t0)) trusted = false;
          t0 = pt = t;
          k0 = pk = k;
          n0 = N;
          kF = kL = -1;
        }
        if (k > pk) {
          // The k-th step ended in (pt, t]; with dk ends in there, the last is expected dk/(dk+1) of the way.
          const dk = k - pk;
          wL = (t - pt) / (dk + 1);
          eL = pt + wL * dk;
          kL = k;
          if (kF < 0) [eF, wF, kF] = [eL, wL, k];
        }
        pt = t;
        pk = k;
        const n = N - k;
        if (n <= 0) return backoff();
        if (kF < 0) {
          // No step has ended yet: the others will likely take about as long as this one already has.
          b = Math.min(hi, Math.max(b ? b * G : lo, ((t - t0) * (n - 1)) / 3));
          return out(b);
        }
        const m = kL > kF ? kL - kF : Math.max(1, kF - k0);
        const tau = Math.max(1e-3, kL > kF ? (eL - eF) / m : (eF - t0) / (k0 === 0 ? kF : kF - k0 - 0.5));
        const M = n * tau;
        const v = CV2 / n + CV2 / m + (kL > kF ? wF * wF + wL * wL : wF * wF) / 12 / (m * tau) ** 2 + (wL * wL) / 12 / (M * M);
        const s = Math.sqrt(Math.log(1 + v));
        const mu = Math.log(M) - (s * s) / 2;
        const x = t - eL;
        // Far past the estimate: something else is going on (a stuck step); stop trusting it.
        if (x > Math.exp(mu + 2 * s)) return backoff();
        // Cost-optimal spacing for a known hazard h is sqrt(2 / (urgency·h)): poll where the end becomes likely.
        const cap = trusted ? hi * S : hi;
        let d = Math.max(lo, 0.01);
        while (d < cap && d * d * U * hazard(x + d, mu, s) < 2) d *= 1.1;
        b = Math.min(d, cap);
        return out(b);
      },
    };
  };
}

/**
 * Hazard rate at x of the log-logistic whose log has mean `mu` and sd `s`: a closed-form stand-in for
 * the lognormal (same median and spread of log-durations, no error function to carry).
 */
function hazard(x: number, mu: number, s: number): number {
  const b = 1.8138 / s; // π/√3 ÷ s
  const r = (x / Math.exp(mu)) ** b;
  return ((b / x) * r) / (1 + r);
}
