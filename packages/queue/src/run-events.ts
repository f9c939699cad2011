import { UsageError } from "@runstatus/core";
import type { Redis } from "ioredis";
import { type Connection, clientFor } from "./redis.js";
import { type QueueNames, type RunEndedEvent, type RunEvent, type RunUpdatedEvent, resolveNames } from "./shared.js";

export interface RunEventsOptions extends QueueNames {
  connection: Connection;
  /**
   * Where to start reading: "$" (default) for events published from now on, "0" for every event
   * still in the stream, or the `id` of the last event handled (to resume after a restart).
   */
  from?: string;
  /** Events read per round trip. Default 500. */
  batch?: number;
}

export interface RunEvents extends AsyncIterable<RunEvent> {
  /** Calls `fn` for each event of that type, in stream order. Returns a function that removes it. */
  on(type: "updated", fn: (e: RunUpdatedEvent) => void): () => void;
  on(type: "ended", fn: (e: RunEndedEvent) => void): () => void;
  on(type: "error", fn: (e: unknown) => void): () => void;
  /** The id of the last event read. */
  readonly lastId: string;
  /** Stops reading and closes the connection it opened. */
  close(): Promise<void>;
}

/**
 * Reads the `updated` and `ended` events of a queue's workers from its Redis stream, from any
 * process, with a connection of its own (reads block). Several consumers each see every event.
 */
export function createRunEvents(options: RunEventsOptions): RunEvents {
  if (!options || options.connection === undefined) throw new UsageError("createRunEvents: `connection` is required");
  const names = resolveNames(options, "createRunEvents");
  const batch = options.batch ?? 500;
  if (!(Number.isInteger(batch) && batch >= 1)) throw new UsageError("createRunEvents: `batch` must be an integer ≥ 1");
  // A blocking read needs a connection of its own, even when the user passes a client.
  const base = clientFor(options.connection);
  const redis: Redis = base.own ? base.redis : base.redis.duplicate();
  let lastId = options.from ?? "$";
  let closed = false;
  const handlers = {
    updated: new Set<(e: RunUpdatedEvent) => void>(),
    ended: new Set<(e: RunEndedEvent) => void>(),
    error: new Set<(e: unknown) => void>(),
  };
  const queued: RunEvent[] = [];
  const wakers: (() => void)[] = [];
  let iterating = false;
  let loop: Promise<void> | undefined;

  const deliver = (e: RunEvent) => {
    for (const fn of handlers[e.type]) (fn as (x: RunEvent) => void)(e);
    if (iterating) {
      queued.push(e);
      for (const w of wakers.splice(0)) w();
    }
  };
  const run = async () => {
    while (!closed) {
      let res: [string, [string, string[]][]][] | null;
      try {
        res = (await redis.xread("COUNT", batch, "BLOCK", 1000, "STREAMS", names.events, lastId)) as typeof res;
      } catch (e) {
        if (closed) return;
        for (const fn of handlers.error) fn(e);
        await new Promise((r) => setTimeout(r, 500));
        continue;
      }
      for (const [, entries] of res ?? []) {
        for (const [id, fields] of entries) {
          lastId = id;
          const i = fields.indexOf("event");
          try {
            const e = JSON.parse(fields[i + 1] as string) as RunEvent;
            e.id = id;
            deliver(e);
          } catch (err) {
            for (const fn of handlers.error) fn(err);
          }
        }
      }
    }
  };
  const start = () => {
    loop ??= run();
  };
  return {
    get lastId() {
      return lastId;
    },
    on(type: "updated" | "ended" | "error", fn: (e: never) => void) {
      const set = handlers[type] as Set<unknown> | undefined;
      if (!set || typeof fn !== "function") throw new UsageError('on: expected "updated", "ended" or "error" and a function');
      set.add(fn);
      start();
      return () => set.delete(fn);
    },
    [Symbol.asyncIterator]() {
      iterating = true;
      start();
      return {
        async next() {
          while (queued.length === 0 && !closed) await new Promise<void>((r) => wakers.push(r));
          if (queued.length > 0) return { value: queued.shift() as RunEvent, done: false };
          return { value: undefined, done: true };
        },
        async return() {
          iterating = false;
          queued.length = 0;
          return { value: undefined, done: true };
        },
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const w of wakers.splice(0)) w();
      redis.disconnect();
      await loop?.catch(() => {});
    },
  } as RunEvents;
}
