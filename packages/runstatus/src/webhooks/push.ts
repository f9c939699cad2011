import {
  type PollOptions,
  type RunProvider,
  type Scheduler,
  type StartContext,
  sharedScheduler,
  UsageError,
} from "@runstatus/core";
import type { RunEvent } from "./run-event.js";
import type { WebhookReceiver } from "./webhook-receiver.js";

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

/** The scheduler the facade's waits use by default, which the receiver's nudges reach. */
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

/** `notify(refOrEvent)`: a reference (checked, normalized) or an event from elsewhere, through the receiver's rules. */
export function notifier(push: WebhookReceiver, resolve: (ref: string) => { ref: string }): (e: string | RunEvent) => number {
  return (e) => {
    if (typeof e === "string") return push.dispatch(resolve(e).ref);
    if (typeof e !== "object" || e === null || typeof e.ref !== "string") {
      throw new UsageError("notify: expected a run reference or a RunEvent from the webhook receiver");
    }
    return push.dispatch({ ...e, ref: resolve(e.ref).ref });
  };
}
