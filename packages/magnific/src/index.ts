export { SPEC } from "./generated/spec.js";
export {
  ASSET_URL_TTL_MS,
  MAGNIFIC_STATES,
  type MagnificAdapterOptions,
  magnific,
  tokenExpiry,
  WEBHOOK_INPUT_KEY,
} from "./magnific-adapter.js";
export {
  API_KEY_HEADER,
  createMagnificClient,
  DEFAULT_BASE_URL,
  type MagnificClient,
  type MagnificClientOptions,
} from "./magnific-client.js";
export { readMagnificError } from "./magnific-error.js";
export type {
  MagnificApp,
  MagnificAppInput,
  MagnificAppListResponse,
  MagnificAppResponse,
  MagnificAppSummary,
  MagnificAsset,
  MagnificComponents,
  MagnificErrorBody,
  MagnificPaths,
  MagnificRun,
  MagnificRunAccepted,
  MagnificRunAppRequest,
  MagnificRunResponse,
  MagnificRunResult,
  MagnificRunStatus,
  MagnificRunWebhookEvent,
  MagnificToolMetadata,
  MagnificWebhooks,
} from "./magnific-types.js";
