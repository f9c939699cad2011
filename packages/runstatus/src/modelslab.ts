// Subpath entry: `import { modelslab } from "runstatus/modelslab"` pulls in this provider only.
export {
  DEFAULT_RATE_LIMIT,
  MODELSLAB_KEY_ENV,
  type ModelsLabAdapter,
  type ModelsLabAdapterOptions,
  type ModelsLabProvider,
  type ModelsLabStartInput,
  modelslab,
} from "@runstatus/modelslab";
