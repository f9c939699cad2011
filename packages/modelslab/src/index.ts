export type {
  components as ModelsLabComponents,
  operations as ModelsLabOperations,
  paths as ModelsLabPaths,
  webhooks as ModelsLabWebhooks,
} from "./generated/schema.js";
export { SPEC } from "./generated/spec.js";
export {
  DEFAULT_RATE_LIMIT,
  MODELSLAB_KEY_ENV,
  type ModelsLabAdapter,
  type ModelsLabAdapterOptions,
  type ModelsLabProvider,
  modelslab,
} from "./modelslab-adapter.js";
export {
  createModelsLabClient,
  DEFAULT_BASE_URL,
  type ModelsLabClient,
  type ModelsLabClientOptions,
} from "./modelslab-client.js";
export { readModelsLabError } from "./modelslab-error.js";
export { type ModelsLabStartInput, modelsLabStartBody } from "./modelslab-input.js";
export { MODELSLAB_STATES, MODELSLAB_WEBHOOK_EVENTS, toModelsLabRun, toModelsLabWebhookEvent } from "./modelslab-map.js";
export type {
  ModelsLabCancelResponse,
  ModelsLabErrorBody,
  ModelsLabExecution,
  ModelsLabExecutionOutput,
  ModelsLabExecutionResponse,
  ModelsLabExecutionStatus,
  ModelsLabRateLimitErrorBody,
  ModelsLabRunAccepted,
  ModelsLabRunRequest,
  ModelsLabStep,
  ModelsLabStepStatus,
  ModelsLabWorkflowInfo,
  ModelsLabWorkflowList,
  ModelsLabWorkflowParameter,
  ModelsLabWorkflowSchema,
  ModelsLabWorkflowSummary,
  ModelsLabWorkflowWebhookEvent,
} from "./modelslab-types.js";
