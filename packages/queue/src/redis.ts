import type { ConnectionOptions } from "bullmq";
import { Redis } from "ioredis";

/** Where the queue's Redis is: an ioredis client (used as is, never closed by us), its options, or a `redis://` URL. */
export type Connection = ConnectionOptions | string;

/** A client of our own for `c` (closed by `own`), or the user's client as is. */
export function clientFor(c: Connection): { redis: Redis; own: boolean } {
  if (typeof c === "string") return { redis: new Redis(c, { maxRetriesPerRequest: null }), own: true };
  if (c instanceof Redis) return { redis: c, own: false };
  const { url, ...rest } = c as { url?: string } & Record<string, unknown>;
  return {
    redis: url ? new Redis(url, { ...rest, maxRetriesPerRequest: null }) : new Redis({ ...rest, maxRetriesPerRequest: null }),
    own: true,
  };
}

/** The options BullMQ is given for `c`: it makes its own connections from options, or uses the client given. */
export function bullConnection(c: Connection): ConnectionOptions {
  return typeof c === "string" ? { url: c } : c;
}
