// Subpath entry: `import { onepin } from "runstatus/onepin"` pulls in this provider only.
export { ONEPIN_KEY_ENV, type OnePinAdapter, type OnePinAdapterOptions, type OnePinStartInput, onepin } from "@runstatus/onepin";
