import {
  AbortError,
  type ApiError,
  InvalidResponseError,
  nameRun,
  RunStatusError,
  TimeoutError,
  UnknownStateError,
  UsageError,
} from "../errors.js";
import { checkIds, formatRef, isRunProvider } from "../ref.js";
import { isTerminal } from "../run.js";
import type { PollResult, RateBudget, Run, RunProvider, RunState } from "../types.js";
import { type BudgetGrant, type BudgetTicket, checkBudget } from "./budget.js";
import type { Clock } from "./clock.js";
import { causeOf, emit, type PollEventBody, type PollEventListener } from "./events.js";
import { backoffDelay, hintFloor, scheduleDelay, validHint } from "./pace.js";
import type { Nudgeable } from "./push.js";
import { type PollPolicy, progressPolicy, type RunHistory, type Schedule } from "./schedule.js";
import { Scheduler, sharedScheduler, type Timed } from "./scheduler.js";

export interface PollOptions {
  /** Overall deadline in ms: the request in flight is aborted and nothing is sent after it. Default: none. */
  timeout?: number;
  /** Aborts the wait: the request in flight is aborted and nothing is sent after it. */
  signal?: AbortSignal;
  /** Floor between polls, ms. Default 1000. */
  minInterval?: number;
  /** Cap of the backoff while a run reports no usable progress, ms. Default 30000. */
  maxInterval?: number;
  /** Consecutive transient failures (network, 408, 425, 429, 5xx) tolerated, with their own backoff. Default 6. */
  maxRetries?: number;
  /** Consecutive `unknown` states tolerated before an UnknownStateError. Default 10. */
  maxUnknownPolls?: number;
  /** Called once per change (state, progress, outputs, error…), never twice for the same snapshot. */
  onUpdate?: (run: Run) => void;
  /**
   * Called with every {@link PollEvent} of the wait: poll sent, answer, state change, retry (cause,
   * attempt, delay), server hint honoured, rate-budget wait, end. Events carry no secret. A listener
   * that throws does not disturb the wait.
   */
  onEvent?: PollEventListener;
  /** Default: the real clock. */
  clock?: Clock;
  /** Default: Math.random. */
  random?: () => number;
  /** Default: one scheduler per clock, shared by every wait in the process. */
  scheduler?: Scheduler;
  /** Default: {@link progressPolicy}(). */
  policy?: PollPolicy;
  /**
   * Durations of the runs seen ending, by provider and target, that the schedule learns from.
   * Default: the scheduler's (so one for the process with the shared scheduler). Pass your own to persist or share it.
   */
  history?: RunHistory;
  /**
   * What runs of similar duration have in common (an app, workflow or blueprint id). Default: the
   * reference segments before the run id (e.g. OnePin's workflow id); none for one-segment references.
   */
  target?: string;
  /**
   * The run reports to a webhook whose deliveries reach this process (`scheduler.nudge`, the
   * facade's receiver or `notify`): poll on the slow safety schedule while the webhooks of this
   * target keep arriving, and at once when one comes. Default false.
   */
  expectWebhook?: boolean;
  /** With `expectWebhook`, the longest sleep between safety polls, ms. Default 600000 (10 minutes). */
  safetyInterval?: number;
}

/** A run to wait for: the adapter and the reference segments. */
export interface WaitTarget {
  provider: RunProvider;
  ids: readonly string[];
}

interface ResolvedPollOptions {
  timeout: number;
  signal: AbortSignal | undefined;
  minInterval: number;
  maxInterval: number;
  maxRetries: number;
  maxUnknownPolls: number;
  onUpdate: ((run: Run) => void) | undefined;
  onEvent: PollEventListener | undefined;
  random: () => number;
  scheduler: Scheduler;
  policy: PollPolicy;
  history: RunHistory;
  target: string | undefined;
  expectWebhook: boolean;
  safetyInterval: number;
}

interface Sink {
  update(run: Run): void;
  end(run: Run): void;
  fail(err: unknown): void;
}

let shared: PollPolicy | undefined;
function defaultPolicy(): PollPolicy {
  shared ??= progressPolicy();
  return shared;
}

