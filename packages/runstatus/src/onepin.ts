// Subpath entry: `import { onepin } from "runstatus/onepin"` pulls in this provider only.
export { onepin } from "@runstatus/onepin";
