export { DEFAULT_TARGETS, SCENARIO_TARGETS, scenariosFor, TARGETS } from "./catalog.js";
export { SimulatorError } from "./errors.js";
export { FAULT_HEADER } from "./faults.js";
export { SCENARIO_HEADER } from "./providers/shared.js";
export { startSimulator } from "./server.js";
export {
  type CreateRunOptions,
  type FaultKind,
  type FaultSpec,
  type ModelsLabRateLimit,
  type Phase,
  PROVIDERS,
  type RequestRecord,
  SCENARIOS,
  type ScenarioName,
  type SimProvider,
  type SimRunInfo,
  type SimulatorHandle,
  type SimulatorOptions,
  type TargetIds,
  type Timing,
} from "./types.js";
export { WEBHOOK_FAULT_KINDS, type WebhookDelivery, type WebhookFault, type WebhookFaultKind } from "./webhooks.js";
