import { itFuzzesStatusBodies } from "@runstatus/test-utils";
import { wondercat } from "../src/index.js";

itFuzzesStatusBodies("wondercat", wondercat);