/**
 * Polls a run until it is terminal (succeeded, partial, failed or cancelled) and resolves with it.
 * Rejects with TimeoutError, AbortError, ApiError (401/403/404/422 at once; transient errors once
 * `maxRetries` is spent), TransportError, InvalidResponseError or UnknownStateError; each carries
 * `lastRun`, the last snapshot seen. Bad options reject with a UsageError before any request.
 */
export function waitForRun(provider: RunProvider, ids: readonly string[], opts?: PollOptions): Promise<Run> {
  // Not waitAny([…]): a single wait keeps no group state, which matters at 10,000 waits (≤ 2 KB each).
  return new Promise((resolve, reject) => {
    const o = resolveOptions(opts);
    checkTarget(provider, ids);
    new PollLoop(provider, ids, o, { update() {}, end: resolve, fail: reject }).start();
  });
}

/**
 * One snapshot per change; the last is the terminal run (not repeated). Polling starts at the first
 * `next()`; leaving the loop early stops it, aborts the request in flight and clears its timer.
 * Bad options throw a UsageError at once.
 */
export function watchRun(provider: RunProvider, ids: readonly string[], opts?: PollOptions): AsyncIterable<Run> {
  const o = resolveOptions(opts);
  checkTarget(provider, ids);
  return { [Symbol.asyncIterator]: () => iterate(provider, ids, o) };
}

/** Waits for every run; resolves in input order. The first error rejects and stops the other waits. */
export function waitAll(items: readonly WaitTarget[], opts?: PollOptions): Promise<Run[]> {
  return group(items, opts, false) as Promise<Run[]>;
}

/** Resolves with the first run to end and stops the other waits; the first error rejects (and stops them too). */
export function waitAny(items: readonly WaitTarget[], opts?: PollOptions): Promise<Run> {
  return group(items, opts, true) as Promise<Run>;
}

function group(items: readonly WaitTarget[], opts: PollOptions | undefined, any: boolean): Promise<Run[] | Run> {
  return new Promise((resolve, reject) => {
    const o = resolveOptions(opts);
    if (!Array.isArray(items) || (any && items.length === 0)) {
      throw new UsageError(`${any ? "waitAny" : "waitAll"}: expected ${any ? "a non-empty" : "an"} array of { provider, ids }`);
    }
    for (const it of items) checkTarget(it?.provider, it?.ids);
    const out: Run[] = new Array(items.length);
    let left = items.length;
    if (left === 0) return resolve(out);
    const stopAll = () => {
      for (const t of loops) t.stop();
    };
    const loops = items.map(
      (it, i) =>
        new PollLoop(it.provider, it.ids, o, {
          update() {},
          end(run) {
            out[i] = run;
            if (any) stopAll();
            if (any || --left === 0) resolve(any ? run : out);
          },
          fail(err) {
            stopAll();
            reject(err);
          },
        }),
    );
    for (const t of loops) t.start();
  });
}

const DONE: IteratorResult<Run> = { value: undefined, done: true };

function iterate(provider: RunProvider, ids: readonly string[], o: ResolvedPollOptions): AsyncIterator<Run> {
  const queue: Run[] = [];
  const waiting: (() => void)[] = [];
  let loop: PollLoop | undefined;
  let done = false;
  let error: { e: unknown } | null = null;
  const end = (e?: { e: unknown }) => {
    done = true;
    error = e ?? null;
    wake();
  };
  const wake = () => {
    for (const w of waiting.splice(0)) w();
  };
  const sink: Sink = {
    update(run) {
      queue.push(run);
      wake();
    },
    end: () => end(),
    fail: (e) => end({ e }),
  };
  return {
    async next() {
      if (!loop && !done) {
        loop = new PollLoop(provider, ids, o, sink);
        loop.start();
      }
      while (queue.length === 0 && !done) await new Promise<void>((r) => waiting.push(r));
      if (queue.length > 0) return { value: queue.shift() as Run, done: false };
      const e = error;
      error = null;
      if (e) throw e.e;
      return DONE;
    },
    async return() {
      loop?.stop();
      queue.length = 0;
      end();
      return DONE;
    },
  };
}

