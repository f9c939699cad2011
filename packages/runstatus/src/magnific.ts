// Subpath entry: `import { magnific } from "runstatus/magnific"` pulls in this provider only.
export {
  MAGNIFIC_KEY_ENV,
  type MagnificAdapter,
  type MagnificAdapterOptions,
  type MagnificStartInput,
  magnific,
} from "@runstatus/magnific";
