export {
  type BaseClientOptions,
  checkApiKey,
  checkBaseUrl,
  createProviderClient,
  optionHeaders,
  type ProviderClientSpec,
  safePathSerializer,
} from "./client.js";
export {
  type AdapterOptions,
  type Answer,
  baseUrlEnvVar,
  type LazyClient,
  lazyClient,
  readEnv,
  type SendInit,
  shortHash,
} from "./config.js";
export {
  AbortError,
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
  type ApiCallOptions,
  type ApiCallResult,
  callApi,
  type ProviderErrorInfo,
  parseHintValue,
  parseRetryAfter,
  type SendResult,
} from "./http.js";
export {
  type BudgetGrant,
  type BudgetStore,
  type BudgetTicket,
  MemoryBudgetStore,
} from "./poll/budget.js";
export { type Clock, FakeClock, realClock } from "./poll/clock.js";
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
export { bodyView, type Fields, type Reader, reader, type View } from "./read.js";
export { checkIds, formatRef, isRunProvider, type ParsedRef, parseRef, refForm } from "./ref.js";
export {
  addMs,
  isTerminal,
  kindFromMime,
  kindFromUrl,
  makeOutput,
  makeRun,
  mapState,
  mimeFromUrl,
  type RunFields,
  TERMINAL_STATES,
  urlExtension,
} from "./run.js";
export type {
  CallContext,
  Capabilities,
  KnownProvider,
  Output,
  OutputKind,
  PollResult,
  Progress,
  RateBudget,
  Run,
  RunError,
  RunProvider,
  RunState,
  StartInput,
  Step,
} from "./types.js";
