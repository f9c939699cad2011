import {
  isTerminal,
  type PollOptions,
  type Run,
  type RunProvider,
  type RunState,
  type Scheduler,
  type StartContext,
  sharedScheduler,
  UsageError,
} from "@runstatus/core";
import type { RunEvent } from "./run-event.js";

/** Options of `start`. */
export interface StartOptions {
  signal?: AbortSignal;
  /**
   * Where the provider posts this run's events: Magnific takes it per run. ModelsLab posts to the
   * webhook URL set on the workflow (ModelsLab's dashboard), so it takes none here; the other
   * providers send no webhooks.
   */
  webhookUrl?: string;
}

/** What `notify` did: how many waits it told, or that the event changed nothing (a repeat, a late event). */
export interface NotifyResult {
  waits: number;
  ignored: boolean;
}

/** The scheduler the facade's waits use by default, which nudges reach. */
export const schedulerOf =
  (defaults: PollOptions): (() => Scheduler) =>
  () =>
    defaults.scheduler ?? sharedScheduler(defaults.clock);

/** The context `start` hands to the adapter; a webhook URL only where the provider takes one per run. */
export function startContext(provider: RunProvider, opts: StartOptions | undefined): StartContext {
  const ctx: StartContext = opts?.signal ? { signal: opts.signal } : {};
  const url = opts?.webhookUrl;
  if (url === undefined) return ctx;
  if (typeof url !== "string" || !/^https?:\/\/\S+$/.test(url)) {
    throw new UsageError("start: `webhookUrl` must be an absolute http(s) URL", { provider: provider.name });
  }
  if (!provider.capabilities.webhooks) {
    throw new UsageError(
      provider.name === "modelslab"
        ? "start: modelslab takes no webhook per run; set the webhook URL on the workflow in ModelsLab and point it at your receiver"
        : `start: ${provider.name} sends no webhooks`,
      { provider: provider.name },
    );
  }
  return { ...ctx, webhookUrl: url };
}

const KNOWN_REFS = 10_000;
const SEEN_IDS = 10_000;
/** Longer than a signature's timestamp tolerance (5 minutes), so a replay past it fails verification instead. */
const SEEN_ID_MS = 10 * 60_000;

/**
 * `notify(refOrEvent)`: a reference nudges the waits on its run; a RunEvent goes through the rules
 * that make several deliveries in any order change nothing twice: a repeated `webhook-id`, a
 * repeated state of a run and any event after a run's terminal one (a late `initialized`) are
 * ignored. A verified terminal event ends the waits on its run without a poll.
 */
export function notifier(
  scheduler: () => Scheduler,
  resolve: (ref: string) => { ref: string },
): (e: string | RunEvent) => NotifyResult {
  const known = new Map<string, RunState | null>();
  const seenIds = new Map<string, number>();

  const isNew = (e: RunEvent): boolean => {
    const now = Date.now();
    if (typeof e.id === "string") {
      const key = `${e.provider}|${e.id}`;
      const at = seenIds.get(key);
      if (at !== undefined && now - at < SEEN_ID_MS) return false;
      seenIds.delete(key);
      seenIds.set(key, now);
      if (seenIds.size > SEEN_IDS) seenIds.delete(seenIds.keys().next().value as string);
    }
    const before = known.get(e.ref);
    // After a terminal state only a different terminal state goes through (an unsigned one only
    // nudges): a late `initialized` or a repeat never undoes the end.
    if (before != null && before === e.state) return false;
    if (before != null && isTerminal(before) && (e.state === null || !isTerminal(e.state))) return false;
    known.delete(e.ref);
    known.set(e.ref, e.state ?? before ?? null);
    if (known.size > KNOWN_REFS) known.delete(known.keys().next().value as string);
    return true;
  };

  return (e) => {
    if (typeof e === "string") return { waits: scheduler().nudge(resolve(e).ref), ignored: false };
    if (typeof e !== "object" || e === null || typeof e.ref !== "string") {
      throw new UsageError("notify: expected a run reference or a RunEvent from the webhook handler");
    }
    const event = { ...e, ref: resolve(e.ref).ref };
    if (!isNew(event)) return { waits: 0, ignored: true };
    const state = event.state ?? null;
    const verifiedRun: Run | null = event.verified === true && state !== null && isTerminal(state) ? event.run : null;
    return { waits: scheduler().nudge(event.ref, state, verifiedRun), ignored: false };
  };
}
