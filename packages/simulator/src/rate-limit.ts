import { createHash } from "node:crypto";

/**
 * Sliding-window request counter (ModelsLab's per-workflow limit). Keys are hashed so the
 * simulator never holds an API key in its tables.
 */
export class SlidingWindow {
  private readonly hits = new Map<string, number[]>();

  /** Counts one request at `now`; returns 0 when allowed, else the ms until one is allowed again. */
  hit(parts: readonly string[], now: number, limit: number, windowMs: number): number {
    const key = createHash("sha256").update(parts.join("\u0000")).digest("hex");
    const list = (this.hits.get(key) ?? []).filter((t) => t > now - windowMs);
    if (list.length >= limit) {
      this.hits.set(key, list);
      return Math.max(1, (list[0] as number) + windowMs - now);
    }
    list.push(now);
    this.hits.set(key, list);
    return 0;
  }

  reset(): void {
    this.hits.clear();
  }
}
