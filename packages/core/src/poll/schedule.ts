import { UsageError } from "../errors.js";
import type { Run } from "../types.js";

/** What a schedule is given when a wait starts. */
export interface PolicyContext {
  /** Floor between polls, ms. */
  minInterval: number;
  /** Cap between polls while nothing tells when the run will end, ms. */
  maxInterval: number;
  /** Uniform in [0, 1); injectable for reproducible runs. */
  random: () => number;
  /** Provider and target of the run ("onepin:<workflow id>"): runs of one target tend to last alike. */
  target?: string;
  /** Durations of runs seen ending, to learn from and to add to. */
  history?: RunHistory;
}

/** The schedule of one wait. */
export interface Schedule {
  /** Ms to wait before the next poll, given the snapshot just read at `now` (ms, clock time). */
  next(run: Run, now: number): number;
  /** Told once when a poll at `now` saw the run terminal. */
  end?(run: Run, now: number): void;
}

/** Makes one schedule per wait. Server hints, retries and rate budgets are applied on top by the poller. */
export type PollPolicy = (ctx: PolicyContext) => Schedule;

/**
 * Durations (ms) of recent runs seen ending, by key. Keys are a target plus a phase
 * ("onepin:wf-1|run", "onepin:wf-1|queue"), and the target's progress curve ("onepin:wf-1|run@5": for
 * runs that reported step progress, their duration over their age when 5/20 of their steps were
 * done, × 1000). Implement it over a shared store to learn across processes.
 */
export interface RunHistory {
  /** Recent durations of `key`, any order. */
  durations(key: string): readonly number[] | undefined;
  add(key: string, ms: number): void;
}

/** The JSON form of a {@link MemoryRunHistory}. */
export interface SerializedRunHistory {
  version: 1;
  keys: Record<string, number[]>;
}

/**
 * A {@link RunHistory} in memory: the last `perKey` durations of each of the last `maxKeys` keys used.
 * `JSON.stringify` it (or call `toJSON`) to persist; `MemoryRunHistory.from(json)` restores it.
 */
export class MemoryRunHistory implements RunHistory {
  readonly #keys = new Map<string, number[]>();
  readonly #perKey: number;
  readonly #maxKeys: number;

