// Subpath entry: `import { wondercat } from "runstatus/wondercat"` pulls in this provider only.
export {
  WONDERCAT_KEY_ENV,
  type WondercatAdapter,
  type WondercatAdapterOptions,
  type WondercatStartInput,
  wondercat,
} from "@runstatus/wondercat";
