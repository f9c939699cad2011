/** Normalized run state. Each adapter maps its provider's statuses onto these; any status it does not know is `unknown`. */
export type RunState = "queued" | "running" | "paused" | "succeeded" | "partial" | "failed" | "cancelled" | "unknown";

export type OutputKind = "image" | "video" | "audio" | "text" | "file";

export interface Output {
  url: string;
  kind: OutputKind;
  mimeType: string | null;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  /** ISO instant after which `url` stops working, where the provider states or implies one. */
  expiresAt: string | null;
}

export interface Step {
  id: string | null;
  name: string;
  state: RunState;
  providerStatus: string;
  startedAt: string | null;
  completedAt: string | null;
  outputs: Output[];
}

export interface Progress {
  completed: number;
  /** null when the provider does not say how many steps there are. */
  total: number | null;
  failed?: number;
  running?: number;
}

export interface RunError {
  message: string;
  code?: string;
}

/** One snapshot of a run: the facade's contract (printed by `runstatus get <ref> --json`). */
export interface Run {
  /** The provider name, the first part of `ref` ("onepin"). */
  provider: string;
  /** The provider's run id as a string (ModelsLab's integer too). */
  id: string;
  /** The run reference: enough to fetch this run again from any process. */
  ref: string;
  state: RunState;
  /** true for succeeded, partial, failed and cancelled. */
  terminal: boolean;
  /** The status string exactly as the provider sent it. */
  providerStatus: string;
  progress: Progress | null;
  steps: Step[];
  outputs: Output[];
  error: RunError | null;
  createdAt: string | null;
  startedAt: string | null;
  completedAt: string | null;
}

/** What an adapter can do beyond reading a run. */
export interface Capabilities {
  start: boolean;
  cancel: boolean;
  pause: boolean;
  list: boolean;
  webhooks: boolean;
  /** The status call reports step progress (completed of total). */
  progress: boolean;
}

/** Per-call context handed to adapters by the poller and the facade. */
export interface CallContext {
  /** Fires on deadline or abort; adapters pass it to fetch so the request in flight stops. */
  signal?: AbortSignal;
}

/** Per-call context of `start`. */
export interface StartContext extends CallContext {
  /** Where the provider posts this run's events, for providers that take a webhook per run (Magnific). */
  webhookUrl?: string;
}

/** What one poll (one request) returns. */
export interface PollResult {
  run: Run;
  /** Server hint from a successful answer (e.g. Retry-After on a 200), in ms from now. */
  retryAfterMs?: number | null;
  requestId?: string | null;
}

/** What a webhook payload says about a run, read by the adapter of a provider that pushes. */
export interface WebhookRun {
  /** The reference segments of the run the payload is about. */
  ids: string[];
  /** The event name as sent, or null when the payload has none. */
  event: string | null;
  /** The state the payload says, or null when it says nothing the mapping knows. */
  state: RunState | null;
  /** The run as far as the payload describes it (state `unknown` when it says none). */
  run: Run;
}

/** A shared request budget: at most `limit` requests per `windowMs`, shared by every wait with the same key. */
export interface RateBudget {
  key: string;
  limit: number;
  windowMs: number;
}

/** Inputs for starting a run, as `key=value` pairs from the CLI or an object from code. */
export type StartInput = Readonly<Record<string, string | number | boolean>>;

/**
 * What an adapter implements. `ids` are the reference's segments after the provider name,
 * e.g. ["<workflow_id>", "<run_id>"] for OnePin. Every method makes at most one request,
 * except where documented (ModelsLab may read a workflow's schema once to learn its rate limit).
 */
export interface RunProvider {
  readonly name: string;
  /** Names of the reference segments, e.g. ["workflow_id", "run_id"]; used for parsing and messages. */
  readonly refSegments: readonly string[];
  readonly capabilities: Capabilities;
  /** Reads the run once (the provider's status call) and maps it to the run model. */
  get(ids: readonly string[], ctx?: CallContext): Promise<PollResult>;
  /** Starts a run of `target` (app, workflow or blueprint id); returns the new run's reference segments. */
  start?(target: string, input: StartInput, ctx?: StartContext): Promise<{ ids: string[] }>;
  cancel?(ids: readonly string[], ctx?: CallContext): Promise<Run | undefined>;
  pause?(ids: readonly string[], ctx?: CallContext): Promise<Run | undefined>;
  resume?(ids: readonly string[], ctx?: CallContext): Promise<Run | undefined>;
  /** The request budget a poll of this run draws from, if the provider documents one. */
  budget?(ids: readonly string[]): RateBudget | null;
  /**
   * The outputs of a run that has ended, where the status call carries none (OnePin): at most one
   * request; `run` is the terminal snapshot. The facade's `wait` and `watch` call it once, when
   * the run turns terminal, and the final run carries what it returns.
   */
  outputs?(ids: readonly string[], run: Run, ctx?: CallContext): Promise<Output[]>;

  /**
   * Reads a webhook payload (`body` parsed from `text`) of a provider that pushes; throws an
   * InvalidResponseError naming the field when the payload lacks what the mapping needs.
   */
  readWebhook?(body: unknown, text: string): WebhookRun;
}
