import type { IncomingHttpHeaders } from "node:http";
import { header } from "./http.js";
import { checkFault } from "./options.js";
import type { FaultSpec, SimProvider } from "./types.js";

export const FAULT_HEADER = "x-simulator-fault";

interface Entry {
  spec: FaultSpec;
  seen: number;
  fired: number;
}

/** The planned faults and how many matching requests each has seen. */
export class FaultPlan {
  private entries: Entry[] = [];

  constructor(initial: readonly FaultSpec[] = []) {
    for (const f of initial) this.add(f);
  }

  add(spec: FaultSpec): void {
    this.entries.push({ spec, seen: 0, fired: 0 });
  }

  clear(): void {
    this.entries = [];
  }

  list(): { fault: FaultSpec; seen: number; fired: number }[] {
    return this.entries.map((e) => ({ fault: e.spec, seen: e.seen, fired: e.fired }));
  }

  /**
   * Counts this request against every matching fault and returns the first one due to fire.
   * `route` is the route name, `path` the path after the provider prefix.
   */
  take(provider: SimProvider, route: string, method: string, path: string): FaultSpec | null {
    let due: FaultSpec | null = null;
    for (const e of this.entries) {
      const f = e.spec;
      if (f.provider && f.provider !== provider) continue;
      if (f.method && f.method !== method) continue;
      if (f.path && (f.path.startsWith("/") ? !path.startsWith(f.path) : f.path !== route)) continue;
      e.seen++;
      const nth = f.nth ?? 1;
      const times = f.times ?? 1;
      if (due === null && e.seen >= nth && (times === "always" || e.fired < times)) {
        e.fired++;
        due = f;
      }
    }
    return due;
  }
}

/**
 * A one-off fault asked for by the request itself: `x-simulator-fault: 429`, `429=5` (hint in
 * seconds), `5xx`, `503`, `slow=1500`, `drop` or `reset`. Returns null when absent; throws a
 * SimulatorError for a value it cannot read.
 */
export function headerFault(headers: IncomingHttpHeaders): FaultSpec | null {
  const h = header(headers, FAULT_HEADER);
  if (h === null || h.trim() === "") return null;
  const [rawKind, rawArg] = h.trim().split("=", 2) as [string, string | undefined];
  const arg = rawArg === undefined ? undefined : Number(rawArg);
  const spec: Record<string, unknown> = {};
  if (/^5\d\d$/.test(rawKind)) {
    spec.kind = "5xx";
    spec.status = Number(rawKind);
  } else {
    spec.kind = rawKind;
    if (rawKind === "429" && arg !== undefined) spec.retryAfterSec = arg;
    if (rawKind === "slow" && arg !== undefined) spec.delayMs = arg;
  }
  return checkFault(spec, `header ${FAULT_HEADER}`);
}
