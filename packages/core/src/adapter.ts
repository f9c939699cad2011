// `@runstatus/core/adapter`: what a provider package needs to build its client and adapter.
export {
  type AdapterClient,
  type AdapterClientSpec,
  type AdapterOptions,
  type ApiResponse,
  baseUrlEnvVar,
  createAdapterClient,
  type Env,
  readEnv,
  type SendInit,
  type SuccessBody,
  shortHash,
} from "./adapter-client.js";
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
  type AdapterApi,
  type AdapterCapabilities,
  type AdapterMethods,
  type AdapterSpec,
  type DefinedAdapter,
  defineAdapter,
  type RefIds,
} from "./define-adapter.js";
export { excerptOf } from "./errors.js";
export {
  type ApiCallOptions,
  type ApiCallResult,
  callApi,
  type ProviderErrorInfo,
  parseHintValue,
  parseRateLimitReset,
  parseRetryAfter,
  type SendResult,
} from "./http.js";
export { type BodyReader, bodyReader, type Fields } from "./read.js";
export { checkIds } from "./ref.js";
export {
  addMs,
  kindFromMime,
  kindFromUrl,
  makeOutput,
  makeRun,
  mapState,
  mimeFromUrl,
  type RunFields,
  urlExtension,
} from "./run.js";
