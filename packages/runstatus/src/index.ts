export type {
  Capabilities,
  Output,
  OutputKind,
  PollOptions,
  Progress,
  Run,
  RunError,
  RunProvider,
  RunState,
  StartInput,
  Step,
} from "@runstatus/core";
export {
  AbortError,
  ApiError,
  formatRef,
  InvalidResponseError,
  isTerminal,
  parseRef,
  RunStatusError,
  TimeoutError,
  TransportError,
  UnknownStateError,
  UnsupportedError,
  UsageError,
} from "@runstatus/core";
export { createRunStatus, type RequestOptions, type ResolvedRef, type RunStatus, type RunStatusOptions } from "./run-status.js";
export type { NotifyResult, StartOptions } from "./webhooks/push.js";
export type { RunEvent, WebhookProvider } from "./webhooks/run-event.js";
