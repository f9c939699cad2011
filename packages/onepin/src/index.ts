export type { components as OnePinComponents, operations as OnePinOperations, paths as OnePinPaths } from "./generated/schema.js";
export { SPEC } from "./generated/spec.js";
export { ONEPIN_KEY_ENV, type OnePinAdapter, type OnePinAdapterOptions, onepin } from "./onepin-adapter.js";
export { createOnePinClient, DEFAULT_BASE_URL, type OnePinClient, type OnePinClientOptions } from "./onepin-client.js";
export { readOnePinError } from "./onepin-error.js";
export { ONEPIN_START_INPUTS, type OnePinStartInput, onePinStartBody } from "./onepin-input.js";
export { ONEPIN_STATES, toOnePinDownload, toOnePinRun } from "./onepin-map.js";
export type {
  OnePinAnyErrorBody,
  OnePinDownloadUrl,
  OnePinDownloadUrlResponse,
  OnePinErrorBody,
  OnePinListRunsQuery,
  OnePinMeta,
  OnePinNodeType,
  OnePinOutputLine,
  OnePinPagination,
  OnePinRun,
  OnePinRunDetail,
  OnePinRunListItem,
  OnePinRunOutputs,
  OnePinRunSnapshot,
  OnePinRunStatus,
  OnePinRunStatusResponse,
  OnePinRunStepsQuery,
  OnePinRunsSummary,
  OnePinSinkOutput,
  OnePinStartRunRequest,
  OnePinStartRunResponse,
  OnePinStep,
  OnePinStepStatus,
  OnePinTriggeredBy,
  OnePinValidationErrorBody,
} from "./onepin-types.js";