// One abort listener per signal, however many waits share it (Node warns past 10 listeners).
const listeners = new WeakMap<AbortSignal, { loops: Set<PollLoop>; on: () => void }>();

function listen(signal: AbortSignal, t: PollLoop): void {
  let l = listeners.get(signal);
  if (!l) {
    const loops = new Set<PollLoop>();
    const on = () => {
      listeners.delete(signal);
      for (const x of loops) x.abort();
    };
    l = { loops, on };
    listeners.set(signal, l);
    signal.addEventListener("abort", on, { once: true });
  }
  l.loops.add(t);
}

function unlisten(signal: AbortSignal, t: PollLoop): void {
  const l = listeners.get(signal);
  if (!l) return;
  l.loops.delete(t);
  if (l.loops.size === 0) {
    listeners.delete(signal);
    signal.removeEventListener("abort", l.on);
  }
}

/** One wait: its own scheduler entry, woken for its next poll or its deadline. */
class PollLoop implements Timed, Nudgeable {
  at = 0;
  seq = 0;
  heapIndex = -1;
  lastRun: Run | null = null;
  /** When the next poll is due; NaN while a request is in flight or a budget answer is pending. */
  #due: number;
  /** Holds one of the provider's in-flight slots, not yet used by a request. */
  #slot = false;
  /** In line for an in-flight slot. */
  #queued = false;
  #ac: AbortController | null = null;
  #fails = 0;
  #unknown = 0;
  #done = false;
  /** Requests sent, and the clock time the last one went out (for events). */
  #polls = 0;
  #sentAt = 0;
  /** A webhook came while a request was in flight: poll again once it answers. */
  #again = false;
  /** The poll going out (or due) was asked for by a webhook. */
  #pushed = false;
  /** No poll before this clock time (a server hint), whatever a webhook says. */
  #notBefore = 0;
  /** When the normal schedule would poll next, while the safety schedule sleeps longer. */
  #normalAt = Number.NaN;
  readonly #ref: string;
  readonly #target: string;
  readonly #deadline: number;
  readonly #schedule: Schedule;
  readonly #s: Scheduler;

