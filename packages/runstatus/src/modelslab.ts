// Subpath entry: `import { modelslab } from "runstatus/modelslab"` pulls in this provider only.
export { modelslab } from "@runstatus/modelslab";
