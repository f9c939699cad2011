import {
  type BudgetStore,
  type BudgetTicket,
  checkBudget,
  isTerminal,
  type PaceLimits,
  type PollPolicy,
  type PollResult,
  pollDelay,
  progressPolicy,
  type Run,
  type RunHistory,
  type RunProvider,
  RunStatusError,
  retryDelay,
  type Schedule,
  UnknownStateError,
  UsageError,
} from "@runstatus/core";
import { DelayedError, type Job, Worker } from "bullmq";
import type { Redis } from "ioredis";
import { RedisBudgetStore } from "./budget-store.js";
import { bullConnection, type Connection, clientFor } from "./redis.js";
import { RedisRunHistory } from "./run-history.js";
import {
  type EventError,
  endedKey,
  eventError,
  type QueueNames,
  type RunEndedEvent,
  type RunUpdatedEvent,
  resolveNames,
  signalKey,
  type TrackedRun,
} from "./shared.js";

/** Polls kept in a job to rebuild its schedule in another worker (the schedule looks at recent ones). */
const SEEN = 32;
/** A budget refusal whose slot frees within this many ms is waited for in the worker, up to SHORT_TRIES times. */
const SHORT_WAIT_MS = 250;
const SHORT_TRIES = 3;
/** Schedules kept in memory per worker, by ref; a miss rebuilds from the job. */
const CACHED = 10_000;

// KEYS: ended marker, stream. ARGV: ttl s, maxlen, ref, event JSON. Publishes at most once per marker.
const END = `
if redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then
  return redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], '*', 'type', 'ended', 'ref', ARGV[3], 'event', ARGV[4])
end
return false
`;

export interface RunWorkerOptions extends QueueNames {
  /** Resolves references to adapters: a `createRunStatus({ providers })` with the keys configured here. */
  runStatus: { resolve(ref: string): { provider: RunProvider; ids: string[]; ref: string } };
  /** The queue's Redis: an ioredis client, its options, or a `redis://` URL. */
  connection: Connection;
  /** Runs polled at once by this worker. Default 16. */
  concurrency?: number;
  /** How long a worker holds a run it polls before another may take it over if it dies, ms. Default 30000. */
  lockDuration?: number;
  /** How often this worker looks for runs of dead workers, ms. Default: `lockDuration`. */
  stalledInterval?: number;
  /** Where request budgets are counted. Default: a {@link RedisBudgetStore} on the same Redis, shared by every worker. */
  budgets?: BudgetStore;
  /** Longest a status request may take, ms (it is aborted then). Default 30000. */
  requestTimeout?: number;
  /** Floor between polls, ms. Default 1000. */
  minInterval?: number;
  /** Cap between polls while nothing tells when the run ends, ms. Default 30000. */
  maxInterval?: number;
  /** Consecutive transient failures tolerated. Default 6. */
  maxRetries?: number;
  /** Consecutive unknown states tolerated. Default 10. */
  maxUnknownPolls?: number;
  /** Default: core's progressPolicy(), as in-process waits. */
  policy?: PollPolicy;
  /** Durations learned from runs seen ending. Default: a {@link RedisRunHistory} on the same Redis, shared by every worker. */
  history?: RunHistory;
  /** Events kept in the stream (approximately). Default 100000. */
  maxEvents?: number;
  /** Called with errors the worker recovers from (Redis hiccups); never with provider keys. Default: ignored. */
  onError?: (err: unknown) => void;
  /** Default Math.random. */
  random?: () => number;
}

export interface RunWorker {
  /** The BullMQ worker underneath. */
  readonly worker: Worker<TrackedRun>;
  /** Counters of this worker: status requests sent, budget refusals, events published. */
  readonly stats: { polls: number; refused: number; updated: number; ended: number };
  /** Stops taking runs, lets the polls in flight finish, closes its connections. */
  close(): Promise<void>;
}

interface EndCommands {
  rsEnd(marker: string, stream: string, ttl: number, maxlen: number, ref: string, event: string): Promise<string | null>;
}

/**
 * A worker polling tracked runs: each run's next poll is a delayed job, scheduled by the same rules
 * as an in-process wait (core's policy, server hints, floor and cap, the unknown-status bound,
 * retries), under budgets counted in Redis. A worker that dies mid-poll loses no run: its lock
 * expires and another worker polls the run again. Provider keys stay in `runStatus`: Redis holds
 * references, snapshots and metadata only.
 */
