import type { WebhookDelivery, WebhookFault } from "./webhooks.js";

/** The four providers the simulator serves, each under its own path prefix. */
export type SimProvider = "magnific" | "onepin" | "wondercat" | "modelslab";

export const PROVIDERS: readonly SimProvider[] = ["magnific", "onepin", "wondercat", "modelslab"];

/**
 * How a run behaves over time.
 * - `succeeded`: queued, then running with steps advancing, then succeeded with outputs.
 * - `failed`: fails in the middle step (`failAtStep`).
 * - `partial`: Magnific `completed_with_errors` with some outputs; providers without a partial
 *   status fail in their last step instead (Wondercat keeps the other leaves' outputs).
 * - `cancelled`: cancelled in the middle of `cancelAtStep` (as if a user cancelled it).
 * - `paused`: OnePin only; parks at the `pauseAtStep` boundary until resumed.
 * - `slow`: `succeeded`, every duration multiplied by `slowFactor`.
 * - `unknown-status`: after its first step, reports a status outside the provider's enum, forever.
 */
export type ScenarioName = "succeeded" | "failed" | "partial" | "cancelled" | "paused" | "slow" | "unknown-status";

export const SCENARIOS: readonly ScenarioName[] = [
  "succeeded",
  "failed",
  "partial",
  "cancelled",
  "paused",
  "slow",
  "unknown-status",
];

/** Simulated durations; real time is simulated time divided by `speed`. */
export interface Timing {
  /** Time spent queued before the first step starts. Default 1000 ms. */
  queuedMs: number;
  /** Time per step. Default 1500 ms. */
  stepMs: number;
  /** Number of steps. Default 4. */
  steps: number;
  /** 1-based step that fails (`failed`; `partial` uses the last step). Default: the middle step. */
  failAtStep?: number;
  /** 1-based step in whose middle the run is cancelled (`cancelled`). Default: the middle step. */
  cancelAtStep?: number;
  /** Steps finished before the run parks (`paused`). Default: half of the steps. */
  pauseAtStep?: number;
}

/** The normalized phase of a simulated run; each provider renders it in its own vocabulary. */
export type Phase = "queued" | "running" | "paused" | "succeeded" | "partial" | "failed" | "cancelled" | "unknown";

export type FaultKind = "429" | "5xx" | "slow" | "drop" | "reset";

/**
 * One planned fault. A fault matches requests by provider and route, counts them, and fires
 * on the `nth` matching request and the `times - 1` after it.
 */
export interface FaultSpec {
  /** Default: any provider. */
  provider?: SimProvider;
  /**
   * A route name (`status`, `start`, `get`, `cancel`, `pause`, `resume`, `steps`, `list-runs`,
   * `summary`, `outputs`, `download`, `list`, `target`) or a path prefix starting with "/"
   * (after the provider prefix). Default: any route.
   */
  path?: string;
  /** HTTP method to match (GET, POST). Default: any. */
  method?: string;
  /** 1-based: the first matching request that faults. Default 1. */
  nth?: number;
  /** How many consecutive matching requests fault from `nth` on; "always" for every one. Default 1. */
  times?: number | "always";
  kind: FaultKind;
  /** For `429`: the hint in seconds (header or body, as the provider documents). Default 1. */
  retryAfterSec?: number;
  /** For `429` on Wondercat: `throttled` (with `deferUntil`, the default) or `rate_limit_exceeded` (with `Retry-After`). */
  code?: "throttled" | "rate_limit_exceeded";
  /** For `5xx`: the status. Default 500 (the only 5xx every spec declares; Magnific and ModelsLab also declare 503). */
  status?: number;
  /** For `slow`: delay before the normal answer. Default 1000 ms. */
  delayMs?: number;
}

export interface ModelsLabRateLimit {
  /** Requests per window per key and workflow. Default 10 (ModelsLab's documented default). */
  limit?: number;
  /** Window length. Default 60000 ms (the limit is per minute). */
  windowMs?: number;
}

