import { createHash, randomBytes } from "node:crypto";
import type { BudgetGrant, BudgetStore, BudgetTicket, RateBudget } from "@runstatus/core";
import { UsageError } from "@runstatus/core";
import type { Redis } from "ioredis";
import { type Connection, clientFor } from "./redis.js";

// A slot is held a hair more than the window after the answer (as in core's in-memory store).
const GUARD_MS = 1;

// KEYS: in flight (score: the latest time the request may still count), answered (score: when it
// stops counting), a counter of refusals. ARGV: limit, windowMs, leaseMs, ticket id, guard ms. Times are Redis's own clock,
// so every process counts on one clock. Returns {1, now} or {0, now, retryAt}.
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit = tonumber(ARGV[1])
local win = tonumber(ARGV[2])
local lease = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
local flying = redis.call('ZCARD', KEYS[1])
local answered = redis.call('ZCARD', KEYS[2])
local busy = flying + answered
if busy < limit then
  redis.call('ZADD', KEYS[1], now + lease + win + tonumber(ARGV[5]), ARGV[4])
  redis.call('PEXPIRE', KEYS[1], lease + win + 1000)
  if answered > 0 then redis.call('PEXPIRE', KEYS[2], lease + win + 1000) end
  return {1, now}
end
-- The (busy - limit + 1)-th release is the earliest a slot can free; refused callers are spread over
-- the known releases (a counter rotates them), so they do not all come back at the same one.
local k = busy - limit
if k < answered then
  local n = redis.call('INCR', KEYS[3])
  redis.call('PEXPIRE', KEYS[3], lease + win + 1000)
  k = k + (n % (answered - k))
  local r = redis.call('ZRANGE', KEYS[2], k, k, 'WITHSCORES')
  return {0, now, tonumber(r[2])}
end
return {0, now, now + win + tonumber(ARGV[5])}
`;

// KEYS: in flight, answered. ARGV: ticket id, windowMs, guard ms, leaseMs.
const RECORD = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local win = tonumber(ARGV[2])
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZADD', KEYS[2], now + win + tonumber(ARGV[3]), ARGV[1])
redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[4]) + win + 1000)
return 1
`;

interface BudgetCommands {
  rsAcquire(
    inFlight: string,
    answered: string,
    refused: string,
    limit: number,
    windowMs: number,
    leaseMs: number,
    id: string,
    guard: number,
  ): Promise<number[]>;
  rsRecord(inFlight: string, answered: string, id: string, windowMs: number, guard: number, leaseMs: number): Promise<number>;
}

export interface RedisBudgetStoreOptions {
  /** The Redis to count in: an ioredis client, its options, or a `redis://` URL. */
  connection: Connection;
  /** Prefix of every key. Default "runstatus". */
  prefix?: string;
  /**
   * Longest a request may stay unanswered, ms: a request whose process died before its answer
   * counts until this much after it was sent, plus one window. Callers abort requests at this age.
   * Default 60000.
   */
  leaseMs?: number;
}

interface RedisTicket extends BudgetTicket {
  readonly id: string;
}

/**
 * A {@link BudgetStore} in Redis, shared by every process that counts in it (workers of a queue, or
 * in-process schedulers given it as `budgets`). Each acquire is one Lua script, so two processes
 * never both take the last slot. A request counts from `acquire` until `record` and for one window
 * after its answer, as in core's in-memory store; one whose process died counts for `leaseMs` plus
 * a window. Keys are `<prefix>:budget:{<sha-256 of the budget key>}:…`: no key names an API key
 * (adapters already put only a tag of it in budget keys) nor anything readable back into one.
 */
export class RedisBudgetStore implements BudgetStore {
  readonly #redis: Redis & BudgetCommands;
  readonly #own: boolean;
  readonly #prefix: string;
  readonly #lease: number;

  constructor(options: RedisBudgetStoreOptions) {
    if (!options || options.connection === undefined) throw new UsageError("RedisBudgetStore: `connection` is required");
    const lease = options.leaseMs ?? 60_000;
    if (!(typeof lease === "number" && lease > 0 && Number.isFinite(lease))) {
      throw new UsageError("RedisBudgetStore: `leaseMs` must be a number of ms > 0");
    }
    this.#lease = lease;
    this.#prefix = options.prefix ?? "runstatus";
    const { redis, own } = clientFor(options.connection);
    this.#own = own;
    redis.defineCommand("rsAcquire", { numberOfKeys: 3, lua: ACQUIRE });
    redis.defineCommand("rsRecord", { numberOfKeys: 2, lua: RECORD });
    this.#redis = redis as Redis & BudgetCommands;
  }

  /** How long an unanswered request is held, ms. */
  get leaseMs(): number {
    return this.#lease;
  }

  #keys(key: string): [string, string, string] {
    const h = createHash("sha256").update(key).digest("hex").slice(0, 32);
    const k = `${this.#prefix}:budget:{${h}}`;
    return [`${k}:flying`, `${k}:answered`, `${k}:refused`];
  }

  async acquire(budget: RateBudget, now: number): Promise<BudgetGrant> {
    const [f, a, n] = this.#keys(budget.key);
    const id = randomBytes(9).toString("base64url");
    const r = await this.#redis.rsAcquire(f, a, n, budget.limit, budget.windowMs, this.#lease, id, GUARD_MS);
    const [ok, at, retry] = r.map(Number) as [number, number, number];
    if (ok === 1) {
      const ticket: RedisTicket = { key: budget.key, windowMs: budget.windowMs, sentAt: now, id };
      return { ok: true, ticket };
    }
    // Redis's clock decides; the answer is given on the caller's clock.
    return { ok: false, retryAt: now + Math.max(1, retry - at) };
  }

  async record(ticket: BudgetTicket, _answeredAt: number): Promise<void> {
    const id = (ticket as RedisTicket).id;
    if (typeof id !== "string") return;
    const [f, a] = this.#keys(ticket.key);
    await this.#redis.rsRecord(f, a, id, ticket.windowMs, GUARD_MS, this.#lease);
  }

  /** Requests of `key` counted now (in flight or answered within the last window). */
  async count(key: string): Promise<number> {
    const [f, a] = this.#keys(key);
    const now = Date.now();
    const [x, y] = await Promise.all([this.#redis.zcount(f, now, "+inf"), this.#redis.zcount(a, now, "+inf")]);
    return x + y;
  }

  /** Closes the connection if this store opened it. */
  async close(): Promise<void> {
    if (this.#own) await this.#redis.quit().catch(() => {});
  }
}