export function createRunWorker(options: RunWorkerOptions): RunWorker {
  const o = options ?? ({} as RunWorkerOptions);
  if (typeof o.runStatus?.resolve !== "function")
    throw new UsageError("createRunWorker: `runStatus` (createRunStatus(...)) is required");
  if (o.connection === undefined) throw new UsageError("createRunWorker: `connection` is required");
  const names = resolveNames(o, "createRunWorker");
  const num = (name: keyof RunWorkerOptions, def: number, min: number): number => {
    const v = (o[name] as number | undefined) ?? def;
    if (typeof v !== "number" || !(v >= min) || !Number.isFinite(v))
      throw new UsageError(`createRunWorker: \`${name}\` must be a number ≥ ${min}`);
    return v;
  };
  const concurrency = num("concurrency", 16, 1);
  const lockDuration = num("lockDuration", 30_000, 100);
  const stalledInterval = num("stalledInterval", lockDuration, 100);
  const requestTimeout = num("requestTimeout", 30_000, 1);
  const minInterval = num("minInterval", 1000, 0);
  const maxInterval = num("maxInterval", Math.max(30_000, minInterval), minInterval);
  const maxRetries = num("maxRetries", 6, 0);
  const maxUnknownPolls = num("maxUnknownPolls", 10, 0);
  const maxEvents = num("maxEvents", 100_000, 1);
  const random = o.random ?? Math.random;
  const policy = o.policy ?? progressPolicy();
  const limits: PaceLimits = { minInterval, maxInterval, random };
  const onError = o.onError ?? (() => {});

  const { redis: r0, own } = clientFor(o.connection);
  const redis = r0 as Redis & EndCommands;
  redis.defineCommand("rsEnd", { numberOfKeys: 2, lua: END });
  const budgets = o.budgets ?? new RedisBudgetStore({ connection: redis, prefix: names.prefix, leaseMs: requestTimeout });
  const shared = o.history ? null : new RedisRunHistory({ connection: redis, prefix: `${names.prefix}:${names.name}:history` });
  const history: RunHistory = o.history ?? (shared as RedisRunHistory);
  const stats = { polls: 0, refused: 0, updated: 0, ended: 0 };
  const schedules = new Map<string, { s: Schedule; polls: number }>();

  const scheduleOf = (d: TrackedRun, provider: RunProvider, ids: readonly string[]): Schedule => {
    const hit = schedules.get(d.ref);
    if (hit && hit.polls === d.polls) {
      schedules.delete(d.ref);
      schedules.set(d.ref, hit);
      return hit.s;
    }
    // Another worker polled it last (or this one restarted): replay the recent polls.
    const s = policy({ minInterval, maxInterval, random, target: `${provider.name}:${ids.slice(0, -1).join("/")}`, history });
    for (const [t, state, k, n] of d.seen) {
      const progress = k !== null && n !== null ? { completed: k, total: n } : null;
      s.next({ state, progress } as Run, t);
    }
    return s;
  };
  const remember = (ref: string, s: Schedule, polls: number) => {
    schedules.delete(ref);
    schedules.set(ref, { s, polls });
    if (schedules.size > CACHED) schedules.delete(schedules.keys().next().value as string);
  };

  const publishUpdate = async (d: TrackedRun, run: Run, at: number) => {
    const e: Omit<RunUpdatedEvent, "id"> = { type: "updated", ref: d.ref, run, at };
    if (d.metadata) e.metadata = d.metadata;
    await redis.xadd(names.events, "MAXLEN", "~", maxEvents, "*", "type", "updated", "ref", d.ref, "event", JSON.stringify(e));
    stats.updated++;
  };
  const end = async (job: Job<TrackedRun>, reason: RunEndedEvent["reason"], run: Run | null, error?: EventError) => {
    const d = job.data;
    schedules.delete(d.ref);
    const e: Record<string, unknown> = { type: "ended", ref: d.ref, reason, run, at: Date.now() };
    if (error) e.error = error;
    if (d.metadata) e.metadata = d.metadata;
    const id = await redis.rsEnd(
      endedKey(names, job.id as string),
      names.events,
      7 * 24 * 3600,
      maxEvents,
      d.ref,
      JSON.stringify(e),
    );
    if (id) stats.ended++;
  };
  /** Saves the run's state and moves its job to `at`: its next poll. */
  const later = async (job: Job<TrackedRun>, token: string | undefined, at: number): Promise<never> => {
    await job.updateData(job.data);
    await job.moveToDelayed(Math.ceil(at), token);
    throw new DelayedError();
  };

  const poll = async (job: Job<TrackedRun>, token?: string): Promise<void> => {
    const d = job.data;
    const now = Date.now();
    if (d.deadline !== undefined && now >= d.deadline) {
      await end(job, "timeout", d.lastRun, {
        name: "TimeoutError",
        message: `no end before the deadline ${new Date(d.deadline).toISOString()}`,
        kind: "timeout",
      });
      return;
    }
    let provider: RunProvider;
    let ids: string[];
    try {
      ({ provider, ids } = o.runStatus.resolve(d.ref));
    } catch (e) {
      await end(job, "error", d.lastRun, eventError(e));
      return;
    }
    const due = (t: number) => (d.deadline !== undefined ? Math.min(t, d.deadline) : t);
    let ticket: BudgetTicket | null = null;
    const b = provider.budget?.(ids);
    if (b) {
      const budget = checkBudget(b, provider.name);
      for (let tries = 1; ; tries++) {
        const t = Date.now();
        const g = await budgets.acquire(budget, t);
        if (g.ok) {
          ticket = g.ticket;
          break;
        }
        stats.refused++;
        // Refused: a slot that frees within moments is waited for here (cheaper than a trip through
        // the queue); otherwise back when one frees, spread a little so the refused do not all come back at once.
        const at = Math.max(t, g.retryAt) + 50 * random();
        if (tries >= SHORT_TRIES || at - t > SHORT_WAIT_MS || due(at) < at) return later(job, token, due(at));
        await new Promise((r) => setTimeout(r, at - t));
      }
    }
    let result: PollResult | undefined;
    let failure: unknown;
    stats.polls++;
    try {
      result = await provider.get(ids, { signal: AbortSignal.timeout(requestTimeout) });
    } catch (e) {
      failure = e;
    } finally {
      if (ticket) await budgets.record(ticket, Date.now());
    }
    const at = Date.now();
    const signal = await redis.getdel(signalKey(names, job.id as string));
    if (signal === "stop") {
      schedules.delete(d.ref);
      return;
    }
    const run = result?.run;
    if (failure === undefined && (typeof run !== "object" || run === null || typeof run.state !== "string")) {
      failure = new UsageError(`${provider.name}: the adapter returned no run`);
    }
    if (failure !== undefined) {
      const retryable = RunStatusError.is(failure) && (failure as { retryable?: boolean }).retryable === true;
      d.fails++;
      if (retryable && d.fails <= maxRetries) {
        const hint = (failure as { retryAfterMs?: number | null }).retryAfterMs;
        return later(job, token, due(at + (signal === "nudge" ? minInterval : retryDelay(d.fails, hint, limits))));
      }
      await end(job, "error", d.lastRun, eventError(failure));
      return;
    }
    const snap = run as Run;
    d.fails = 0;
    const schedule = scheduleOf(d, provider, ids);
    if (JSON.stringify(snap) !== JSON.stringify(d.lastRun)) {
      d.lastRun = snap;
      await publishUpdate(d, snap, at);
    }
    if (isTerminal(snap.state)) {
      schedule.end?.(snap, at);
      await end(job, "terminal", snap);
      return;
    }
    d.unknown = snap.state === "unknown" ? d.unknown + 1 : 0;
    if (d.unknown > maxUnknownPolls) {
      await end(job, "error", snap, eventError(new UnknownStateError(provider.name, snap.providerStatus, d.unknown)));
      return;
    }
    let delay = pollDelay(schedule, snap, at, d.unknown, result?.retryAfterMs, limits);
    if (signal === "nudge") delay = Math.min(delay, minInterval);
    d.polls++;
    d.seen.push([at, snap.state, snap.progress?.completed ?? null, snap.progress?.total ?? null]);
    if (d.seen.length > SEEN) d.seen.splice(0, d.seen.length - SEEN);
    remember(d.ref, schedule, d.polls);
    return later(job, token, due(at + delay));
  };

  const worker = new Worker<TrackedRun>(names.name, poll, {
    // Runs are taken once what other workers learned is loaded (or failed to load: the prior serves).
    autorun: false,
    connection: bullConnection(o.connection),
    prefix: names.prefix,
    concurrency,
    lockDuration,
    stalledInterval,
    // A run is never given up because workers died while polling it.
    maxStalledCount: Number.MAX_SAFE_INTEGER,
  });
  worker.on("error", onError);
  let closing = false;
  const loaded = shared ? shared.load().catch(onError) : Promise.resolve();
  loaded.then(() => {
    if (!closing) worker.run().catch(onError);
  });
  return {
    worker,
    stats,
    async close() {
      closing = true;
      await loaded;
      await worker.close();
      await shared?.close();
      if (own) await redis.quit().catch(() => {});
    },
  };
}