  constructor(
    readonly provider: RunProvider,
    readonly ids: readonly string[],
    readonly o: ResolvedPollOptions,
    readonly sink: Sink,
  ) {
    this.#s = o.scheduler;
    const now = this.#s.clock.now();
    this.#due = now;
    this.#deadline = now + o.timeout;
    const target = `${provider.name}:${o.target ?? ids.slice(0, -1).join("/")}`;
    this.#target = target;
    this.#ref = formatRef(provider.name, ids);
    this.#schedule = o.policy({
      minInterval: o.minInterval,
      maxInterval: o.maxInterval,
      random: o.random,
      target,
      history: o.history,
    });
  }

  start(): void {
    if (this.#done) return;
    if (this.o.signal?.aborted) {
      this.abort();
      return;
    }
    if (this.o.signal) listen(this.o.signal, this);
    this.#s.push.watch(this.#ref, this.#target, this);
    this.#plan(this.#s.firstPollAt(this.#due));
  }

  /**
   * A webhook for this run: a verified terminal run ends the wait; an event that says the run is
   * still going only shows that webhooks arrive; anything else polls at once (the status call
   * decides), or right after the request in flight answers.
   */
  nudge(state: RunState | null, run: Run | null): void {
    if (this.#done) return;
    if (run && isTerminal(run.state)) {
      const ac = this.#ac;
      this.#ac = null;
      ac?.abort(new AbortError(this.provider.name, "a verified webhook ended the run"));
      this.#pushed = true;
      this.#ok({ run });
      return;
    }
    if (state !== null && state !== "unknown" && !isTerminal(state)) return;
    if (this.#ac) this.#again = true;
    else if (Number.isNaN(this.#due)) this.#pushed = true;
    else {
      this.#pushed = true;
      this.#plan(Math.max(this.#s.clock.now(), this.#notBefore));
    }
  }

  /** Ends the wait quietly (the consumer left): aborts the request in flight, drops the timer. */
  stop(): void {
    if (this.#done) return;
    this.#stop(new AbortError(this.provider.name, "stopped"));
    this.#event({ type: "end", reason: "stopped", run: this.lastRun, error: null, polls: this.#polls });
  }

  abort(): void {
    if (!this.#done) this.#fail(new AbortError(this.provider.name, this.o.signal?.reason));
  }

  fire(now: number): void {
    try {
      if (this.#done) return;
      if (now >= this.#deadline) this.#fail(new TimeoutError(this.provider.name, this.o.timeout));
      else if (Number.isNaN(this.#due)) this.#park();
      else if (now < this.#due) this.#plan(this.#due);
      else this.#poll();
    } catch (err) {
      this.#fail(err);
    }
  }

  /** The in-flight slot this wait was in line for is now its own. */
  granted(): void {
    this.#queued = false;
    if (this.#done) {
      this.#s.exit(this.provider.name);
      return;
    }
    this.#slot = true;
    this.at = this.#s.clock.now();
    this.#s.add(this);
  }

  /** A poll is due: an in-flight slot first, then a budget slot, then the request. */
  #poll(): void {
    if (!this.#slot) {
      if (!this.#queued && this.#s.enter(this.provider.name, this)) this.#slot = true;
      else {
        this.#queued = true;
        this.#park();
        return;
      }
    }
    const b = this.provider.budget?.(this.ids);
    if (!b) {
      this.#send(null);
      return;
    }
    const budget = checkBudget(b, this.provider.name);
    const grant = this.#s.budgets.acquire(budget, this.#s.clock.now());
    if (!(grant instanceof Promise)) {
      this.#granted(grant, budget);
      return;
    }
    this.#due = Number.NaN;
    this.#park();
    grant.then(
      (g) => this.#granted(g, budget),
      (e) => this.#fail(e),
    );
  }

  #granted(g: BudgetGrant, budget: RateBudget): void {
    if (this.#done) {
      if (g.ok) this.#s.budgets.record(g.ticket, this.#s.clock.now());
      return;
    }
    if (g.ok) {
      this.#send(g.ticket);
      return;
    }
    // Refused: give the in-flight slot back while waiting for the budget.
    this.#slot = false;
    this.#s.exit(this.provider.name);
    const now = this.#s.clock.now();
    this.#event({ type: "budget", delayMs: Math.max(0, g.retryAt - now), limit: budget.limit, windowMs: budget.windowMs });
    this.#plan(Math.max(now, g.retryAt));
  }

  #send(ticket: BudgetTicket | null): void {
    const pushed = this.#pushed;
    this.#pushed = false;
    const ac = new AbortController();
    this.#ac = ac;
    this.#due = Number.NaN;
    this.#slot = false;
    this.#park();
    this.#polls++;
    this.#sentAt = this.#s.clock.now();
    this.#event({ type: "poll", poll: this.#polls, attempt: this.#fails + 1 });
    // The slot and the budget ticket are held until the answer (or the abort) arrives.
    const settle = () => {
      this.#s.exit(this.provider.name);
      if (ticket) this.#s.budgets.record(ticket, this.#s.clock.now());
    };
    // The executor turns an adapter that throws instead of rejecting into a rejection.
    new Promise<PollResult>((r) => r(this.provider.get(this.ids, { signal: ac.signal }))).then(
      (r) => {
        settle();
        if (ac === this.#ac) {
          this.#pushed = pushed;
          this.#ok(r);
        }
      },
      (e) => {
        settle();
        if (ac === this.#ac) this.#err(e);
      },
    );
  }

  #ok(r: PollResult): void {
    try {
      this.#ac = null;
      const now = this.#s.clock.now();
      const run = r?.run;
      if (typeof run !== "object" || run === null || typeof run.state !== "string") {
        throw new InvalidResponseError({ provider: this.provider.name, status: 0, message: "the adapter returned no run" });
      }
      this.#fails = 0;
      const previous = this.lastRun;
      // Snapshots are plain JSON built in one key order (makeRun), so their text tells a change.
      const changed = JSON.stringify(run) !== JSON.stringify(previous);
      this.#event({ type: "answer", run, changed, durationMs: now - this.#sentAt });
      if (run.state !== previous?.state) this.#event({ type: "state", from: previous?.state ?? null, to: run.state, run });
      if (changed) {
        this.lastRun = run;
        this.o.onUpdate?.(run);
        this.sink.update(run);
        if (this.#done) return;
      }
      if (isTerminal(run.state)) {
        if (this.o.expectWebhook) this.#s.push.record(this.#target, this.#pushed);
        this.#schedule.end?.(run, now);
        this.#stop(null);
        this.#event({ type: "end", reason: "terminal", run, error: null, polls: this.#polls });
        this.sink.end(run);
        return;
      }
      this.#unknown = run.state === "unknown" ? this.#unknown + 1 : 0;
      if (this.#unknown > this.o.maxUnknownPolls) {
        this.#fail(new UnknownStateError(this.provider.name, run.providerStatus, this.#unknown));
        return;
      }
      let d = scheduleDelay(this.#schedule, run, now, this.#unknown, this.o);
      const floor = hintFloor(r.retryAfterMs, this.o.random);
      this.#normalAt = now + Math.max(d, floor);
      if (this.#unknown === 0) d = this.#safety(d);
      this.#notBefore = now + floor;
      this.#pushed = false;
      if (this.#again) {
        this.#again = false;
        this.#pushed = true;
        d = 0;
      }
      this.#plan(now + this.#delay(d, r.retryAfterMs, floor, "answer"));
    } catch (err) {
      this.#fail(err);
    }
  }

  #err(e: unknown): void {
    this.#ac = null;
    const o = this.o;
    const attempts = ++this.#fails;
    if (RunStatusError.is(e) && (e as { retryable?: boolean }).retryable === true && attempts <= o.maxRetries) {
      const d = backoffDelay(attempts, o);
      const hintMs = validHint((e as ApiError).retryAfterMs);
      const floor = hintFloor(hintMs, o.random);
      this.#notBefore = this.#s.clock.now() + floor;
      this.#again = false;
      const delayMs = this.#delay(d, hintMs, floor, "error");
      this.#event({ type: "retry", cause: causeOf(e), attempt: attempts, maxRetries: o.maxRetries, delayMs, hintMs });
      this.#plan(this.#s.clock.now() + delayMs);
      return;
    }
    if (RunStatusError.is(e) && "attempts" in e) (e as ApiError).attempts = attempts;
    this.#fail(e);
  }

  /** The wait before the next poll: `planned`, or the hint's `floor` when later. */
  #delay(planned: number, hint: number | null | undefined, floor: number, after: "answer" | "error"): number {
    const hintMs = validHint(hint);
    if (hintMs === null || floor <= planned) return planned;
    this.#event({ type: "hint", after, hintMs, delayMs: floor, plannedMs: planned });
    return floor;
  }

  /** Reports an event to `onEvent` with the fields every event has. */
  #event(body: PollEventBody): void {
    if (!this.o.onEvent) return;
    emit(this.o.onEvent, { ...body, ref: this.#ref, provider: this.provider.name, at: this.#s.clock.now() });
  }

  degrade(): void {
    if (this.#done || Number.isNaN(this.#due) || !(this.#due > this.#normalAt)) return;
    this.#plan(Math.max(this.#s.clock.now(), this.#normalAt));
  }

  /** The safety schedule: while this target's webhooks arrive, a poll at most every `safetyInterval`. */
  #safety(d: number): number {
    if (!this.o.expectWebhook || !this.#s.push.reliable(this.#target)) return d;
    return Math.max(d, this.o.safetyInterval);
  }

  #plan(due: number): void {
    this.#due = due;
    this.at = Math.min(due, this.#deadline);
    this.#s.add(this);
  }

  /** While a request is in flight (or the wait is in line for a slot) only the deadline can wake this wait. */
  #park(): void {
    this.at = this.#deadline;
    if (this.#deadline < Number.POSITIVE_INFINITY) this.#s.add(this);
    else this.#s.drop(this);
  }

  #fail(err: unknown): void {
    if (this.#done) return;
    if (RunStatusError.is(err) && err.lastRun === null) err.lastRun = this.lastRun;
    // A timeout or an unknown status is about this run too: its message names it.
    nameRun(err, this.#ref);
    this.#stop(err);
    this.#event({ type: "end", reason: "error", run: this.lastRun, error: causeOf(err), polls: this.#polls });
    this.sink.fail(err);
  }

  #stop(reason: unknown): void {
    this.#done = true;
    this.#s.drop(this);
    this.#s.push.unwatch(this.#ref, this.#target, this);
    if (this.#queued) {
      this.#queued = false;
      this.#s.leaveLine(this.provider.name, this);
    }
    if (this.#slot) {
      this.#slot = false;
      this.#s.exit(this.provider.name);
    }
    if (this.o.signal) unlisten(this.o.signal, this);
    const ac = this.#ac;
    this.#ac = null;
    if (reason !== null) ac?.abort(reason);
  }
}

function resolveOptions(opts: PollOptions | undefined): ResolvedPollOptions {
  const o: PollOptions = opts ?? {};
  if (typeof o !== "object") throw new UsageError("poll options must be an object");
  const bad = (name: string, want: string) =>
    new UsageError(`\`${name}\` must be ${want}, got ${String(o[name as keyof PollOptions])}`);
  const num = (name: keyof PollOptions, def: number, min = 0, integer = false): number => {
    const v = o[name] ?? def;
    if (
      typeof v !== "number" ||
      !(v >= min) ||
      (integer && !Number.isInteger(v)) ||
      (v === Number.POSITIVE_INFINITY && name !== "timeout")
    ) {
      throw bad(name, `${integer ? "an integer" : "a number of ms"} ≥ ${min}`);
    }
    return v;
  };
  const fn = <T>(name: keyof PollOptions): T | undefined => {
    if (o[name] !== undefined && typeof o[name] !== "function") throw bad(name, "a function");
    return o[name] as T | undefined;
  };
  const minInterval = num("minInterval", 1000);
  const { signal, clock, scheduler } = o;
  if (signal !== undefined && typeof signal?.aborted !== "boolean") throw bad("signal", "an AbortSignal");
  if (clock !== undefined && typeof clock?.sleep !== "function") throw bad("clock", "a Clock");
  if (scheduler !== undefined && !(scheduler instanceof Scheduler && (!clock || clock === scheduler.clock))) {
    throw bad("scheduler", "a Scheduler (on the same clock as `clock`)");
  }
  return {
    timeout: num("timeout", Number.POSITIVE_INFINITY),
    signal,
    minInterval,
    maxInterval: num("maxInterval", Math.max(30_000, minInterval), minInterval),
    maxRetries: num("maxRetries", 6, 0, true),
    maxUnknownPolls: num("maxUnknownPolls", 10, 0, true),
    onUpdate: fn("onUpdate"),
    onEvent: fn("onEvent"),
    random: fn("random") ?? Math.random,
    scheduler: scheduler ?? sharedScheduler(clock),
    policy: fn<PollPolicy>("policy") ?? defaultPolicy(),
    history: checkHistory(o.history) ?? (scheduler ?? sharedScheduler(clock)).history,
    target: checkTargetName(o.target),
    expectWebhook: checkFlag(o.expectWebhook, "expectWebhook"),
    safetyInterval: num("safetyInterval", Math.max(600_000, minInterval), minInterval),
  };
}

function checkHistory(h: RunHistory | undefined): RunHistory | undefined {
  if (h === undefined) return undefined;
  if (typeof h?.durations !== "function" || typeof h?.add !== "function") {
    throw new UsageError("`history` must be a RunHistory ({ durations(key), add(key, ms) }), e.g. new MemoryRunHistory()");
  }
  return h;
}

function checkFlag(v: unknown, name: string): boolean {
  if (v !== undefined && typeof v !== "boolean") throw new UsageError(`\`${name}\` must be true or false, got ${String(v)}`);
  return v === true;
}

function checkTargetName(t: unknown): string | undefined {
  if (t !== undefined && (typeof t !== "string" || t === ""))
    throw new UsageError(`\`target\` must be a non-empty string, got ${String(t)}`);
  return t as string | undefined;
}

function checkTarget(provider: RunProvider | undefined, ids: readonly string[] | undefined): void {
  if (!isRunProvider(provider)) throw new UsageError("expected a run provider (an adapter such as onepin())");
  checkIds(provider, ids as readonly string[]);
}