export interface SimulatorOptions {
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** Host to listen on. Default "127.0.0.1" (loopback only). */
  host?: string;
  /** Simulated milliseconds per real millisecond. Default 1; the demo uses more. */
  speed?: number;
  /** Default scenario for new runs, for all providers or per provider. Default "succeeded". */
  scenario?: ScenarioName | Partial<Record<SimProvider, ScenarioName>>;
  /** Base durations for every scenario. */
  timing?: Partial<Timing>;
  /** Per-scenario overrides of `timing`. */
  scenarios?: Partial<Record<ScenarioName, Partial<Timing>>>;
  /** Multiplier of every duration in the `slow` scenario. Default 5. */
  slowFactor?: number;
  /** The status string of the `unknown-status` scenario. Default "stalled" (in no provider's enum). */
  unknownStatus?: string;
  /**
   * Accepted API keys: one list for all providers, or per provider. Default: any non-empty key.
   */
  keys?: readonly string[] | Partial<Record<SimProvider, readonly string[]>>;
  /** Faults planned from the start. */
  faults?: readonly FaultSpec[];
  /** Enforce ModelsLab's per-workflow rate limit (true = 10 requests per minute). Default off. */
  modelslabRateLimit?: boolean | number | ModelsLabRateLimit;
  /** Clock in epoch ms (injectable for deterministic tests). Default Date.now. */
  now?: () => number;
  /** Called with one line per request (method, path, status); never headers or keys. */
  log?: (line: string) => void;
  /** Signs every webhook delivery Standard-Webhooks style with this secret (`whsec_<base64>`). Default: unsigned. */
  webhookSecret?: string;
  /** ModelsLab webhook URLs by workflow id (ModelsLab sets the webhook on the workflow). */
  workflowWebhooks?: Readonly<Record<string, string>>;
  /** Delivery faults planned from the start. */
  webhookFaults?: readonly WebhookFault[];
}

/**
 * A provider's target ids (app, workflow or blueprint): `default` follows the configured
 * scenario; each scenario's own target always acts out that scenario.
 */
export type TargetIds = { default: string } & Partial<Record<ScenarioName, string>>;

/** A run as the control API and `runs()` describe it. */
export interface SimRunInfo {
  provider: SimProvider;
  /** The provider's run id, as a string. */
  id: string;
  /** Reference segments, as the runstatus facade uses them (e.g. [workflow_id, run_id]). */
  ids: string[];
  /** The runstatus run reference, e.g. "onepin:<workflow_id>/<run_id>". */
  ref: string;
  target: string;
  scenario: ScenarioName;
  phase: Phase;
  /** The status string the provider's status call reports now. */
  providerStatus: string;
  createdAt: string;
}

export interface CreateRunOptions {
  provider: SimProvider;
  /** App, workflow or blueprint id. Default: the provider's default target. */
  target?: string;
  scenario?: ScenarioName;
  /** Where the run starts: freshly queued (default), mid-run, paused (OnePin) or at its end. */
  state?: "queued" | "running" | "paused" | "terminal";
  /** Alternatively, how much simulated time has already passed. */
  elapsedMs?: number;
}

/** One answered provider request, as `requests()` and `GET /_simulator/requests` list them (no headers). */
export interface RequestRecord {
  at: string;
  provider: SimProvider | null;
  route: string | null;
  method: string;
  path: string;
  status: number;
  fault: FaultKind | "rate-limit" | null;
}

export interface SimulatorHandle {
  /** e.g. http://127.0.0.1:43121 */
  url: string;
  port: number;
  /** Pass these as the clients' base URL overrides (the documented paths are appended). */
  baseUrls: Record<SimProvider, string>;
  /** A key each provider accepts (the first configured one, or a sample when any key is accepted). */
  keys: Record<SimProvider, string>;
  /** Target ids per provider: `default` and one per scenario the provider supports. */
  targets: Record<SimProvider, TargetIds>;
  createRun(opts: CreateRunOptions): SimRunInfo;
  runs(provider?: SimProvider): SimRunInfo[];
  /** Cancels any run, also on providers that document no cancel call. Returns false for an unknown run. */
  cancelRun(provider: SimProvider, id: string): boolean;
  addFault(fault: FaultSpec): void;
  clearFaults(): void;
  requests(): RequestRecord[];
  /** Sets (or, with null, removes) the webhook URL of a ModelsLab workflow; runs started after it push there. */
  setWorkflowWebhook(workflowId: string, url: string | null): void;
  addWebhookFault(fault: WebhookFault): void;
  clearWebhookFaults(): void;
  /** Webhook deliveries attempted so far, oldest first (no headers, no bodies). */
  webhookDeliveries(): WebhookDelivery[];
  /** Forgets runs, faults, rate-limit windows and the request log. */
  reset(): void;
  /** Stops listening, ends every connection and pending timer. Idempotent. */
  close(): Promise<void>;
}
