export { WONDERCAT_KEY_ENV, type WondercatAdapter, type WondercatAdapterOptions, wondercat } from "./wondercat-adapter.js";
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
export { type WondercatStartInput, wondercatStartBody } from "./wondercat-input.js";
export {
  toWondercatRun,
  WONDERCAT_STATES,
  /** The former name of {@link WONDERCAT_STATES}. */
  WONDERCAT_STATES as WONDERCAT_RUN_STATES,
  WONDERCAT_STEP_STATES,
} from "./wondercat-map.js";
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
