import { MemoryRunHistory, type RunHistory, UsageError } from "@runstatus/core";
import type { Redis } from "ioredis";
import { type Connection, clientFor } from "./redis.js";

export interface RedisRunHistoryOptions {
  connection: Connection;
  /** Prefix of its keys. Default "runstatus:history". */
  prefix?: string;
  /** Durations kept per key. Default 64. */
  perKey?: number;
  /** How often the copy in memory is refreshed from Redis, ms. Default 10000. */
  refreshMs?: number;
}

const TTL_S = 30 * 24 * 3600;

/**
 * A {@link RunHistory} shared through Redis: every worker learns from the runs any worker saw
 * ending, and a restarted worker starts from what was learned. Reads come from a copy in memory
 * (the schedule reads synchronously), refreshed every `refreshMs`; each `add` is written through.
 * Keys are targets ("onepin:<workflow id>|run"), values durations in ms: nothing secret.
 */
export class RedisRunHistory implements RunHistory {
  readonly #redis: Redis;
  readonly #own: boolean;
  readonly #prefix: string;
  readonly #perKey: number;
  #local: MemoryRunHistory;
  readonly #timer: ReturnType<typeof setInterval>;
  #loading: Promise<void> | null = null;

  constructor(options: RedisRunHistoryOptions) {
    if (!options || options.connection === undefined) throw new UsageError("RedisRunHistory: `connection` is required");
    const perKey = options.perKey ?? 64;
    const refresh = options.refreshMs ?? 10_000;
    if (!(Number.isInteger(perKey) && perKey >= 1 && refresh > 0 && Number.isFinite(refresh))) {
      throw new UsageError("RedisRunHistory: `perKey` must be an integer ≥ 1 and `refreshMs` a number of ms > 0");
    }
    this.#perKey = perKey;
    this.#prefix = options.prefix ?? "runstatus:history";
    this.#local = new MemoryRunHistory({ perKey });
    const { redis, own } = clientFor(options.connection);
    this.#redis = redis;
    this.#own = own;
    this.#timer = setInterval(() => {
      this.load().catch(() => {});
    }, refresh);
    this.#timer.unref?.();
  }

  durations(key: string): readonly number[] | undefined {
    return this.#local.durations(key);
  }

  add(key: string, ms: number): void {
    if (!(typeof ms === "number" && ms > 0 && ms < Number.POSITIVE_INFINITY)) return;
    this.#local.add(key, ms);
    const k = `${this.#prefix}:${key}`;
    this.#redis
      .multi()
      .rpush(k, Math.round(ms))
      .ltrim(k, -this.#perKey, -1)
      .expire(k, TTL_S)
      .sadd(`${this.#prefix}:keys`, key)
      .expire(`${this.#prefix}:keys`, TTL_S)
      .exec()
      .catch(() => {});
  }

  /** Replaces the copy in memory by what Redis holds (every worker's runs). */
  load(): Promise<void> {
    this.#loading ??= (async () => {
      try {
        const keys = await this.#redis.smembers(`${this.#prefix}:keys`);
        const p = this.#redis.pipeline();
        for (const key of keys) p.lrange(`${this.#prefix}:${key}`, 0, -1);
        const res = keys.length ? ((await p.exec()) ?? []) : [];
        const next = new MemoryRunHistory({ perKey: this.#perKey, maxKeys: Math.max(1000, keys.length) });
        keys.forEach((key, i) => {
          for (const v of (res[i]?.[1] as string[] | undefined) ?? []) next.add(key, Number(v));
        });
        this.#local = next;
      } finally {
        this.#loading = null;
      }
    })();
    return this.#loading;
  }

  toJSON() {
    return this.#local.toJSON();
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    if (this.#own) await this.#redis.quit().catch(() => {});
  }
}
