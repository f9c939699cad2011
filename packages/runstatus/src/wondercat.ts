// Subpath entry: `import { wondercat } from "runstatus/wondercat"` pulls in this provider only.
export { wondercat } from "@runstatus/wondercat";
