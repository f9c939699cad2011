import type { Output, Run, RunState } from "@runstatus/core";

/** The providers that push: Magnific (a webhook per run) and ModelsLab (a webhook per workflow). */
export type WebhookProvider = "magnific" | "modelslab";

export const WEBHOOK_PROVIDERS: readonly WebhookProvider[] = ["magnific", "modelslab"];

/** One webhook delivery, normalized. */
export interface RunEvent {
  provider: WebhookProvider;
  /** The run reference, e.g. "magnific:omps2OH829" or "modelslab:<workflow_id>/<execution_id>". */
  ref: string;
  /** The event name as sent ("finished", "workflow.completed"), or null when the payload has none. */
  event: string | null;
  /** The state the payload says, or null when it says nothing the mapping knows. */
  state: RunState | null;
  /** Outputs the payload lists (Magnific `result`, ModelsLab `output.output`); [] when none. */
  outputs: Output[];
  /** The run as far as the payload describes it (state `unknown` when it says none). */
  run: Run;
  /** The parsed payload. Sender-controlled: escape it before printing it. */
  raw: unknown;
  /** True when a configured secret verified the delivery's Standard-Webhooks signature. */
  verified: boolean;
  /** The `webhook-id` header, when the sender sent one. */
  id: string | null;
}
