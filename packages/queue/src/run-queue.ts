import { UsageError } from "@runstatus/core";
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { bullConnection, type Connection, clientFor } from "./redis.js";
import { endedKey, jobIdOf, type Metadata, type QueueNames, resolveNames, signalKey, type TrackedRun } from "./shared.js";

export interface RunQueueOptions extends QueueNames {
  /** The Redis the workers use: an ioredis client, its options, or a `redis://` URL. */
  connection: Connection;
  /** Checks references at `track` (e.g. a `createRunStatus(…)`): a malformed one is a UsageError. Default: a basic check. */
  runStatus?: { resolve(ref: string): { ref: string } };
}

export interface TrackOptions {
  /** When the run ends with a `timeout` event if it has not ended before: a Date or epoch ms. */
  deadline?: Date | number;
  /** JSON-safe data carried with every event of the run (at most 16 KB). Stored in Redis: put no secret in it. */
  metadata?: Metadata;
}

export interface RunQueue {
  /**
   * Persists a wait for `ref`: workers poll it until it ends. Resolves true when added, false when
   * the ref is already tracked (nothing changes then).
   */
  track(ref: string, opts?: TrackOptions): Promise<boolean>;
  /** Stops tracking `ref` (no `ended` event follows). Resolves false when it was not tracked. */
  untrack(ref: string): Promise<boolean>;
  /** Polls `ref` now instead of at its scheduled time (e.g. a webhook said it changed). False when not tracked. */
  notify(ref: string): Promise<boolean>;
  /** Whether `ref` is tracked. */
  isTracked(ref: string): Promise<boolean>;
  /** The BullMQ queue underneath. */
  readonly queue: Queue<TrackedRun>;
  close(): Promise<void>;
}

const MAX_METADATA = 16_000;
const ENDED_TTL_S = 7 * 24 * 3600;

/** Job options of every tracked run: kept only while tracked; an unexpected processor error is retried. */
export const JOB_OPTIONS = {
  removeOnComplete: true,
  removeOnFail: { age: ENDED_TTL_S },
  attempts: 1000,
  backoff: { type: "fixed", delay: 2000 },
} as const;

/**
 * The producer side: track, untrack and nudge runs from any process (a web server, a script). It
 * needs no provider key: only references travel.
 */
export function createRunQueue(options: RunQueueOptions): RunQueue {
  if (!options || options.connection === undefined) throw new UsageError("createRunQueue: `connection` is required");
  const names = resolveNames(options, "createRunQueue");
  const queue = new Queue<TrackedRun>(names.name, { connection: bullConnection(options.connection), prefix: names.prefix });
  let client: { redis: Redis; own: boolean } | undefined;
  const redis = () => {
    client ??= clientFor(options.connection);
    return client.redis;
  };
  const check = (ref: unknown, op: string): string => {
    if (typeof ref !== "string" || ref.length > 2048 || !/^[a-z][a-z0-9-]*:\S+$/.test(ref)) {
      throw new UsageError(
        `${op}: expected a run reference such as "onepin:<workflow_id>/<run_id>", got ${JSON.stringify(String(ref)).slice(0, 80)}`,
      );
    }
    return options.runStatus ? options.runStatus.resolve(ref).ref : ref;
  };
  return {
    queue,
    async track(ref, opts = {}) {
      const r = check(ref, "track");
      if (typeof opts !== "object" || opts === null) throw new UsageError("track: options must be an object");
      const dl = opts.deadline instanceof Date ? opts.deadline.getTime() : opts.deadline;
      if (dl !== undefined && !(typeof dl === "number" && Number.isFinite(dl))) {
        throw new UsageError("track: `deadline` must be a Date or epoch ms");
      }
      let metadata: Metadata | undefined;
      if (opts.metadata !== undefined) {
        const text =
          typeof opts.metadata === "object" && opts.metadata !== null && !Array.isArray(opts.metadata)
            ? JSON.stringify(opts.metadata)
            : undefined;
        if (text === undefined || text.length > MAX_METADATA) {
          throw new UsageError(`track: \`metadata\` must be a JSON object of at most ${MAX_METADATA} characters`);
        }
        metadata = JSON.parse(text) as Metadata;
      }
      const jobId = jobIdOf(r);
      if (await queue.getJob(jobId)) return false;
      // A ref tracked again after it ended gets its own `ended` event.
      await redis().del(endedKey(names, jobId), signalKey(names, jobId));
      const data: TrackedRun = { ref: r, trackedAt: Date.now(), polls: 0, seen: [], fails: 0, unknown: 0, lastRun: null };
      if (dl !== undefined) data.deadline = dl;
      if (metadata) data.metadata = metadata;
      const job = await queue.add("poll", data, { ...JOB_OPTIONS, jobId });
      return job.data.trackedAt === data.trackedAt;
    },
    async untrack(ref) {
      const jobId = jobIdOf(check(ref, "untrack"));
      const job = await queue.getJob(jobId);
      if (!job) return false;
      try {
        await job.remove();
      } catch {
        // Being polled right now: the worker stops it after this poll.
        await redis().set(signalKey(names, jobId), "stop", "EX", 86_400);
      }
      return true;
    },
    async notify(ref) {
      const jobId = jobIdOf(check(ref, "notify"));
      const job = await queue.getJob(jobId);
      if (!job) return false;
      try {
        await job.promote();
      } catch {
        // Not delayed (waiting or being polled): the worker polls again at once after this poll.
        await redis().set(signalKey(names, jobId), "nudge", "EX", 3600, "NX");
      }
      return true;
    },
    async isTracked(ref) {
      return Boolean(await queue.getJob(jobIdOf(check(ref, "isTracked"))));
    },
    async close() {
      await queue.close();
      if (client?.own) await client.redis.quit().catch(() => {});
    },
  };
}
