// `@runstatus/core`: the run model, errors, references and the poller. Adapter authors also use
// `@runstatus/core/adapter`.
export {
  AbortError,
  type AnyRunStatusError,
  ApiError,
  type ApiErrorInit,
  type ErrorKind,
  excerptOf,
  InvalidResponseError,
  isRetryableStatus,
  RunStatusError,
  redact,
  TimeoutError,
  TransportError,
  UnknownStateError,
  UnsupportedError,
  UsageError,
} from "./errors.js";
export {
  type BudgetGrant,
  type BudgetStore,
  type BudgetTicket,
  checkBudget,
  MemoryBudgetStore,
} from "./poll/budget.js";
export { type Clock, FakeClock, realClock } from "./poll/clock.js";
export type {
  PollAnswerEvent,
  PollBudgetEvent,
  PollEndEvent,
  PollEvent,
  PollEventBase,
  PollEventCause,
  PollEventListener,
  PollHintEvent,
  PollRetryEvent,
  PollSentEvent,
  PollStateEvent,
} from "./poll/events.js";
export { hintFloor, type PaceLimits, pollDelay, retryDelay, UNKNOWN_PACE_MS } from "./poll/pace.js";
export {
  MemoryRunHistory,
  type PolicyContext,
  type PollPolicy,
  type ProgressPolicyOptions,
  progressPolicy,
  type RunHistory,
  type Schedule,
  type SerializedRunHistory,
} from "./poll/schedule.js";
export { Scheduler, type SchedulerOptions, sharedScheduler } from "./poll/scheduler.js";
export { type PollOptions, type WaitTarget, waitAll, waitAny, waitForRun, watchRun } from "./poll/wait.js";
export { formatRef, isRunProvider, type ParsedRef, parseRef, refForm } from "./ref.js";
// makeRun is for adapter authors (also in `@runstatus/core/adapter`) and for code that builds runs in tests.
export { isTerminal, makeRun, type RunFields, TERMINAL_STATES } from "./run.js";
export { terminalSafe } from "./text.js";
export type {
  CallContext,
  Capabilities,
  Output,
  OutputKind,
  PollResult,
  Progress,
  RateBudget,
  Run,
  RunError,
  RunProvider,
  RunState,
  StartContext,
  StartInput,
  Step,
  WebhookRun,
} from "./types.js";
