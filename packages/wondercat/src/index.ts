export { WONDERCAT_KEY_ENV, type WondercatAdapterOptions, wondercat } from "./wondercat-adapter.js";
export {
  createWondercatClient,
  DEFAULT_BASE_URL,
  SPEC,
  type WondercatClient,
  type WondercatClientOptions,
  type WondercatComponents,
  type WondercatPaths,
} from "./wondercat-client.js";
export { readWondercatError } from "./wondercat-error.js";
export { startBody as wondercatStartBody } from "./wondercat-input.js";
export { RUN_STATES as WONDERCAT_RUN_STATES, STEP_STATES as WONDERCAT_STEP_STATES } from "./wondercat-map.js";
export type {
  WondercatBlueprintInput,
  WondercatBlueprintMetadata,
  WondercatBlueprintOutput,
  WondercatErrorBody,
  WondercatErrorDetail,
  WondercatOutput,
  WondercatOutputType,
  WondercatProgress,
  WondercatRun,
  WondercatRunInput,
  WondercatRunStatus,
  WondercatRunSummary,
  WondercatStartRunRequest,
  WondercatStartRunResponse,
  WondercatStep,
  WondercatStepStatus,
} from "./wondercat-types.js";