  constructor(options: { perKey?: number; maxKeys?: number } = {}) {
    this.#perKey = options.perKey ?? 64;
    this.#maxKeys = options.maxKeys ?? 1000;
    if (!(Number.isInteger(this.#perKey) && this.#perKey >= 1 && Number.isInteger(this.#maxKeys) && this.#maxKeys >= 1)) {
      throw new UsageError("MemoryRunHistory: `perKey` and `maxKeys` must be integers ≥ 1");
    }
  }

  /** Restores a history from {@link toJSON}'s output (or its JSON text); malformed input is a UsageError. */
  static from(json: SerializedRunHistory | string, options?: { perKey?: number; maxKeys?: number }): MemoryRunHistory {
    let v: unknown = json;
    if (typeof json === "string") {
      try {
        v = JSON.parse(json);
      } catch {
        throw new UsageError("MemoryRunHistory.from: not JSON");
      }
    }
    const keys = (v as SerializedRunHistory)?.keys;
    if ((v as SerializedRunHistory)?.version !== 1 || typeof keys !== "object" || keys === null) {
      throw new UsageError("MemoryRunHistory.from: expected { version: 1, keys: { [key]: number[] } }");
    }
    const h = new MemoryRunHistory(options);
    for (const [k, ds] of Object.entries(keys)) {
      if (!Array.isArray(ds)) throw new UsageError(`MemoryRunHistory.from: durations of ${JSON.stringify(k)} must be an array`);
      for (const d of ds) h.add(k, d);
    }
    return h;
  }

  durations(key: string): readonly number[] | undefined {
    return this.#keys.get(key);
  }

  /** Adds one duration; anything but a finite positive number is ignored. */
  add(key: string, ms: number): void {
    if (!(typeof ms === "number" && ms > 0 && ms < Number.POSITIVE_INFINITY)) return;
    let a = this.#keys.get(key);
    if (a) this.#keys.delete(key);
    else {
      a = [];
      if (this.#keys.size >= this.#maxKeys) this.#keys.delete(this.#keys.keys().next().value as string);
    }
    this.#keys.set(key, a);
    a.push(ms);
    if (a.length > this.#perKey) a.splice(0, a.length - this.#perKey);
  }

  toJSON(): SerializedRunHistory {
    return { version: 1, keys: Object.fromEntries([...this.#keys].map(([k, a]) => [k, [...a]])) };
  }
}

export interface ProgressPolicyOptions {
  /** Largest fraction by which jitter shortens a delay, 0–1. Default 0.2. */
  jitter?: number;
  /** Ignored: gaps follow the hazard of the end, not a growth factor. Accepted so existing options still compile. */
  growth?: number;
  /** Assumed spread of step durations (coefficient of variation). Default 0.5. */
  spread?: number;
  /** Requests worth one second of detection delay: higher polls denser. Default 0.66 (4× that in a run's last step). */
  urgency?: number;
  /** While the end is confidently far off, a delay may reach `stretch × maxInterval`. Default 10. */
  stretch?: number;
  /** Typical run duration before any run of a target has been seen ending, ms. Default 60000. */
  priorMedian?: number;
}

/** Log-logistic scale of the prior, in log-seconds: broad (its middle 90 % spans about 30×). */
const PRIOR_SCALE = 1;
/** Weight of the prior, in runs: one run seen ending already counts as much. */
const PRIOR_WEIGHT = 1;
/** Runs seen ending before their history may license delays beyond the cap. */
const LEARNED_RUNS = 8;
/** How much more a second of delay is worth once a run is in its last step (see {@link progressPolicy}). */
const LAST_STEP_URGENCY = 4;
/**
 * With progress, the first look comes by this many times the age at which 5 % of the target's runs
 * have ended (jitter at its default 20 % lands it no earlier than that age).
 */
const FIRST_LOOK = 1.25;
/** Step ends kept for the pace. */
const RATES = 8;
/** Points of a target's progress curve: its runs' durations over their ages at 1/20, 2/20, … of their steps. */
const CURVE_POINTS = 20;

/** The point of the progress curve nearest to `k` of `n` steps done (within half a point), 1 to CURVE_POINTS − 1, or 0 for none. */
function curvePoint(k: number, n: number): number {
  const b = Math.round((CURVE_POINTS * k) / n);
  return b >= 1 && b < CURVE_POINTS ? b : 0;
}

/**
 * The first point of the progress curve that a run with `k` of `n` steps done has not reached yet (every
 * step nearest to it is past `k`), or 0 for none.
 */
function nextCurvePoint(k: number, n: number): number {
  for (let b = 1; b < CURVE_POINTS; b++) if (Math.ceil(((b - 0.5) * n) / CURVE_POINTS) > k) return b;
  return 0;
}

/**
 * The run's duration predicted from the progress curve: each run of the target seen ending says "a run
 * that had done this share of its steps at age `at` lasts `at` × its ratio"; a logistic kernel on the
 * log of each, as wide as the ratios spread (Silverman) and the uncertainty of `at` (`rel`). Returns
 * the survival at age x, and the ages by which 5 %, 95 % and all but a sliver of the predictions have ended.
 */
function curveSurvival(
  ratios: readonly number[],
  at: number,
  rel: number,
): { S: (x: number) => number; q05: number; q95: number; top: number } {
  const logs = ratios
    .filter((r) => r > 0)
    .map((r) => Math.log((at * r) / 1000))
    .sort((a, b) => a - b);
  const n = logs.length;
  const m = logs.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(logs.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, n - 1));
  const w = Math.max(0.02, 0.55 * 0.9 * sd * n ** -0.2, rel * 0.55);
  /** First index of `logs` at or above v. */
  const find = (v: number) => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((logs[mid] as number) < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const S = (x: number) => {
    const lx = Math.log(Math.max(x, 1e-6));
    // Kernels more than 30 widths away count as ended (below) or not (above).
    const from = find(lx - 30 * w);
    const to = find(lx + 30 * w);
    let sum = n - to;
    for (let i = from; i < to; i++) sum += 1 / (1 + Math.exp((lx - (logs[i] as number)) / w));
    return sum / n;
  };
  const q = (p: number) => Math.exp(logs[Math.min(n - 1, Math.floor(p * n))] as number);
  return { S, q05: q(0.05), q95: q(0.95), top: Math.exp((logs[n - 1] as number) + 3 * w) };
}

/**
 * The shortest gap d in [lo, cap] (s) for which `enough(d)` holds, for a test that holds from some gap on:
 * looked for on a geometric grid of 6 % steps from the floor, then narrowed to within 0.01 % by bisection;
 * the cap when no gap up to it passes.
 */
function shortestGap(enough: (d: number) => boolean, lo: number, cap: number): number {
  let long = Math.max(lo, 0.01);
  while (long < cap && !enough(long)) long *= 1.06;
  long = Math.min(long, cap);
  let short = Math.max(lo, long / 1.06);
  for (let i = 0; i < 10; i++) {
    const m = Math.sqrt(short * long);
    if (enough(m)) long = m;
    else short = m;
  }
  return long;
}

/**
 * The gap (s) from age `t` for a survival S: the shortest gap s in [lo, cap] over which the chance of
 * the end, as a cumulative hazard, reaches 2 / (urgency · s) (for a steady hazard h, s² = 2 / (urgency · h)).
 * Unlike a hazard read at one point, it sees a sharp rise of the hazard within the gap.
 */
function survivalSpacing(S: (x: number) => number, t: number, urgency: number, lo: number, cap: number): number {
  const s0 = S(t);
  if (!(s0 > 0)) return cap;
  return shortestGap(
    (d) => {
      const st = S(t + d);
      return d * urgency * (st > 0 ? Math.log(s0 / st) : Number.POSITIVE_INFINITY) >= 2;
    },
    lo,
    cap,
  );
}

/** The distribution of a target's durations on a grid of log-seconds, shared by every wait of that target. */
interface Durations {
  /** Runs seen ending. */
  n: number;
  /** Seconds by which 5 % and 95 % of them had ended. */
  q05: number;
  q95: number;
  /** Hazard (per second) at GRID_FROM · e^(i · GRID_STEP). */
  h: Float64Array;
  /** Survival at the same points, and ∫ t dF up to each (seconds). */
  S: Float64Array;
  M: Float64Array;
  /** Cost-to-go of the optimal schedule from each point, by floor, cap, urgency and stretch. */
  plans: Map<string, Float64Array>;
}

const GRID_FROM = Math.log(0.05);
const GRID_STEP = 0.02;
const GRID_N = 850; // up to about 1.2 million s (two weeks)
const GRID_T = Float64Array.from({ length: GRID_N }, (_, i) => Math.exp(GRID_FROM + i * GRID_STEP));
const gridT = (i: number) => GRID_T[i] as number;

/** A key's tabulated durations, what they were computed from, and the histories seen since. */
interface GridEntry {
  sig: string;
  d: Durations;
  seen: string;
  changes: number;
}
const grids = new WeakMap<RunHistory, Map<string, GridEntry>>();

/**
 * The distribution of a key's durations: a log-logistic prior (median `priorMedianS`) mixed with a
 * logistic kernel on the log-duration of each run seen, tabulated as survival and hazard. Each
 * kernel is as wide as Silverman's rule says, or narrower where the runs seen crowd together (up to
 * its √n/2-th nearest neighbour), so that separate clusters of durations stay apart. Recomputed only
 * when the history of the key changes.
 */
function durationsOf(history: RunHistory | undefined, key: string, priorMedianS: number): Durations {
  const raw = history?.durations(key) ?? [];
  // Every duration counts in the signature: a store may answer in any order (sorted, say), so a change
  // between its first and last answer must show too.
  let sum = 0;
  let weighted = 0;
  for (let i = 0; i < raw.length; i++) {
    const x = raw[i] as number;
    sum += x;
    weighted += x * (i + 1);
  }
  const sig = `${raw.length}:${sum}:${weighted}:${priorMedianS}`;
  let byKey = history ? grids.get(history) : undefined;
  const hit = byKey?.get(key);
  if (hit) {
    if (hit.sig === sig) return hit.d;
    // Once many runs are known, a few more barely move the distribution: it is recomputed after every
    // eighth change, so that many waits of one target do not each pay for it.
    if (hit.seen !== sig) {
      hit.seen = sig;
      hit.changes++;
    }
    if (hit.d.n >= 16 && hit.changes < hit.d.n / 8) return hit.d;
  }
  const logs = raw
    .filter((x) => x > 0)
    .map((x) => Math.log(x / 1000))
    .sort((a, b) => a - b);
  const n = logs.length;
  const widths: number[] = [];
  if (n > 0) {
    const m = logs.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(logs.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, n - 1));
    const iqr = n >= 4 ? (logs[Math.floor((3 * n) / 4)] as number) - (logs[Math.floor(n / 4)] as number) : sd * 1.35;
    // Silverman's rule on the log scale, as a logistic scale (sd × √3/π).
    const global = 0.55 * 0.9 * Math.min(sd || 1, (iqr || sd || 1) / 1.34) * n ** -0.2;
    const k = Math.max(2, Math.round(Math.sqrt(n)));
    for (let i = 0; i < n; i++) {
      const li = logs[i] as number;
      const near = [];
      for (let j = Math.max(0, i - k); j <= Math.min(n - 1, i + k); j++)
        if (j !== i) near.push(Math.abs((logs[j] as number) - li));
      near.sort((a, b) => a - b);
      const knn = near.length >= k ? (near[k - 1] as number) : global;
      widths.push(Math.max(0.04, Math.min(global, 1.5 * knn)));
    }
  }
  const mu = Math.log(priorMedianS);
  const h = new Float64Array(GRID_N);
  const S = new Float64Array(GRID_N);
  const M = new Float64Array(GRID_N);
  const widest = Math.max(0, ...widths);
  let first = 0;
  let last = 0;
  for (let i = 0; i < GRID_N; i++) {
    const x = GRID_FROM + i * GRID_STEP;
    // Each component: survival S = 1/(1+e^z), hazard (1−S)/(scale·t); mixed by weight × S.
    let num = 0;
    let den = 0;
    const add = (w: number, z: number, scale: number) => {
      const s = 1 / (1 + Math.exp(z));
      num += (w * s * (1 - s)) / scale;
      den += w * s;
    };
    add(PRIOR_WEIGHT, (x - mu) / PRIOR_SCALE, PRIOR_SCALE);
    // Kernels far below x have ended (they add nothing); those far above add their whole weight.
    while (first < n && (logs[first] as number) < x - 40 * widest) first++;
    while (last < n && (logs[last] as number) <= x + 40 * widest) last++;
    den += n - last;
    for (let j = first; j < last; j++) add(1, (x - (logs[j] as number)) / (widths[j] as number), widths[j] as number);
    h[i] = (den > 0 ? num / den : 1) / Math.exp(x);
    S[i] = den / (PRIOR_WEIGHT + n);
    if (i > 0) M[i] = (M[i - 1] as number) + ((S[i - 1] as number) - (S[i] as number)) * Math.exp(x - GRID_STEP / 2);
  }
  const q = (p: number) => (n > 0 ? Math.exp(logs[Math.min(n - 1, Math.floor(p * n))] as number) : 0);
  const d = { n, q05: q(0.05), q95: q(0.95), h, S, M, plans: new Map() };
  if (history) {
    if (!byKey) {
      byKey = new Map();
      grids.set(history, byKey);
    }
    if (byKey.size >= 1000) byKey.clear();
    byKey.set(key, { sig, d, seen: sig, changes: 0 });
  }
  return d;
}

/**
 * The licence to sleep past the cap `hi` at age `a` s, on durations (learned, or predicted by the progress
 * curve) of which 5 % have ended by `q05` and 95 % by `q95`: up to half the age, or up to `q05`, at most
 * `stretch` × the cap, while the run is younger than `q95`; the cap after that.
 */
function licence(q05: number, q95: number, a: number, hi: number, stretch: number): number {
  return a < q95 ? Math.min(hi * stretch, Math.max(hi, a / 2, q05 - a)) : hi;
}

/** The licence past the cap at age `a` s on learned durations (see {@link progressPolicy}). */
function learnedCap(d: Durations, a: number, hi: number, stretch: number): number {
  return licence(d.q05, d.q95, a, hi, stretch);
}

/**
 * The cost-to-go from each grid point of the schedule that minimises mean delay + requests / urgency
 * for these durations (gaps within [lo, learnedCap]), by dynamic programming backwards over the grid.
 * A stretch between two grid points wider than the cap is polled at the cap.
 */
function planOf(d: Durations, lo: number, hi: number, urgency: number, stretch: number): Float64Array {
  const sig = `${lo}:${hi}:${urgency}:${stretch}`;
  const hit = d.plans.get(sig);
  if (hit) return hit;
  const { S, M } = d;
  const lambda = 1 / urgency;
  const V = new Float64Array(GRID_N);
  for (let j = GRID_N - 2; j >= 0; j--) {
    const tj = gridT(j);
    const Sj = S[j] as number;
    const cap = learnedCap(d, tj, hi, stretch);
    let best = Number.POSITIVE_INFINITY;
    const gap = gridT(j + 1) - tj;
    if (gap > cap || gap < lo) {
      // Polled at the floor or the cap until the next point.
      const polls = Math.max(1, Math.ceil(gap / Math.max(lo, Math.min(cap, gap))));
      best = lambda * Sj * polls + (gap / polls / 2) * (Sj - (S[j + 1] as number)) + (V[j + 1] as number);
    }
    for (let k = j + 1; k < GRID_N; k++) {
      const tk = gridT(k);
      if (tk - tj > cap) break;
      if (tk - tj < lo) continue;
      const c = lambda * Sj + tk * (Sj - (S[k] as number)) - ((M[k] as number) - (M[j] as number)) + (V[k] as number);
      if (c < best) best = c;
    }
    V[j] = best;
  }
  if (d.plans.size >= 8) d.plans.clear();
  d.plans.set(sig, V);
  return V;
}

/** The optimal gap (s) from age `a` on learned durations: the grid point after `a + lo` and within `cap` with the least cost-to-go. */
function plannedGap(d: Durations, V: Float64Array, a: number, lo: number, cap: number, urgency: number): number {
  const u = Math.max(0, (Math.log(Math.max(a, 0.05)) - GRID_FROM) / GRID_STEP);
  const i = Math.min(GRID_N - 2, Math.floor(u));
  const f = Math.min(1, u - i);
  const Sa = (d.S[i] as number) * (1 - f) + (d.S[i + 1] as number) * f;
  const Ma = (d.M[i] as number) * (1 - f) + (d.M[i + 1] as number) * f;
  // Where the grid is too coarse for the cap, the hazard's spacing rule stands in for the plan.
  if (gridT(i + 1) - gridT(i) > 0.8 * cap) return spacing((x) => hazardAt(d, x), a, urgency, lo, cap);
  let best = Number.POSITIVE_INFINITY;
  let gap = cap;
  for (let k = i + 1; k < GRID_N; k++) {
    const tk = gridT(k);
    if (tk - a > cap) break;
    if (tk - a < lo) continue;
    const c = tk * (Sa - (d.S[k] as number)) - ((d.M[k] as number) - Ma) + (V[k] as number);
    if (c < best) {
      best = c;
      gap = tk - a;
    }
  }
  return Math.max(lo, Math.min(cap, gap));
}

/** Survival at age `t` s, read off the grid (linear between points). */
function survivalAt(d: Durations, t: number): number {
  const u = Math.max(0, (Math.log(Math.max(t, 0.05)) - GRID_FROM) / GRID_STEP);
  const i = Math.min(GRID_N - 2, Math.floor(u));
  const f = Math.min(1, u - i);
  return (d.S[i] as number) * (1 - f) + (d.S[i + 1] as number) * f;
}

/**
 * When a run seen ending between ages `a` and `b` (s) most likely ended: a draw from the durations
 * learned so far, restricted to (a, b]. Recording the middle of the gap instead would pile every run
 * that ended within one gap onto one point, and the schedule would then learn its own gaps.
 */
function imputeEnd(d: Durations, a: number, b: number, random: () => number): number {
  const sa = survivalAt(d, a);
  const sb = survivalAt(d, b);
  if (!(sa - sb > 1e-9)) return (a + b) / 2;
  const target = sb + random() * (sa - sb);
  let lo = a;
  let hi = b;
  for (let i = 0; i < 40; i++) {
    const m = (lo + hi) / 2;
    if (survivalAt(d, m) > target) lo = m;
    else hi = m;
  }
  return (lo + hi) / 2;
}

/** Hazard at age `t` s, read off the grid (log-linear between points). */
function hazardAt(d: Durations, t: number): number {
  const u = (Math.log(Math.max(t, 0.05)) - GRID_FROM) / GRID_STEP;
  const i = Math.min(GRID_N - 2, Math.floor(u));
  const f = Math.min(1, u - i);
  return (d.h[i] as number) * (1 - f) + (d.h[i + 1] as number) * f;
}

/**
 * The cost-optimal gap from age `t` s for a hazard h (requests vs detection delay at `urgency`
 * requests per second): the shortest gap s with s² ≥ 2 / (urgency · h(t + s)). Seconds, within [lo, cap].
 */
function spacing(h: (t: number) => number, t: number, urgency: number, lo: number, cap: number): number {
  return shortestGap((d) => d * d * urgency * h(t + d) >= 2, lo, cap);
}

/** What a wait has seen of its run's step progress. */
interface ProgressState {
  total: number;
  /** When tracking began (s) and the steps done then. */
  since: number;
  k0: number;
  /** The last poll (s) and the steps done then. */
  lastPoll: number;
  lastK: number;
  /** Estimated end of the latest step seen (s), and the width of the poll gap it was seen in. */
  lastEnd: number;
  lastWidth: number;
  /** Seconds per step between recent step ends, newest last. */
  rates: number[];
  /** Steps seen ending since tracking began. */
  seen: number;
  /**
   * Step ends that count toward the licence past the cap: those seen since tracking began, or since the
   * run was last found stalled (−1 then); the first poll after a stall counts as one, however many steps
   * it saw end, since their times span the stall.
   */
  calm: number;
  /** Each poll gap in which steps ended: steps done before and after it, and its bounds (s), oldest first. */
  marks: [number, number, number, number][];
}

function startProgress(total: number, k: number, t: number): ProgressState {
  return {
    total,
    since: t,
    k0: k,
    lastPoll: t,
    lastK: k,
    lastEnd: Number.NaN,
    lastWidth: 0,
    rates: [],
    seen: 0,
    calm: 0,
    marks: [],
  };
}

/** Folds in a poll at `t` that saw `k` steps done: when steps ended, estimates when and updates the pace. */
function observe(p: ProgressState, k: number, t: number): void {
  if (k > p.lastK) {
    // The k-th step ended in (lastPoll, t]; with dk ends in there, the last is expected dk/(dk+1) of the way.
    const dk = k - p.lastK;
    const width = (t - p.lastPoll) / (dk + 1);
    const end = p.lastPoll + width * dk;
    // The first end seen says little about one step's time (the step was already under way at the start).
    const from = Number.isNaN(p.lastEnd) ? p.since : p.lastEnd;
    const steps = Number.isNaN(p.lastEnd) ? Math.max(0.5, dk - (p.k0 === 0 ? 0 : 0.5)) : dk;
    p.rates.push(Math.max(1e-3, (end - from) / steps));
    if (p.rates.length > RATES) p.rates.shift();
    p.calm = p.calm < 0 ? 1 : p.calm + dk;
    p.lastEnd = end;
    p.lastWidth = width;
    p.seen += dk;
    p.marks.push([p.lastK, k, p.lastPoll, t]);
    if (p.marks.length > 4 * CURVE_POINTS) p.marks.splice(0, p.marks.length - 4 * CURVE_POINTS);
  }
  p.lastPoll = t;
  p.lastK = k;
}

/**
 * Seconds per step from recent steps only: total time over total steps of the last few step ends,
 * leaving out one that took over three times the median (a stall), so it does not slow the estimate.
 */
function pace(p: ProgressState): number {
  const r = p.rates;
  const med = [...r].sort((a, b) => a - b)[Math.floor(r.length / 2)] as number;
  let time = 0;
  let n = 0;
  for (const x of r) {
    if (r.length >= 3 && x > 3 * med) continue;
    time += x;
    n++;
  }
  return time / n;
}

/** The remaining time after the last step end, as a log-logistic (median, log-scale), or null before any end. */
function estimateEnd(p: ProgressState, cv2: number): { median: number; scale: number; tau: number } | null {
  if (Number.isNaN(p.lastEnd)) return null;
  const n = p.total - p.lastK;
  const tau = pace(p);
  const M = n * tau;
  const m = Math.min(p.seen, RATES);
  // Spread of step times: the assumed one, or what the recent steps show when they vary more.
  const r = p.rates;
  const obs = r.length >= 2 ? r.reduce((a, x) => a + (x - tau) ** 2, 0) / (r.length - 1) / (tau * tau) : 0;
  const c2 = Math.max(cv2, Math.min(4, obs / 16));
  const v = c2 / n + c2 / Math.max(1, m) + (p.lastWidth * p.lastWidth) / 12 / (M * M);
  const s = Math.sqrt(Math.log(1 + v));
  // Log-logistic scale with the same spread of log-durations as a lognormal of sd s.
  return { median: M, scale: (s * Math.sqrt(3)) / Math.PI, tau };
}

function logLogisticHazard(x: number, median: number, scale: number): number {
  const b = 1 / scale;
  const r = (Math.max(x, 1e-6) / median) ** b;
  return ((b / Math.max(x, 1e-6)) * r) / (1 + r);
}

function usableProgress(run: Run): { k: number; n: number } | null {
  const n = run.progress?.total;
  const k = run.progress?.completed;
  if (run.state !== "running" || typeof n !== "number" || typeof k !== "number") return null;
  if (!(n > 0 && n < 1e9 && k >= 0 && k <= n && Number.isInteger(n) && Number.isInteger(k))) return null;
  return { k, n };
}

/**
 * The default policy. Polls follow the hazard of the end: dense where runs tend to end and sparse
 * where they do not, trading requests against detection delay at `urgency` requests per second.
 * Without progress, the hazard comes from the durations of runs of the same provider and target
 * this process has seen ending (a broad prior before the first), measured separately for time
 * queued and time running, so a run that leaves the queue starts over; once enough runs are known,
 * gaps are those of the schedule that is optimal for their distribution (dynamic programming), and
 * before that sqrt(2 / (urgency × hazard)). With step progress, once runs of the target have been
 * seen ending with progress, their progress curve (duration over age at each share of the steps)
 * predicts this run's duration from the age at its latest step, so steps of unequal length (fast
 * then slow, or the reverse) do not mislead; before that, the remaining time is estimated from the
 * pace of the last eight step ends (our own clock between polls, never the server's timestamps). With progress, the
 * first look comes by 1.25 × the age at which 5 % of the target's runs have ended; until a step ends,
 * gaps may pass the cap up to the age by which 5 % of the runs would end had they reached the curve's
 * next point now (the run has not, so it lasts at least that long). A stall (no
 * step for three times the pace) or a run past every prediction falls back to the duration hazard
 * under the cap, as does progress that goes backwards or changes its total; only a confident
 * estimate licenses delays beyond the cap. In a run's last step, where a poll mostly detects the end
 * rather than tracks the pace, gaps follow 4× the urgency. Delays stay at or above the floor and
 * polling never stops.
 */
export function progressPolicy(options: ProgressPolicyOptions = {}): PollPolicy {
  const J = options.jitter ?? 0.2;
  const spread = options.spread ?? 0.5;
  const CV2 = spread ** 2;
  const U = options.urgency ?? 0.66;
  const S = options.stretch ?? 10;
  const prior = (options.priorMedian ?? 60_000) / 1000;
  if (!(J >= 0 && J <= 1 && spread >= 0 && U > 0 && S >= 1 && prior > 0)) {
    throw new UsageError("progressPolicy: jitter in [0, 1], spread ≥ 0, urgency > 0, stretch ≥ 1, priorMedian > 0");
  }
  return ({ minInterval, maxInterval, random, target = "", history }) => {
    const lo = minInterval / 1000;
    const hi = Math.max(lo, maxInterval / 1000);
    // All times below in seconds, clock time.
    let phase: "queue" | "run" | null = null;
    let phaseStart = 0;
    let queuedFor = Number.NaN;
    let lastPoll = Number.NaN;
    let progress: ProgressState | null = null;
    // Progress that once went backwards or changed its total no longer earns delays beyond the cap.
    let trusted = true;
    const durations = (): Durations => durationsOf(history, `${target}|${phase}`, prior);
    const out = (d: number) => 1000 * Math.max(lo, d * (1 - J * random()));
    /** The gap from the duration hazard at the phase's age `a`. */
    const blind = (a: number, stretchOk: boolean): number => {
      const d = durations();
      const n = d.n;
      if (n < LEARNED_RUNS) {
        // Until runs of this target have been seen ending, a gap never exceeds the age: a run much
        // shorter than the prior's median is still seen soon after it ends.
        return spacing((x) => hazardAt(d, x), a, U, lo, Math.min(hi, lo + a));
      }
      // Learned durations license gaps past the cap (up to half the run's age, or up to where the
      // first 5 % of runs end) while the run is younger than 95 % of them; a stalled run, or one that
      // outlives them, keeps the cap. Within that, the gap is the optimal schedule's for the durations.
      const cap = stretchOk ? learnedCap(d, a, hi, S) : hi;
      // Jitter only shortens: a planned gap is lengthened by a quarter of it first, so that polls land
      // about where the plan put them (on average 5 % early at the default 20 %, not 10 %).
      const g = plannedGap(d, planOf(d, lo, hi, U, S), a, lo, cap, U);
      return Math.min(cap, g / (1 - J / 4));
    };
    return {
      next(run, nowMs) {
        const t = nowMs / 1000;
        const now: "queue" | "run" = run.state === "running" ? "run" : "queue";
        if (phase === null) {
          phase = now;
          phaseStart = t;
        } else if (phase !== now) {
          // The change happened between the last poll and this one.
          const at = Number.isNaN(lastPoll) ? t : (lastPoll + t) / 2;
          if (phase === "queue") queuedFor = at - phaseStart;
          phase = now;
          phaseStart = at;
          progress = null;
        }
        lastPoll = t;
        const age = t - phaseStart;
        const u = usableProgress(run);
        if (!u) {
          progress = null;
          return out(blind(age, true));
        }
        if (!progress || progress.total !== u.n || u.k < progress.lastK) {
          if (progress) trusted = false;
          progress = startProgress(u.n, u.k, t);
        } else observe(progress, u.k, t);
        const p = progress;
        const left = u.n - u.k;
        if (left <= 0) return out(blind(age, false));
        // In the last step a poll mostly detects the end rather than tracks the pace: it is worth more.
        const urgencyNow = left === 1 ? U * LAST_STEP_URGENCY : U;
        const e = estimateEnd(p, CV2);
        if (!e) {
          const d = durations();
          // The first look with progress comes before many runs of the target could have ended: a short
          // run is then seen soon after its end, and a longer one shows its pace early.
          const early = FIRST_LOOK * d.q05 - age;
          if (t === p.since && d.n >= LEARNED_RUNS && early > lo) return out(Math.min(blind(age, trusted), early));
          // No step has ended yet: the others will likely take about as long as this one already has. Once
          // the target's durations are learned, a run that has not reached the next point of its progress
          // curve lasts at least its age × that point's ratio; like the curve, that licenses gaps past the
          // cap, up to where 5 % of those bounds lie.
          let cap = hi;
          const point = trusted && d.n >= LEARNED_RUNS ? nextCurvePoint(p.lastK, p.total) : 0;
          const ratios = (point > 0 ? history?.durations(`${target}|run@${point}`) : undefined)?.filter((r) => r > 0);
          if (ratios && ratios.length >= LEARNED_RUNS) {
            const r05 = ratios.sort((a, b) => a - b)[Math.floor(0.05 * ratios.length)] as number;
            cap = licence((r05 / 1000) * age, Number.POSITIVE_INFINITY, age, hi, S);
          }
          return out(Math.max(blind(age, trusted), Math.min(cap, ((t - p.since) * (left - 1)) / 3)));
        }
        // Once runs of this target have been seen ending with progress, their progress curve predicts
        // the duration from the age at the latest step end; a run past every prediction keeps the cap.
        const point = curvePoint(p.lastK, p.total);
        const ratios = point > 0 && trusted ? history?.durations(`${target}|run@${point}`) : undefined;
        if (ratios && ratios.length >= LEARNED_RUNS) {
          const at = Math.max(1e-3, p.lastEnd - phaseStart);
          const c = curveSurvival(ratios, at, p.lastWidth / at);
          if (age > c.top) return out(blind(age, false));
          // Like learned durations, the curve licenses gaps past the cap (up to half the run's age, or
          // up to where the first 5 % of its predictions end) while the run is younger than 95 % of them.
          const cap = licence(c.q05, c.q95, age, hi, S);
          return out(survivalSpacing(c.S, age, urgencyNow, lo, cap));
        }
        const x = t - p.lastEnd;
        const stalled = x > 3 * e.tau + lo;
        const overdue = x > e.median * Math.exp(2 * e.scale * 1.8138);
        if (stalled || overdue) {
          p.calm = -1;
          return out(blind(age, false));
        }
        // Only steady steps license gaps past the cap: two step ends seen since the last stall.
        const cap = trusted && p.calm >= 2 ? hi * S : hi;
        const d = spacing((y) => logLogisticHazard(y, e.median, e.scale), x, urgencyNow, lo, cap);
        // Progress may mislead (steps of very unequal length): once runs of this target have been
        // seen ending, no gap is longer than twice what their durations alone would allow.
        return out(durations().n >= LEARNED_RUNS ? Math.min(d, 2 * blind(age, true)) : d);
      },
      end(run, nowMs) {
        if (!history || run.state === "cancelled" || phase === null) return;
        const t = nowMs / 1000;
        // The run ended between the last poll and this one: when, is drawn from what is learned so far.
        const from = Number.isNaN(lastPoll) ? t : Math.max(phaseStart, lastPoll);
        const T = Math.max(0.001, imputeEnd(durations(), from - phaseStart, t - phaseStart, random));
        if (phase === "queue") {
          history.add(`${target}|queue`, T * 1000);
          return;
        }
        if (!Number.isNaN(queuedFor)) history.add(`${target}|queue`, Math.max(0.001, queuedFor) * 1000);
        history.add(`${target}|run`, T * 1000);
        if (progress && trusted) {
          // Of the steps that fall on one point (several, when a run has more steps than points), the
          // one nearest to the point's share of the steps gives its ratio.
          const byPoint = new Map<number, { off: number; r: number }>();
          const n = progress.total;
          for (const [k1, k2, from, to] of progress.marks) {
            // The steps that ended within one gap are taken as spread evenly over it.
            const width = (to - from) / (k2 - k1 + 1);
            for (let k = k1 + 1; k <= k2; k++) {
              const e = from + width * (k - k1);
              const point = curvePoint(k, n);
              const off = Math.abs(k / n - point / CURVE_POINTS);
              const had = byPoint.get(point);
              if (point > 0 && e > phaseStart && !(had && had.off <= off)) byPoint.set(point, { off, r: T / (e - phaseStart) });
            }
          }
          for (const [point, { r }] of byPoint) history.add(`${target}|run@${point}`, r * 1000);
        }
      },
    };
  };
}
