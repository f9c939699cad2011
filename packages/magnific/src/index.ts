export { SPEC } from "./generated/spec.js";
export { MAGNIFIC_KEY_ENV, type MagnificAdapter, type MagnificAdapterOptions, magnific } from "./magnific-adapter.js";
export {
  API_KEY_HEADER,
  createMagnificClient,
  DEFAULT_BASE_URL,
  type MagnificClient,
  type MagnificClientOptions,
} from "./magnific-client.js";
export { readMagnificError } from "./magnific-error.js";
export { type MagnificStartInput, magnificStartBody, WEBHOOK_INPUT_KEY } from "./magnific-input.js";
export {
  ASSET_URL_TTL_MS,
  MAGNIFIC_STATES,
  MAGNIFIC_WEBHOOK_EVENTS,
  tokenExpiry,
  toMagnificRun,
  toMagnificWebhookEvent,
} from "./magnific-map.js";
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
