// Subpath entry: `import { magnific } from "runstatus/magnific"` pulls in this provider only.
export { magnific } from "@runstatus/magnific";
